package database_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

// things is a versioned table of its own: notes refer to a thing without a
// foreign key (as users and API keys refer to organisations on SQLite),
// links through one.
func things(t *testing.T, db *database.DB) {
	t.Helper()
	for _, st := range []string{
		"CREATE TABLE things (id text PRIMARY KEY, version integer NOT NULL)",
		"CREATE TABLE thing_notes (thing_id text NOT NULL)",
		"CREATE TABLE thing_links (thing_id text NOT NULL REFERENCES things (id))",
		"INSERT INTO things (id, version) VALUES ('a', 1), ('b', 2), ('c', 1), ('d', 1)",
		"INSERT INTO thing_notes (thing_id) VALUES ('c'), ('c')",
		"INSERT INTO thing_links (thing_id) VALUES ('d')",
	} {
		if err := db.Conn(context.Background()).Exec(st).Error; err != nil {
			t.Fatal(err)
		}
	}
}

var thingReferrers = database.Referrers{From: []database.Referrer{{Table: "thing_notes", Column: "thing_id", Noun: "notes"}}}

func exists(t *testing.T, db *database.DB, id string) int {
	t.Helper()
	var versions []int
	if err := db.Conn(context.Background()).Table("things").Where("id = ?", id).Pluck("version", &versions).Error; err != nil {
		t.Fatal(err)
	}
	if len(versions) == 0 {
		return 0
	}
	return versions[0]
}

func extra(err error, key string) any {
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return ae.Extra[key]
	}
	return nil
}

func TestDeleteVersionedRemovesOnlyTheVersionTheCallerSaw(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		things(t, db)
		del := func(id string, version int) error {
			return db.DeleteVersioned(ctx, "things", "thing", id, version, thingReferrers)
		}
		if err := del("a", 1); err != nil || exists(t, db, "a") != 0 {
			t.Errorf("delete of the current version: %v; the row has version %d", err, exists(t, db, "a"))
		}
		if err := del("b", 1); !apperr.Is(err, apperr.PreconditionFailed) || extra(err, "current_version") != 2 || exists(t, db, "b") != 2 {
			t.Errorf("delete based on version 1 of version 2: %v (current_version %v); the row has version %d", err, extra(err, "current_version"), exists(t, db, "b"))
		}
		if err := del("zz", 1); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("delete of a missing row: %v, want not found", err)
		}
		err := del("c", 1)
		if !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "2 notes still refer to this thing") || exists(t, db, "c") != 1 {
			t.Errorf("delete of a row notes refer to: %v; the row has version %d", err, exists(t, db, "c"))
		}
		if diff := cmp.Diff(map[string]int64{"notes": 2}, extra(err, "references")); diff != "" {
			t.Errorf("references (-want +got):\n%s", diff)
		}
		// A foreign key nobody listed still keeps the row, and the
		// caller's transaction goes on.
		err = db.WithTx(ctx, func(ctx context.Context) error {
			err := db.DeleteVersioned(ctx, "things", "thing", "d", 1, thingReferrers)
			if !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "Other records still refer to this thing") {
				t.Errorf("delete of a row a foreign key refers to: %v, want a conflict", err)
			}
			return db.Conn(ctx).Exec("UPDATE things SET version = 2 WHERE id = 'd'").Error
		})
		if err != nil || exists(t, db, "d") != 2 {
			t.Errorf("the transaction after the refused delete: %v; the row has version %d, want 2", err, exists(t, db, "d"))
		}
	})
}

// TestDeleteVersionedNamesAReferenceAddedWhileItRuns slips a new link in
// between the count of references and the delete, from another
// connection, which only PostgreSQL lets write beside a transaction.
func TestDeleteVersionedNamesAReferenceAddedWhileItRuns(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		if e != database.Postgres {
			continue
		}
		var db *database.DB
		var armed atomic.Bool
		hook := func(ctx context.Context, st database.Statement) {
			if strings.Contains(st.SQL, `FROM "thing_links"`) && armed.CompareAndSwap(true, false) {
				if _, err := db.SQL().Exec("INSERT INTO thing_links (thing_id) VALUES ('a')"); err != nil {
					t.Error(err)
				}
			}
		}
		db, err := database.Open(context.Background(), dbtest.URL(t, e), database.Options{OnStatement: hook})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(db.Close)
		things(t, db)
		armed.Store(true)
		links := database.Referrers{From: []database.Referrer{{Table: "thing_links", Column: "thing_id", Noun: "links"}}}
		err = db.DeleteVersioned(context.Background(), "things", "thing", "a", 1, links)
		if !apperr.Is(err, apperr.Conflict) || exists(t, db, "a") != 1 {
			t.Fatalf("delete while a link is added: %v; the row has version %d", err, exists(t, db, "a"))
		}
		if diff := cmp.Diff(map[string]int64{"links": 1}, extra(err, "references")); diff != "" {
			t.Errorf("references (-want +got):\n%s", diff)
		}
	}
}

// A TextArray reaches PostgreSQL as it was sent, whatever its strings
// hold (quotes, backslashes, commas, braces, Japanese, an empty string),
// as a text[] and, cast, as a uuid[]. pgx writes it in the binary form
// of a text array; SQLite takes no arrays.
func TestATextArrayArrivesAsSent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		if db.Engine != database.Postgres {
			return
		}
		conn := db.Conn(context.Background())
		sent := database.TextArray{`a"b`, `c\d`, "e,f", "{g}", "大阪 創薬", "", "NULL"}
		var got []string
		if err := conn.Raw("SELECT unnest(?::text[])", sent).Scan(&got).Error; err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string(sent), got); diff != "" {
			t.Errorf("text[] (-sent +got):\n%s", diff)
		}
		ids := database.TextArray{"0193a5c8-1d2e-7f00-8000-000000000001", "0193A5C8-1D2E-7F00-8000-00000000000F"}
		if err := conn.Raw("SELECT unnest(?::text[]::uuid[])::text", ids).Scan(&got).Error; err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"0193a5c8-1d2e-7f00-8000-000000000001", "0193a5c8-1d2e-7f00-8000-00000000000f"}, got); diff != "" {
			t.Errorf("uuid[] (-want +got):\n%s", diff)
		}
		if err := conn.Raw("SELECT unnest(?::text[]::uuid[])::text", database.TextArray{"not-a-uuid"}).Scan(&got).Error; err == nil {
			t.Errorf("a uuid[] of %q was accepted", "not-a-uuid")
		}
	})
}
