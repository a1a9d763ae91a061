// Package database owns the connection to PostgreSQL or the embedded SQLite
// file, the transaction that travels in a context, and the schema
// migrations. It is the only package that knows which engine is in use;
// the few places where SQL differs ask Engine.
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
	"gorm.io/gorm/schema"
)

// Engine names a supported database engine.
type Engine string

const (
	Postgres Engine = "postgres"
	SQLite   Engine = "sqlite"
)

// DB is an open database.
type DB struct {
	gorm   *gorm.DB
	sql    *sql.DB
	Engine Engine
	// path is the SQLite file.
	path string
	// cleanup removes what Open created for a throwaway database.
	cleanup func()
	// river is the job queue's own pool on SQLite (see RiverDriver).
	river riverPool
}

// Target is a parsed DATABASE_URL.
type Target struct {
	Engine Engine
	// DSN is what the driver receives.
	DSN string
	// Path is the SQLite file ("" for PostgreSQL).
	Path string
	// Memory is set for sqlite::memory:, a database that lives as long as the process.
	Memory bool
}

// ParseURL understands postgres://, postgresql:// and sqlite:PATH
// (sqlite::memory: for a throwaway database).
func ParseURL(raw string) (Target, error) {
	switch {
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		if _, err := url.Parse(raw); err != nil {
			return Target{}, fmt.Errorf("DATABASE_URL is not a valid URL")
		}
		return Target{Engine: Postgres, DSN: raw}, nil
	case raw == "sqlite::memory:":
		return Target{Engine: SQLite, Memory: true}, nil
	case strings.HasPrefix(raw, "sqlite:"):
		path := strings.TrimPrefix(raw, "sqlite:")
		path = strings.TrimPrefix(path, "//")
		if path == "" {
			return Target{}, fmt.Errorf("DATABASE_URL sqlite: needs a file path, e.g. sqlite:var/innomunich.db")
		}
		return Target{Engine: SQLite, Path: path}, nil
	default:
		return Target{}, fmt.Errorf("DATABASE_URL must start with postgres://, postgresql:// or sqlite:")
	}
}

// Options tune the connection pool.
type Options struct {
	MaxOpenConns int
	Logger       *slog.Logger
	// OnStatement is called after every statement run through GORM, with
	// the statement's context and text: for counting statements per
	// request and for checking the plans of the queries the code runs.
	OnStatement func(ctx context.Context, st Statement)
}

// Statement is one SQL statement as it was sent: the text with the
// engine's placeholders ($1 on PostgreSQL, ? on SQLite) and their values.
type Statement struct {
	SQL  string
	Vars []any
}

// Open connects to the database named by rawURL. It does not migrate.
func Open(ctx context.Context, rawURL string, opt Options) (*DB, error) {
	t, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	cfg := &gorm.Config{
		TranslateError:         true,
		SkipDefaultTransaction: true,
		PrepareStmt:            false,
		Logger:                 newGormLogger(opt.Logger),
		NowFunc:                func() time.Time { return Now() },
	}
	db := &DB{Engine: t.Engine, cleanup: func() {}}
	var dialector gorm.Dialector
	switch t.Engine {
	case Postgres:
		dialector = postgres.New(postgres.Config{DSN: customPlans(t.DSN)})
	case SQLite:
		path := t.Path
		if t.Memory {
			// A private file in a temporary folder rather than SQLite's
			// :memory:, which gives every pooled connection its own empty
			// database. It is removed on Close.
			dir, err := os.MkdirTemp("", "innomunich-*")
			if err != nil {
				return nil, fmt.Errorf("create temporary database: %w", err)
			}
			path = filepath.Join(dir, "innomunich.db")
			db.cleanup = func() { _ = os.RemoveAll(dir) }
		} else if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("create database folder: %w", err)
			}
		}
		db.path = path
		dialector = sqlite.Open(sqliteDSN(path))
		// Switching a new file to WAL needs the file to itself, and SQLite
		// answers "database is locked" at once rather than waiting when
		// another process does the same: processes opening one file take
		// turns until the first connection is set up.
		unlock, err := lockFile(db.lockPath())
		if err != nil {
			db.cleanup()
			return nil, err
		}
		defer unlock()
	}
	g, err := gorm.Open(dialector, cfg)
	if err != nil {
		db.cleanup()
		return nil, fmt.Errorf("open %s database: %w", t.Engine, err)
	}
	sqlDB, err := g.DB()
	if err != nil {
		db.cleanup()
		return nil, err
	}
	db.gorm, db.sql = g, sqlDB
	// Every statement counts towards the counter in its context, if any,
	// and is passed to OnStatement.
	count := func(tx *gorm.DB) {
		if tx.DryRun {
			return // only built, not run (EstimateRows)
		}
		ctx := tx.Statement.Context
		if c, ok := ctx.Value(counterKey{}).(*atomic.Int64); ok {
			c.Add(1)
		}
		if opt.OnStatement != nil {
			opt.OnStatement(ctx, Statement{SQL: tx.Statement.SQL.String(), Vars: tx.Statement.Vars})
		}
	}
	for name, cb := range map[string]interface {
		Register(string, func(*gorm.DB)) error
	}{"query": g.Callback().Query(), "create": g.Callback().Create(), "update": g.Callback().Update(), "delete": g.Callback().Delete(), "row": g.Callback().Row(), "raw": g.Callback().Raw()} {
		if err := cb.Register("innomunich:count_"+name, count); err != nil {
			db.Close()
			return nil, err
		}
	}
	maxOpen := opt.MaxOpenConns
	if maxOpen <= 0 {
		maxOpen = 10
	}
	sqlDB.SetMaxOpenConns(maxOpen)
	sqlDB.SetMaxIdleConns(maxOpen)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.Ping(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// customPlans asks PostgreSQL to plan every execution of a prepared
// statement for its values (plan_cache_mode), unless the URL says
// otherwise. pgx prepares each statement once per connection, and after
// five runs PostgreSQL would otherwise settle on one generic plan: for a
// search that means one plan for a word found in three organisations and
// for one found in thirty thousand, which need opposite ones (the
// trigram index, or the name order). Parsing stays cached.
func customPlans(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn
	}
	q := u.Query()
	if q.Get("plan_cache_mode") == "" {
		q.Set("plan_cache_mode", "force_custom_plan")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// sqliteDSN turns on what SQLite leaves off: foreign keys, WAL for readers
// beside a writer, a busy timeout instead of immediate "database is locked",
// and BEGIN IMMEDIATE so that a transaction that will write takes the write
// lock up front rather than failing when it upgrades.
func sqliteDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)") // first, so the others wait for a lock too
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// lockPath is the file that processes sharing one SQLite file lock to
// take turns at setting it up and migrating it.
func (db *DB) lockPath() string { return db.path + ".migrate-lock" }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := db.sql.PingContext(ctx); err != nil {
		return fmt.Errorf("database unreachable: %w", err)
	}
	if db.Engine == SQLite {
		// database/sql's ping does not touch the file; a query does.
		var one int
		if err := db.sql.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
			return fmt.Errorf("database unreachable: %w", err)
		}
	}
	return nil
}

