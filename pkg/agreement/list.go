package agreement

import (
	"context"
	"strconv"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/search"
)

// Filter narrows the register.
type Filter struct {
	Parties    []string // any of these organisations is a party
	Region     string   // a party is in this region
	Country    string   // a party is in this country
	Kind       string
	Status     string
	FocusAreas []string // any of
	SignedFrom int      // year, 0 for any
	SignedTo   int      // year, 0 for any
	Q          string
	Now        time.Time // the moment the status is judged at; zero is now
}

// Sort is the register's order spec, newest signature first by default.
var Sort = page.Spec{
	Default:   "-signed_on",
	Relevance: true,
	Fields: []page.Field{
		{Name: "signed_on", Column: "signed_on", Kind: page.String},
		{Name: "valid_until", Column: "valid_until_sort", Kind: page.String},
		{Name: "updated_at", Column: "updated_at", Kind: page.Time},
	},
}

// listColumns are what a list reads: not the search text.
var listColumns = database.Columns[Agreement]("search_text", "search_name")

// List returns one page of agreements with their details.
func List(ctx context.Context, db *database.DB, f Filter, p page.Page) ([]Agreement, *string, error) {
	p = p.Ranked(search.RankSQL("agreements", f.Q))
	q := p.Select(db.Conn(ctx).Model(&Agreement{}), listColumns)
	if len(f.Parties) > 0 {
		q = q.Where("id IN (SELECT agreement_id FROM agreement_parties WHERE organisation_id IN ?)", f.Parties)
	}
	if f.Region != "" {
		q = q.Where("id IN (SELECT ap.agreement_id FROM agreement_parties ap JOIN organisations o ON o.id = ap.organisation_id WHERE o.region = ?)", f.Region)
	}
	if f.Country != "" {
		// A common country is checked per agreement in the list's order:
		// its two or three parties, then each party's organisation by id
		// (CROSS JOIN keeps SQLite to that order).
		cond, err := organisation.CountryCondition(ctx, db, f.Country,
			"EXISTS (SELECT 1 FROM agreement_parties ap CROSS JOIN organisations o WHERE ap.agreement_id = agreements.id AND o.id = ap.organisation_id AND o.country = ?)",
			"id IN (SELECT ap.agreement_id FROM agreement_parties ap JOIN organisations o ON o.id = ap.organisation_id WHERE o.country = ?)")
		if err != nil {
			return nil, nil, err
		}
		q = q.Where(cond, f.Country)
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.Status != "" {
		now := f.Now
		if now.IsZero() {
			now = time.Now()
		}
		cond, args := StatusWhere(f.Status, Today(now))
		q = q.Where(cond, args...)
	}
	if len(f.FocusAreas) > 0 {
		q = q.Where("id IN (SELECT agreement_id FROM agreement_focus_areas WHERE focus_area IN ?)", f.FocusAreas)
	}
	if f.SignedFrom > 0 {
		q = q.Where("signed_on >= ?", strconv.Itoa(f.SignedFrom))
	}
	if f.SignedTo > 0 {
		q = q.Where("signed_on <> '' AND signed_on < ?", strconv.Itoa(f.SignedTo+1))
	}
	var rows []Agreement
	if err := search.Find(q, db, "agreements", f.Q, p, &rows); err != nil {
		return nil, nil, err
	}
	items, next := page.Finish(p, rows, func(a Agreement, field string) page.Key {
		switch field {
		case "valid_until":
			return page.Key{Value: a.ValidUntilSort, ID: a.ID, Rank: a.SearchRank}
		case "updated_at":
			return page.Key{Value: a.UpdatedAt, ID: a.ID, Rank: a.SearchRank}
		}
		return page.Key{Value: a.SignedOn, ID: a.ID, Rank: a.SearchRank}
	})
	if err := withDetails(ctx, db, items); err != nil {
		return nil, nil, err
	}
	return items, next, nil
}

// Ref is an agreement as a chain of origins shows it.
type Ref struct {
	ID               string
	Title            string
	SignedOn         string
	OriginInterestID *string
}

// Refs returns, in one query, the agreements with the ids and those that
// came from one of the interests: what an opportunity led to.
func Refs(ctx context.Context, db *database.DB, ids, interestIDs []string) ([]Ref, error) {
	var out []Ref
	if len(ids) == 0 && len(interestIDs) == 0 {
		return out, nil
	}
	q := db.Conn(ctx).Model(&Agreement{}).Select("id, title, signed_on, origin_interest_id")
	switch {
	case len(ids) > 0 && len(interestIDs) > 0:
		q = q.Where("id IN ? OR origin_interest_id IN ?", ids, interestIDs)
	case len(ids) > 0:
		q = q.Where("id IN ?", ids)
	default:
		q = q.Where("origin_interest_id IN ?", interestIDs)
	}
	err := q.Order("created_at, id").Scan(&out).Error
	return out, err
}
