// Package reference owns the reference data that other records point to by
// a stable code: regions, focus areas and funders. All three share one
// shape (a code, a name in three languages and, for regions and funders, a
// country), so one store serves them. Everyone reads them; only admins add,
// rename or remove entries, and the code of an entry never changes because
// it is what other records store.
package reference

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/page"
)

// Kind is one kind of reference data.
type Kind struct {
	Table string
	// Noun names one entry in messages.
	Noun string
	// Entity is the entity type in the audit log.
	Entity     string
	HasCountry bool
	// Example is a code shown in messages.
	Example string
	// AllowsEU admits the European Union's code "EU" as a country: it is
	// not a country but funds research like one.
	AllowsEU bool
	// referredBy are the records that name an entry by its code and keep
	// it from being deleted.
	referredBy []database.Referrer
}

var (
	Regions = Kind{Table: "regions", Noun: "region", Entity: "region", Example: "osaka", HasCountry: true,
		referredBy: []database.Referrer{{Table: "organisations", Column: "region", Noun: "organisations"}, {Table: "trip_regions", Column: "region", Noun: "trips"}}}
	FocusAreas = Kind{Table: "focus_areas", Noun: "focus area", Entity: "focus_area", Example: "cell_gene_therapy",
		referredBy: []database.Referrer{{Table: "organisation_focus_areas", Column: "focus_area", Noun: "organisations"},
			{Table: "agreement_focus_areas", Column: "focus_area", Noun: "agreements"}, {Table: "project_focus_areas", Column: "focus_area", Noun: "projects"},
			{Table: "opportunity_focus_areas", Column: "focus_area", Noun: "opportunities"}}}
	Funders = Kind{Table: "funders", Noun: "funder", Entity: "funder", Example: "amed", HasCountry: true, AllowsEU: true,
		referredBy: []database.Referrer{{Table: "project_fundings", Column: "funder", Noun: "fundings"}}}
)

