package trip

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/search"
)

// Filter narrows the trip list.
type Filter struct {
	Kind                    string
	Status                  string
	Country                 string
	Region                  string
	From, To                string // the trip overlaps [From, To]; either may be empty
	Organiser               string
	ParticipantOrganisation string
	Q                       string
}

// Sort is the trip list's order spec, soonest first by default.
var Sort = page.Spec{
	Default:   "start_date",
	Relevance: true,
	Fields: []page.Field{
		{Name: "start_date", Column: "start_date", Kind: page.String},
		{Name: "updated_at", Column: "updated_at", Kind: page.Time},
	},
}

// listColumns are what a list reads: not the search text.
var listColumns = database.Columns[Trip]("search_text", "search_name")

// List returns one page of trips.
func List(ctx context.Context, db *database.DB, f Filter, p page.Page) ([]Trip, *string, error) {
	p = p.Ranked(search.RankSQL("trips", f.Q))
	q := p.Select(db.Conn(ctx).Model(&Trip{}), listColumns)
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.Country != "" {
		q = q.Where("country = ?", f.Country)
	}
	if f.Region != "" {
		q = q.Where("id IN (SELECT trip_id FROM trip_regions WHERE region = ?)", f.Region)
	}
	if f.From != "" {
		q = q.Where(db.Selective("end_date >= ?"), f.From)
	}
	if f.To != "" {
		q = q.Where("start_date <= ?", f.To)
	}
	if f.Organiser != "" {
		q = q.Where("id IN (SELECT trip_id FROM trip_organisers WHERE organisation_id = ?)", f.Organiser)
	}
	if f.ParticipantOrganisation != "" {
		q = q.Where("id IN (SELECT trip_id FROM trip_participants WHERE organisation_id = ? AND status <> 'cancelled')", f.ParticipantOrganisation)
	}
	var rows []Trip
	if err := search.Find(q, db, "trips", f.Q, p, &rows); err != nil {
		return nil, nil, err
	}
	items, next := page.Finish(p, rows, func(t Trip, field string) page.Key {
		if field == "updated_at" {
			return page.Key{Value: t.UpdatedAt, ID: t.ID, Rank: t.SearchRank}
		}
		return page.Key{Value: t.StartDate, ID: t.ID, Rank: t.SearchRank}
	})
	if err := withLinks(ctx, db, items); err != nil {
		return nil, nil, err
	}
	return items, next, nil
}

// Seats counts a trip's confirmed and waiting registrations.
func Seats(ctx context.Context, db *database.DB, ids []string) (map[string][2]int, error) {
	out := map[string][2]int{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		TripID string
		Status string
		N      int
	}
	if err := db.Conn(ctx).Table("trip_participants").Select("trip_id, status, count(*) AS n").
		Where("trip_id IN ? AND status <> 'cancelled'", ids).Group("trip_id, status").Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		c := out[r.TripID]
		if r.Status == Confirmed {
			c[0] = r.N
		} else {
			c[1] = r.N
		}
		out[r.TripID] = c
	}
	return out, nil
}
