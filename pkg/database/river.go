package database

import (
	"context"
	"database/sql"
	"fmt"
	"sync"

	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

// RiverDriver is River's driver for this database: riverdatabasesql on
// PostgreSQL and riversqlite on SQLite. Both take the caller's *sql.Tx
// (see SQLTx), so a job can be inserted in the transaction of the change
// that causes it. On PostgreSQL River shares GORM's pool. On SQLite its
// own work (polling, completing jobs, leader election, maintenance) runs
// on a pool of one connection to the same file: each of those waits for
// SQLite's single write lock, and on the shared pool enough of them could
// hold every connection the API needs.
func (db *DB) RiverDriver() riverdriver.Driver[*sql.Tx] {
	if db.Engine == Postgres {
		return riverdatabasesql.New(db.sql)
	}
	return riversqlite.New(db.river.get())
}

type riverPool struct {
	dsn  string // the API pool's, so River waits for the write lock as long
	once sync.Once
	pool *sql.DB
}

func (p *riverPool) get() *sql.DB {
	p.once.Do(func() {
		// sql.Open only checks the driver name, registered by glebarez/sqlite.
		p.pool, _ = sql.Open("sqlite", p.dsn)
		p.pool.SetMaxOpenConns(1)
	})
	return p.pool
}

func (p *riverPool) close() {
	if p.pool != nil {
		_ = p.pool.Close()
	}
}

// migrateRiver brings River's own tables (river_job, river_leader, …) to
// the version the linked River expects, on PostgreSQL on the migration
// pool. The caller holds the start-up
// lock. River keeps its own version table (river_migration), so its
// upgrades need no goose file of ours.
func (db *DB) migrateRiver(ctx context.Context, pool *sql.DB) ([]string, error) {
	driver := db.RiverDriver()
	if db.Engine == Postgres {
		driver = riverdatabasesql.New(pool) // without the statement timeout
	}
	m, err := rivermigrate.New(driver, nil)
	if err != nil {
		return nil, err
	}
	res, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return nil, fmt.Errorf("migrate job queue tables: %w", err)
	}
	applied := make([]string, 0, len(res.Versions))
	for _, v := range res.Versions {
		applied = append(applied, fmt.Sprintf("river %03d_%s", v.Version, v.Name))
	}
	return applied, nil
}

// withPostgresStartupLock holds the advisory lock that goose takes while
// migrating (the same id), on a connection of its own from the
// migrations' pool (no statement timeout: waiting for another instance's
// migrations is the point), while fn runs: so River's tables are migrated
// by one instance at a time, like ours.
func withPostgresStartupLock(ctx context.Context, pool *sql.DB, fn func() error) error {
	conn, err := pool.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLockID); err != nil {
		return fmt.Errorf("take the migration lock: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLockID) //nolint:errcheck
	return fn()
}
