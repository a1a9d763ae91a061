package project

import (
	"strings"

	"context"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/search"
)

// Filter narrows the project list.
type Filter struct {
	Phase           string
	FocusAreas      []string
	Partner         string // an organisation takes part
	Country         string // a partner is in this country
	Funder          string
	OriginTrip      string
	OriginAgreement string
	ActiveOn        string // running on this date
	Q               string
}

// Sort is the project list's order spec.
var Sort = page.Spec{
	Default:   "start_date",
	Relevance: true,
	Fields: []page.Field{
		{Name: "start_date", Column: "start_sort", Kind: page.String},
		{Name: "title", Column: "title_sort", Kind: page.String},
		{Name: "updated_at", Column: "updated_at", Kind: page.Time},
	},
}

// listColumns are what a list reads: not the search text.
var listColumns = database.Columns[Project]("search_text", "search_name")

// List returns one page of projects with their details.
func List(ctx context.Context, db *database.DB, f Filter, p page.Page) ([]Project, *string, error) {
	p = p.Ranked(search.RankSQL("projects", f.Q))
	q := p.Select(db.Conn(ctx).Model(&Project{}), listColumns)
	if f.Phase != "" {
		q = q.Where("phase = ?", f.Phase)
	}
	if len(f.FocusAreas) > 0 {
		q = q.Where("id IN (SELECT project_id FROM project_focus_areas WHERE focus_area IN ?)", f.FocusAreas)
	}
	if f.Partner != "" {
		q = q.Where("id IN (SELECT project_id FROM project_partners WHERE organisation_id = ?)", f.Partner)
	}
	if f.Country != "" {
		// A common country is checked per project in the list's order:
		// its partners, then each partner's organisation by id (CROSS
		// JOIN keeps SQLite to that order).
		cond, err := organisation.CountryCondition(ctx, db, f.Country,
			"EXISTS (SELECT 1 FROM project_partners pp CROSS JOIN organisations o WHERE pp.project_id = projects.id AND o.id = pp.organisation_id AND o.country = ?)",
			"id IN (SELECT pp.project_id FROM project_partners pp JOIN organisations o ON o.id = pp.organisation_id WHERE o.country = ?)")
		if err != nil {
			return nil, nil, err
		}
		q = q.Where(cond, f.Country)
	}
	if f.Funder != "" {
		q = q.Where("EXISTS (SELECT 1 FROM project_fundings pf WHERE pf.project_id = projects.id AND pf.funder = ?)", f.Funder)
	}
	if f.OriginTrip != "" {
		q = q.Where("origin_trip_id = ?", f.OriginTrip)
	}
	if f.OriginAgreement != "" {
		q = q.Where("origin_agreement_id = ?", f.OriginAgreement)
	}
	if f.ActiveOn != "" {
		q = q.Where("start_date <= ? AND (end_date IS NULL OR end_date >= ?) AND phase <> 'discontinued'", f.ActiveOn, f.ActiveOn)
	}
	var rows []Project
	if err := search.Find(q, db, "projects", f.Q, p, &rows); err != nil {
		return nil, nil, err
	}
	items, next := page.Finish(p, rows, func(x Project, field string) page.Key {
		switch field {
		case "title":
			return page.Key{Value: x.TitleSort, ID: x.ID, Rank: x.SearchRank}
		case "updated_at":
			return page.Key{Value: x.UpdatedAt, ID: x.ID, Rank: x.SearchRank}
		}
		return page.Key{Value: x.StartSort, ID: x.ID, Rank: x.SearchRank}
	})
	if err := withDetails(ctx, db, items); err != nil {
		return nil, nil, err
	}
	return items, next, nil
}

// Ref is a project as a chain of origins shows it.
type Ref struct {
	ID                string
	Title             string
	Acronym           string
	Phase             string
	OriginAgreementID *string
	OriginInterestID  *string
}

// Refs returns, in one query, the projects with the ids and those that
// came from one of the interests or agreements: what an opportunity led to.
func Refs(ctx context.Context, db *database.DB, ids, interestIDs, agreementIDs []string) ([]Ref, error) {
	var out []Ref
	var conds []string
	var args []any
	for _, c := range []struct {
		col string
		ids []string
	}{{"id", ids}, {"origin_interest_id", interestIDs}, {"origin_agreement_id", agreementIDs}} {
		if len(c.ids) > 0 {
			conds = append(conds, c.col+" IN ?")
			args = append(args, c.ids)
		}
	}
	if len(conds) == 0 {
		return out, nil
	}
	err := db.Conn(ctx).Model(&Project{}).Select("id, title, acronym, phase, origin_agreement_id, origin_interest_id").
		Where(strings.Join(conds, " OR "), args...).Order("created_at, id").Scan(&out).Error
	return out, err
}
