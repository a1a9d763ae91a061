package api_test

import (
	"bytes"
	"context"
	"database/sql"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/config"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

// wantUnavailable checks that a response is the 503 a caller may retry:
// the unavailable problem with Retry-After, and nothing of the cause.
func wantUnavailable(t *testing.T, what string, rec *httptest.ResponseRecorder) {
	t.Helper()
	if rec.Code != 503 {
		t.Fatalf("%s: %d, want 503; body %s", what, rec.Code, rec.Body.String())
	}
	if rec.Header().Get("Retry-After") == "" {
		t.Errorf("%s: 503 without Retry-After", what)
	}
	p := decode[problem](t, rec)
	if p.Type != "https://innomunich.example/problems/unavailable" || p.Title != "Service unavailable" {
		t.Errorf("%s: problem %+v, want the unavailable problem", what, p)
	}
	for _, leak := range []string{"sql", "SQL", "closed", "lock", "SQLSTATE", "deadline"} {
		if strings.Contains(p.Detail, leak) {
			t.Errorf("%s: detail %q shows the cause (%q)", what, p.Detail, leak)
		}
	}
}

func TestAClosedDatabaseIs503WithRetryAfterNot500(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		o := h.newOrganisation("Example Pharma GmbH", "DE")
		db.Close() // what a stopped server or a lost network looks like to the pool

		wantUnavailable(t, "list", h.get("/api/v1/organisations"))
		// Every kind fails, two at a time on PostgreSQL: one 503.
		wantUnavailable(t, "search everything", h.get("/api/v1/search?q=example"))
		wantUnavailable(t, "write", h.do(request{method: "PATCH", url: "/api/v1/organisations/" + o.ID,
			headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{"city": "Planegg"}}))
		wantUnavailable(t, "readyz", h.do(request{url: "/readyz", as: anonymous}))
	})
}

// Erasing a person leaves nothing of them in the embedded database's
// files, as anyone with a copy of them (a backup, a disk) would read
// them: not their names or e-mail in the freed space of the table, not
// in its search index, not in the write-ahead log.
func TestAnErasedPersonLeavesNothingInTheSQLiteFiles(t *testing.T) {
	db := dbtest.New(t, database.SQLite)
	h := newHarness(t, db)
	o := h.newOrganisation("Example Erasure GmbH", "DE")
	secrets := []string{"Quxbrandtvogel", "quxbrandtvogel@example.org", "+49 89 5551234987", "穐穐穐"}
	rec := h.do(request{method: "POST", url: "/api/v1/people", body: map[string]any{"organisation_id": o.ID, "given_name": "Yvonne",
		"family_name": secrets[0], "email": secrets[1], "phone": secrets[2], "family_name_local": secrets[3], "given_name_local": "由美"}})
	if rec.Code != 201 {
		t.Fatalf("create: %d %s", rec.Code, rec.Body.String())
	}
	id := decode[idItem](t, rec).ID
	// An edit, so that earlier versions of the row are written too.
	if rec := h.do(request{method: "PATCH", url: "/api/v1/people/" + id, headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{"position": "CSO"}}); rec.Code != 200 {
		t.Fatalf("patch: %d %s", rec.Code, rec.Body.String())
	}
	if rec := h.do(request{method: "DELETE", url: "/api/v1/people/" + id, headers: map[string]string{"If-Match": `"2"`}}); rec.Code != 204 {
		t.Fatalf("erase: %d %s", rec.Code, rec.Body.String())
	}
	var seq int
	var name, file string
	if err := db.SQL().QueryRow("PRAGMA database_list").Scan(&seq, &name, &file); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{file, file + "-wal"} {
		data, err := os.ReadFile(path)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range secrets {
			if bytes.Contains(data, []byte(secret)) || bytes.Contains(bytes.ToLower(data), []byte(strings.ToLower(secret))) {
				t.Errorf("%s still holds %q after the erasure", filepath.Base(path), secret)
			}
		}
	}
}

// holdRow locks the organisation's row in a write transaction of its own,
// until the test ends: another editor, or a stuck one.
func holdRow(t *testing.T, db *database.DB, id string) {
	t.Helper()
	tx, err := db.SQL().BeginTx(context.Background(), nil) // BEGIN IMMEDIATE on SQLite: the write lock
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tx.Rollback() })
	q := "UPDATE organisations SET city = city WHERE id = ?"
	if db.Engine == database.Postgres {
		q = "UPDATE organisations SET city = city WHERE id = $1"
	}
	if _, err := tx.Exec(q, id); err != nil {
		t.Fatal(err)
	}
}

