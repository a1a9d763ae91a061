package report

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Workbook is what an XLSX file shows: a summary sheet with the period,
// the contents and the yearly trend with its chart, then one sheet per
// table.
type Workbook struct {
	// Period is the period as the reader knows it ("FY2025
	// (2025-04-01 – 2026-03-31)"), written in every sheet's title row.
	Period string
	Tables []Table
	// Trend is the yearly trend charted on the summary sheet: its first
	// column is the year, the others counts (trips, participants, …), one
	// series each. Nil: no trend.
	Trend *Table
}

// The layout of a table sheet: the title row, the header row, the data.
const (
	titleRow  = 1
	headerRow = 2
	firstRow  = 3
)

// sheetNameMax is Excel's limit on a sheet name.
const sheetNameMax = 31

// XLSXContentType is the media type of an XLSX file.
const XLSXContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// WriteXLSX writes the workbook. Every value is a literal (text, number
// or date), never a formula, so nothing runs when the file is opened;
// money is a number in major units with its currency's number format.
func WriteXLSX(w io.Writer, wb Workbook, n Names) error {
	f := excelize.NewFile()
	defer f.Close()
	x := &xlsxWriter{f: f, n: n, styles: map[string]int{}, used: map[string]bool{}}
	if err := x.write(wb); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

type xlsxWriter struct {
	f      *excelize.File
	n      Names
	styles map[string]int // number format → style id
	used   map[string]bool
	title  int // the bold style of titles and headers
}

func (x *xlsxWriter) write(wb Workbook) error {
	var err error
	if x.title, err = x.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return err
	}
	summary := x.sheetName(x.n.Label("summary"))
	if err := x.f.SetSheetName("Sheet1", summary); err != nil {
		return err
	}
	sheets := make([]string, len(wb.Tables))
	for i, t := range wb.Tables {
		sheets[i] = x.sheetName(x.n.Table(t.Key))
	}
	if err := x.summary(summary, wb, sheets); err != nil {
		return err
	}
	for i, t := range wb.Tables {
		if _, err := x.f.NewSheet(sheets[i]); err != nil {
			return err
		}
		if err := x.table(sheets[i], wb.Period, t); err != nil {
			return fmt.Errorf("sheet %s: %w", t.Key, err)
		}
	}
	x.f.SetActiveSheet(0)
	return x.f.SetDocProps(&excelize.DocProperties{Title: x.n.Label("report") + " " + wb.Period, Creator: "InnoMuNiCH Cooperation Platform", Language: x.n.Lang})
}

// summary writes the title, the contents and the trend with its chart.
func (x *xlsxWriter) summary(sheet string, wb Workbook, sheets []string) error {
	f := x.f
	if err := x.str(sheet, 1, titleRow, x.n.Label("report")+" — "+wb.Period, x.title); err != nil {
		return err
	}
	if err := f.SetCellStr(sheet, "A2", x.n.Label("period")); err != nil {
		return err
	}
	if err := f.SetCellStr(sheet, "B2", wb.Period); err != nil {
		return err
	}
	row := 4
	if err := x.str(sheet, 1, row, x.n.Label("contents"), x.title); err != nil {
		return err
	}
	for _, s := range sheets {
		row++
		if err := f.SetCellStr(sheet, cell(1, row), s); err != nil {
			return err
		}
	}
	width := []int{textWidth(x.n.Label("contents")), textWidth(wb.Period)}
	for _, s := range append(sheets, x.n.Label("period")) {
		width[0] = max(width[0], textWidth(s))
	}
	if wb.Trend != nil && len(wb.Trend.Columns) > 1 {
		row += 2
		if err := x.trend(sheet, row, *wb.Trend); err != nil {
			return err
		}
	}
	for i, w := range width {
		if err := f.SetColWidth(sheet, colName(i+1), colName(i+1), colWidth(w)); err != nil {
			return err
		}
	}
	return nil
}

// trend writes the trend table from row top on and charts it to the right.
func (x *xlsxWriter) trend(sheet string, top int, t Table) error {
	f := x.f
	if err := x.str(sheet, 1, top, x.n.Table(t.Key), x.title); err != nil {
		return err
	}
	header := top + 1
	for i, c := range t.Columns {
		if err := x.str(sheet, i+1, header, x.n.Column(c.Key), x.title); err != nil {
			return err
		}
	}
	for r, row := range t.Rows {
		for i, c := range t.Columns {
			var v any
			if i < len(row) {
				v = row[i]
			}
			if i == 0 {
				// The year is a category, not a quantity: text, so
				// that 2025 is not written 2,025.
				s := asString(v)
				if c.Kind == Count {
					s = fmt.Sprint(asInt(v))
				}
				s = x.n.yearLabel(s)
				if err := f.SetCellStr(sheet, cell(1, header+1+r), s); err != nil {
					return err
				}
				continue
			}
			if err := x.value(sheet, cell(i+1, header+1+r), t.Key, c, v); err != nil {
				return err
			}
		}
	}
	if len(t.Rows) == 0 {
		return nil
	}
	last := header + len(t.Rows)
	ref := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	var series []excelize.ChartSeries
	for i := 1; i < len(t.Columns); i++ {
		col := colName(i + 1)
		series = append(series, excelize.ChartSeries{
			Name:       ref + "$" + col + "$" + fmt.Sprint(header),
			Categories: fmt.Sprintf("%s$A$%d:$A$%d", ref, header+1, last),
			Values:     fmt.Sprintf("%s$%s$%d:$%s$%d", ref, col, header+1, col, last),
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: 6},
		})
	}
	return f.AddChart(sheet, cell(len(t.Columns)+2, top), &excelize.Chart{
		Type:      excelize.Line,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: x.n.Table(t.Key)}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 640, Height: 320},
	})
}

