package report_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/gen"
	"github.com/innomunich/platform/pkg/report"
)

// The dashboard's charts show the report's own figures: each year of the
// trend is what that year's report counts, the funding of a year is the
// report's funding parts of that year summed over the funders, and the
// regions add up to the directory's total.
func TestTheDashboardChartsShowTheReportsFiguresOnBothEngines(t *testing.T) {
	var byEngine []report.Charts
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		if _, err := gen.Generate(context.Background(), db, gen.Options{Orgs: 300, Seed: 7}); err != nil {
			t.Fatal(err)
		}
		enrich(t, db)
		coordinator := auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: "c", Role: auth.RoleCoordinator})
		now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
		c, err := report.ChartsFor(coordinator, db, now)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Years) != report.TrendYears || c.Years[0].Year != 2022 || c.Years[4].Year != 2026 {
			t.Fatalf("years %+v", c.Years)
		}
		var trips, agreements, projects int64
		for _, y := range c.Years {
			k := checkAgainstNaive(t, db, itoa(y.Year))[itoa(y.Year)]
			want := report.TrendYear{Year: y.Year, Organisations: k.Directory.Organisations.Added, Trips: k.Trips.Held,
				Agreements: k.Agreements.Signed, Projects: k.Projects.Initiated}
			if diff := cmp.Diff(want, y); diff != "" {
				t.Errorf("%d: the chart differs from the report (-report +chart):\n%s", y.Year, diff)
			}
			trips, agreements, projects = trips+y.Trips, agreements+y.Agreements, projects+y.Projects
			perCurrency := map[string]int64{}
			for _, p := range k.Funding.PerYear {
				if p.Year == y.Year {
					perCurrency[p.Amount.Currency] += p.Amount.Amount
				}
			}
			got := map[string]int64{}
			for _, f := range c.Funding {
				if f.Year == y.Year {
					got[f.Amount.Currency] += f.Amount.Amount
				}
			}
			if diff := cmp.Diff(perCurrency, got); diff != "" {
				t.Errorf("%d: funding differs from the report (-report +chart):\n%s", y.Year, diff)
			}
			if y.Year == 2026 {
				var sum int64
				for _, r := range c.Regions {
					sum += r.N
				}
				if sum != k.Directory.Organisations.Total || len(c.Regions) != len(report.Regions) {
					t.Errorf("regions %+v sum to %d, the directory has %d", c.Regions, sum, k.Directory.Organisations.Total)
				}
				for _, r := range k.Directory.Organisations.ByRegion {
					if r.Code == "osaka" && c.Regions[1].N != r.Total {
						t.Errorf("osaka: chart %d, report %d", c.Regions[1].N, r.Total)
					}
				}
			}
		}
		if trips == 0 || agreements == 0 || projects == 0 || len(c.Funding) == 0 {
			t.Errorf("generated data gave empty charts: %+v", c)
		}
		member := auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: "m", Role: auth.RoleMember, OrganisationID: "x"})
		if _, err := report.ChartsFor(member, db, now); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("a member read the charts: %v", err)
		}
		byEngine = append(byEngine, c)
	})
	if len(byEngine) == 2 {
		if diff := cmp.Diff(byEngine[0], byEngine[1]); diff != "" {
			t.Errorf("SQLite and PostgreSQL differ:\n%s", diff)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