// Entry is one region, focus area or funder.
type Entry struct {
	ID        string
	Code      string
	Country   string    // empty where the table has none
	Name      i18n.Text `gorm:"embedded;embeddedPrefix:name_"`
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (k Kind) columns() []string {
	cols := []string{"id", "code", "name_de", "name_en", "name_ja", "version", "created_at", "updated_at"}
	if k.HasCountry {
		cols = append(cols, "country")
	}
	return cols
}

// Sort is the list order spec shared by all reference lists.
var Sort = page.Spec{
	Default: "code",
	Fields: []page.Field{
		{Name: "code", Column: "code", Kind: page.String},
		{Name: "created_at", Column: "created_at", Kind: page.Time},
		{Name: "updated_at", Column: "updated_at", Kind: page.Time},
	},
}

// Filter narrows a list.
type Filter struct {
	Country string
}

// List returns one page of entries.
func List(ctx context.Context, db *database.DB, k Kind, f Filter, p page.Page) ([]Entry, *string, error) {
	q := db.Conn(ctx).Table(k.Table).Select(k.columns())
	if f.Country != "" && k.HasCountry {
		q = q.Where("country = ?", f.Country)
	}
	var rows []Entry
	if err := p.Find(q, &rows); err != nil {
		return nil, nil, err
	}
	items, next := page.Finish(p, rows, sortKey)
	return items, next, nil
}

func sortKey(e Entry, field string) page.Key {
	switch field {
	case "created_at":
		return page.Key{Value: e.CreatedAt, ID: e.ID}
	case "updated_at":
		return page.Key{Value: e.UpdatedAt, ID: e.ID}
	default:
		return page.Key{Value: e.Code, ID: e.ID}
	}
}

// Get returns the entry with the code.
func Get(ctx context.Context, db *database.DB, k Kind, code string) (Entry, error) {
	var e Entry
	err := db.Conn(ctx).Table(k.Table).Select(k.columns()).Where("code = ?", code).Take(&e).Error
	if database.IsNotFound(err) {
		return Entry{}, apperr.New(apperr.NotFound, "No %s with code %q", k.Noun, code)
	}
	return e, err
}

// view is what the audit log records of an entry.
type view struct {
	Code    string    `json:"code"`
	Country string    `json:"country,omitempty"`
	Name    i18n.Text `json:"name"`
}

func (e Entry) view() view { return view{Code: e.Code, Country: e.Country, Name: e.Name} }

// canManage is the policy for reference data: admins only.
func canManage(p auth.Principal, k Kind) error {
	if !p.IsAdmin() {
		return apperr.New(apperr.Forbidden, "Only admins change the list of %ss", k.Noun)
	}
	return nil
}

// MaxNameLength is the longest name in one language, in characters.
const MaxNameLength = 200

var validCode = regexp.MustCompile(`^[a-z][a-z0-9_]{1,63}$`)

// check collects what is wrong with an entry about to be written.
func (k Kind) check(bad *apperr.Fields, e Entry) {
	switch {
	case !k.HasCountry && e.Country != "":
		bad.Add("country", "%ss have no country", k.Noun)
	case !k.HasCountry:
	case e.Country == "":
		bad.Add("country", "is required")
	case k.AllowsEU && e.Country == "EU":
	case !i18n.ValidCountry(e.Country):
		if k.AllowsEU {
			bad.Add("country", "must be an ISO 3166-1 alpha-2 code in capitals such as DE or JP, or EU")
		} else {
			bad.Add("country", "must be an ISO 3166-1 alpha-2 code in capitals such as DE or JP")
		}
	}
	if e.Name == (i18n.Text{}) {
		bad.Add("name", "needs at least one of de, en, ja")
	}
	for _, l := range []struct{ locale, text string }{{"de", e.Name.De}, {"en", e.Name.En}, {"ja", e.Name.Ja}} {
		if utf8.RuneCountInString(l.text) > MaxNameLength {
			bad.Add("name."+l.locale, "must be at most %d characters", MaxNameLength)
		}
	}
}

func trimText(t i18n.Text) i18n.Text {
	return i18n.Text{De: strings.TrimSpace(t.De), En: strings.TrimSpace(t.En), Ja: strings.TrimSpace(t.Ja)}
}

// New is what an admin gives to add an entry.
type New struct {
	Code    string
	Country string // only for kinds with a country
	Name    i18n.Text
}

// Create adds an entry.
func Create(ctx context.Context, db *database.DB, k Kind, in New) (Entry, error) {
	if err := canManage(auth.From(ctx), k); err != nil {
		return Entry{}, err
	}
	now := database.Now()
	e := Entry{ID: uuid.Must(uuid.NewV7()).String(), Code: in.Code, Country: in.Country, Name: trimText(in.Name), Version: 1, CreatedAt: now, UpdatedAt: now}
	var bad apperr.Fields
	if !validCode.MatchString(e.Code) {
		bad.Add("code", "must be 2 to 64 lower-case letters, digits or _, starting with a letter, such as %s", k.Example)
	}
	k.check(&bad, e)
	if err := bad.Err(); err != nil {
		return Entry{}, err
	}
	row := map[string]any{
		"id": e.ID, "code": e.Code, "name_de": e.Name.De, "name_en": e.Name.En, "name_ja": e.Name.Ja,
		"version": e.Version, "created_at": e.CreatedAt, "updated_at": e.UpdatedAt,
	}
	if k.HasCountry {
		row["country"] = e.Country
	}
	err := db.WithTx(ctx, func(ctx context.Context) error {
		if err := db.Conn(ctx).Table(k.Table).Create(row).Error; err != nil {
			if database.IsDuplicate(err) {
				return apperr.New(apperr.Conflict, "A %s with code %q exists already", k.Noun, e.Code)
			}
			return err
		}
		return audit.Record(ctx, db, audit.Create, k.Entity, e.ID, e.Version, nil, e.view())
	})
	if err != nil {
		return Entry{}, err
	}
	return e, nil
}

// Patch changes an entry; absent fields stay. The code cannot change.
type Patch struct {
	Country opt.Field[string]
	Name    i18n.TextPatch
}

// Update applies an admin's patch to the entry with the code, based on version.
func Update(ctx context.Context, db *database.DB, k Kind, code string, version int, in Patch) (Entry, error) {
	if err := canManage(auth.From(ctx), k); err != nil {
		return Entry{}, err
	}
	var out Entry
	err := db.WithTx(ctx, func(ctx context.Context) error {
		before, err := Get(ctx, db, k, code)
		if err != nil {
			return err
		}
		if err := database.CheckVersion(k.Noun, before.Version, version); err != nil {
			return err
		}
		after := before
		if in.Country.Set && k.HasCountry {
			after.Country = in.Country.Value // "" when null, which check refuses
		}
		after.Name = trimText(in.Name.Apply(before.Name))
		var bad apperr.Fields
		if in.Country.Set && !k.HasCountry {
			bad.Add("country", "%ss have no country", k.Noun)
		}
		k.check(&bad, after)
		if err := bad.Err(); err != nil {
			return err
		}
		if after.view() == before.view() {
			out = before
			return nil
		}
		set := map[string]any{"name_de": after.Name.De, "name_en": after.Name.En, "name_ja": after.Name.Ja}
		if k.HasCountry {
			set["country"] = after.Country
		}
		v, err := db.UpdateVersioned(ctx, k.Table, k.Noun, before.ID, version, set)
		if err != nil {
			return err
		}
		if out, err = Get(ctx, db, k, code); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Update, k.Entity, before.ID, v, before.view(), out.view())
	})
	if err != nil {
		return Entry{}, err
	}
	return out, nil
}

