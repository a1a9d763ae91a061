package jobs_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/jobs"
	"github.com/riverqueue/river"
)

type nopArgs struct{}

func (nopArgs) Kind() string { return "bench_nop" }

type nopWorker struct{ river.WorkerDefaults[nopArgs] }

func (nopWorker) Work(context.Context, *river.Job[nopArgs]) error { return nil }

// BenchmarkJobThroughput measures jobs per second from commit to
// completion on each engine: b.N jobs, each inserted in a transaction of
// its own (as a request would), worked by 4 workers.
func BenchmarkJobThroughput(b *testing.B) {
	engines := []database.Engine{database.SQLite}
	if testingPostgres() {
		engines = append(engines, database.Postgres)
	}
	for _, e := range engines {
		b.Run(string(e), func(b *testing.B) {
			db := dbtest.New(b, e)
			ws := river.NewWorkers()
			river.AddWorker(ws, nopWorker{})
			c, err := jobs.New(db, jobs.Config{Concurrency: 4, Workers: ws, PollInterval: 100 * time.Millisecond})
			if err != nil {
				b.Fatal(err)
			}
			done, cancel := c.Subscribe(river.EventKindJobCompleted)
			defer cancel()
			ctx := context.Background()
			if err := c.Start(ctx); err != nil {
				b.Fatal(err)
			}
			defer func() {
				sctx, stop := context.WithTimeout(ctx, 10*time.Second)
				defer stop()
				_ = c.Shutdown(sctx)
			}()
			b.ResetTimer()
			for range b.N {
				if err := c.Enqueue(ctx, nopArgs{}, nil); err != nil {
					b.Fatal(err)
				}
			}
			for range b.N {
				select {
				case <-done:
				case <-time.After(60 * time.Second):
					b.Fatal("jobs stopped completing")
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "jobs/s")
		})
	}
}

func testingPostgres() bool { return os.Getenv("TEST_DATABASE_URL") != "" }
