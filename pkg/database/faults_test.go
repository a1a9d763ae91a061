package database_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

func TestEveryStatementHasATimeout(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			db, err := database.Open(context.Background(), dbtest.URL(t, e), database.Options{StatementTimeout: 7 * time.Second, LockTimeout: 3 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			want := map[string]string{"statement_timeout": "7s", "lock_timeout": "3s", "idle_in_transaction_session_timeout": "1min"}
			if e == database.SQLite {
				want = map[string]string{"busy_timeout": "3000"}
			}
			for name, w := range want {
				q := "SHOW " + name
				if e == database.SQLite {
					q = "PRAGMA " + name
				}
				var got string
				if err := db.SQL().QueryRow(q).Scan(&got); err != nil {
					t.Fatal(err)
				}
				if got != w {
					t.Errorf("%s = %s, want %s", name, got, w)
				}
			}
		})
	}
}

func TestMigrationsRunWithoutTheStatementTimeout(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			// A statement timeout no migration could meet.
			db, err := database.Open(context.Background(), dbtest.EmptyURL(t, e), database.Options{StatementTimeout: time.Millisecond, LockTimeout: time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.MigrateUp(context.Background()); err != nil {
				t.Fatalf("migrate with a 1 ms statement timeout: %v", err)
			}
		})
	}
}

func TestUnavailableIsTellingTroubleFromBugs(t *testing.T) {
	// A port nothing listens on: connection refused.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := ln.Addr().String()
	ln.Close()
	_, err = database.Open(context.Background(), "postgres://x@"+refused+"/x?sslmode=disable", database.Options{ConnectTimeout: 5 * time.Second})
	if !database.IsUnavailable(err) {
		t.Errorf("connection refused: IsUnavailable(%v) = false", err)
	}
	// A server that answers but refuses the database: a database that
	// does not exist (3D000), as one renamed or not yet restored. The
	// server's error comes wrapped in the connection's.
	if admin := os.Getenv("TEST_DATABASE_URL"); admin != "" {
		u, err := url.Parse(admin)
		if err != nil {
			t.Fatal(err)
		}
		u.Path = "/innomunich_no_such_database"
		_, err = database.Open(context.Background(), u.String(), database.Options{ConnectTimeout: 5 * time.Second})
		if err == nil || !database.IsUnavailable(err) {
			t.Errorf("a database that does not exist: IsUnavailable(%v) = false", err)
		}
	}
	for _, err := range []error{context.DeadlineExceeded, fmt.Errorf("list: %w", context.DeadlineExceeded)} {
		if !database.IsUnavailable(err) {
			t.Errorf("IsUnavailable(%v) = false", err)
		}
	}
	if database.IsUnavailable(errors.New("nil pointer")) || database.IsUnavailable(nil) {
		t.Error("a bug counts as unavailable")
	}

	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		// A bug in a statement is no outage.
		err := db.Conn(ctx).Exec("SELECT no_such_column FROM regions").Error
		if err == nil || database.IsUnavailable(err) {
			t.Errorf("a wrong statement: IsUnavailable(%v) = true, want false", err)
		}
		// A statement cut by the caller's deadline is.
		dctx, cancel := context.WithTimeout(ctx, time.Millisecond)
		defer cancel()
		<-dctx.Done()
		err = db.Conn(dctx).Exec("SELECT 1").Error
		if !database.IsUnavailable(err) {
			t.Errorf("after the deadline: IsUnavailable(%v) = false", err)
		}
		// So is a closed pool.
		db.Close()
		err = db.Conn(ctx).Exec("SELECT 1").Error
		if !database.IsUnavailable(err) {
			t.Errorf("closed pool: IsUnavailable(%v) = false", err)
		}
	})
}
