package idempotency_test

import (
	"context"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/idempotency"
)

func TestKeyLifecycle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		begin := func(caller, hash string) (idempotency.Record, error) {
			return idempotency.Begin(ctx, db, idempotency.Request{Caller: caller, Key: "k1", Method: "POST", Path: "/api/v1/users", RequestHash: hash, Fingerprint: "f"})
		}
		a, err := begin("user:a", "h1")
		if err != nil || a.Status != 0 || a.Claim == "" {
			t.Fatalf("first use: %+v %v, want a claim", a, err)
		}
		if _, err := begin("user:a", "h1"); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("retry while the first is in flight: %v, want conflict", err)
		}
		b, err := begin("user:b", "h1")
		if err != nil || b.Status != 0 {
			t.Errorf("another caller with the same key: %+v %v, want its own claim", b, err)
		}
		if err := idempotency.Finish(ctx, db, a, 201, `{"Location":"/x"}`, `{"id":"x"}`); err != nil {
			t.Fatal(err)
		}
		r, err := begin("user:a", "h1")
		if err != nil || r.Status != 201 || r.Body != `{"id":"x"}` {
			t.Errorf("retry after the first finished: %+v %v, want its response", r, err)
		}
		if _, err := begin("user:a", "h2"); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("same key, other body: %v, want invalid", err)
		}
		if err := idempotency.Abandon(ctx, db, b); err != nil {
			t.Fatal(err)
		}
		if r, err := begin("user:b", "h9"); r.Status != 0 || err != nil {
			t.Errorf("after abandoning, the key is free: %+v %v", r, err)
		}
	})
}

func TestPruneForgetsOldKeys(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		if _, err := idempotency.Begin(ctx, db, idempotency.Request{Caller: "user:a", Key: "old", Method: "POST", Path: "/x", RequestHash: "h"}); err != nil {
			t.Fatal(err)
		}
		if n, err := idempotency.Prune(ctx, db, database.Now()); err != nil || n != 0 {
			t.Errorf("pruning a fresh key: %d %v", n, err)
		}
		if n, err := idempotency.Prune(ctx, db, database.Now().Add(idempotency.TTL+time.Minute)); err != nil || n != 1 {
			t.Errorf("pruning a day later: %d %v, want 1", n, err)
		}
	})
}
