package opportunity_test

import (
	"context"
	"os"
	"testing"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/gen"
	"github.com/innomunich/platform/pkg/opportunity"
)

// BenchmarkMatches is GET /opportunities/{id}/matches without HTTP: the
// matches of one opportunity among 100,000 (10,000 organisations, the
// generator's data) on PostgreSQL, for opportunities of every kind in
// turn, judged on the data set's reference day. Target: under 50 ms.
// Needs TEST_DATABASE_URL; generating the data takes a while.
func BenchmarkMatches(b *testing.B) {
	if os.Getenv("TEST_DATABASE_URL") == "" {
		b.Skip("matching is measured on PostgreSQL; set TEST_DATABASE_URL")
	}
	db := dbtest.New(b, database.Postgres)
	ctx := auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: "bench", Role: auth.RoleMember})
	if _, err := gen.Generate(ctx, db, gen.Options{Orgs: 10_000, Opportunities: 100_000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	var ids []string
	if err := db.Conn(ctx).Table("opportunities").Where("status = ? AND valid_until >= ?", opportunity.Published, opportunity.Today(gen.Reference())).
		Order("id").Limit(200).Pluck("id", &ids).Error; err != nil || len(ids) == 0 {
		b.Fatalf("no published opportunities: %v", err)
	}
	// Once round before timing: the first reads after the bulk load
	// find the pages cold and PostgreSQL busy writing them out.
	for _, id := range ids {
		if _, err := opportunity.Matches(ctx, db, id, 20, gen.Reference()); err != nil {
			b.Fatal(err)
		}
	}
	found, i := 0, 0
	for b.Loop() {
		ms, err := opportunity.Matches(ctx, db, ids[i%len(ids)], 20, gen.Reference())
		if err != nil {
			b.Fatal(err)
		}
		found += len(ms)
		i++
	}
	if found == 0 {
		b.Fatal("no matches found")
	}
}
