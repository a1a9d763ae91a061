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