// Delete removes the entry with the code, based on version. An entry that
// other records still refer to stays: that is a conflict, not a cascade.
func Delete(ctx context.Context, db *database.DB, k Kind, code string, version int) error {
	if err := canManage(auth.From(ctx), k); err != nil {
		return err
	}
	return db.WithTx(ctx, func(ctx context.Context) error {
		before, err := Get(ctx, db, k, code)
		if err != nil {
			return err
		}
		if err := database.CheckVersion(k.Noun, before.Version, version); err != nil {
			return err
		}
		if err := db.DeleteVersioned(ctx, k.Table, k.Noun, before.ID, version, database.Referrers{Key: "code", From: k.referredBy, Instead: "change them to another " + k.Noun + " first"}); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Delete, k.Entity, before.ID, before.Version, before.view(), nil)
	})
}

// Codes returns every code of kind k, for loaders that check many records
// at once.
func Codes(ctx context.Context, db *database.DB, k Kind) ([]string, error) {
	var codes []string
	err := db.Conn(ctx).Table(k.Table).Order("code").Pluck("code", &codes).Error
	return codes, err
}

// CheckCodes returns a field error for each code that is not an entry of
// kind k.
func CheckCodes(ctx context.Context, db *database.DB, k Kind, field string, codes []string) error {
	if len(codes) == 0 {
		return nil
	}
	var known []string
	if err := db.Conn(ctx).Table(k.Table).Where("code IN ?", codes).Pluck("code", &known).Error; err != nil {
		return err
	}
	var bad apperr.Fields
	for _, c := range codes {
		if !slices.Contains(known, c) {
			bad.Add(field, "%q is not a %s code (see /api/v1/%s)", c, k.Noun, strings.ReplaceAll(k.Table, "_", "-"))
		}
	}
	return bad.Err()
}

// SetFocusAreas replaces the focus areas of a record in its link table
// (e.g. organisation_focus_areas with owner column organisation_id).
func SetFocusAreas(ctx context.Context, db *database.DB, table, owner, id string, codes []string) error {
	if err := db.Conn(ctx).Exec("DELETE FROM "+table+" WHERE "+owner+" = ?", id).Error; err != nil {
		return err
	}
	for _, c := range codes {
		if err := db.Conn(ctx).Exec("INSERT INTO "+table+" ("+owner+", focus_area) VALUES (?, ?)", id, c).Error; err != nil {
			return err
		}
	}
	return nil
}

// FocusAreasOf loads the focus areas of many records in one query, by id.
func FocusAreasOf(ctx context.Context, db *database.DB, table, owner string, ids []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct{ Owner, FocusArea string }
	if err := db.Conn(ctx).Table(table).Select(owner+" AS owner, focus_area").Where(owner+" IN ?", ids).Order("focus_area").Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.Owner] = append(out[r.Owner], r.FocusArea)
	}
	return out, nil
}
