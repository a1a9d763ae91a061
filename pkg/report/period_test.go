package report_test

import (
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/report"
)

func TestPeriodsAreBudgetYearsFiscalYearsOrRanges(t *testing.T) {
	for _, c := range []struct {
		period, from, to string
		want             report.Period
		start, end       string // UTC instants
	}{
		{"2025", "", "", report.Period{Key: "2025", Kind: report.BudgetYear, From: "2025-01-01", To: "2025-12-31", TimeZone: "Europe/Berlin"},
			"2024-12-31T23:00:00Z", "2025-12-31T23:00:00Z"},
		{"FY2025", "", "", report.Period{Key: "FY2025", Kind: report.FiscalYear, From: "2025-04-01", To: "2026-03-31", TimeZone: "Asia/Tokyo"},
			"2025-03-31T15:00:00Z", "2026-03-31T15:00:00Z"},
		{"", "2025-03-30", "2025-10-26", report.Period{Key: "2025-03-30..2025-10-26", Kind: report.DateRange, From: "2025-03-30", To: "2025-10-26", TimeZone: "Europe/Berlin"},
			"2025-03-29T23:00:00Z", "2025-10-26T23:00:00Z"}, // both ends at a change of summer time
	} {
		got, err := report.ParsePeriod(c.period, c.from, c.to)
		if err != nil {
			t.Fatalf("%q %q %q: %v", c.period, c.from, c.to, err)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%q: %s", c.period, diff)
		}
		if s, e := got.Start().Format(time.RFC3339), got.End().Format(time.RFC3339); s != c.start || e != c.end {
			t.Errorf("%q: instants %s..%s, want %s..%s", c.period, s, e, c.start, c.end)
		}
	}
}

func TestAnInvalidPeriodNamesTheParameter(t *testing.T) {
	for _, c := range []struct{ period, from, to, field string }{
		{"", "", "", "period"},
		{"25", "", "", "period"},
		{"FY25", "", "", "period"},
		{"fy2025", "", "", "period"},
		{"2025-01", "", "", "period"},
		{"2025", "2025-01-01", "", "period"},
		{"", "2025-02-30", "2025-03-01", "from"},
		{"", "2025-01-01", "", "to"},
		{"", "", "2025-01-01", "from"},
		{"", "2025-03-01", "2025-02-01", "to"},
	} {
		_, err := report.ParsePeriod(c.period, c.from, c.to)
		var e *apperr.Error
		if !apperr.Is(err, apperr.BadRequest) || !asError(err, &e) || len(e.Fields) == 0 || e.Fields[0].Field != c.field {
			t.Errorf("%q %q %q: %v, want invalid naming %s", c.period, c.from, c.to, err, c.field)
		}
	}
}

func TestSplitSpreadsProRataByDaysAndSumsExactly(t *testing.T) {
	for _, c := range []struct {
		amount      int64
		from, until string
		want        []report.YearShare
	}{
		// 2024-07-01..2027-06-30: 184 + 365 + 365 + 181 = 1095 days.
		{1_000_000_00, "2024-07-01", "2027-06-30", []report.YearShare{{2024, 16803653}, {2025, 33333333}, {2026, 33333333}, {2027, 16529681}}},
		// One cent over three years goes to the year with the most days.
		{1, "2025-12-01", "2027-01-31", []report.YearShare{{2025, 0}, {2026, 1}, {2027, 0}}},
		// JPY has no minor unit: yen are the units.
		{1_000_000, "2025-04-01", "2026-03-31", []report.YearShare{{2025, 753425}, {2026, 246575}}},
		{2, "2025-01-01", "2027-12-31", []report.YearShare{{2025, 1}, {2026, 1}, {2027, 0}}},
		{0, "2025-01-01", "2025-12-31", []report.YearShare{{2025, 0}}},
		{7, "2025-05-05", "2025-05-05", []report.YearShare{{2025, 7}}},
		// The largest sum there can be: amount*days passes 2^63, the parts do not.
		{math.MaxInt64, "2025-01-01", "2027-12-31", []report.YearShare{{2025, 3074457345618258603}, {2026, 3074457345618258602}, {2027, 3074457345618258602}}},
	} {
		got, err := report.Split(c.amount, c.from, c.until)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("Split(%d, %s, %s): %s", c.amount, c.from, c.until, diff)
		}
		var sum int64
		for _, p := range got {
			sum += p.Amount
		}
		if sum != c.amount {
			t.Errorf("Split(%d, %s, %s) sums to %d", c.amount, c.from, c.until, sum)
		}
	}
	if _, err := report.Split(1, "2025-13-01", "2026-01-01"); err == nil {
		t.Error("Split accepted a month 13")
	}
}

func asError(err error, target **apperr.Error) bool {
	e, ok := err.(*apperr.Error)
	*target = e
	return ok
}
