package report

import (
	"archive/zip"
	"encoding/csv"
	"io"
	"strconv"
	"time"

	"github.com/innomunich/platform/pkg/organisation"
)

// bom makes spreadsheets read the file as UTF-8 (Excel reads it as the
// system's code page without one, which breaks umlauts and Japanese).
const bom = "\ufeff"

// CSVName is the file name of a table's CSV.
func CSVName(t Table) string { return t.Key + ".csv" }

// WriteCSV writes one table as CSV: UTF-8 with a BOM, a header row with
// the columns' names and one row per row. Codes are written as their
// names, money as a decimal number followed by a column with its
// currency, shares as decimal fractions. Every text cell (names, codes,
// headers) goes through the directory export's guard against CSV
// injection, so nothing runs as a formula when the file is opened in a
// spreadsheet.
func WriteCSV(w io.Writer, t Table, n Names) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	header := make([]string, 0, len(t.Columns))
	for _, c := range t.Columns {
		header = append(header, n.Column(c.Key))
		if c.Kind == Money {
			header = append(header, n.Column(c.Key)+" ("+n.Label("currency")+")")
		}
	}
	for i, h := range header {
		header[i] = organisation.ExportCell(h)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, row := range t.Rows {
		cells := make([]string, 0, len(header))
		for i, c := range t.Columns {
			var v any
			if i < len(row) {
				v = row[i]
			}
			switch c.Kind {
			case Money:
				a := asAmount(v)
				cells = append(cells, a.Decimal(), organisation.ExportCell(a.Currency))
			case Count:
				cells = append(cells, strconv.FormatInt(asInt(v), 10))
			case Share:
				cells = append(cells, strconv.FormatFloat(asFloat(v), 'f', -1, 64))
			case Code:
				name, _ := n.Code(t.Key, c.Key, asString(v))
				cells = append(cells, organisation.ExportCell(name))
			default:
				cells = append(cells, organisation.ExportCell(asString(v)))
			}
		}
		if err := cw.Write(cells); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteZIP writes every table as its own CSV file into one ZIP archive.
func WriteZIP(w io.Writer, tables []Table, n Names) error {
	z := zip.NewWriter(w)
	now := time.Now()
	for _, t := range tables {
		f, err := z.CreateHeader(&zip.FileHeader{Name: CSVName(t), Method: zip.Deflate, Modified: now})
		if err != nil {
			return err
		}
		if err := WriteCSV(f, t, n); err != nil {
			return err
		}
	}
	return z.Close()
}
