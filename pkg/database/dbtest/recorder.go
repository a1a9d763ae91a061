package dbtest

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/innomunich/platform/pkg/database"
)

// Recorder keeps the statements its database sends between Start and
// Stop: what a request or a call ran, for counting them or for asking
// PostgreSQL how it plans them.
type Recorder struct {
	mu   sync.Mutex
	on   bool
	sent []database.Statement
}

// Start forgets what was recorded and records from now on.
func (r *Recorder) Start() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on, r.sent = true, nil
}

// Stop ends recording and returns the statements sent since Start.
func (r *Recorder) Stop() []database.Statement {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on = false
	return r.sent
}

func (r *Recorder) record(_ context.Context, st database.Statement) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.on {
		r.sent = append(r.sent, st)
	}
}

// Recording opens a fresh, migrated database of engine e whose statements
// the Recorder keeps while it records.
func Recording(t testing.TB, e database.Engine) (*database.DB, *Recorder) {
	t.Helper()
	r := &Recorder{}
	db, err := database.Open(context.Background(), URL(t, e), database.Options{OnStatement: r.record})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	return db, r
}

// Explain returns PostgreSQL's EXPLAIN of st with the given options ("",
// "(FORMAT JSON)"), one line per row of its output, planned when
// sequential scans cost more than anything else: a test's few rows would
// otherwise be read that way, whatever the indexes.
func Explain(t testing.TB, db *database.DB, st database.Statement, options string) string {
	t.Helper()
	tx, err := db.SQL().Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck
	if _, err := tx.Exec("SET LOCAL enable_seqscan = off"); err != nil {
		t.Fatal(err)
	}
	rows, err := tx.Query("EXPLAIN "+options+" "+st.SQL, st.Vars...)
	if err != nil {
		t.Fatalf("explain %s: %v", st.SQL, err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, l)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("explain %s: %v", st.SQL, err)
	}
	return strings.Join(lines, "\n")
}
