package audit_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

// BenchmarkFeedRead measures the change feed's read throughput on each
// engine: 20,000 changes, read from the start in pages of 200 as a viewer
// (so the audit rule's condition is part of the query), each event's data
// decoded. It reports events/s.
func BenchmarkFeedRead(b *testing.B) {
	engines := []database.Engine{database.SQLite}
	if os.Getenv("TEST_DATABASE_URL") != "" {
		engines = append(engines, database.Postgres)
	}
	for _, e := range engines {
		b.Run(string(e), func(b *testing.B) {
			db := dbtest.New(b, e)
			ctx := auth.With(context.Background(), auth.System("feed bench"))
			const n = 20_000
			for batch := 0; batch < n/500; batch++ {
				err := db.WithTx(ctx, func(ctx context.Context) error {
					for i := range 500 {
						if err := audit.Record(ctx, db, audit.Create, thing, uuid.Must(uuid.NewV7()).String(), 1, nil,
							thingView{Writer: batch, N: i, Name: fmt.Sprintf("thing %d", i)}); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			reader := auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: uuid.Must(uuid.NewV7()).String(), Role: auth.RoleViewer})
			// On PostgreSQL the last changes show once no older
			// transaction (other sessions' too) runs: wait for all.
			readAll := func() int {
				got, cursor := 0, ""
				for {
					events, next, more, err := audit.Changes(reader, db, audit.FeedQuery{After: cursor, Types: []string{thing}, Limit: 200})
					if err != nil {
						b.Fatal(err)
					}
					got += len(events)
					cursor = next
					if !more {
						return got
					}
				}
			}
			deadline := time.Now().Add(30 * time.Second)
			for readAll() < n && time.Now().Before(deadline) {
			}
			b.ResetTimer()
			events := 0
			for range b.N {
				events += readAll()
			}
			b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
