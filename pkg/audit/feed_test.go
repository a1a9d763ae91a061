package audit_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

// thing is an entity type of the feed only these tests write.
const thing = "feed_test_thing"

func init() { audit.Register(thing, audit.Rule{Readable: audit.Everyone, Feed: true}) }

var errRollback = errors.New("roll back")

type thingView struct {
	Writer int    `json:"writer"`
	N      int    `json:"n"`
	Name   string `json:"name"`
}

// TestFeedConcurrentWriters: eight writers, two of which hold their
// transactions open (with a written row) while the others commit and the
// consumer polls, and a quarter of all transactions rolled back. After
// the writers stop the consumer has seen every committed change once, in
// each writer's commit order, and none of the rolled-back ones.
func TestFeedConcurrentWriters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("feed test"))
		const writers, perWriter = 8, 12
		// A slow writer's transaction says it holds a written row, then
		// waits until the consumer has polled past it at least once.
		holding := make(chan chan struct{})
		var mu sync.Mutex
		committed := map[string]int{} // id → writer
		order := map[int][]string{}   // writer → ids in commit order
		var wg sync.WaitGroup
		writeErr := make(chan error, writers)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for n := range perWriter {
					id := uuid.Must(uuid.NewV7()).String()
					slow := w < 2 && n%3 == 1
					rollback := (w+n)%4 == 0
					err := db.WithTx(ctx, func(ctx context.Context) error {
						if err := audit.Record(ctx, db, audit.Create, thing, id, 1, nil, thingView{w, n, "thing"}); err != nil {
							return err
						}
						if slow {
							release := make(chan struct{})
							holding <- release
							<-release
						}
						if rollback {
							return errRollback
						}
						return nil
					})
					switch {
					case errors.Is(err, errRollback):
					case err != nil:
						writeErr <- fmt.Errorf("writer %d: %w", w, err)
						return
					default:
						mu.Lock()
						committed[id] = w
						order[w] = append(order[w], id)
						mu.Unlock()
					}
				}
			}()
		}
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()

		seen := map[string]int{}
		var got []audit.ChangeEvent
		cursor := ""
		poll := func() int {
			t.Helper()
			events, next, _, err := audit.Changes(ctx, db, audit.FeedQuery{After: cursor, Types: []string{thing}, Limit: 7})
			if err != nil {
				t.Fatalf("poll: %v", err)
			}
			for _, e := range events {
				seen[e.ID]++
				got = append(got, e)
			}
			cursor = next
			return len(events)
		}
		// Poll while the writers write; each slow transaction is let go
		// only after a poll that ran while it was open.
		running := true
		for running {
			select {
			case release := <-holding:
				poll()
				close(release)
			case <-done:
				running = false
			default:
				poll()
			}
		}
		close(writeErr)
		for err := range writeErr {
			t.Fatal(err)
		}
		// Drain: on PostgreSQL the last rows show once no transaction
		// older than them runs (other sessions' included), so poll until
		// every committed change is there or a deadline passes.
		deadline := time.Now().Add(30 * time.Second)
		for len(got) < len(committed) && time.Now().Before(deadline) {
			poll()
		}
		if n := poll(); n != 0 {
			t.Errorf("a poll after the drain returned %d more events", n)
		}
		if len(committed) == 0 || len(committed) == writers*perWriter {
			t.Fatalf("committed %d of %d: the test should commit some and roll back some", len(committed), writers*perWriter)
		}
		for id, n := range seen {
			if n != 1 {
				t.Errorf("change %s seen %d times", id, n)
			}
			if _, ok := committed[id]; !ok {
				t.Errorf("change %s seen but rolled back", id)
			}
		}
		for id := range committed {
			if seen[id] == 0 {
				t.Errorf("committed change %s never seen", id)
			}
		}
		// Each writer's transactions follow one another, so the feed has
		// them in that order.
		pos := map[string]int{}
		for i, e := range got {
			pos[e.ID] = i
			if e.Action != audit.Created || e.Data["name"] != "thing" {
				t.Errorf("event %+v: want a created thing with its data", e)
			}
		}
		for w, ids := range order {
			for i := 1; i < len(ids); i++ {
				if pos[ids[i]] < pos[ids[i-1]] {
					t.Errorf("writer %d: %s committed after %s but came first in the feed", w, ids[i], ids[i-1])
				}
			}
		}
		t.Logf("%s: %d committed, %d rolled back, %d events seen", db.Engine, len(committed), writers*perWriter-len(committed), len(got))
	})
}

// TestFeedPrune: a cursor before what retention removed is Gone; one at
// or after it reads on; a cursor without a position is a bad request.
func TestFeedPrune(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("feed test"))
		write := func() {
			t.Helper()
			err := db.WithTx(ctx, func(ctx context.Context) error {
				return audit.Record(ctx, db, audit.Create, thing, uuid.Must(uuid.NewV7()).String(), 1, nil, thingView{Name: "thing"})
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		// On PostgreSQL a change shows once no older transaction runs
		// (other sessions' included), so read until it is there.
		read := func(after string, want int) ([]audit.ChangeEvent, string) {
			t.Helper()
			deadline := time.Now().Add(30 * time.Second)
			for {
				events, next, _, err := audit.Changes(ctx, db, audit.FeedQuery{After: after, Types: []string{thing}})
				if err != nil {
					t.Fatal(err)
				}
				if len(events) >= want || time.Now().After(deadline) {
					if len(events) != want {
						t.Fatalf("read %d events, want %d", len(events), want)
					}
					return events, next
				}
			}
		}
		write()
		_, start := read("", 1)
		write()
		all, _ := read("", 2)
		// Prune everything so far: a consumer that read only the first
		// change has missed the second.
		n, err := audit.Prune(ctx, db, database.Now().Add(time.Second))
		if err != nil || n != 2 {
			t.Fatalf("prune: %v, %d rows", err, n)
		}
		if _, _, _, err := audit.Changes(ctx, db, audit.FeedQuery{After: start, Types: []string{thing}}); !apperr.Is(err, apperr.Gone) {
			t.Errorf("cursor before the pruned window: got %v, want Gone", err)
		}
		write()
		read(all[1].Cursor, 1) // at the pruned horizon: the one new change
		read("", 1)            // without a cursor: from the oldest change kept
		if _, _, _, err := audit.Changes(ctx, db, audit.FeedQuery{After: "bm9wZQ"}); !apperr.Is(err, apperr.BadRequest) {
			t.Errorf("malformed cursor: got %v, want BadRequest", err)
		}
	})
}
