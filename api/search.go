package api

import (
	"context"
	"strconv"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/search"
	"github.com/innomunich/platform/pkg/trip"
	"github.com/labstack/echo/v4"
	"golang.org/x/sync/errgroup"
)

// searchBest is how many records of each kind a search returns unless
// limit says otherwise; searchMost is the largest limit.
const (
	searchBest = 5
	searchMost = 20
)

// kindsAtOnce is how many kinds a search reads at once on PostgreSQL:
// two, for the two cores of the machine it is measured on; more would
// only queue for them (docs/performance.md).
const kindsAtOnce = 2

// SearchResults are the best matches of each kind, best first.
type SearchResults struct {
	Organisations []Organisation `json:"organisations"`
	People        []Person       `json:"people"`
	Agreements    []Agreement    `json:"agreements"`
	Trips         []Trip         `json:"trips"`
	Projects      []Project      `json:"projects"`
	Opportunities []Opportunity  `json:"opportunities"`
} // @name SearchResults

// search godoc
//
//	@Summary		Search everything
//	@Description	The best five (limit: 1–20) organisations, people, agreements, trips, projects and opportunities for q, each kind ranked by relevance (exact name, name prefix, word prefix, substring, then matches in other text) like its list with q, and showing what that list shows the caller (e-mail and phone of people only where the list shows them, opportunities only where the caller may read them). Search folds width, case, kana, diacritics, German and romaji spellings, long vowels and variant kanji, and leaves out the titles, forms of address, initials and Japanese honorifics around a name (Prof. Dr. Hans Müller, 山田様), and does not require a company's legal form (株式会社 before or after the name, GmbH for AG). One page only: sort and cursor are refused (a list with q pages through all matches of one kind).
//	@Tags			search
//	@Produce		json
//	@Security		bearer
//	@Param			q		query		string	true	"Search text"	example(山田 太郎)
//	@Param			limit	query		int		false	"How many of each kind"	default(5)	minimum(1)	maximum(20)
//	@Success		200		{object}	SearchResults
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Router			/api/v1/search [get]
func (s *server) search(c echo.Context) error {
	q := newQuery(c, "q")
	text := q.str("q")
	limit := q.rankLimit(searchBest, searchMost)
	switch {
	case !c.QueryParams().Has("q"):
		q.bad.Add("q", "is required")
	case len(search.Words(text)) == 0:
		q.bad.Add("q", "must have a word to search for")
	}
	if err := q.err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	var out SearchResults
	// Each kind fills its own part of out.
	kinds := []func() error{
		func() (err error) {
			out.Organisations, err = best(ctx, limit, organisation.Sort, func(p page.Page) ([]organisation.Organisation, error) {
				rows, _, err := organisation.List(ctx, s.DB, organisation.Filter{Q: text}, p)
				return rows, err
			}, func(context.Context, []organisation.Organisation) (func(organisation.Organisation) Organisation, error) {
				return organisationOut, nil
			})
			return err
		},
		func() (err error) {
			out.People, err = best(ctx, limit, person.Sort, func(p page.Page) ([]person.Person, error) {
				rows, _, err := person.List(ctx, s.DB, person.Filter{Q: text}, p)
				return rows, err
			}, s.peopleOut)
			return err
		},
		func() (err error) {
			out.Agreements, err = best(ctx, limit, agreement.Sort, func(p page.Page) ([]agreement.Agreement, error) {
				rows, _, err := agreement.List(ctx, s.DB, agreement.Filter{Q: text}, p)
				return rows, err
			}, s.agreementsOut)
			return err
		},
		func() (err error) {
			out.Trips, err = best(ctx, limit, trip.Sort, func(p page.Page) ([]trip.Trip, error) {
				rows, _, err := trip.List(ctx, s.DB, trip.Filter{Q: text}, p)
				return rows, err
			}, s.tripsOut)
			return err
		},
		func() (err error) {
			out.Projects, err = best(ctx, limit, project.Sort, func(p page.Page) ([]project.Project, error) {
				rows, _, err := project.List(ctx, s.DB, project.Filter{Q: text}, p)
				return rows, err
			}, s.projectsOut)
			return err
		},
		func() (err error) {
			out.Opportunities, err = best(ctx, limit, opportunity.Sort, func(p page.Page) ([]opportunity.Opportunity, error) {
				rows, _, err := opportunity.List(ctx, s.DB, opportunity.Filter{Q: text}, p)
				return rows, err
			}, s.opportunitiesOut)
			return err
		},
	}
	// On PostgreSQL the kinds are read kindsAtOnce at a time, each on a
	// connection of its own, so one person waits for about half their
	// sum; SQLite reads them one after another.
	var g errgroup.Group
	if s.DB.Engine == database.Postgres {
		g.SetLimit(kindsAtOnce)
	} else {
		g.SetLimit(1)
	}
	for _, kind := range kinds {
		g.Go(kind)
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return writeList(c, out)
}

// best reads the first ranked page of limit rows of one list, through
// the list's own query (and so its visibility rules), and converts them as
// the list's handler does.
func best[T, V any](ctx context.Context, limit int, spec page.Spec, list func(page.Page) ([]T, error), out func(context.Context, []T) (func(T) V, error)) ([]V, error) {
	p, err := spec.Parse(page.Params{Limit: strconv.Itoa(limit), Sort: page.RelevanceSort, Searching: true})
	if err != nil {
		return nil, err
	}
	rows, err := list(p)
	if err != nil {
		return nil, err
	}
	convert, err := out(ctx, rows)
	if err != nil {
		return nil, err
	}
	items := make([]V, len(rows))
	for i, r := range rows {
		items[i] = convert(r)
	}
	return items, nil
}
