package report_test

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/gen"
	"github.com/innomunich/platform/pkg/report"
)

// BenchmarkReport is GET /reports/kpis?period=2025 without HTTP: the
// full-year report on PostgreSQL. Target: under 2 s at one million
// organisations. make bench runs it on the kept 1M data set
// (REPORT_BENCH_URL, migrated first); without it, it generates
// REPORT_BENCH_ORGS organisations (default 100,000) into a test database
// on TEST_DATABASE_URL.
func BenchmarkReport(b *testing.B) {
	ctx := context.Background()
	var db *database.DB
	if url := os.Getenv("REPORT_BENCH_URL"); url != "" {
		var err error
		if db, err = database.Open(ctx, url, database.Options{}); err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		if _, err := db.MigrateUp(ctx); err != nil {
			b.Fatal(err)
		}
		// Migration 00025 rewrote every partner and party row, and a
		// generated data set was bulk loaded: vacuum them as autovacuum
		// soon would, so that their indexes answer without visiting the
		// table (index-only scans, also of migration 00031's indexes).
		if err := db.Conn(ctx).Exec("VACUUM (ANALYZE) project_partners, agreement_parties, organisation_months, people_days, organisations, projects, agreements").Error; err != nil {
			b.Fatal(err)
		}
	} else {
		if os.Getenv("TEST_DATABASE_URL") == "" {
			b.Skip("the report is measured on PostgreSQL; set TEST_DATABASE_URL or REPORT_BENCH_URL")
		}
		orgs := 100_000
		if n, err := strconv.Atoi(os.Getenv("REPORT_BENCH_ORGS")); err == nil && n > 0 {
			orgs = n
		}
		db = dbtest.New(b, database.Postgres)
		if _, err := gen.Generate(ctx, db, gen.Options{Orgs: orgs, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	for _, key := range []string{"2025", "FY2025"} {
		p, err := report.ParsePeriod(key, "", "")
		if err != nil {
			b.Fatal(err)
		}
		// Once before timing: the first reads after a bulk load find
		// the pages cold.
		if _, err := report.Compute(ctx, db, p, "de"); err != nil {
			b.Fatal(err)
		}
		b.Run(key, func(b *testing.B) {
			for b.Loop() {
				k, err := report.Compute(ctx, db, p, "de")
				if err != nil {
					b.Fatal(err)
				}
				if k.Directory.Organisations.Total == 0 {
					b.Fatal("an empty report")
				}
			}
		})
	}
}
