package organisation

import (
	"context"
	"strings"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/search"
	"github.com/innomunich/platform/pkg/telemetry"
	"go.opentelemetry.io/otel/attribute"
	"gorm.io/gorm"
)

// Filter narrows the organisation list. It lists either the active
// organisations (the default) or, with Archived, the archived ones.
type Filter struct {
	Country      string
	Region       string
	Kind         string
	FocusAreas   []string // any of
	SME          *bool
	Archived     bool
	UpdatedSince *time.Time
	Q            string
	IDs          []string
	// ExternalID, "system:id", selects the organisation a partner system
	// knows by that id.
	ExternalID string
}

// Sort is the organisation list's order spec.
var Sort = page.Spec{
	Default:   "name",
	Relevance: true,
	Fields: []page.Field{
		{Name: "name", Column: "name_sort", Kind: page.String},
		{Name: "name_kana", Column: "kana_sort", Kind: page.String},
		{Name: "created_at", Column: "created_at", Kind: page.Time},
		{Name: "updated_at", Column: "updated_at", Kind: page.Time},
	},
}

// columns are what a list reads: not what only search and duplicate
// detection use.
var columns = database.Columns[Organisation]("name_key", "website_host", "search_text", "search_name")

func (f Filter) apply(q *gorm.DB) *gorm.DB {
	q = q.Where("archived = ?", f.Archived)
	if f.Country != "" {
		q = q.Where("country = ?", f.Country)
	}
	if f.Region != "" {
		q = q.Where("region = ?", f.Region)
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.SME != nil {
		q = q.Where("sme = ?", *f.SME)
	}
	if f.UpdatedSince != nil {
		q = q.Where("updated_at >= ?", f.UpdatedSince.UTC())
	}
	if len(f.FocusAreas) > 0 {
		// Correlated, so the list is read in its order and each row checked
		// (every focus area is a sizeable share of the directory), instead
		// of collecting every match and sorting it.
		q = q.Where("EXISTS (SELECT 1 FROM organisation_focus_areas fa WHERE fa.organisation_id = organisations.id AND fa.focus_area IN ?)", f.FocusAreas)
	}
	if len(f.IDs) > 0 {
		q = q.Where("id IN ?", f.IDs)
	}
	if system, id, ok := strings.Cut(f.ExternalID, ":"); ok {
		q = q.Where("id IN (SELECT organisation_id FROM organisation_external_ids WHERE system = ? AND external_id = ?)", system, id)
	}
	return q
}

// List returns one page of organisations with their focus areas.
func List(ctx context.Context, db *database.DB, f Filter, p page.Page) (_ []Organisation, _ *string, err error) {
	ctx, span := telemetry.Start(ctx, "organisation.List", attribute.Bool("search", f.Q != ""), attribute.Int("limit", p.Limit))
	defer func() { telemetry.End(span, err) }()
	p = p.Ranked(search.RankSQL("organisations", f.Q))
	q := f.apply(p.Select(db.Conn(ctx).Table("organisations"), columns))
	var rows []Organisation
	if err := search.Find(q, db, "organisations", f.Q, p, &rows); err != nil {
		return nil, nil, err
	}
	items, next := page.Finish(p, rows, sortKey)
	ptrs := make([]*Organisation, len(items))
	for i := range items {
		ptrs[i] = &items[i]
	}
	if err := withFocusAreas(ctx, db, ptrs); err != nil {
		return nil, nil, err
	}
	return items, next, nil
}

func sortKey(o Organisation, field string) page.Key {
	switch field {
	case "name_kana":
		return page.Key{Value: o.KanaSort, ID: o.ID, Rank: o.SearchRank}
	case "created_at":
		return page.Key{Value: o.CreatedAt, ID: o.ID, Rank: o.SearchRank}
	case "updated_at":
		return page.Key{Value: o.UpdatedAt, ID: o.ID, Rank: o.SearchRank}
	}
	return page.Key{Value: o.NameSort, ID: o.ID, Rank: o.SearchRank}
}

// MatchClause is the condition "the organisation (organisation_id of
// table) matches the search query", for lists that also find their
// records by their organisation's name (people on SQLite; on PostgreSQL
// the people carry their organisation's search text, see
// person.organisationMatches).
func MatchClause(db *database.DB, table, query string) search.Clause {
	c := search.Condition(db, "organisations", query)
	if c.SQL == "" {
		return c
	}
	return search.Clause{SQL: table + ".organisation_id IN (SELECT organisations.id FROM organisations WHERE " + c.SQL + ")", Args: c.Args}
}

// Each calls fn for every organisation the filter selects, in the order
// of sort, a page at a time, so an export of any size streams in constant
// memory.
func Each(ctx context.Context, db *database.DB, f Filter, sort string, fn func(Organisation) error) error {
	cursor := ""
	for {
		p, err := Sort.Parse(page.Params{Limit: "200", Sort: sort, Cursor: cursor})
		if err != nil {
			return err
		}
		rows, next, err := List(ctx, db, f, p)
		if err != nil {
			return err
		}
		for _, o := range rows {
			if err := fn(o); err != nil {
				return err
			}
		}
		if next == nil {
			return nil
		}
		cursor = *next
	}
}

// Ref is how a response names a referenced organisation: its Latin name
// and its name in the local script (empty where none is known), so that
// a Japanese reader sees a Japanese partner in Japanese first.
type Ref struct{ Name, NameLocal string }

// In is the name a reader of the language sees first: the local name for
// a Japanese reader where one is known, else the Latin name.
func (r Ref) In(locale string) string {
	if locale == "ja" && r.NameLocal != "" {
		return r.NameLocal
	}
	return r.Name
}

// Refs returns the names of the organisations with the ids in both
// scripts, for responses that show a referenced organisation by name.
func Refs(ctx context.Context, db *database.DB, ids []string) (map[string]Ref, error) {
	out := map[string]Ref{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct{ ID, Name, NameLocal string }
	if err := db.Conn(ctx).Table("organisations").Select("id, name, name_local").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = Ref{r.Name, r.NameLocal}
	}
	return out, nil
}

// Names returns the Latin names of the organisations with the ids, for
// texts written in one script (e-mails, calendar feeds).
func Names(ctx context.Context, db *database.DB, ids []string) (map[string]string, error) {
	return namesIn(ctx, db, "", ids)
}

// namesIn returns the names of the organisations as a reader of the
// language sees them first (Ref.In).
func namesIn(ctx context.Context, db *database.DB, locale string, ids []string) (map[string]string, error) {
	refs, err := Refs(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(refs))
	for id, r := range refs {
		out[id] = r.In(locale)
	}
	return out, nil
}

// Countries returns the countries of the organisations with the ids.
func Countries(ctx context.Context, db *database.DB, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct{ ID, Country string }
	if err := db.Conn(ctx).Table("organisations").Select("id, country").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = r.Country
	}
	return out, nil
}
