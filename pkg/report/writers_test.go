package report_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/report"
	"github.com/xuri/excelize/v2"
)

// sample is a funding table with money in two currencies, a date, a
// share, codes and names typed by users that look like formulas.
func sample() []report.Table {
	return []report.Table{
		{Key: "funding_references", Columns: []report.Column{{Key: "reference", Kind: report.Text}, {Key: "funder", Kind: report.Code}, {Key: "project", Kind: report.Text}, {Key: "amount", Kind: report.Money}},
			Rows: [][]any{
				{"16LW0123A", "bmbf", `=HYPERLINK("https://evil.example","CellBridge")`, report.Amount{Amount: 123456789, Currency: "EUR"}},
				{"JP-7", "amed", "@SUM(A1)", report.Amount{Amount: 40000000, Currency: "JPY"}},
				{"-x", "amed", "+49 89 1234", report.Amount{Amount: -5, Currency: "EUR"}},
			}},
		{Key: "projects_network", Columns: []report.Column{{Key: "project", Kind: report.Text}, {Key: "initiated_on", Kind: report.Date}, {Key: "origin", Kind: report.Code}},
			Rows: [][]any{{"CellBridge", "2025-05-01", "trip"}}},
		{Key: "projects_binational", Columns: []report.Column{{Key: "projects", Kind: report.Count}, {Key: "binational", Kind: report.Count}, {Key: "share", Kind: report.Share}},
			Rows: [][]any{{int64(4), int64(1), 0.25}}},
	}
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\ufeff")) {
		t.Fatalf("no UTF-8 BOM: %q", b[:min(len(b), 10)])
	}
	rows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestCSVCellsAreSafeInASpreadsheet(t *testing.T) {
	var b bytes.Buffer
	if err := report.WriteCSV(&b, sample()[0], report.NewNames("de", nil)); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, b.Bytes())
	want := [][]string{
		{"Förderkennzeichen", "Fördergeber", "Projekt", "Betrag", "Betrag (Währung)"},
		{"16LW0123A", "bmbf", `'=HYPERLINK("https://evil.example","CellBridge")`, "1234567.89", "EUR"},
		{"JP-7", "amed", "'@SUM(A1)", "40000000", "JPY"},
		{"'-x", "amed", "'+49 89 1234", "-0.05", "EUR"},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("CSV rows\n%q\nwant\n%q", rows, want)
	}
	// No text cell starts with a character that makes a spreadsheet
	// read a formula; numbers (money) are numbers.
	for _, row := range rows[1:] {
		for i, cell := range row {
			if i == 3 {
				continue
			}
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
	}
}

func TestZIPHoldsOneCSVPerTable(t *testing.T) {
	var b bytes.Buffer
	if err := report.WriteZIP(&b, sample(), report.NewNames("ja", nil)); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range z.File {
		names = append(names, f.Name)
	}
	if want := []string{"funding_references.csv", "projects_network.csv", "projects_binational.csv"}; !slices.Equal(names, want) {
		t.Fatalf("files %v, want %v", names, want)
	}
	r, _ := z.File[1].Open()
	data, _ := io.ReadAll(r)
	rows := readCSV(t, data)
	if want := [][]string{{"プロジェクト", "創出日", "起点"}, {"CellBridge", "2025-05-01", "視察・イベント"}}; !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("projects_network.csv %q, want %q", rows, want)
	}
}