// patchWithin sends a PATCH of the organisation and returns its response,
// failing the test if none came within limit (today's main waits as long
// as the lock is held: for ever).
func patchWithin(t *testing.T, h *harness, id string, limit time.Duration) *httptest.ResponseRecorder {
	t.Helper()
	done := make(chan *httptest.ResponseRecorder, 1)
	go func() {
		done <- h.do(request{method: "PATCH", url: "/api/v1/organisations/" + id,
			headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{"city": "Planegg"}})
	}()
	select {
	case rec := <-done:
		return rec
	case <-time.After(limit):
		t.Fatalf("PATCH of a locked row still waiting after %s", limit)
		return nil
	}
}

func TestAWriteBehindALockedRowIs503InsteadOfHanging(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			for _, c := range []struct {
				name            string
				lock, statement time.Duration // database.Options
				request         time.Duration // INNOMUNICH_REQUEST_TIMEOUT
			}{
				// lock_timeout on PostgreSQL, the busy timeout on SQLite
				{name: "lock timeout", lock: 100 * time.Millisecond, request: time.Hour},
				// the request's deadline, before any lock timeout
				{name: "request deadline", lock: time.Hour, request: 200 * time.Millisecond},
			} {
				t.Run(c.name, func(t *testing.T) {
					if e == database.SQLite && c.lock > c.request {
						// SQLite's wait for the write lock does not see the
						// context end; the configuration makes the busy
						// timeout shorter than the request's instead.
						t.Skip("SQLite's busy wait is bounded by the busy timeout alone")
					}
					db, err := database.Open(context.Background(), dbtest.URL(t, e), database.Options{LockTimeout: c.lock})
					if err != nil {
						t.Fatal(err)
					}
					t.Cleanup(db.Close)
					h := newHarness(t, db, func(cfg *config.Config) { cfg.RequestTimeout = c.request })
					o := h.newOrganisation("Example Locked KK", "JP")
					holdRow(t, db, o.ID)

					wantUnavailable(t, "PATCH of a locked row", patchWithin(t, h, o.ID, 30*time.Second))
				})
			}
		})
	}
}