// SQL returns the underlying pool, for migrations and metrics.
func (db *DB) SQL() *sql.DB { return db.sql }

// Close closes the pool and removes a throwaway database.
func (db *DB) Close() {
	db.river.close()
	if db.sql != nil {
		_ = db.sql.Close()
	}
	db.cleanup()
}

type txKey struct{}

type counterKey struct{}

// CountStatements returns a context in which every statement run adds one
// to the counter returned: how the HTTP layer learns how many statements
// a request cost.
func CountStatements(ctx context.Context) (context.Context, *atomic.Int64) {
	c := new(atomic.Int64)
	return context.WithValue(ctx, counterKey{}, c), c
}

// Conn returns the transaction in ctx, or the pool, bound to ctx. Stores
// always ask for their handle this way so that they join a caller's
// transaction without knowing about it.
func (db *DB) Conn(ctx context.Context) *gorm.DB {
	if tx, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return tx
	}
	return db.gorm.WithContext(ctx)
}

// WithTx runs fn in a transaction carried by the context it receives. A
// nested call joins the outer transaction. The transaction commits when fn
// returns nil and rolls back otherwise.
func (db *DB) WithTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return fn(ctx)
	}
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(context.WithValue(ctx, txKey{}, tx))
	})
}

// Now is the time the application writes: UTC, truncated to the microsecond
// that PostgreSQL keeps, so a value read back equals the value written.
func Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// IsNotFound reports whether err says a row does not exist.
func IsNotFound(err error) bool { return errors.Is(err, gorm.ErrRecordNotFound) }

// IsDuplicate reports whether err is a unique-constraint violation.
func IsDuplicate(err error) bool { return errors.Is(err, gorm.ErrDuplicatedKey) }

// IsForeignKey reports whether err is a foreign-key violation.
func IsForeignKey(err error) bool { return errors.Is(err, gorm.ErrForeignKeyViolated) }

// newGormLogger logs slow and failed statements through slog and nothing
// else: statements carry personal data in their parameters.
func newGormLogger(l *slog.Logger) logger.Interface {
	if l == nil {
		return logger.Discard
	}
	return logger.NewSlogLogger(l, logger.Config{
		SlowThreshold:             500 * time.Millisecond,
		LogLevel:                  logger.Warn,
		IgnoreRecordNotFoundError: true,
		ParameterizedQueries:      true,
	})
}

// Columns lists the columns model T maps, but those in except: what a
// list selects instead of *, leaving out what only searching and
// duplicate detection read (search text, name keys), which can be larger
// than the rest of the row.
func Columns[T any](except ...string) []string {
	s, err := schema.Parse(new(T), &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		panic(err) // a model that does not parse is a programming error
	}
	var out []string
	for _, f := range s.Fields {
		if f.DBName != "" && f.Readable && !slices.Contains(except, f.DBName) {
			out = append(out, f.DBName)
		}
	}
	return out
}
