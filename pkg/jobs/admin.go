package jobs

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/page"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Job is what an admin sees of a job: never its arguments, which may
// hold a message with a one-time link.
type Job struct {
	ID          int64
	Kind        string
	State       string
	Attempt     int
	MaxAttempts int
	// LastError is the error of the latest failed attempt, if any.
	LastError   string
	LastErrorAt *time.Time
	CreatedAt   time.Time
	ScheduledAt time.Time
	FinalizedAt *time.Time
}

func jobOut(r *rivertype.JobRow) Job {
	j := Job{ID: r.ID, Kind: r.Kind, State: string(r.State), Attempt: r.Attempt, MaxAttempts: r.MaxAttempts,
		CreatedAt: r.CreatedAt.UTC(), ScheduledAt: r.ScheduledAt.UTC(), FinalizedAt: r.FinalizedAt}
	if n := len(r.Errors); n > 0 {
		last := r.Errors[n-1]
		at := last.At.UTC()
		j.LastError, j.LastErrorAt = last.Error, &at
	}
	return j
}

// States are River's job states; OpenStates those of jobs not yet done
// plus the discarded ones: what an admin looks at by default.
var (
	States = []string{
		string(rivertype.JobStateAvailable), string(rivertype.JobStateCancelled), string(rivertype.JobStateCompleted),
		string(rivertype.JobStateDiscarded), string(rivertype.JobStatePending), string(rivertype.JobStateRetryable),
		string(rivertype.JobStateRunning), string(rivertype.JobStateScheduled),
	}
	OpenStates = []string{
		string(rivertype.JobStateAvailable), string(rivertype.JobStateDiscarded), string(rivertype.JobStatePending),
		string(rivertype.JobStateRetryable), string(rivertype.JobStateRunning), string(rivertype.JobStateScheduled),
	}
)

// Filter narrows a list of jobs.
type Filter struct {
	States []string // default OpenStates
	Kind   string
}

// MaxPage is the largest page of jobs: the limit of every list.
const MaxPage = page.MaxLimit

func canAdminister(ctx context.Context) error {
	if !auth.From(ctx).IsAdmin() {
		return apperr.New(apperr.Forbidden, "Only admins see and manage background jobs")
	}
	return nil
}

// List returns up to limit jobs, newest first, after the opaque cursor
// of a previous page ("" for the first), and the cursor of the next page
// (nil at the end).
func (c *Client) List(ctx context.Context, f Filter, limit int, cursor string) ([]Job, *string, error) {
	if err := canAdminister(ctx); err != nil {
		return nil, nil, err
	}
	var bad apperr.Fields
	states := f.States
	if len(states) == 0 {
		states = OpenStates
	}
	rs := make([]rivertype.JobState, 0, len(states))
	for _, s := range states {
		if !slices.Contains(States, s) {
			bad.Add("state", "must be one of %v", States)
			break
		}
		rs = append(rs, rivertype.JobState(s))
	}
	if limit < 1 || limit > MaxPage {
		bad.Add("limit", "must be a whole number from 1 to %d", MaxPage)
	}
	p := river.NewJobListParams().States(rs...).OrderBy(river.JobListOrderByID, river.SortOrderDesc)
	if f.Kind != "" {
		p = p.Kinds(f.Kind)
	}
	if cursor != "" {
		var after river.JobListCursor
		if err := after.UnmarshalText([]byte(cursor)); err != nil {
			bad.Add("cursor", "is not a cursor this list returned")
		} else {
			p = p.After(&after)
		}
	}
	if err := bad.ErrWith(apperr.BadRequest); err != nil {
		return nil, nil, err
	}
	// First panics on a count out of its range: set it only once the
	// limit is known to be good, so that limit=-1 is a 400.
	res, err := c.JobList(ctx, p.First(limit))
	if err != nil {
		return nil, nil, err
	}
	out := make([]Job, len(res.Jobs))
	for i, r := range res.Jobs {
		out[i] = jobOut(r)
	}
	var next *string
	if len(res.Jobs) == limit && res.LastCursor != nil {
		b, err := res.LastCursor.MarshalText()
		if err != nil {
			return nil, nil, err
		}
		s := string(b)
		next = &s
	}
	return out, next, nil
}

// jobView is what the audit log keeps of a job: never its arguments,
// which may hold a mail's one-time links.
type jobView struct {
	Kind  string `json:"kind"`
	State string `json:"state"`
}

// inTx runs fn in the database transaction of ctx (one is begun if there
// is none), so that a change to a job and its audit event commit together.
func (c *Client) inTx(ctx context.Context, fn func(ctx context.Context, tx *sql.Tx) error) error {
	return c.db.WithTx(ctx, func(ctx context.Context) error {
		tx, ok := database.SQLTx(ctx)
		if !ok {
			return errors.New("jobs: the transaction in the context is not a database/sql one")
		}
		return fn(ctx, tx)
	})
}

// RetryNow makes a waiting, failed or discarded job run as soon as a
// worker is free, and records who did so.
func (c *Client) RetryNow(ctx context.Context, id int64) (Job, error) {
	if err := canAdminister(ctx); err != nil {
		return Job{}, err
	}
	var out Job
	err := c.inTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		before, err := c.JobGetTx(ctx, tx, id)
		if errors.Is(err, river.ErrNotFound) {
			return apperr.New(apperr.NotFound, "No job %d", id)
		}
		if err != nil {
			return err
		}
		r, err := c.JobRetryTx(ctx, tx, id)
		if err != nil {
			return err
		}
		out = jobOut(r)
		return audit.Record(ctx, c.db, "retry", "job", strconv.FormatInt(id, 10), 0,
			jobView{before.Kind, string(before.State)}, jobView{r.Kind, string(r.State)})
	})
	return out, err
}

// Discard removes a job that is not running: it will never run (again).
// The audit log keeps that an admin did so.
func (c *Client) Discard(ctx context.Context, id int64) error {
	if err := canAdminister(ctx); err != nil {
		return err
	}
	return c.inTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		r, err := c.JobDeleteTx(ctx, tx, id)
		switch {
		case errors.Is(err, river.ErrNotFound):
			return apperr.New(apperr.NotFound, "No job %d", id)
		case errors.Is(err, rivertype.ErrJobRunning):
			return apperr.New(apperr.Conflict, "Job %d is running; discard it once it has stopped", id)
		case err != nil:
			return err
		}
		return audit.Record(ctx, c.db, audit.Delete, "job", strconv.FormatInt(id, 10), 0, jobView{r.Kind, string(r.State)}, nil)
	})
}
