package jobs_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/jobs"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// noteArgs is a job that records its text in noteWorker.
type noteArgs struct {
	Text string `json:"text"`
}

func (noteArgs) Kind() string { return "test_note" }

// noteWorker records what it worked; fail makes an attempt fail, block
// holds an attempt until its context ends.
type noteWorker struct {
	river.WorkerDefaults[noteArgs]
	mu    sync.Mutex
	done  []string
	fail  func(attempt int) bool
	block chan struct{}
}

func (w *noteWorker) Work(ctx context.Context, j *river.Job[noteArgs]) error {
	if w.block != nil {
		close(w.block)
		<-ctx.Done()
		return ctx.Err()
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.fail != nil && w.fail(j.Attempt) {
		return errors.New("the mail server did not answer")
	}
	w.done = append(w.done, j.Args.Text)
	return nil
}

func (w *noteWorker) worked() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.done...)
}

func newClient(t *testing.T, db *database.DB, w *noteWorker, periodic ...*river.PeriodicJob) *jobs.Client {
	t.Helper()
	workers := river.NewWorkers()
	river.AddWorker(workers, w)
	c, err := jobs.New(db, jobs.Config{Concurrency: 2, Workers: workers, Periodic: periodic, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// start runs c until the test ends and returns its job events.
func start(t *testing.T, c *jobs.Client) <-chan *river.Event {
	t.Helper()
	events, cancel := c.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed)
	if err := c.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, stop := context.WithTimeout(context.Background(), 10*time.Second)
		defer stop()
		_ = c.Shutdown(ctx)
		cancel()
	})
	return events
}

// await returns the first event of kind, failing after a generous deadline.
func await(t *testing.T, events <-chan *river.Event, kind river.EventKind) *river.Event {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case ev := <-events:
			if ev.Kind == kind {
				return ev
			}
		case <-deadline:
			t.Fatalf("no %s event within 30 s", kind)
		}
	}
}

func jobsOf(t *testing.T, c *jobs.Client, kind string) []*rivertype.JobRow {
	t.Helper()
	res, err := c.JobList(context.Background(), river.NewJobListParams().Kinds(kind).First(100).States(
		rivertype.JobStateAvailable, rivertype.JobStateCompleted, rivertype.JobStateDiscarded, rivertype.JobStateRetryable,
		rivertype.JobStateRunning, rivertype.JobStateScheduled, rivertype.JobStatePending, rivertype.JobStateCancelled))
	if err != nil {
		t.Fatal(err)
	}
	return res.Jobs
}

func TestAJobExistsExactlyWhenItsChangeCommits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		w := &noteWorker{}
		c := newClient(t, db, w)
		rollback := errors.New("the registration failed")
		err := db.WithTx(ctx, func(ctx context.Context) error {
			if err := c.Enqueue(ctx, noteArgs{Text: "rolled back"}, nil); err != nil {
				return err
			}
			return rollback
		})
		if !errors.Is(err, rollback) {
			t.Fatalf("transaction: %v", err)
		}
		if got := jobsOf(t, c, "test_note"); len(got) != 0 {
			t.Fatalf("a rolled-back change left %d jobs", len(got))
		}
		if err := db.WithTx(ctx, func(ctx context.Context) error { return c.Enqueue(ctx, noteArgs{Text: "committed"}, nil) }); err != nil {
			t.Fatal(err)
		}
		events := start(t, c)
		await(t, events, river.EventKindJobCompleted)
		if got := w.worked(); len(got) != 1 || got[0] != "committed" {
			t.Errorf("worked %q, want only the committed job", got)
		}
	})
}

// The process that committed dies before any worker ran the job (here: it
// only ever inserted); a worker started later works it.
func TestAJobCommittedByAnInstanceThatDiedIsWorkedAfterRestart(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		apiOnly, err := jobs.New(db, jobs.Config{})
		if err != nil {
			t.Fatal(err)
		}
		if err := apiOnly.Enqueue(ctx, noteArgs{Text: "after restart"}, nil); err != nil {
			t.Fatal(err)
		}
		w := &noteWorker{}
		events := start(t, newClient(t, db, w))
		await(t, events, river.EventKindJobCompleted)
		if got := w.worked(); len(got) != 1 {
			t.Errorf("worked %q, want the job once", got)
		}
	})
}

