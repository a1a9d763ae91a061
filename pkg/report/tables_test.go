package report_test

import (
	"context"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/gen"
	"github.com/innomunich/platform/pkg/report"
)

// Every table of a report has unique keys starting with its section's,
// and every cell is of the Go type its column's kind says.
func TestTablesHoldWhatTheirColumnsSay(t *testing.T) {
	db := dbtest.One(t)
	if _, err := gen.Generate(context.Background(), db, gen.Options{Orgs: 300, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	enrich(t, db)
	k, err := report.Compute(context.Background(), db, period(t, "2025"), "de")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	rows := 0
	for _, s := range report.Sections {
		for _, tb := range k.SectionTables(s) {
			if seen[tb.Key] || !strings.HasPrefix(tb.Key, s) {
				t.Errorf("table %q in section %s: duplicate or misnamed", tb.Key, s)
			}
			seen[tb.Key] = true
			for _, r := range tb.Rows {
				rows++
				if len(r) != len(tb.Columns) {
					t.Fatalf("%s: row %v has %d cells for %d columns", tb.Key, r, len(r), len(tb.Columns))
				}
				for i, c := range tb.Columns {
					ok := false
					switch c.Kind {
					case report.Text, report.Code, report.Date:
						_, ok = r[i].(string)
					case report.Count:
						_, ok = r[i].(int64)
					case report.Money:
						_, ok = r[i].(report.Amount)
					case report.Share:
						_, ok = r[i].(float64)
					}
					if !ok {
						t.Errorf("%s.%s: %T for kind %s", tb.Key, c.Key, r[i], c.Kind)
					}
				}
			}
		}
	}
	if len(k.Tables()) != len(seen) || rows == 0 {
		t.Errorf("Tables gave %d tables, the sections %d; %d rows", len(k.Tables()), len(seen), rows)
	}
}
