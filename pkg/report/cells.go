package report

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/innomunich/platform/pkg/project"
)

// The writers read a row's values by their column's Kind. A table built
// by the KPIs holds the Go types table.go names; a frozen report read
// back from JSON holds float64 and map[string]any instead, so every
// accessor takes both.

func asString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case fmt.Stringer:
		return x.String()
	default:
		return fmt.Sprint(x)
	}
}

func asInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case float64:
		return int64(math.Round(x))
	case json.Number:
		n, _ := x.Int64()
		return n
	}
	return 0
}

func asFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case float32:
		return float64(x)
	case json.Number:
		f, _ := x.Float64()
		return f
	}
	return float64(asInt(v))
}

func asAmount(v any) Amount {
	switch x := v.(type) {
	case Amount:
		return x
	case *Amount:
		if x != nil {
			return *x
		}
	case map[string]any:
		return Amount{Amount: asInt(x["amount"]), Currency: asString(x["currency"])}
	}
	return Amount{}
}

// asDate parses a Date cell; ok is false for an empty or malformed one.
func asDate(v any) (time.Time, bool) {
	if t, ok := v.(time.Time); ok {
		return t, true
	}
	t, err := time.Parse(time.DateOnly, asString(v))
	return t, err == nil
}

// minorUnits is how many decimals the currency has (2 for one the
// platform does not know).
func minorUnits(currency string) int {
	if d, ok := project.Currencies[currency]; ok {
		return d
	}
	return 2
}

// Decimal is the amount in major units as the exact decimal string
// "1234.50" (JPY "1234"), without rounding through a float.
func (a Amount) Decimal() string {
	d := minorUnits(a.Currency)
	neg, n := a.Amount < 0, a.Amount
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	if d > 0 {
		for len(s) <= d {
			s = "0" + s
		}
		s = s[:len(s)-d] + "." + s[len(s)-d:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Major is the amount in major units as a number (for a spreadsheet,
// which stores numbers as float64 anyway).
func (a Amount) Major() float64 {
	return float64(a.Amount) / math.Pow10(minorUnits(a.Currency))
}
