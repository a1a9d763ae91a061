package organisation_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
)

// BenchmarkUpsertNightlySync plays a partner's nightly sync of 1,000
// organisations by external id, three nights: the first creates them all,
// the second sends the same data (nothing changes, no version, no audit
// event), the third changes one field of each. It reports upserts per
// second of each night. On SQLite, and on PostgreSQL with TEST_DATABASE_URL.
func BenchmarkUpsertNightlySync(b *testing.B) {
	engines := []database.Engine{database.SQLite}
	if os.Getenv("TEST_DATABASE_URL") != "" {
		engines = append(engines, database.Postgres)
	}
	const n = 1000
	for _, e := range engines {
		b.Run(string(e), func(b *testing.B) {
			ctx := as(auth.System("bench"))
			for b.Loop() {
				b.StopTimer()
				db := dbtest.New(b, e)
				b.StartTimer()
				night := func(name string, city string) {
					start := time.Now()
					for i := 0; i < n; i++ {
						in := organisation.Patch{Name: opt.Of(fmt.Sprintf("Sync Partner %04d KK", i)), Kind: opt.Of("biotech"), Country: opt.Of("JP"), City: opt.Of(city)}
						if _, _, err := organisation.Upsert(ctx, db, "osaka-bhq", fmt.Sprintf("OB-%04d", i), nil, in); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(n)/time.Since(start).Seconds(), name+"-upserts/s")
				}
				night("create", "Osaka")
				night("unchanged", "Osaka")
				night("change", "Suita")
			}
		})
	}
}
