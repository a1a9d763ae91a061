// Package report owns the figures the network reports to its funder and
// partner regions: periods (German budget years, Japanese fiscal years,
// date ranges), the KPIs computed in SQL from each domain's data, frozen
// reports, and their renderings as tables (CSV, XLSX).
package report

// A report is rendered as tables: every section of the KPIs flattens into
// one or more Tables, which the CSV and XLSX writers and the report draft
// turn into files and pages. Keys are stable snake_case codes; their names
// in de/en/ja come from the report catalogue, so a table is the same in
// every language except for its titles.

// Kind says how a column's values are written.
type Kind string

const (
	Text  Kind = "text"  // a string (a name, a code's name)
	Code  Kind = "code"  // a stable code, translated through the catalogue ("country.JP")
	Count Kind = "count" // an integer
	Money Kind = "money" // an Amount: minor units and its currency
	Date  Kind = "date"  // a YYYY-MM-DD string
	Share Kind = "share" // a fraction 0..1
)

// Column is one column of a table.
type Column struct {
	Key  string `json:"key"`
	Kind Kind   `json:"kind"`
}

// Amount is money in minor units of its currency (JPY has none).
type Amount struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// Table is one table of a section: its rows hold one value per column,
// of the Go type its Kind says (string, int64, Amount, string date,
// float64).
type Table struct {
	Key     string   `json:"key"`
	Columns []Column `json:"columns"`
	Rows    [][]any  `json:"rows"`
}
