package report

import (
	"regexp"
	"strconv"
	"time"
	_ "time/tzdata" // the periods' zones, whatever the host has

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/report/span"
)

// Kinds of period.
const (
	BudgetYear = "budget_year" // German budget year: the calendar year, in Europe/Berlin
	FiscalYear = "fiscal_year" // Japanese fiscal year: April to March, in Asia/Tokyo
	DateRange  = "range"       // from/to dates, in Europe/Berlin
)

// Time zones the periods are judged in.
const (
	Berlin = "Europe/Berlin"
	Tokyo  = "Asia/Tokyo"
)

// Period is the span a report covers: whole days From..To (both
// included), in a time zone. Dates (signed_on, start_date, …) are
// compared with From and To as written; instants (created_at, …) with
// the period's Start and End, midnight in its time zone.
type Period struct {
	Key      string `json:"key"`  // 2025, FY2025 or 2025-01-01..2025-06-30
	Kind     string `json:"kind"` // budget_year, fiscal_year or range
	From     string `json:"from"`
	To       string `json:"to"`
	TimeZone string `json:"time_zone"`
}

var (
	yearRe   = regexp.MustCompile(`^(\d{4})$`)
	fiscalRe = regexp.MustCompile(`^FY(\d{4})$`)
)

// ParsePeriod reads the period parameters of a request: period=2025 (a
// German budget year), period=FY2025 (a Japanese fiscal year), or from
// and to (dates, YYYY-MM-DD, both included). Errors are bad requests
// naming the parameter.
func ParsePeriod(period, from, to string) (Period, error) {
	var bad apperr.Fields
	switch {
	case period != "" && (from != "" || to != ""):
		bad.Add("period", "give either period or from and to, not both")
	case period != "":
		if m := yearRe.FindStringSubmatch(period); m != nil {
			y, _ := strconv.Atoi(m[1])
			if y < 1900 || y > 2999 {
				break
			}
			return Period{Key: period, Kind: BudgetYear, From: m[1] + "-01-01", To: m[1] + "-12-31", TimeZone: Berlin}, nil
		}
		if m := fiscalRe.FindStringSubmatch(period); m != nil {
			y, _ := strconv.Atoi(m[1])
			if y < 1900 || y > 2999 {
				break
			}
			return Period{Key: period, Kind: FiscalYear, From: m[1] + "-04-01", To: strconv.Itoa(y+1) + "-03-31", TimeZone: Tokyo}, nil
		}
		bad.Add("period", "must be a budget year such as 2025 or a fiscal year such as FY2025")
	case from == "" && to == "":
		bad.Add("period", "is required (or from and to)")
	default:
		f, errF := time.Parse(time.DateOnly, from)
		t, errT := time.Parse(time.DateOnly, to)
		if from == "" || errF != nil || f.Year() < 1900 {
			bad.Add("from", "must be a date YYYY-MM-DD")
		}
		if to == "" || errT != nil || t.Year() > 2999 {
			bad.Add("to", "must be a date YYYY-MM-DD")
		}
		if len(bad) == 0 && t.Before(f) {
			bad.Add("to", "must not be before from")
		}
		if len(bad) == 0 {
			return Period{Key: from + ".." + to, Kind: DateRange, From: from, To: to, TimeZone: Berlin}, nil
		}
	}
	if len(bad) == 0 {
		bad.Add("period", "must be a budget year such as 2025 or a fiscal year such as FY2025")
	}
	return Period{}, bad.ErrWith(apperr.BadRequest)
}

func (p Period) location() *time.Location {
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil {
		// The zones are compiled in (time/tzdata); never reached.
		panic(err)
	}
	return loc
}

// Start is the first instant of the period: From at midnight in its zone.
func (p Period) Start() time.Time {
	d, _ := time.ParseInLocation(time.DateOnly, p.From, p.location())
	return d.UTC()
}

// End is the first instant after the period: the day after To at
// midnight in its zone.
func (p Period) End() time.Time {
	d, _ := time.ParseInLocation(time.DateOnly, p.To, p.location())
	return d.AddDate(0, 0, 1).UTC()
}

// Span is what the domain packages count in: the period's dates
// (compared as text with date columns) and instants (with timestamps).
func (p Period) Span() span.Span {
	return span.Span{From: p.From, To: p.To, Start: p.Start(), End: p.End()}
}
