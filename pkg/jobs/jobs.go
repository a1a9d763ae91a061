// Package jobs owns the durable job queue: River on the platform's own
// database (PostgreSQL or SQLite), with its tables migrated beside ours.
// A job is inserted in the transaction of the change that causes it (the
// outbox pattern): a change that rolls back leaves no job, one that
// commits always has its job, even if the process dies right after the
// commit. Workers retry failed jobs with backoff, keep them as discarded
// after their last attempt, and run periodic jobs once across all
// instances (River's leader election).
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/riverqueue/river"
)

// Client inserts jobs and, when it has workers, works them. It is River's
// client on the platform's database; its methods (Subscribe, JobList,
// JobRetry, …) are River's.
type Client struct {
	*river.Client[*sql.Tx]
	db      *database.DB
	working bool
}

// Config says what a client does besides inserting.
type Config struct {
	// Concurrency is how many jobs this process works at once; 0 makes an
	// insert-only client (an API-only instance).
	Concurrency int
	// Workers are the job kinds this process knows how to work.
	Workers *river.Workers
	// Periodic are jobs the elected leader inserts on a schedule.
	Periodic []*river.PeriodicJob
	Logger   *slog.Logger
	// PollInterval is how often workers look for new jobs; neither driver
	// on database/sql has LISTEN/NOTIFY, so this bounds the delay between
	// a commit in another process and the start of its job. Default 1 s.
	PollInterval time.Duration
}

// MaxAttempts is how often a job runs before it is discarded (the dead
// letter state an admin can retry from). River's backoff is attempt⁴
// seconds, so ten attempts span about seven hours.
const MaxAttempts = 10

// New returns a client on db. Start it to run workers; an insert-only
// client needs no start.
func New(db *database.DB, cfg Config) (*Client, error) {
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	rc := &river.Config{
		Logger:            logger,
		MaxAttempts:       MaxAttempts,
		JobTimeout:        time.Minute,
		PollOnly:          true,
		FetchPollInterval: cfg.PollInterval,
		// Without these River would keep job rows for a day only; an admin
		// looking at a week-old failure needs them longer.
		DiscardedJobRetentionPeriod: 30 * 24 * time.Hour,
		// A sent mail's job holds its text, one-time links included: once
		// done it goes after an hour (River's default is a day).
		CompletedJobRetentionPeriod: time.Hour,
		CancelledJobRetentionPeriod: 7 * 24 * time.Hour,
	}
	if rc.FetchPollInterval == 0 {
		rc.FetchPollInterval = time.Second
	}
	rc.FetchCooldown = min(river.FetchCooldownDefault, rc.FetchPollInterval)
	if cfg.Concurrency > 0 {
		if cfg.Workers == nil {
			return nil, errors.New("jobs: a working client needs Workers")
		}
		rc.Workers = cfg.Workers
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Concurrency}}
		rc.PeriodicJobs = cfg.Periodic
	}
	c, err := river.NewClient(db.RiverDriver(), rc)
	if err != nil {
		return nil, fmt.Errorf("job queue: %w", err)
	}
	return &Client{Client: c, db: db, working: cfg.Concurrency > 0}, nil
}

// Working reports whether this client runs workers.
func (c *Client) Working() bool { return c.working }

// Start runs the workers until Shutdown; for an insert-only client it
// does nothing.
func (c *Client) Start(ctx context.Context) error {
	if !c.working {
		return nil
	}
	return c.Client.Start(ctx)
}

// Shutdown lets running jobs finish until ctx ends, then cancels them:
// a cancelled job is put back in the queue for its next attempt, so
// nothing is lost when an instance stops.
func (c *Client) Shutdown(ctx context.Context) error {
	if !c.working {
		return nil
	}
	err := c.Client.Stop(ctx)
	if err == nil || ctx.Err() == nil {
		return err
	}
	hard, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	return c.StopAndCancel(hard)
}

// Enqueue inserts a job in the transaction in ctx, or in a transaction of
// its own when there is none, so that the job commits exactly when the
// caller's change does.
func (c *Client) Enqueue(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error {
	return c.inTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := c.InsertTx(ctx, tx, args, opts); err != nil {
			return fmt.Errorf("enqueue %s job: %w", args.Kind(), err)
		}
		return nil
	})
}
