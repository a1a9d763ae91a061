// Package changes keeps the change feed's window: a River periodic job
// removes, once a day, the changes older than the retention
// (INNOMUNICH_CHANGES_RETENTION, 90 days by default). The feed itself is
// pkg/audit's (it is written by audit.Record).
package changes

import (
	"context"
	"time"

	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/database"
	"github.com/riverqueue/river"
)

// DefaultRetention is how long the feed keeps a change unless configured.
const DefaultRetention = 90 * 24 * time.Hour

// PruneArgs is the daily job.
type PruneArgs struct{}

func (PruneArgs) Kind() string { return "changes_prune" }

// InsertOpts: one prune in the queue at a time is enough.
func (PruneArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// Pruner does the work.
type Pruner struct {
	DB        *database.DB
	Retention time.Duration
}

type pruneWorker struct {
	river.WorkerDefaults[PruneArgs]
	p *Pruner
}

func (w *pruneWorker) Work(ctx context.Context, _ *river.Job[PruneArgs]) error {
	_, err := w.p.Prune(ctx)
	return err
}

// Prune removes the changes older than the retention.
func (p *Pruner) Prune(ctx context.Context) (int64, error) {
	r := p.Retention
	if r <= 0 {
		r = DefaultRetention
	}
	return audit.Prune(ctx, p.DB, database.Now().Add(-r))
}

// Register adds the worker.
func Register(ws *river.Workers, p *Pruner) { river.AddWorker(ws, &pruneWorker{p: p}) }

// Periodic is the job every 24 hours, and when an instance becomes the leader.
func Periodic() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour), func() (river.JobArgs, *river.InsertOpts) {
			return PruneArgs{}, nil
		}, &river.PeriodicJobOpts{ID: PruneArgs{}.Kind(), RunOnStart: true}),
	}
}
