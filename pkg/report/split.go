package report

import (
	"math/bits"
	"sort"
	"strconv"
	"time"
)

func itoa(n int) string { return strconv.Itoa(n) }

// YearShare is the part of an amount falling into one budget year.
type YearShare struct {
	Year   int
	Amount int64
}

// Split spreads amount (minor units) over the budget (calendar) years the
// days from..until (both included, YYYY-MM-DD) cover, pro rata by days.
// The exact shares are rounded down and the units left over go, one
// each, to the years with the largest remainders (the earlier year on a
// tie), so the parts always sum to the amount: 1 unit over three years
// goes to the year with the most days. until before from is one day.
func Split(amount int64, from, until string) ([]YearShare, error) {
	f, err := time.Parse(time.DateOnly, from)
	if err != nil {
		return nil, err
	}
	u, err := time.Parse(time.DateOnly, until)
	if err != nil {
		return nil, err
	}
	if u.Before(f) {
		u = f
	}
	type part struct {
		year int
		days int64
		base int64
		rem  int64 // remainder of amount*days / total, compared across years
	}
	var parts []part
	var total int64
	for y := f.Year(); y <= u.Year(); y++ {
		start, end := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
		if start.Before(f) {
			start = f
		}
		if end.After(u) {
			end = u
		}
		days := int64(end.Sub(start).Hours()/24) + 1
		parts = append(parts, part{year: y, days: days})
		total += days
	}
	var given int64
	for i := range parts {
		// amount*days in 128 bits: a sum of many large fundings times
		// the days of a year may pass 2^63; the quotient never does
		// (it is at most amount).
		hi, lo := bits.Mul64(uint64(amount), uint64(parts[i].days))
		q, r := bits.Div64(hi, lo, uint64(total))
		parts[i].base, parts[i].rem = int64(q), int64(r)
		given += parts[i].base
	}
	order := make([]int, len(parts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return parts[order[a]].rem > parts[order[b]].rem })
	for i := int64(0); i < amount-given; i++ {
		parts[order[i]].base++
	}
	out := make([]YearShare, len(parts))
	for i, p := range parts {
		out[i] = YearShare{p.year, p.base}
	}
	return out, nil
}
