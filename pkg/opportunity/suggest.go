package opportunity

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
)

// Criteria of a suggestion.
const (
	CriterionOpportunities = "opportunities"
	CriterionKind          = "kind"
)

// SuggestionWeights are the one place the score of a suggested partner
// is set, next to Weights: a suggestion scores the points of every
// criterion it meets, 0 to 100. README.md ("Partnering") lists them.
var SuggestionWeights = []Weight{
	{CriterionOpportunities, 50}, // one of its opportunities matches one of ours (score at least MinMatchScore)
	{CriterionFocusAreas, 30},    // the organisations share a focus area
	{CriterionKind, 20},          // the kinds complement each other (e.g. biotech and pharma)
}

// MinMatchScore is the score from which a match of opportunities counts
// for a suggestion.
const MinMatchScore = 40

// complementaryKinds says which kinds of organisation are worth meeting
// for which.
var complementaryKinds = map[string][]string{
	"pharma":             {"biotech", "research_institute", "university", "hospital", "service_provider", "medtech"},
	"biotech":            {"pharma", "research_institute", "university", "hospital", "investor", "service_provider", "medtech"},
	"medtech":            {"hospital", "pharma", "biotech", "research_institute", "university", "investor"},
	"research_institute": {"pharma", "biotech", "medtech", "university", "hospital"},
	"university":         {"pharma", "biotech", "medtech", "research_institute", "hospital"},
	"hospital":           {"pharma", "biotech", "medtech", "research_institute", "university"},
	"investor":           {"biotech", "medtech"},
	"service_provider":   {"pharma", "biotech"},
	"cluster":            {"cluster", "government"},
	"government":         {"cluster", "government"},
}

// partnerCountry is the other country of the network for an
// organisation's country; organisations elsewhere get suggestions from
// their opportunities only.
var partnerCountry = map[string]string{"DE": "JP", "JP": "DE"}

// ownOpportunities bounds how many of an organisation's published
// opportunities suggestions are drawn from (the most recent), and
// byFocusArea how many organisations sharing a focus area are considered.
const (
	ownOpportunities = 10
	byFocusArea      = 200
)

// Suggestion is an organisation worth meeting, with why.
type Suggestion struct {
	Organisation organisation.Organisation
	Score        int
	BestMatch    int // the best score of a match of opportunities, 0 if none
	Matched      []Criterion
	Unmatched    []Criterion
}

// MaxSuggestions is the most suggestions one call returns.
const MaxSuggestions = 100

// Suggest returns organisations of the other country worth meeting for
// organisation org (which the caller has read), best first, leaving out
// exclude (those it already has an agreement or project with: the caller
// asks their packages).
func Suggest(ctx context.Context, db *database.DB, org organisation.Organisation, exclude []string, limit int, now time.Time) ([]Suggestion, error) {
	// Matches of its published, unexpired opportunities, by organisation.
	var own []Opportunity
	if err := db.Conn(ctx).Table("opportunities").Select(columns).
		Where("organisation_id = ? AND status = ? AND valid_until >= ?", org.ID, Published, Today(now)).
		Order("published_sort DESC, id DESC").Limit(ownOpportunities).Find(&own).Error; err != nil {
		return nil, err
	}
	if err := withFocusAreas(ctx, db, own); err != nil {
		return nil, err
	}
	type hits struct {
		best int
		ids  []string
	}
	byOrg := map[string]*hits{}
	for _, o := range own {
		ms, err := matchesFor(ctx, db, NewSide(o, org.Country), MaxMatches, now)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if m.Score < MinMatchScore {
				continue
			}
			h := byOrg[m.Opportunity.OrganisationID]
			if h == nil {
				h = &hits{}
				byOrg[m.Opportunity.OrganisationID] = h
			}
			h.best = max(h.best, m.Score)
			if !slices.Contains(h.ids, m.Opportunity.ID) {
				h.ids = append(h.ids, m.Opportunity.ID)
			}
		}
	}

	// The organisations: those with matches, and those of the partner
	// country sharing a focus area.
	skip := func(id string) bool { return id == org.ID || slices.Contains(exclude, id) }
	var ids []string
	for id := range byOrg {
		if !skip(id) {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(x, y string) int { return cmp.Or(cmp.Compare(byOrg[y].best, byOrg[x].best), cmp.Compare(x, y)) })
	ids = ids[:min(len(ids), 200)]
	var orgs []organisation.Organisation
	if len(ids) > 0 {
		p, err := organisation.Sort.Parse(page.Params{Limit: "200"})
		if err != nil {
			return nil, err
		}
		list, _, err := organisation.List(ctx, db, organisation.Filter{IDs: ids}, p)
		if err != nil {
			return nil, err
		}
		orgs = append(orgs, list...)
	}
	if other := partnerCountry[org.Country]; other != "" && len(org.FocusAreas) > 0 {
		p, err := organisation.Sort.Parse(page.Params{Limit: "200"})
		if err != nil {
			return nil, err
		}
		list, _, err := organisation.List(ctx, db, organisation.Filter{Country: other, FocusAreas: org.FocusAreas}, p)
		if err != nil {
			return nil, err
		}
		for _, o := range list[:min(len(list), byFocusArea)] {
			if !skip(o.ID) && !slices.ContainsFunc(orgs, func(x organisation.Organisation) bool { return x.ID == o.ID }) {
				orgs = append(orgs, o)
			}
		}
	}

	var out []Suggestion
	for _, o := range orgs {
		if o.Country == org.Country {
			continue // matches are of the other country already; this guards the rest
		}
		s := Suggestion{Organisation: o}
		for _, w := range SuggestionWeights {
			var met bool
			var values []string
			switch w.Criterion {
			case CriterionOpportunities:
				if h := byOrg[o.ID]; h != nil {
					met, values, s.BestMatch = true, h.ids, h.best
				}
			case CriterionFocusAreas:
				values = intersect(org.FocusAreas, o.FocusAreas)
				met = len(values) > 0
				if !met {
					values = slices.Clone(o.FocusAreas)
				}
			case CriterionKind:
				met, values = slices.Contains(complementaryKinds[org.Kind], o.Kind), []string{o.Kind}
			}
			if values == nil {
				values = []string{}
			}
			c := Criterion{Criterion: w.Criterion, Points: w.Points, Values: values}
			if met {
				s.Score += w.Points
				s.Matched = append(s.Matched, c)
			} else {
				s.Unmatched = append(s.Unmatched, c)
			}
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(x, y Suggestion) int {
		return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(y.BestMatch, x.BestMatch),
			cmp.Compare(x.Organisation.NameSort, y.Organisation.NameSort), cmp.Compare(x.Organisation.ID, y.Organisation.ID))
	})
	return out[:min(len(out), limit)], nil
}
