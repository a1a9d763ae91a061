package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

const testAdminEmail, testAdminPassword = "ops@biom.example", "Sicherung und Wiederherstellung 2026!"

func opsVars(url string) map[string]string {
	return map[string]string{
		"DATABASE_URL": url, "INNOMUNICH_ADMIN_EMAIL": testAdminEmail, "INNOMUNICH_ADMIN_PASSWORD": testAdminPassword,
		"INNOMUNICH_RATE_LIMIT": "0", "INNOMUNICH_WORKERS": "0", "INNOMUNICH_SPA_DIR": os.TempDir(),
	}
}

// TestBackupWhileWritingRestoresEveryAcknowledgedRow takes a backup while
// writers create organisations through the API, restores it into a new
// database, serves that and finds every organisation whose creation was
// acknowledged before the backup started.
func TestBackupWhileWritingRestoresEveryAcknowledgedRow(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			ctx := context.Background()
			url := dbtest.EmptyURL(t, e)
			live := startServe(t, opsVars(url))
			admin := signIn(t, live.url, testAdminEmail, testAdminPassword)

			var (
				mu    sync.Mutex
				acked []string // ids of created organisations, in the order of their 201
				fails []string
				stop  = make(chan struct{})
				more  = make(chan struct{}, 1000)
				wg    sync.WaitGroup
			)
			for w := range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; ; i++ {
						select {
						case <-stop:
							return
						default:
						}
						var org struct{ ID string }
						r, err := admin.call("POST", "/api/v1/organisations", map[string]any{
							"name": fmt.Sprintf("Sicherungstest %d-%d GmbH", w, i), "kind": "biotech", "country": "DE",
						}, nil)
						mu.Lock()
						if err == nil && r.status == 201 && r.into(&org) == nil {
							acked = append(acked, org.ID)
						} else {
							fails = append(fails, fmt.Sprintf("%v %d %s", err, r.status, r.body))
						}
						mu.Unlock()
						select {
						case more <- struct{}{}:
						default:
						}
					}
				}()
			}
			waitAcked := func(n int) {
				deadline := time.After(2 * time.Minute)
				for {
					mu.Lock()
					got := len(acked)
					mu.Unlock()
					if got >= n {
						return
					}
					select {
					case <-more:
					case <-deadline:
						t.Fatalf("writers acknowledged %d organisations in 2 minutes, want %d", got, n)
					}
				}
			}
			waitAcked(40)
			mu.Lock()
			before := append([]string(nil), acked...)
			mu.Unlock()

			file := filepath.Join(t.TempDir(), "innomunich.backup")
			var out bytes.Buffer
			if err := run(ctx, []string{"backup", "--out", file}, env(map[string]string{"DATABASE_URL": url}), &out, io.Discard); err != nil {
				t.Fatalf("backup while writing: %v", err)
			}
			waitAcked(len(before) + 8) // the writers go on after the backup
			close(stop)
			wg.Wait()
			if len(fails) > 0 {
				t.Errorf("%d writes failed while the backup ran, e.g. %s", len(fails), fails[0])
			}
			if !strings.Contains(out.String(), "backup written: "+file) {
				t.Errorf("backup printed %q", out.String())
			}
			if st, err := os.Stat(file); err != nil || st.Mode().Perm() != 0o600 {
				t.Errorf("backup file: %v, mode %v; want 0600", err, st.Mode().Perm())
			}

			restored := dbtest.EmptyURL(t, e)
			out.Reset()
			if err := run(ctx, []string{"restore", file}, env(map[string]string{"DATABASE_URL": restored}), &out, io.Discard); err != nil {
				t.Fatalf("restore into an empty database: %v", err)
			}
			if !strings.Contains(out.String(), fmt.Sprintf("schema version %d", database.LatestVersion())) {
				t.Errorf("restore printed %q", out.String())
			}

			// The restored database serves, and holds every organisation
			// acknowledged before the backup began.
			again := startServe(t, opsVars(restored))
			if got := getStatus(t, again.url+"/readyz"); got != 200 {
				t.Errorf("restored server /readyz: %d", got)
			}
			reader := signIn(t, again.url, testAdminEmail, testAdminPassword)
			missing := 0
			for _, id := range before {
				if r, err := reader.call("GET", "/api/v1/organisations/"+id, nil, nil); err != nil || r.status != 200 {
					missing++
				}
			}
			if missing > 0 {
				t.Errorf("%d of the %d organisations acknowledged before the backup started are missing after the restore", missing, len(before))
			}

			// A second restore onto the restored data is refused and
			// changes nothing.
			err := run(ctx, []string{"restore", file}, env(map[string]string{"DATABASE_URL": restored}), io.Discard, io.Discard)
			if !errors.Is(err, database.ErrRefused) || exitCode(err) != 2 || !strings.Contains(err.Error(), "--force") {
				t.Errorf("restore onto a database with data: %v (exit %d), want a refusal naming --force, exit 2", err, exitCode(err))
			}
			if r, err := reader.call("GET", "/api/v1/organisations/"+before[0], nil, nil); err != nil || r.status != 200 {
				t.Errorf("after the refused restore the restored server lost %s", before[0])
			}
		})
	}
}

