package page_test

import (
	"context"
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/page"
)

// A total is counted exactly up to 10,000 rows and estimated beyond:
// PostgreSQL's planner from the statistics, SQLite the lower bound.
func TestTotalIsExactUpTo10000AndEstimatedBeyond(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		conn := db.Conn(ctx)
		for _, stmt := range []string{
			"CREATE TABLE total_rows (id VARCHAR(36) PRIMARY KEY, name VARCHAR(20) NOT NULL, n INTEGER NOT NULL)",
			// 10,250 rows: ids shaped like uuids, n from 1.
			`INSERT INTO total_rows (id, name, n) WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 10250)
			 SELECT '00000000-0000-7000-8000-' || (100000000000 + i), 'row ' || i, i FROM s`,
		} {
			if err := conn.Exec(stmt).Error; err != nil {
				t.Fatal(err)
			}
		}
		if db.Engine == database.Postgres {
			if err := conn.Exec("ANALYZE total_rows").Error; err != nil {
				t.Fatal(err)
			}
		}
		spec := page.Spec{Default: "name", Fields: []page.Field{{Name: "name", Column: "name", Kind: page.String}}}
		read := func(params page.Params, maxN int) (*page.Total, int) {
			t.Helper()
			p, err := spec.Parse(params)
			if err != nil {
				t.Fatal(err)
			}
			var rows []struct{ ID, Name string }
			if err := p.Find(db.Conn(ctx).Table("total_rows").Select("id, name").Where("n <= ?", maxN), &rows); err != nil {
				t.Fatal(err)
			}
			return p.Total(), len(rows)
		}
		if total, n := read(page.Params{Limit: "10"}, 10250); total != nil || n != 11 {
			t.Errorf("without include=total: total %v, %d rows (want none, 11 with the look-ahead)", total, n)
		}
		for _, tt := range []struct {
			max       int
			want      int64
			estimated bool
		}{{0, 0, false}, {1969, 1969, false}, {10000, 10000, false}} {
			total, n := read(page.Params{Limit: "10", Total: true}, tt.max)
			if total == nil || total.Count != tt.want || total.Estimated != tt.estimated || n != min(tt.max, 11) {
				t.Errorf("%d rows selected: total %+v, %d rows read", tt.max, total, n)
			}
		}
		total, _ := read(page.Params{Limit: "10", Total: true}, 10250)
		switch {
		case total == nil || !total.Estimated:
			t.Fatalf("10,250 rows: total %+v, want an estimate", total)
		case db.Engine == database.Postgres && (total.Count < 10001 || total.Count > 11000):
			t.Errorf("10,250 rows on PostgreSQL: estimated %d", total.Count)
		case db.Engine == database.SQLite && total.Count != page.ExactTotalUpTo:
			t.Errorf("10,250 rows on SQLite: %d, want the lower bound %d", total.Count, page.ExactTotalUpTo)
		}
	})
}
