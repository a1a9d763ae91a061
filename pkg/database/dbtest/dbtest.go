// Package dbtest gives each test a fresh, migrated database of every engine
// the platform supports: SQLite always, PostgreSQL when TEST_DATABASE_URL
// names a server whose role may create databases. With CI=true a missing
// PostgreSQL fails the test instead of leaving that half untested.
// TEST_TABLESPACE, if set, names the tablespace the PostgreSQL test
// databases are created in.
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // the admin connection that creates test databases
)

// Each runs fn as one subtest per engine, named "sqlite" and "postgres",
// each with its own freshly migrated database.
func Each(t *testing.T, fn func(t *testing.T, db *database.DB)) {
	t.Helper()
	for _, e := range Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			fn(t, New(t, e))
		})
	}
}

// Engines lists the engines this run tests: both, or SQLite alone without
// TEST_DATABASE_URL. TEST_ENGINES=sqlite or TEST_ENGINES=postgres narrows
// a run to one, for a Makefile that runs each engine's pass differently
// (make test runs PostgreSQL under the race detector and SQLite, whose
// transpiled C the detector slows tenfold, without it).
func Engines(t *testing.T) []database.Engine {
	t.Helper()
	switch only := os.Getenv("TEST_ENGINES"); only {
	case "":
	case string(database.SQLite):
		return []database.Engine{database.SQLite}
	case string(database.Postgres):
		if os.Getenv("TEST_DATABASE_URL") == "" {
			t.Fatal("TEST_ENGINES=postgres needs TEST_DATABASE_URL")
		}
		return []database.Engine{database.Postgres}
	default:
		t.Fatalf("TEST_ENGINES=%q: want sqlite, postgres or nothing (both)", only)
	}
	if os.Getenv("TEST_DATABASE_URL") == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("TEST_DATABASE_URL is not set: CI must test on PostgreSQL too")
		}
		return []database.Engine{database.SQLite}
	}
	return []database.Engine{database.SQLite, database.Postgres}
}

// New returns a fresh migrated database of engine e, removed when the test ends.
func New(t testing.TB, e database.Engine) *database.DB {
	t.Helper()
	url := ""
	switch e {
	case database.SQLite:
		url = "sqlite:" + sqliteCopy(t)
	case database.Postgres:
		url = postgresCopy(t)
	}
	db, err := database.Open(context.Background(), url, database.Options{})
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(db.Close)
	return db
}

// One returns a fresh migrated database of the first engine this run
// tests, for a test whose subject does not depend on the engine. In make
// test it so runs once in each pass, on that pass's engine: on SQLite it
// would run in the PostgreSQL pass too, under the race detector, which
// slows SQLite (C transpiled to Go) about tenfold.
func One(t *testing.T) *database.DB {
	t.Helper()
	return New(t, Engines(t)[0])
}

// URL returns a DATABASE_URL for a fresh migrated database of engine e,
// for tests that start the whole program.
func URL(t testing.TB, e database.Engine) string {
	t.Helper()
	if e == database.SQLite {
		return "sqlite:" + sqliteCopy(t)
	}
	return postgresCopy(t)
}

// EmptyURL returns a DATABASE_URL for a new database without any schema,
// for tests of migration itself.
func EmptyURL(t testing.TB, e database.Engine) string {
	t.Helper()
	if e == database.SQLite {
		return "sqlite:" + filepath.Join(t.TempDir(), "empty.db")
	}
	admin := os.Getenv("TEST_DATABASE_URL")
	name := "innomunich_e_" + randomHex(8)
	conn, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec("CREATE DATABASE " + name + inTablespace()); err != nil {
		t.Fatalf("create empty database: %v", err)
	}
	t.Cleanup(func() { dropDatabase(admin, name) })
	return withDatabase(admin, name)
}

// inTablespace is the clause that puts a test database in the tablespace
// that TEST_TABLESPACE names, if set; the role must be allowed to create in it.
// .ci/run makes one in memory: every test clones the template, about 800
// files, and drops it, and on an ext4 disk without a journal a file
// created while many have just been deleted waits for a scan past each
// recently deleted inode, 0.5–1 s a clone (45 ms in memory;
// docs/performance.md, "Where make test goes").
func inTablespace() string {
	if ts := os.Getenv("TEST_TABLESPACE"); ts != "" {
		return " TABLESPACE " + pgx.Identifier{ts}.Sanitize()
	}
	return ""
}

