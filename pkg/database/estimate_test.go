package database_test

import (
	"context"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

// The planner's estimate of a statement is kept for a minute: asked
// again within it, the same statement with the same arguments gets the
// same number without being planned, though ANALYZE has seen the table
// grow ten times; another statement, or the same one a minute later, gets
// the planner's new estimate. SQLite has none.
func TestAnEstimateIsKeptForAMinute(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		conn := db.Conn(ctx)
		clock := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
		defer database.SetEstimateClock(func() time.Time { return clock })()
		fill := func(from, to int) {
			t.Helper()
			if err := conn.Exec("INSERT INTO estimated_rows (n) SELECT generate_series(?::int, ?::int)", from, to).Error; err != nil {
				t.Fatal(err)
			}
			if err := conn.Exec("ANALYZE estimated_rows").Error; err != nil {
				t.Fatal(err)
			}
		}
		estimate := func(above int) float64 {
			t.Helper()
			rows, err := db.EstimateRows(db.Conn(ctx).Table("estimated_rows").Where("n > ?", above))
			if err != nil {
				t.Fatal(err)
			}
			return rows
		}
		if err := conn.Exec("CREATE TABLE estimated_rows (n integer NOT NULL)").Error; err != nil {
			t.Fatal(err)
		}
		if db.Engine != database.Postgres {
			if rows := estimate(0); rows != -1 {
				t.Errorf("SQLite: estimate %v, want -1 (none)", rows)
			}
			return
		}
		fill(1, 1000)
		if rows := estimate(0); rows < 900 || rows > 1100 {
			t.Fatalf("1,000 rows: estimated %v", rows)
		}
		fill(1001, 10000)
		clock = clock.Add(database.EstimateFor - time.Second)
		if rows := estimate(0); rows < 900 || rows > 1100 {
			t.Errorf("asked again within the minute: estimated %v, want the kept estimate of about 1,000", rows)
		}
		if rows := estimate(1); rows < 9000 || rows > 11000 {
			t.Errorf("another argument: estimated %v, want the planner's new estimate of about 10,000", rows)
		}
		clock = clock.Add(time.Second)
		if rows := estimate(0); rows < 9000 || rows > 11000 {
			t.Errorf("a minute later: estimated %v, want the planner's new estimate of about 10,000", rows)
		}
	})
}
