package database_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

func migrationNames(t *testing.T, e database.Engine) []string {
	t.Helper()
	var names []string
	err := fs.WalkDir(database.MigrationFiles(e), ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".sql") {
			names = append(names, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	return names
}

func TestBothEnginesHaveTheSameMigrations(t *testing.T) {
	pg, lite := migrationNames(t, database.Postgres), migrationNames(t, database.SQLite)
	if len(pg) == 0 {
		t.Fatal("no migrations found")
	}
	if diff := cmp.Diff(pg, lite); diff != "" {
		t.Errorf("PostgreSQL and SQLite migrations differ in version or name (-postgres +sqlite):\n%s", diff)
	}
}

func TestParseURL(t *testing.T) {
	tests := []struct {
		url     string
		engine  database.Engine
		wantErr bool
	}{
		{url: "postgres://u@localhost/db", engine: database.Postgres},
		{url: "postgresql://u@localhost/db", engine: database.Postgres},
		{url: "sqlite:var/innomunich.db", engine: database.SQLite},
		{url: "sqlite::memory:", engine: database.SQLite},
		{url: "sqlite:", wantErr: true},
		{url: "mysql://u@localhost/db", wantErr: true},
		{url: "", wantErr: true},
	}
	for _, tt := range tests {
		got, err := database.ParseURL(tt.url)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseURL(%q) error = %v, want error %v", tt.url, err, tt.wantErr)
			continue
		}
		if err == nil && got.Engine != tt.engine {
			t.Errorf("ParseURL(%q) engine = %s, want %s", tt.url, got.Engine, tt.engine)
		}
	}
}

func TestMigrationsRollBackAndReapply(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		all, err := db.MigrationStatus(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range all {
			if !m.Applied {
				t.Errorf("fresh test database: migration %s not applied", m.Name)
			}
		}
		for range all {
			if _, err := db.MigrateDown(ctx); err != nil {
				t.Fatalf("down: %v", err)
			}
		}
		// Every down step undid its up step: no table of ours is left.
		if left := snapshot(t, db); len(left) > 0 {
			names := make([]string, 0, len(left))
			for name := range left {
				names = append(names, name)
			}
			sort.Strings(names)
			t.Errorf("after rolling back every migration these tables remain: %v", names)
		}
		if v, err := db.SchemaVersion(ctx); err != nil || v != 0 {
			t.Errorf("after rolling back every migration the schema version is %d (%v), want 0", v, err)
		}
		applied, err := db.MigrateUp(ctx)
		if err != nil {
			t.Fatalf("up again: %v", err)
		}
		if len(applied) != len(all) {
			t.Errorf("re-applied %d migrations, want %d", len(applied), len(all))
		}
		again, err := db.MigrateUp(ctx)
		if err != nil || len(again) != 0 {
			t.Errorf("second up applied %v (err %v), want nothing", again, err)
		}
	})
}

func TestConcurrentMigrationsMigrateOnce(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			url := dbtest.EmptyURL(t, e)
			ctx := context.Background()
			const instances = 4
			applied := make([][]string, instances)
			errs := make([]error, instances)
			var wg sync.WaitGroup
			for i := range instances {
				wg.Add(1)
				go func() {
					defer wg.Done()
					db, err := database.Open(ctx, url, database.Options{})
					if err != nil {
						errs[i] = err
						return
					}
					defer db.Close()
					applied[i], errs[i] = db.MigrateUp(ctx)
				}()
			}
			wg.Wait()
			total := 0
			seen := map[string]bool{}
			for i := range instances {
				if errs[i] != nil {
					t.Errorf("instance %d: %v", i, errs[i])
				}
				total += len(applied[i])
				for _, name := range applied[i] {
					seen[name] = true
				}
			}
			// Ours, and River's job-queue tables under the same lock.
			if want := len(migrationNames(t, e)) + riverMigrations(t); total != want || len(seen) != want {
				t.Errorf("%d instances applied %d migrations in all, want each of the %d applied once", instances, total, want)
			}
		})
	}
}