func TestDeadPooledConnectionsCostNoRequest(t *testing.T) {
	if os.Getenv("TEST_DATABASE_URL") == "" {
		t.Skip("PostgreSQL only: TEST_DATABASE_URL is not set")
	}
	db := dbtest.New(t, database.Postgres)
	h := newHarness(t, db)
	o := h.newOrganisation("Example Failover AG", "DE")
	ctx := context.Background()

	// Fill the pool with several idle connections.
	var conns []*sql.Conn
	for range 4 {
		c, err := db.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for _, c := range conns {
		c.Close()
	}
	// A failover: every backend of the application's database ends.
	name, admin := postgresAdmin(t, db)
	var ended int
	// The timeout makes pg_terminate_backend wait until each has exited.
	if err := admin.QueryRow(`SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity
		WHERE datname = $1 AND pid <> pg_backend_pid()`, name).Scan(&ended); err != nil {
		t.Fatal(err)
	}
	if ended < 4 {
		t.Fatalf("ended %d backends, want the 4 pooled ones at least", ended)
	}

	for i := range 8 {
		for _, r := range []request{
			{url: "/api/v1/organisations"},
			{url: "/api/v1/organisations/" + o.ID},
			{method: "PATCH", url: "/api/v1/organisations/" + o.ID, headers: map[string]string{"If-Match": `"` + strconv.Itoa(i+1) + `"`}, body: map[string]any{"city": "Planegg " + strconv.Itoa(i)}},
		} {
			if rec := h.do(r); rec.Code != 200 {
				t.Fatalf("request %d after the failover, %s %s: %d %s", i, r.method, r.url, rec.Code, rec.Body.String())
			}
		}
	}
}

// A database that refuses new connections (ALLOW_CONNECTIONS false, as
// during maintenance) or is gone by its name (renamed, not yet restored)
// is an outage, not a bug: every request is a 503 with Retry-After, and
// the server answers again once the database does, without a restart.
// Errors while connecting were told apart by their SQLSTATE, as those of
// a statement are, and these two were 500s.
func TestADatabaseThatRefusesConnectionsIs503(t *testing.T) {
	if os.Getenv("TEST_DATABASE_URL") == "" {
		t.Skip("PostgreSQL only: TEST_DATABASE_URL is not set")
	}
	db := dbtest.New(t, database.Postgres)
	h := newHarness(t, db)
	o := h.newOrganisation("Example Maintenance GmbH", "DE")
	name, admin := postgresAdmin(t, db)
	exec := func(stmt string) {
		t.Helper()
		if _, err := admin.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	endSessions := func(db string) {
		t.Helper()
		if _, err := admin.Exec(`SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, db); err != nil {
			t.Fatal(err)
		}
	}
	requests := []request{
		{url: "/api/v1/organisations"},
		{url: "/api/v1/organisations?q=maintenance"},
		{url: "/api/v1/search?q=maintenance"},
		{url: "/api/v1/organisations/" + o.ID},
	}
	for _, fault := range []struct{ name, begin, end string }{
		{"refuses connections", "ALTER DATABASE " + name + " ALLOW_CONNECTIONS false", "ALTER DATABASE " + name + " ALLOW_CONNECTIONS true"},
		{"is gone by its name", "ALTER DATABASE " + name + " RENAME TO " + name + "_away", "ALTER DATABASE " + name + "_away RENAME TO " + name},
	} {
		endSessions(name)
		exec(fault.begin)
		for _, r := range requests {
			wantUnavailable(t, "a database that "+fault.name+": "+r.url, h.do(r))
		}
		wantUnavailable(t, "a database that "+fault.name+": readyz", h.do(request{url: "/readyz", as: anonymous}))
		endSessions(name + "_away")
		exec(fault.end)
		for _, r := range requests {
			if rec := h.do(r); rec.Code != 200 {
				t.Errorf("once the database %s no more, %s: %d %s", fault.name, r.url, rec.Code, rec.Body.String())
			}
		}
	}
}

// postgresAdmin is the name of db's PostgreSQL database and a connection
// to its server as the test role, to do to that database what an
// operator or a failover would.
func postgresAdmin(t *testing.T, db *database.DB) (string, *sql.DB) {
	t.Helper()
	var name string
	if err := db.SQL().QueryRow("SELECT current_database()").Scan(&name); err != nil {
		t.Fatal(err)
	}
	admin, err := sql.Open("pgx", os.Getenv("TEST_DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = admin.Close() })
	return name, admin
}

func TestReadyzSaysNotReadyWhenWritesCannotSucceed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		o := h.newOrganisation("Example Readonly Co", "JP")
		if rec := h.do(request{url: "/readyz", as: anonymous}); rec.Code != 200 {
			t.Fatalf("readyz before: %d", rec.Code)
		}
		switch db.Engine {
		case database.SQLite:
			makeReadOnly(t, db)
		case database.Postgres:
			// A server that turned read-only (a standby after failover
			// looks the same): new sessions cannot write.
			name, admin := postgresAdmin(t, db)
			if _, err := admin.Exec("ALTER DATABASE " + name + " SET default_transaction_read_only = on"); err != nil {
				t.Fatal(err)
			}
			if _, err := admin.Exec(`SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = $1`, name); err != nil {
				t.Fatal(err)
			}
			wantUnavailable(t, "write to a read-only server", h.do(request{method: "PATCH", url: "/api/v1/organisations/" + o.ID,
				headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{"city": "Planegg"}}))
		}
		wantUnavailable(t, "readyz", h.do(request{url: "/readyz", as: anonymous}))
	})
}

// makeReadOnly makes the SQLite file unwritable for this process until
// the test ends: by its mode, or for root, which ignores modes, with the
// immutable attribute (what a read-only mount looks like).
func makeReadOnly(t *testing.T, db *database.DB) {
	t.Helper()
	var seq int
	var schema, path string
	if err := db.SQL().QueryRow("PRAGMA database_list").Scan(&seq, &schema, &path); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		if err := os.Chmod(path, 0o400); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = os.Chmod(path, 0o600) })
		return
	}
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Fatalf("chattr +i: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("chattr", "-i", path).Run() })
}
