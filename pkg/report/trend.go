package report

import (
	"context"
	"strconv"
	"strings"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/trip"
)

// TrendYears is how many years the trend on an XLSX's summary sheet shows,
// the report's own year last.
const TrendYears = 5

// TrendPeriods are the years of the trend ending with p: years of p's
// kind (budget years or fiscal years); a date range takes the budget
// years up to the one its last day falls in.
func TrendPeriods(p Period, n int) []Period {
	last, _ := strconv.Atoi(p.To[:4])
	fiscal := p.Kind == FiscalYear
	if fiscal {
		last-- // FY2025 ends in March 2026
	}
	var out []Period
	for y := last - n + 1; y <= last; y++ {
		key := strconv.Itoa(y)
		if fiscal {
			key = "FY" + key
		}
		if q, err := ParsePeriod(key, "", ""); err == nil {
			out = append(out, q)
		}
	}
	return out
}

// TrendTable is the trend over the periods: per year the trips held,
// their confirmed participants, the agreements signed and the projects
// initiated, as the KPIs of each year count them.
func TrendTable(years []KPIs) Table {
	t := Table{Key: "trend", Columns: []Column{{"year", Text}, {"trips", Count}, {"participants", Count}, {"agreements", Count}, {"projects", Count}}, Rows: [][]any{}}
	for _, k := range years {
		t.Rows = append(t.Rows, []any{k.Period.Key, k.Trips.Held, k.Trips.Confirmed, k.Agreements.Signed, k.Projects.Initiated})
	}
	return t
}

// TrendFor is the trend of the years up to k's period for the caller
// (TrendTable of TrendPeriods): k itself for its own year, and for the
// other years only the four figures the trend shows, counted as the full
// report counts them — not the whole report once per year.
func TrendFor(ctx context.Context, db *database.DB, k KPIs) (Table, error) {
	years, err := TrendYearsFor(ctx, db, k)
	if err != nil {
		return Table{}, err
	}
	return TrendTable(years), nil
}

// TrendYearsFor are the years of TrendFor, oldest first: k itself for its
// own year and, for the others, KPIs with only the trend's four figures
// counted (trips held and their confirmed participants, agreements
// signed, projects initiated).
func TrendYearsFor(ctx context.Context, db *database.DB, k KPIs) ([]KPIs, error) {
	if err := CanRead(auth.From(ctx)); err != nil {
		return nil, err
	}
	var years []KPIs
	for _, y := range TrendPeriods(k.Period, TrendYears) {
		if y == k.Period {
			years = append(years, k)
			continue
		}
		t, err := trendFigures(ctx, db, y)
		if err != nil {
			return nil, err
		}
		years = append(years, t)
	}
	return years, nil
}

// trendFigures counts the figures of TrendTable for one period: trips
// held and their confirmed participants, agreements signed, projects
// initiated.
func trendFigures(ctx context.Context, db *database.DB, p Period) (KPIs, error) {
	s := p.Span()
	k := KPIs{Period: p}
	byKind, err := trip.HeldByKind(ctx, db, s)
	if err != nil {
		return k, err
	}
	for _, r := range byKind {
		k.Trips.Held += r.Trips
		k.Trips.Confirmed += r.Confirmed
	}
	agreements, err := agreement.ByKind(ctx, db, s)
	if err != nil {
		return k, err
	}
	for _, f := range agreements {
		k.Agreements.Signed += f.Counts[0]
	}
	k.Projects.Initiated, err = project.Entered(ctx, db, s, project.Initiating...)
	return k, err
}

// PeriodLabel is the period as a reader knows it, in lang: "Haushaltsjahr
// 2025 (2025-01-01 – 2025-12-31)", "2025年度 (2025-04-01 – 2026-03-31)".
func (n Names) PeriodLabel(p Period) string {
	dates := p.From + " – " + p.To
	year := strings.TrimPrefix(p.Key, "FY")
	switch p.Kind {
	case BudgetYear:
		return strings.ReplaceAll(n.Label("budget_year"), "{year}", year) + " (" + dates + ")"
	case FiscalYear:
		return strings.ReplaceAll(n.Label("fiscal_year"), "{year}", year) + " (" + dates + ")"
	}
	return dates
}

// yearLabel is a trend's year as short as a chart's axis needs it: FY2025
// is 2025年度 in Japanese; a budget year is its number.
func (n Names) yearLabel(key string) string {
	if y, ok := strings.CutPrefix(key, "FY"); ok {
		return strings.ReplaceAll(n.Label("fiscal_year_short"), "{year}", y)
	}
	return key
}