func TestWithTxCommitsOrRollsBackEverything(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		count := func() int64 {
			var n int64
			if err := db.Conn(ctx).Table("regions").Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := count()
		insert := func(ctx context.Context, id, code string) error {
			now := database.Now()
			return db.Conn(ctx).Exec("INSERT INTO regions (id, code, country, created_at, updated_at) VALUES (?, ?, 'JP', ?, ?)", id, code, now, now).Error
		}
		boom := errors.New("boom")
		err := db.WithTx(ctx, func(ctx context.Context) error {
			if err := insert(ctx, "01a229c0-ffff-7000-8000-000000000001", "kobe"); err != nil {
				return err
			}
			// A nested call joins the outer transaction and fails it.
			return db.WithTx(ctx, func(ctx context.Context) error {
				if err := insert(ctx, "01a229c0-ffff-7000-8000-000000000002", "kyoto"); err != nil {
					return err
				}
				return boom
			})
		})
		if !errors.Is(err, boom) {
			t.Fatalf("WithTx error = %v, want boom", err)
		}
		if got := count(); got != before {
			t.Errorf("after a failed transaction there are %d regions, want %d", got, before)
		}
		if err := db.WithTx(ctx, func(ctx context.Context) error {
			return insert(ctx, "01a229c0-ffff-7000-8000-000000000003", "kobe")
		}); err != nil {
			t.Fatal(err)
		}
		if got := count(); got != before+1 {
			t.Errorf("after a committed transaction there are %d regions, want %d", got, before+1)
		}
	})
}

func TestErrorsAreClassified(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		now := database.Now()
		err := db.Conn(ctx).Exec("INSERT INTO regions (id, code, country, created_at, updated_at) VALUES (?, 'osaka', 'JP', ?, ?)", "01a229c0-ffff-7000-8000-000000000009", now, now).Error
		if !database.IsDuplicate(err) {
			t.Errorf("inserting a second region osaka: %v, want a duplicate-key error", err)
		}
		var row struct{ Code string }
		err = db.Conn(ctx).Table("regions").Where("code = ?", "atlantis").Take(&row).Error
		if !database.IsNotFound(err) {
			t.Errorf("reading a missing region: %v, want not found", err)
		}
	})
}

func TestPostgresPlansEachExecutionForItsValues(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		if e != database.Postgres {
			continue
		}
		db := dbtest.New(t, e)
		var mode string
		if err := db.SQL().QueryRow("SHOW plan_cache_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if mode != "force_custom_plan" {
			t.Errorf("plan_cache_mode = %s, want force_custom_plan", mode)
		}
	}
}

// riverMigrations is the number of River's own migrations.
func riverMigrations(t *testing.T) int {
	t.Helper()
	m, err := rivermigrate.New(riversqlite.New(nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	return len(m.AllVersions())
}

// A failed statement is logged with its text, not its values: they are
// what someone wrote or searched for (a person's name). Scan goes through
// GORM's recorder, every other read and write through the logger itself.
func TestAFailedStatementIsLoggedWithoutItsValues(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			ctx := context.Background()
			var log bytes.Buffer
			db, err := database.Open(ctx, dbtest.URL(t, e), database.Options{Logger: slog.New(slog.NewJSONHandler(&log, nil))})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var n int
			if err := db.Conn(ctx).Raw("SELECT no_such_column FROM people WHERE family_name = ?", "Geheimrat Müller").Scan(&n).Error; err == nil {
				t.Fatal("a statement on a column that does not exist succeeded")
			}
			var rows []map[string]any
			if err := db.Conn(ctx).Table("people").Where("no_such_column = ?", "Yamada Hanako").Find(&rows).Error; err == nil {
				t.Fatal("a statement on a column that does not exist succeeded")
			}
			got := log.String()
			if strings.Count(got, "no_such_column") < 2 {
				t.Errorf("the two failed statements are not both logged:\n%s", got)
			}
			for _, value := range []string{"Geheimrat", "Yamada"} {
				if strings.Contains(got, value) {
					t.Errorf("the log holds the value %q:\n%s", value, got)
				}
			}
		})
	}
}
