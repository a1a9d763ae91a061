// Package span is the period a report counts in, as the domain packages
// see it: the dates From..To (both included, compared as text with date
// columns such as signed_on) and the instants Start..End (End excluded,
// compared with timestamps such as created_at). It is a package of its
// own so that the domain packages, which pkg/report asks for their
// figures, need not import pkg/report.
package span

import "time"

// Span is a report's period.
type Span struct {
	From, To   string    // YYYY-MM-DD, both included
	Start, End time.Time // UTC; Start included, End excluded
}

// FirstDay is the SQL expression of the first day of a reduced date
// column (2011, 2011-04 or 2011-04-01, never empty where it is used):
// '2011' becomes '2011-01-01' and '2011-04' '2011-04-01', the same on
// both engines.
func FirstDay(col string) string {
	return "(" + col + " || substr('-01-01', length(" + col + ") - 3))"
}

// Months is how the kept per-month counts (organisation_months,
// people_months; migration 00025) see the span: the rows created before
// an instant are the months before the instant's month (UTC), summed from
// the kept counts, and the rows of the instant's own month created before
// it, counted one by one. StartMonth and EndMonth are the months of Start
// and End (YYYY-MM), StartFloor and EndFloor their first instants.
type Months struct {
	StartMonth, EndMonth string
	StartFloor, EndFloor time.Time
}

// Months of the span.
func (s Span) Months() Months {
	floor := func(t time.Time) time.Time {
		t = t.UTC()
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	m := Months{StartFloor: floor(s.Start), EndFloor: floor(s.End)}
	m.StartMonth, m.EndMonth = m.StartFloor.Format("2006-01"), m.EndFloor.Format("2006-01")
	return m
}

// Edges is the SQL condition (with its arguments) selecting the rows of
// a table whose col (a creation time) is in one of the two partial
// months: [StartFloor, Start) or [EndFloor, End).
func (s Span) Edges(col string) (string, []any) {
	m := s.Months()
	return "((" + col + " >= ? AND " + col + " < ?) OR (" + col + " >= ? AND " + col + " < ?))",
		[]any{m.StartFloor, s.Start, m.EndFloor, s.End}
}

// AtStartAtEnd is the SQL of two columns counting a row of the partial
// months (selected with Edges) in at_start when created before Start and
// in at_end when created before End, each within its own month.
func (s Span) AtStartAtEnd(col string) (string, []any) {
	m := s.Months()
	return "CASE WHEN " + col + " >= ? AND " + col + " < ? THEN 1 ELSE 0 END AS at_start, " +
			"CASE WHEN " + col + " >= ? AND " + col + " < ? THEN 1 ELSE 0 END AS at_end",
		[]any{m.StartFloor, s.Start, m.EndFloor, s.End}
}
