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

// Cut is how the kept counts per month or day of creation (UTC;
// organisation_months, people_days, migration 00025) see the span: the
// rows created before an instant are those of the months (days) before
// the instant's own, summed from the kept counts, and those of its own
// month (day) created before it, counted one by one. StartKey and EndKey
// are the months (days) of Start and End as the kept counts write them
// (YYYY-MM, YYYY-MM-DD), StartFloor and EndFloor their first instants.
type Cut struct {
	StartKey, EndKey     string
	StartFloor, EndFloor time.Time
}

// Units of Cut.
const (
	Month = "month"
	Day   = "day"
)

// Cut of the span by months or days.
func (s Span) Cut(unit string) Cut {
	floor := func(t time.Time) time.Time {
		t = t.UTC()
		if unit == Month {
			return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
		}
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	layout := time.DateOnly
	if unit == Month {
		layout = "2006-01"
	}
	c := Cut{StartFloor: floor(s.Start), EndFloor: floor(s.End)}
	c.StartKey, c.EndKey = c.StartFloor.Format(layout), c.EndFloor.Format(layout)
	return c
}

// Edges is the SQL condition (with its arguments) selecting the rows of
// a table whose col (a creation time) is in one of the two partial
// months (days) of the cut: [StartFloor, Start) or [EndFloor, End).
func (s Span) Edges(col, unit string) (string, []any) {
	c := s.Cut(unit)
	return "((" + col + " >= ? AND " + col + " < ?) OR (" + col + " >= ? AND " + col + " < ?))",
		[]any{c.StartFloor, s.Start, c.EndFloor, s.End}
}

// AtStartAtEnd is the SQL of two columns counting a row of the partial
// months (days; selected with Edges) in at_start when created before
// Start and in at_end when created before End, each within its own month
// (day).
func (s Span) AtStartAtEnd(col, unit string) (string, []any) {
	c := s.Cut(unit)
	return "CASE WHEN " + col + " >= ? AND " + col + " < ? THEN 1 ELSE 0 END AS at_start, " +
			"CASE WHEN " + col + " >= ? AND " + col + " < ? THEN 1 ELSE 0 END AS at_end",
		[]any{c.StartFloor, s.Start, c.EndFloor, s.End}
}
