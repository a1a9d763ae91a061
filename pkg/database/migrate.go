package database

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations
var migrations embed.FS

// MigrationFiles returns the versioned SQL files of one engine.
func MigrationFiles(e Engine) fs.FS {
	sub, err := fs.Sub(migrations, "migrations/"+string(e))
	if err != nil {
		panic(err) // the folders are embedded; a missing one is a build error
	}
	return sub
}

// migrationLockID is the PostgreSQL advisory lock that serialises
// migrations of instances starting at the same moment.
const migrationLockID = 0x496e6e6f4d754e // "InnoMuN"

// provider runs migrations on a pool of its own on PostgreSQL, without
// the statement and lock timeouts of the application's: building an index
// on a large table may take minutes. close releases that pool.
func (db *DB) provider() (p *goose.Provider, close func(), err error) {
	pool, close := db.migrationPool()
	p, err = db.newProvider(pool)
	if err != nil {
		close()
		return nil, nil, err
	}
	return p, close, nil
}

// migrationPool is the pool migrations run on: on PostgreSQL one of its
// own without the application's statement and lock timeouts.
func (db *DB) migrationPool() (pool *sql.DB, close func()) {
	if db.pgConfig == nil {
		return db.sql, func() {}
	}
	c := db.pgConfig.Copy()
	c.RuntimeParams["statement_timeout"] = "0"
	c.RuntimeParams["lock_timeout"] = "0"
	pool = openPostgres(c)
	return pool, func() { _ = pool.Close() }
}

func (db *DB) newProvider(pool *sql.DB) (*goose.Provider, error) {
	var opts []goose.ProviderOption
	dialect := goose.DialectSQLite3
	if db.Engine == Postgres {
		dialect = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker(
			lock.WithLockID(migrationLockID),
			lock.WithLockTimeout(1, 600), // wait up to ten minutes for another instance
		)
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	opts = append(opts, goose.WithDisableGlobalRegistry(true))
	return goose.NewProvider(dialect, pool, MigrationFiles(db.Engine), opts...)
}

// MigrateUp applies every pending migration. It holds a lock meanwhile (an
// advisory lock on PostgreSQL, a file lock beside the SQLite file), so
// processes starting at the same moment migrate once and in turn. A
// database with a newer schema than this binary knows is refused
// (ErrRefused) and left alone: an older release must not run on it.
func (db *DB) MigrateUp(ctx context.Context) ([]string, error) {
	if db.Engine == SQLite {
		unlock, err := lockFile(db.lockPath())
		if err != nil {
			return nil, err
		}
		defer unlock()
	}
	// Read on the migrations' own pool: like the migrations, it must not
	// fail for a statement timeout meant for requests.
	check, closeCheck := db.migrationPool()
	err := checkSchemaNotNewer(ctx, check, db.Engine)
	closeCheck()
	if err != nil {
		return nil, err
	}
	p, close, err := db.provider()
	if err != nil {
		return nil, err
	}
	defer close()
	results, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate up: %w", err)
	}
	applied := make([]string, 0, len(results))
	for _, r := range results {
		applied = append(applied, r.Source.Path)
	}
	// River's tables, under the same lock: the SQLite file lock is still
	// held; on PostgreSQL goose released its lock, so take it again.
	var river []string
	pool, closePool := db.migrationPool()
	defer closePool()
	migrateRiver := func() (err error) { river, err = db.migrateRiver(ctx, pool); return err }
	if db.Engine == Postgres {
		err = withPostgresStartupLock(ctx, pool, migrateRiver)
	} else {
		err = migrateRiver()
	}
	if err != nil {
		return nil, err
	}
	return append(applied, river...), nil
}

// MigrateDown rolls back the most recent migration.
func (db *DB) MigrateDown(ctx context.Context) (string, error) {
	p, close, err := db.provider()
	if err != nil {
		return "", err
	}
	defer close()
	r, err := p.Down(ctx)
	if err != nil {
		return "", fmt.Errorf("migrate down: %w", err)
	}
	return r.Source.Path, nil
}

// MigrationState is one migration and whether it is applied.
type MigrationState struct {
	Version int64
	Name    string
	Applied bool
}

// MigrationStatus lists every known migration.
func (db *DB) MigrationStatus(ctx context.Context) ([]MigrationState, error) {
	p, close, err := db.provider()
	if err != nil {
		return nil, err
	}
	defer close()
	st, err := p.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("migration status: %w", err)
	}
	out := make([]MigrationState, 0, len(st))
	for _, s := range st {
		out = append(out, MigrationState{Version: s.Source.Version, Name: s.Source.Path, Applied: s.State == goose.StateApplied})
	}
	return out, nil
}
