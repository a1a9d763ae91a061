package report

import (
	"context"
	"sort"
	"strconv"
	"time"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/trip"
	"golang.org/x/sync/errgroup"
)

// The dashboard's charts: a few figures of the report over the last
// TrendYears budget years, counted by the same queries as the report
// (never a second definition of "held" or "signed"), and where the
// directory's organisations are, in the partner regions.

// TrendYear is one budget year of the dashboard's trend: organisations
// added, trips held, agreements signed and projects initiated in it, as
// the report of that year counts them.
type TrendYear struct {
	Year          int
	Organisations int64
	Trips         int64
	Agreements    int64
	Projects      int64
}

// YearAmount is the funding falling into one budget year in one
// currency, all funders together (Split's pro-rata shares).
type YearAmount struct {
	Year   int
	Amount Amount
}

// Regions of the dashboard's "partners by region", in their order: the
// three partner regions, then the rest of each country, then elsewhere.
var Regions = []string{"bavaria", "osaka", "kawasaki", "de_other", "jp_other", "other"}

// Charts are the dashboard's charts.
type Charts struct {
	Years   []TrendYear  // oldest first
	Funding []YearAmount // by year, then currency; EUR and JPY never added
	Regions []CodeCount  // every one of Regions, in that order
}

// regionOf sorts an organisation into one of Regions.
func regionOf(country, region string) string {
	switch {
	case region == "bavaria" || region == "osaka" || region == "kawasaki":
		return region
	case country == "DE":
		return "de_other"
	case country == "JP":
		return "jp_other"
	}
	return "other"
}

// ChartsFor counts the dashboard's charts as of now: the budget years up
// to the current one (in Berlin). Readers of reports only: the figures
// are the report's.
func ChartsFor(ctx context.Context, db *database.DB, now time.Time) (Charts, error) {
	if err := CanRead(auth.From(ctx)); err != nil {
		return Charts{}, err
	}
	loc, err := time.LoadLocation(Berlin)
	if err != nil {
		return Charts{}, err
	}
	this, err := ParsePeriod(strconv.Itoa(now.In(loc).Year()), "", "")
	if err != nil {
		return Charts{}, err
	}
	years := TrendPeriods(this, TrendYears)
	c := Charts{Years: make([]TrendYear, len(years))}
	// The years are counted like the report's sections, a few at a time
	// (see Compute); each writes only its own entry.
	var groups []organisation.Group
	var g errgroup.Group
	g.SetLimit(sectionsAtOnce)
	for i, p := range years {
		g.Go(func() error {
			gs, err := trendYear(ctx, db, p, &c.Years[i])
			if i == len(years)-1 {
				groups = gs
			}
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return Charts{}, err
	}
	// The groups of the last year hold every organisation created by its
	// end (merged ones gone, archived ones counted, as in the report).
	byRegion := map[string]int64{}
	for _, g := range groups {
		byRegion[regionOf(g.Country, g.Region)] += g.Total
	}
	for _, r := range Regions {
		c.Regions = append(c.Regions, CodeCount{r, byRegion[r]})
	}
	all, err := ParsePeriod("", years[0].From, years[len(years)-1].To)
	if err != nil {
		return Charts{}, err
	}
	runs, err := project.FundingRuns(ctx, db, all.Span())
	if err != nil {
		return Charts{}, err
	}
	parts, _ := splitRuns(runs)
	type key struct {
		year     int
		currency string
	}
	sum := map[key]int64{}
	for _, p := range parts {
		if p.Year >= c.Years[0].Year && p.Year <= c.Years[len(c.Years)-1].Year {
			sum[key{p.Year, p.Amount.Currency}] += p.Amount.Amount
		}
	}
	c.Funding = []YearAmount{}
	for k, n := range sum {
		c.Funding = append(c.Funding, YearAmount{k.year, Amount{n, k.currency}})
	}
	sort.Slice(c.Funding, func(i, j int) bool {
		a, b := c.Funding[i], c.Funding[j]
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		return a.Amount.Currency < b.Amount.Currency
	})
	return c, nil
}

// trendYear counts one budget year of the trend into y, and returns the
// year's organisation groups.
func trendYear(ctx context.Context, db *database.DB, p Period, y *TrendYear) ([]organisation.Group, error) {
	s := p.Span()
	y.Year, _ = strconv.Atoi(p.Key)
	groups, err := organisation.Groups(ctx, db, s)
	if err != nil {
		return nil, err
	}
	for _, g := range groups {
		y.Organisations += g.Added
	}
	held, err := trip.HeldByKind(ctx, db, s)
	if err != nil {
		return nil, err
	}
	for _, k := range held {
		y.Trips += k.Trips
	}
	byKind, err := agreement.ByKind(ctx, db, s)
	if err != nil {
		return nil, err
	}
	for _, f := range byKind {
		y.Agreements += f.Counts[0] // signed
	}
	if y.Projects, err = project.Entered(ctx, db, s, project.Initiating...); err != nil {
		return nil, err
	}
	return groups, nil
}