func openXLSX(t *testing.T, wb report.Workbook, lang string) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	if err := report.WriteXLSX(&b, wb, report.NewNames(lang, nil)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatalf("excelize cannot open the file: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestXLSX(t *testing.T) {
	trend := report.Table{Key: "trend", Columns: []report.Column{{Key: "year", Kind: report.Text}, {Key: "trips", Kind: report.Count}, {Key: "participants", Kind: report.Count}},
		Rows: [][]any{{"2023", int64(2), int64(30)}, {"2024", int64(3), int64(41)}, {"2025", int64(5), int64(60)}}}
	f := openXLSX(t, report.Workbook{Period: "2025", Tables: sample(), Trend: &trend}, "de")

	sheets := f.GetSheetList()
	if want := []string{"Übersicht", "Förderkennzeichen", "Vom Netzwerk initiiert", "Binationale Projekte"}; !slices.Equal(sheets, want) {
		t.Fatalf("sheets %q, want %q", sheets, want)
	}
	get := func(sheet, cell string) string {
		v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	numFmt := func(sheet, cell string) string {
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(id)
		if err != nil || s.CustomNumFmt == nil {
			return ""
		}
		return *s.CustomNumFmt
	}
	for _, c := range []struct{ sheet, cell, value, format string }{
		{"Übersicht", "A1", "Bericht — 2025", ""},
		{"Förderkennzeichen", "A1", "Förderkennzeichen — 2025", ""},
		{"Förderkennzeichen", "D2", "Betrag", ""},
		{"Förderkennzeichen", "C3", `=HYPERLINK("https://evil.example","CellBridge")`, ""}, // text, not a formula
		{"Förderkennzeichen", "D3", "1234567.89", `#,##0.00 "€"`},
		{"Förderkennzeichen", "D4", "40000000", `"¥"#,##0`},
		{"Vom Netzwerk initiiert", "B3", "45778", "yyyy-mm-dd"}, // 2025-05-01 as a date serial
		{"Vom Netzwerk initiiert", "C3", "Reise", ""},
		{"Binationale Projekte", "C3", "0.25", "0.0%"},
	} {
		if got := get(c.sheet, c.cell); got != c.value {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, got, c.value)
		}
		if c.format != "" {
			if got := numFmt(c.sheet, c.cell); got != c.format {
				t.Errorf("%s!%s format %q, want %q", c.sheet, c.cell, got, c.format)
			}
		}
	}
	if typ, _ := f.GetCellType("Förderkennzeichen", "D3"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("money is written as text (%v), want a number", typ)
	}

	for _, sheet := range sheets {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formula, _ := f.GetCellFormula(sheet, ref); formula != "" {
					t.Errorf("%s!%s holds the formula %q", sheet, ref, formula)
				}
			}
		}
		if sheet == sheets[0] {
			continue
		}
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 2 || panes.TopLeftCell != "A3" {
			t.Errorf("%s: panes %+v, want the title and header rows frozen", sheet, panes)
		}
		if w, _ := f.GetColWidth(sheet, "A"); w < 8 {
			t.Errorf("%s: column A is %v wide", sheet, w)
		}
	}
	if w, _ := f.GetColWidth("Förderkennzeichen", "C"); w < 40 {
		t.Errorf("the project column is %v wide for a 47-character name", w)
	}

	// The trend is on the summary sheet, with a chart of it.
	rows, _ := f.GetRows("Übersicht")
	var found bool
	for _, row := range rows {
		if slices.Equal(row, []string{"2025", "5", "60"}) {
			found = true
		}
	}
	if !found {
		t.Errorf("the summary sheet lacks the trend row 2025: %q", rows)
	}
	var b bytes.Buffer
	_ = report.WriteXLSX(&b, report.Workbook{Period: "2025", Tables: sample(), Trend: &trend}, report.NewNames("de", nil))
	z, _ := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if !slices.ContainsFunc(z.File, func(f *zip.File) bool { return strings.HasPrefix(f.Name, "xl/charts/chart") }) {
		t.Error("no chart in the workbook")
	}
}

// Sheet names are valid whatever a table is called: at most 31
// characters, none of []:*?/\, unique.
func TestXLSXSheetNames(t *testing.T) {
	odd := report.Table{Key: "a[b]:c*d?e/f\\g_and_a_name_longer_than_thirty_one", Columns: []report.Column{{Key: "x", Kind: report.Text}}}
	f := openXLSX(t, report.Workbook{Period: "FY2025", Tables: []report.Table{odd, odd, odd}}, "ja")
	sheets := f.GetSheetList()
	if len(sheets) != 4 || sheets[0] != "概要" {
		t.Fatalf("sheets %q", sheets)
	}
	seen := map[string]bool{}
	for _, s := range sheets {
		if len([]rune(s)) > 31 || strings.ContainsAny(s, `[]:*?/\`) || seen[s] {
			t.Errorf("invalid sheet name %q", s)
		}
		seen[s] = true
	}
}

func TestTrendPeriodsAndLabels(t *testing.T) {
	for _, c := range []struct {
		period, from, to string
		want             []string
	}{
		{"2025", "", "", []string{"2023", "2024", "2025"}},
		{"FY2025", "", "", []string{"FY2023", "FY2024", "FY2025"}},
		{"", "2024-07-01", "2025-06-30", []string{"2023", "2024", "2025"}},
	} {
		p, err := report.ParsePeriod(c.period, c.from, c.to)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, q := range report.TrendPeriods(p, 3) {
			got = append(got, q.Key)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("trend of %s%s: %v, want %v", c.period, c.from, got, c.want)
		}
	}
	fy, _ := report.ParsePeriod("FY2025", "", "")
	if got := report.NewNames("ja", nil).PeriodLabel(fy); got != "2025年度 (2025-04-01 – 2026-03-31)" {
		t.Errorf("ja label %q", got)
	}
	by, _ := report.ParsePeriod("2025", "", "")
	if got := report.NewNames("de", nil).PeriodLabel(by); got != "Haushaltsjahr 2025 (2025-01-01 – 2025-12-31)" {
		t.Errorf("de label %q", got)
	}
}