// A job still running when the instance stops is put back in the queue
// and worked by the next instance.
func TestAJobInterruptedByShutdownRunsAgainOnTheNextInstance(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		first := &noteWorker{block: make(chan struct{})}
		c1 := newClient(t, db, first)
		if err := c1.Start(ctx); err != nil {
			t.Fatal(err)
		}
		if err := c1.Enqueue(ctx, noteArgs{Text: "interrupted"}, nil); err != nil {
			t.Fatal(err)
		}
		select {
		case <-first.block:
		case <-time.After(30 * time.Second):
			t.Fatal("the job did not start within 30 s")
		}
		// A shutdown whose grace period has already run out.
		expired, cancel := context.WithCancel(ctx)
		cancel()
		if err := c1.Shutdown(expired); err != nil {
			t.Fatalf("shutdown: %v", err)
		}
		row := jobsOf(t, c1, "test_note")[0]
		if row.State != rivertype.JobStateRetryable && row.State != rivertype.JobStateAvailable {
			t.Fatalf("after shutdown the job is %s, want back in the queue", row.State)
		}
		// The next instance need not wait for the backoff.
		if _, err := c1.JobRetry(ctx, row.ID); err != nil {
			t.Fatal(err)
		}
		second := &noteWorker{}
		events := start(t, newClient(t, db, second))
		await(t, events, river.EventKindJobCompleted)
		if got := second.worked(); len(got) != 1 || got[0] != "interrupted" {
			t.Errorf("next instance worked %q", got)
		}
	})
}

func TestAFailedJobIsRetriedAndDiscardedAfterItsLastAttempt(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		w := &noteWorker{fail: func(attempt int) bool { return attempt == 1 || attempt == 3 }}
		c := newClient(t, db, w)
		events := start(t, c)
		if err := c.Enqueue(ctx, noteArgs{Text: "second time lucky"}, nil); err != nil {
			t.Fatal(err)
		}
		failed := await(t, events, river.EventKindJobFailed)
		// River makes a retry due within seconds available at once.
		if s := failed.Job.State; (s != rivertype.JobStateRetryable && s != rivertype.JobStateAvailable) || len(failed.Job.Errors) != 1 {
			t.Fatalf("after a failure the job is %s with %d errors, want queued again with the error kept", s, len(failed.Job.Errors))
		}
		// The backoff after a first failure is about a second.
		if done := await(t, events, river.EventKindJobCompleted); done.Job.Attempt != 2 {
			t.Errorf("completed at attempt %d, want 2", done.Job.Attempt)
		}

		w.mu.Lock()
		w.fail = func(int) bool { return true }
		w.mu.Unlock()
		if err := c.Enqueue(ctx, noteArgs{Text: "never"}, &river.InsertOpts{MaxAttempts: 1}); err != nil {
			t.Fatal(err)
		}
		dead := await(t, events, river.EventKindJobFailed)
		if dead.Job.State != rivertype.JobStateDiscarded || dead.Job.Errors[0].Error != "the mail server did not answer" {
			t.Errorf("after its last attempt the job is %s (%v), want discarded with its error", dead.Job.State, dead.Job.Errors)
		}
	})
}

func TestAUniqueJobIsInsertedOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		c, err := jobs.New(db, jobs.Config{})
		if err != nil {
			t.Fatal(err)
		}
		once := &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
		for range 3 {
			if err := c.Enqueue(ctx, noteArgs{Text: "agreement 7, 30 days"}, once); err != nil {
				t.Fatal(err)
			}
		}
		if err := c.Enqueue(ctx, noteArgs{Text: "agreement 7, 90 days"}, once); err != nil {
			t.Fatal(err)
		}
		if got := jobsOf(t, c, "test_note"); len(got) != 2 {
			t.Errorf("%d jobs, want one per distinct reminder", len(got))
		}
	})
}

// Two instances on one database: only the elected leader inserts a
// periodic job, so it runs once.
func TestAPeriodicJobRunsOnceAcrossInstances(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		var constructed atomic.Int64
		periodic := func() *river.PeriodicJob {
			return river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour), func() (river.JobArgs, *river.InsertOpts) {
				constructed.Add(1)
				return noteArgs{Text: "daily"}, nil
			}, &river.PeriodicJobOpts{ID: "daily_note", RunOnStart: true})
		}
		w1, w2 := &noteWorker{}, &noteWorker{}
		c1, c2 := newClient(t, db, w1, periodic()), newClient(t, db, w2, periodic())
		e1, e2 := start(t, c1), start(t, c2)
		select {
		case <-awaitChan(e1):
		case <-awaitChan(e2):
		case <-time.After(30 * time.Second):
			t.Fatal("the periodic job did not run within 30 s")
		}
		if n := constructed.Load(); n != 1 {
			t.Errorf("the periodic job was inserted %d times, want once by the leader", n)
		}
		if got := len(w1.worked()) + len(w2.worked()); got != 1 {
			t.Errorf("worked %d times, want once", got)
		}
	})
}

func awaitChan(events <-chan *river.Event) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		for ev := range events {
			if ev.Kind == river.EventKindJobCompleted {
				close(done)
				return
			}
		}
	}()
	return done
}
