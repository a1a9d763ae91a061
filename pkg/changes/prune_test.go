package changes_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/changes"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

const thing = "changes_test_thing"

func init() { audit.Register(thing, audit.Rule{Readable: audit.Everyone, Feed: true}) }

// TestPruneKeepsTheWindow: the job removes what is older than the
// retention and keeps what is not.
func TestPruneKeepsTheWindow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("prune test"))
		if err := db.WithTx(ctx, func(ctx context.Context) error {
			return audit.Record(ctx, db, audit.Create, thing, uuid.Must(uuid.NewV7()).String(), 1, nil, map[string]string{"name": "x"})
		}); err != nil {
			t.Fatal(err)
		}
		if n, err := (&changes.Pruner{DB: db}).Prune(ctx); err != nil || n != 0 {
			t.Errorf("default retention pruned %d (%v), want nothing of today", n, err)
		}
		// On PostgreSQL only below the oldest running transaction (other
		// sessions' too): try until that has moved past the change.
		var n int64
		var err error
		for deadline := time.Now().Add(30 * time.Second); n == 0 && err == nil && time.Now().Before(deadline); {
			n, err = (&changes.Pruner{DB: db, Retention: time.Nanosecond}).Prune(ctx)
		}
		if err != nil || n != 1 {
			t.Errorf("retention 1ns pruned %d (%v), want the one change", n, err)
		}
		if len(changes.Periodic()) != 1 {
			t.Error("no periodic prune job")
		}
	})
}
