package report_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/demo"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/report"
	"github.com/xuri/excelize/v2"
)

// Every table, column and code of real reports (on the demo data) has a
// name in every language, the reference data's codes included, and the
// reports render as XLSX.
func TestReportOnDemoDataIsNamedInEveryLanguage(t *testing.T) {
	ctx := context.Background()
	db := dbtest.One(t)
	if _, err := demo.Seed(ctx, db); err != nil {
		t.Fatal(err)
	}
	ref, err := report.LoadReferenceNames(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, key := range []string{"2026", "FY2026", "2027"} {
		p, err := report.ParsePeriod(key, "", "")
		if err != nil {
			t.Fatal(err)
		}
		k, err := report.Compute(ctx, db, p, "en")
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range i18n.Locales {
			names := report.NewNames(lang, ref)
			for _, tb := range k.Tables() {
				rows += len(tb.Rows)
				if !names.HasTable(tb.Key) {
					t.Errorf("%s: no name for table %s", lang, tb.Key)
				}
				for i, c := range tb.Columns {
					if !names.HasColumn(c.Key) {
						t.Errorf("%s: no name for column %s (table %s)", lang, c.Key, tb.Key)
					}
					if c.Kind != report.Code {
						continue
					}
					for _, row := range tb.Rows {
						if v, _ := row[i].(string); v != "" {
							if _, ok := names.Code(tb.Key, c.Key, v); !ok {
								t.Errorf("%s %s: no name for %s %q (table %s)", key, lang, c.Key, v, tb.Key)
							}
						}
					}
				}
			}
			var b bytes.Buffer
			if err := report.WriteXLSX(&b, report.Workbook{Period: names.PeriodLabel(p), Tables: k.Tables()}, names); err != nil {
				t.Fatalf("%s %s: %v", key, lang, err)
			}
			if f, err := excelize.OpenReader(&b); err != nil {
				t.Errorf("%s %s: the XLSX does not open: %v", key, lang, err)
			} else {
				f.Close()
			}
		}
	}
	if rows == 0 {
		t.Error("the demo reports hold no rows; the test checks nothing")
	}
}