// TestNewerSchemaIsRefused: a database (or a backup) migrated by a newer
// release is refused by serve, migrate and restore, with a message that
// says so, and left as it is.
func TestNewerSchemaIsRefused(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			ctx := context.Background()
			url := dbtest.URL(t, e)
			db, err := database.Open(ctx, url, database.Options{})
			if err != nil {
				t.Fatal(err)
			}
			future := database.LatestVersion() + 1
			if err := db.Conn(ctx).Exec("INSERT INTO goose_db_version (version_id, is_applied) VALUES (?, ?)", future, true).Error; err != nil {
				t.Fatal(err)
			}
			db.Close()
			vars := env(map[string]string{"DATABASE_URL": url, "INNOMUNICH_ADDR": "127.0.0.1:0"})
			for _, cmd := range [][]string{{"serve"}, {"migrate", "up"}, {"worker"}} {
				err := run(ctx, cmd, vars, io.Discard, io.Discard)
				want := fmt.Sprintf("schema version %d, newer than this binary knows (%d)", future, database.LatestVersion())
				if !errors.Is(err, database.ErrRefused) || !strings.Contains(fmt.Sprint(err), want) {
					t.Errorf("%s on a newer database: %v; want %q", cmd, err, want)
				}
			}

			// Its backup is taken, but not restored by this binary.
			file := filepath.Join(t.TempDir(), "newer.backup")
			if err := run(ctx, []string{"backup", "--out", file}, vars, io.Discard, io.Discard); err != nil {
				t.Fatalf("backup of a newer database: %v", err)
			}
			empty := dbtest.EmptyURL(t, e)
			err = run(ctx, []string{"restore", file}, env(map[string]string{"DATABASE_URL": empty}), io.Discard, io.Discard)
			if !errors.Is(err, database.ErrRefused) || !strings.Contains(fmt.Sprint(err), "taken by a newer release") {
				t.Errorf("restore of a newer backup: %v; want a refusal", err)
			}
			check, err := database.Open(ctx, empty, database.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer check.Close()
			if v, err := check.SchemaVersion(ctx); err != nil || v != 0 {
				t.Errorf("after the refused restore the target has schema version %d (%v), want untouched", v, err)
			}
		})
	}
}

func TestVersionNamesTheSchemaVersion(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"version"}, env(nil), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("schema version %d\n", database.LatestVersion()); !strings.Contains(out.String(), want) || database.LatestVersion() < 18 {
		t.Errorf("version printed %q, want %q", out.String(), want)
	}
}

// TestRestoreForceRefusesADatabaseInUse: --force does not replace a
// database that a running server uses, and does once it stopped.
func TestRestoreForceRefusesADatabaseInUse(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			ctx := context.Background()
			source := dbtest.URL(t, e)
			file := filepath.Join(t.TempDir(), "small.backup")
			if err := run(ctx, []string{"backup", "--out", file}, env(map[string]string{"DATABASE_URL": source}), io.Discard, io.Discard); err != nil {
				t.Fatal(err)
			}
			target := dbtest.URL(t, e)
			in := startServe(t, opsVars(target))
			restore := func() error {
				return run(ctx, []string{"restore", "--force", file}, env(map[string]string{"DATABASE_URL": target}), io.Discard, io.Discard)
			}
			if err := restore(); !errors.Is(err, database.ErrRefused) || !strings.Contains(err.Error(), "stop") {
				t.Errorf("restore --force under a running server: %v, want a refusal saying to stop it", err)
			}
			if got := getStatus(t, in.url+"/readyz"); got != 200 {
				t.Errorf("the server after the refused restore: /readyz %d", got)
			}
			if err := in.stop(); err != nil {
				t.Fatal(err)
			}
			// PostgreSQL ends a closed connection's session a moment later.
			deadline := time.Now().Add(30 * time.Second)
			err := restore()
			for errors.Is(err, database.ErrRefused) && time.Now().Before(deadline) {
				err = restore()
			}
			if err != nil {
				t.Errorf("restore --force after the server stopped: %v", err)
			}
			again := startServe(t, opsVars(target))
			if got := getStatus(t, again.url+"/readyz"); got != 200 {
				t.Errorf("the server on the restored database: /readyz %d", got)
			}
		})
	}
}
