package opportunity

import (
	"context"
	"time"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/search"
	"gorm.io/gorm"
)

// Filter narrows the list of opportunities.
type Filter struct {
	Kind            string
	FocusAreas      []string // any of
	Modality        string
	Stage           string
	CooperationType string
	Country         string // of the organisation
	TargetCountry   string // targets this country, or every country
	Status          string
	OrganisationID  string
	Q               string
	// IncludeExpired keeps opportunities whose validity has ended, which
	// the list leaves out by default.
	IncludeExpired bool
	Now            time.Time // the moment expiry is judged at; zero is now
}

// Sort is the list's order spec, most recently published first (never
// published ones last).
var Sort = page.Spec{
	Default:   "-published_at",
	Relevance: true,
	Fields: []page.Field{
		{Name: "published_at", Column: "published_sort", Kind: page.String},
		{Name: "valid_until", Column: "valid_until", Kind: page.String},
		{Name: "updated_at", Column: "updated_at", Kind: page.Time},
	},
}

// visible narrows q to the opportunities the caller may read (Readable
// in SQL).
func visible(q *gorm.DB, p auth.Principal) *gorm.DB {
	switch {
	case p.IsCoordinator():
		return q
	case p.OrganisationID != "":
		return q.Where("(opportunities.status <> ? OR opportunities.organisation_id = ?)", Draft, p.OrganisationID)
	}
	return q.Where("opportunities.status <> ?", Draft)
}

// List returns one page of the opportunities the caller may read.
func List(ctx context.Context, db *database.DB, f Filter, p page.Page) ([]Opportunity, *string, error) {
	p = p.Ranked(search.RankSQL("opportunities", f.Q))
	q := visible(p.Select(db.Conn(ctx).Table("opportunities"), columns), auth.From(ctx))
	tag := func(t string) {
		q = q.Where("id IN (SELECT opportunity_id FROM opportunity_tags WHERE tag = ?)", t)
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if len(f.FocusAreas) > 0 {
		q = q.Where("id IN (SELECT opportunity_id FROM opportunity_focus_areas WHERE focus_area IN ?)", f.FocusAreas)
	}
	if f.Modality != "" {
		tag("modality:" + f.Modality)
	}
	if f.Stage != "" {
		q = q.Where("stage = ?", f.Stage)
	}
	if f.CooperationType != "" {
		tag("cooperation:" + f.CooperationType)
	}
	if f.Country != "" {
		// A common country is checked per opportunity in the list's
		// order, its organisation by id.
		cond, err := organisation.CountryCondition(ctx, db, f.Country,
			"EXISTS (SELECT 1 FROM organisations o WHERE o.id = opportunities.organisation_id AND o.country = ?)",
			"organisation_id IN (SELECT id FROM organisations WHERE country = ?)")
		if err != nil {
			return nil, nil, err
		}
		q = q.Where(cond, f.Country)
	}
	if f.TargetCountry != "" {
		q = q.Where("id IN (SELECT opportunity_id FROM opportunity_tags WHERE tag IN ?)", []string{"target:" + f.TargetCountry, AnyTarget})
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.OrganisationID != "" {
		q = q.Where("organisation_id = ?", f.OrganisationID)
	}
	if !f.IncludeExpired {
		now := f.Now
		if now.IsZero() {
			now = time.Now()
		}
		q = q.Where("valid_until >= ?", Today(now))
	}
	var rows []Opportunity
	if err := search.Find(q, db, "opportunities", f.Q, p, &rows); err != nil {
		return nil, nil, err
	}
	items, next := page.Finish(p, rows, func(o Opportunity, field string) page.Key {
		switch field {
		case "valid_until":
			return page.Key{Value: o.ValidUntil, ID: o.ID, Rank: o.SearchRank}
		case "updated_at":
			return page.Key{Value: o.UpdatedAt, ID: o.ID, Rank: o.SearchRank}
		}
		return page.Key{Value: o.PublishedSort, ID: o.ID, Rank: o.SearchRank}
	})
	if err := withFocusAreas(ctx, db, items); err != nil {
		return nil, nil, err
	}
	return items, next, nil
}
