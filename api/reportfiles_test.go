package api_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/demo"
	"github.com/xuri/excelize/v2"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// The report as files: XLSX, a ZIP of CSVs and one CSV, asked for with
// format= or Accept, named in the language asked for.
func TestReportFiles(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		if _, err := demo.Seed(setupCtx(), db); err != nil {
			t.Fatal(err)
		}
		h := newHarness(t, db)

		for _, req := range []request{
			{url: "/api/v1/reports/kpis?period=FY2026&format=xlsx&lang=ja"},
			{url: "/api/v1/reports/kpis?period=FY2026&lang=ja", headers: map[string]string{"Accept": xlsxType}},
		} {
			rec := h.do(req)
			if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != xlsxType {
				t.Fatalf("%s: %d %s %s", req.url, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
			}
			if got := rec.Header().Get("Content-Disposition"); got != `attachment; filename="report-FY2026.xlsx"` {
				t.Errorf("Content-Disposition %q", got)
			}
			f, err := excelize.OpenReader(rec.Body)
			if err != nil {
				t.Fatalf("the XLSX does not open: %v", err)
			}
			sheets := f.GetSheetList()
			if sheets[0] != "概要" || !slices.Contains(sheets, "種別の協定") {
				t.Errorf("sheets %q", sheets)
			}
			if v, _ := f.GetCellValue("種別の協定", "A1"); !strings.Contains(v, "2026年度 (2026-04-01 – 2027-03-31)") {
				t.Errorf("title row %q, want the fiscal year", v)
			}
			// The summary charts the last five fiscal years.
			rows, _ := f.GetRows("概要")
			if !slices.ContainsFunc(rows, func(r []string) bool { return len(r) == 5 && r[0] == "2022年度" }) ||
				!slices.ContainsFunc(rows, func(r []string) bool { return len(r) == 5 && r[0] == "2026年度" }) {
				t.Errorf("the summary lacks the trend 2022年度…2026年度: %q", rows)
			}
			f.Close()
		}

		rec := h.get("/api/v1/reports/kpis?period=2026&format=zip&lang=en")
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/zip" {
			t.Fatalf("zip: %d %s", rec.Code, rec.Body.String())
		}
		z, err := zip.NewReader(bytes.NewReader(rec.Body.Bytes()), int64(rec.Body.Len()))
		if err != nil {
			t.Fatal(err)
		}
		if len(z.File) < 20 || !slices.ContainsFunc(z.File, func(f *zip.File) bool { return f.Name == "agreements_by_kind.csv" }) {
			t.Errorf("the ZIP holds %d files, want one CSV per table", len(z.File))
		}

		rec = h.get("/api/v1/reports/kpis?period=2026&format=csv&table=agreements_by_kind&lang=de")
		if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
			t.Fatalf("csv: %d %s", rec.Code, rec.Body.String())
		}
		body := rec.Body.String()
		if !strings.HasPrefix(body, "\ufeff") {
			t.Error("the CSV has no BOM")
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
		if err != nil || len(rows) < 2 || !slices.Equal(rows[0], []string{"Art der Vereinbarung", "Unterzeichnet", "Verlängert", "Beendet", "Aktiv am Ende"}) {
			t.Errorf("CSV %q (%v)", rows, err)
		}

		// A frozen report comes as the same files, without the trend
		// (its other years are not frozen).
		rec = h.do(request{method: http.MethodPost, url: "/api/v1/reports", body: map[string]string{"period": "2026"}})
		if rec.Code != http.StatusCreated {
			t.Fatalf("freeze: %d %s", rec.Code, rec.Body.String())
		}
		var frozen struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(rec.Body.Bytes(), &frozen)
		rec = h.get("/api/v1/reports/" + frozen.ID + "?format=xlsx&lang=en")
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != xlsxType {
			t.Fatalf("frozen xlsx: %d %s", rec.Code, rec.Body.String())
		}
		f, err := excelize.OpenReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := f.GetCellValue("Agreements by kind", "A1"); !strings.Contains(v, "Budget year 2026") {
			t.Errorf("frozen report's title row %q", v)
		}
		summary, _ := f.GetRows("Summary")
		if slices.ContainsFunc(summary, func(r []string) bool { return len(r) > 0 && r[0] == "Trend over the years" }) {
			t.Error("a frozen report's workbook charts a trend of unfrozen years")
		}
		f.Close()
		rec = h.get("/api/v1/reports/" + frozen.ID + "?format=csv&table=agreements_by_kind&lang=en")
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Kind of agreement,Signed") {
			t.Errorf("frozen csv: %d %s", rec.Code, rec.Body.String())
		}

		h.run([]scenario{
			{name: "compare with a file format", req: request{url: "/api/v1/reports/" + frozen.ID + "?compare=current&format=xlsx"},
				wantStatus: 400, wantBody: []string{`"field":"compare"`}},
			{name: "csv without a table", req: request{url: "/api/v1/reports/kpis?period=2026&format=csv"},
				wantStatus: 400, wantBody: []string{`"field":"table"`, "is required with format=csv"}},
			{name: "an unknown table", req: request{url: "/api/v1/reports/kpis?period=2026&format=csv&table=nope"},
				wantStatus: 400, wantBody: []string{`"field":"table"`, "agreements_by_kind"}},
			{name: "a table without csv", req: request{url: "/api/v1/reports/kpis?period=2026&table=agreements_by_kind"},
				wantStatus: 400, wantBody: []string{`"field":"table"`, "only for format=csv"}},
			{name: "an unknown format", req: request{url: "/api/v1/reports/kpis?period=2026&format=pdf"},
				wantStatus: 400, wantBody: []string{`"field":"format"`}},
			{name: "an unknown language", req: request{url: "/api/v1/reports/kpis?period=2026&format=xlsx&lang=fr"},
				wantStatus: 400, wantBody: []string{`"field":"lang"`}},
			{name: "a wrong period with a format", req: request{url: "/api/v1/reports/kpis?period=FY26&format=xlsx"},
				wantStatus: 400, wantBody: []string{`"field":"period"`}},
		})
	})
}