// table writes one table's sheet.
func (x *xlsxWriter) table(sheet, period string, t Table) error {
	f := x.f
	if err := x.str(sheet, 1, titleRow, x.n.Table(t.Key)+" — "+period, x.title); err != nil {
		return err
	}
	widths := make([]int, len(t.Columns))
	for i, c := range t.Columns {
		name := x.n.Column(c.Key)
		widths[i] = textWidth(name)
		if err := x.str(sheet, i+1, headerRow, name, x.title); err != nil {
			return err
		}
	}
	for r, row := range t.Rows {
		for i, c := range t.Columns {
			var v any
			if i < len(row) {
				v = row[i]
			}
			if err := x.value(sheet, cell(i+1, firstRow+r), t.Key, c, v); err != nil {
				return err
			}
			widths[i] = max(widths[i], x.width(t.Key, c, v))
		}
	}
	for i, w := range widths {
		if err := f.SetColWidth(sheet, colName(i+1), colName(i+1), colWidth(w)); err != nil {
			return err
		}
	}
	// The header stays in view while scrolling.
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: cell(1, firstRow), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: cell(1, firstRow), ActiveCell: cell(1, firstRow), Pane: "bottomLeft"}}})
}

// value writes one cell by its column's kind.
func (x *xlsxWriter) value(sheet, at, table string, c Column, v any) error {
	f := x.f
	switch c.Kind {
	case Count:
		if v == nil {
			return nil
		}
		if err := f.SetCellInt(sheet, at, asInt(v)); err != nil {
			return err
		}
		return x.format(sheet, at, "#,##0")
	case Share:
		if v == nil {
			return nil
		}
		if err := f.SetCellFloat(sheet, at, asFloat(v), -1, 64); err != nil {
			return err
		}
		return x.format(sheet, at, "0.0%")
	case Money:
		if v == nil {
			return nil
		}
		a := asAmount(v)
		if err := f.SetCellFloat(sheet, at, a.Major(), -1, 64); err != nil {
			return err
		}
		return x.format(sheet, at, MoneyFormat(a.Currency))
	case Date:
		d, ok := asDate(v)
		if !ok {
			return f.SetCellStr(sheet, at, asString(v))
		}
		if err := f.SetCellValue(sheet, at, d); err != nil {
			return err
		}
		return x.format(sheet, at, "yyyy-mm-dd")
	case Code:
		name, _ := x.n.Code(table, c.Key, asString(v))
		return f.SetCellStr(sheet, at, name)
	default:
		return f.SetCellStr(sheet, at, asString(v))
	}
}

// width is how wide a cell's value shows, in characters.
func (x *xlsxWriter) width(table string, c Column, v any) int {
	switch c.Kind {
	case Count:
		return len(fmt.Sprint(asInt(v))) * 4 / 3
	case Share:
		return 7
	case Money:
		return len(asAmount(v).Decimal())*4/3 + 3
	case Date:
		return 10
	case Code:
		name, _ := x.n.Code(table, c.Key, asString(v))
		return textWidth(name)
	default:
		return textWidth(asString(v))
	}
}

// MoneyFormat is the spreadsheet number format of a currency: the euro
// after the amount as in Germany, the yen before it as in Japan, other
// currencies by their code.
func MoneyFormat(currency string) string {
	switch currency {
	case "EUR":
		return `#,##0.00 "€"`
	case "JPY":
		return `"¥"#,##0`
	}
	if minorUnits(currency) == 0 {
		return `#,##0 "` + currency + `"`
	}
	return `#,##0.00 "` + currency + `"`
}

func (x *xlsxWriter) format(sheet, at, numFmt string) error {
	id, ok := x.styles[numFmt]
	if !ok {
		var err error
		if id, err = x.f.NewStyle(&excelize.Style{CustomNumFmt: &numFmt}); err != nil {
			return err
		}
		x.styles[numFmt] = id
	}
	return x.f.SetCellStyle(sheet, at, at, id)
}

func (x *xlsxWriter) str(sheet string, col, row int, s string, style int) error {
	if err := x.f.SetCellStr(sheet, cell(col, row), s); err != nil {
		return err
	}
	return x.f.SetCellStyle(sheet, cell(col, row), cell(col, row), style)
}

// sheetName makes name a valid, unused sheet name: without the
// characters Excel forbids ([]:*?/\), at most 31 characters, and unique
// ignoring case (as Excel compares them).
func (x *xlsxWriter) sheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || unicode.IsControl(r) {
			return ' '
		}
		return r
	}, name)
	name = strings.Trim(strings.Join(strings.Fields(name), " "), "'")
	if name == "" || strings.EqualFold(name, "History") {
		name = "Sheet " + name
	}
	base := truncate(name, sheetNameMax)
	name = base
	for i := 2; x.used[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		name = truncate(base, sheetNameMax-utf8.RuneCountInString(suffix)) + suffix
	}
	x.used[strings.ToLower(name)] = true
	return name
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n]))
}

// textWidth counts a wide (CJK) character as two.
func textWidth(s string) int {
	w := 0
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || (r >= 0xFF01 && r <= 0xFF60) || (r >= 0x3000 && r <= 0x303F) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func colWidth(chars int) float64 { return float64(min(max(chars+2, 8), 60)) }

func colName(i int) string {
	s, _ := excelize.ColumnNumberToName(i)
	return s
}

func cell(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}