func dropDatabase(admin, name string) {
	c, err := sql.Open("pgx", admin)
	if err != nil {
		return
	}
	defer c.Close()
	_, _ = c.Exec(fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name))
}

var (
	sqliteOnce     sync.Once
	sqliteTemplate string
	sqliteErr      error
)

// sqliteCopy migrates one template file per test binary and hands each test
// a copy of it: copying is much cheaper than migrating.
func sqliteCopy(t testing.TB) string {
	t.Helper()
	sqliteOnce.Do(func() {
		dir, err := os.MkdirTemp("", "innomunich-dbtest-*")
		if err != nil {
			sqliteErr = err
			return
		}
		path := filepath.Join(dir, "template.db")
		db, err := database.Open(context.Background(), "sqlite:"+path, database.Options{})
		if err != nil {
			sqliteErr = err
			return
		}
		defer db.Close()
		if _, err := db.MigrateUp(context.Background()); err != nil {
			sqliteErr = err
			return
		}
		// Fold the WAL into the main file so one file is the whole database.
		if _, err := db.SQL().Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			sqliteErr = err
			return
		}
		sqliteTemplate = path
	})
	if sqliteErr != nil {
		t.Fatalf("prepare SQLite template: %v", sqliteErr)
	}
	dst := filepath.Join(t.TempDir(), "test.db")
	if err := copyFile(sqliteTemplate, dst); err != nil {
		t.Fatalf("copy SQLite template: %v", err)
	}
	return dst
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

var (
	pgOnce     sync.Once
	pgTemplate string
	pgErr      error
)

// postgresCopy clones a migrated template database. The template's name
// carries a hash of the migrations, so a changed migration gets a new one;
// an advisory lock keeps parallel test binaries from building it twice.
func postgresCopy(t testing.TB) string {
	t.Helper()
	admin := os.Getenv("TEST_DATABASE_URL")
	if admin == "" {
		t.Fatal("TEST_DATABASE_URL is not set")
	}
	pgOnce.Do(func() { pgTemplate, pgErr = ensureTemplate(admin) })
	if pgErr != nil {
		t.Fatalf("prepare PostgreSQL template: %v", pgErr)
	}
	name := "innomunich_t_" + randomHex(8)
	conn, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec(fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, pgTemplate) + inTablespace()); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() { dropDatabase(admin, name) })
	return withDatabase(admin, name)
}

func ensureTemplate(admin string) (string, error) {
	ctx := context.Background()
	pool, err := sql.Open("pgx", admin)
	if err != nil {
		return "", err
	}
	defer pool.Close()
	conn, err := pool.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	// Only the owner of a template may clone it, so each role has its own.
	var role string
	if err := conn.QueryRowContext(ctx, "SELECT current_user").Scan(&role); err != nil {
		return "", fmt.Errorf("PostgreSQL at TEST_DATABASE_URL: %w", err)
	}
	h := sha256.New()
	h.Write([]byte(role))
	err = fs.WalkDir(database.MigrationFiles(database.Postgres), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(database.MigrationFiles(database.Postgres), path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	if err != nil {
		return "", err
	}
	name := "innomunich_tmpl_" + hex.EncodeToString(h.Sum(nil))[:12]
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(7301)"); err != nil {
		return "", fmt.Errorf("PostgreSQL at TEST_DATABASE_URL: %w", err)
	}
	defer conn.ExecContext(ctx, "SELECT pg_advisory_unlock(7301)") //nolint:errcheck

	var exists bool
	if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	building := name + "_build"
	if _, err := conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+building+" WITH (FORCE)"); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+building); err != nil {
		return "", err
	}
	db, err := database.Open(ctx, withDatabase(admin, building), database.Options{})
	if err != nil {
		return "", err
	}
	_, err = db.MigrateUp(ctx)
	db.Close()
	if err != nil {
		return "", err
	}
	// Renamed only once complete, so a half-built template is never cloned.
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("ALTER DATABASE %s RENAME TO %s", building, name)); err != nil {
		return "", err
	}
	return name, nil
}

func withDatabase(rawURL, name string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	u.Path = "/" + name
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
