// Package database owns the connection to PostgreSQL or the embedded SQLite
// file, the transaction that travels in a context, and the schema
// migrations. It is the only package that knows which engine is in use;
// the few places where SQL differs ask Engine.
package database

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
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
	// busy is SQLite's busy timeout.
	busy time.Duration
	// pgConfig is the PostgreSQL connection's configuration.
	pgConfig *pgx.ConnConfig
	// url is the PostgreSQL URL, for pg_dump.
	url string
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
	// StatementTimeout ends a PostgreSQL statement that runs longer
	// (statement_timeout); zero means none.
	StatementTimeout time.Duration
	// LockTimeout ends a wait for a lock held by another transaction:
	// PostgreSQL's lock_timeout, SQLite's busy timeout (which, when zero,
	// is DefaultBusyTimeout; on PostgreSQL zero means no limit).
	LockTimeout time.Duration
	// ConnectTimeout bounds Open and each new PostgreSQL connection;
	// zero means 30 s.
	ConnectTimeout time.Duration
	Logger         *slog.Logger
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
		// gorm's own ping ignores ctx: an unanswering server would hang
		// the start for ever. Open pings with ctx below.
		DisableAutomaticPing: true,
		PrepareStmt:          false,
		Logger:               newGormLogger(opt.Logger),
		NowFunc:              func() time.Time { return Now() },
	}
	db := &DB{Engine: t.Engine, cleanup: func() {}}
	var dialector gorm.Dialector
	switch t.Engine {
	case Postgres:
		pc, err := pgConfig(t.DSN, opt)
		if err != nil {
			return nil, err
		}
		db.pgConfig, db.url = pc, t.DSN
		dialector = postgres.New(postgres.Config{Conn: openPostgres(pc)})
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
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return nil, fmt.Errorf("create database folder: %w", err)
			}
		}
		if err := createPrivate(path); err != nil {
			db.cleanup()
			return nil, err
		}
		// Held until Close, so that restore refuses to replace a file
		// that a running server has open.
		release, err := holdShared(inUsePath(path))
		if err != nil {
			db.cleanup()
			return nil, err
		}
		removeTemp := db.cleanup
		db.cleanup = func() { release(); removeTemp() }
		db.path = path
		busy := opt.LockTimeout
		if busy <= 0 {
			busy = DefaultBusyTimeout
		}
		db.busy = busy
		db.river.dsn = sqliteDSN(path, busy)
		dialector = sqlite.Open(sqliteDSN(path, busy))
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
	// Connections are renewed now and then, so the pool follows a moved
	// server (failover, DNS) rather than keeping old ones for ever.
	sqlDB.SetConnMaxLifetime(30 * time.Minute)
	ctx, cancel := context.WithTimeout(ctx, connectTimeout(opt))
	defer cancel()
	if err := db.ping(ctx); err != nil {
		db.Close()
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("the %s database did not answer within %s (INNOMUNICH_DB_CONNECT_TIMEOUT): %w", t.Engine, connectTimeout(opt), err)
		}
		if errors.Is(err, context.Canceled) {
			return nil, fmt.Errorf("stopped while connecting to the %s database: %w", t.Engine, err)
		}
		return nil, err
	}
	return db, nil
}

func connectTimeout(opt Options) time.Duration {
	if opt.ConnectTimeout > 0 {
		return opt.ConnectTimeout
	}
	return 30 * time.Second
}

// pgConfig parses the URL and adds what it does not say itself:
//
//   - plan_cache_mode: every execution of a prepared statement is planned
//     for its values. pgx prepares each statement once per connection, and
//     after five runs PostgreSQL would otherwise settle on one generic
//     plan: for a search that means one plan for a word found in three
//     organisations and for one found in thirty thousand, which need
//     opposite ones (the trigram index, or the name order). Parsing stays
//     cached.
//   - statement_timeout, lock_timeout and idle_in_transaction_session_timeout,
//     so that no statement, lock wait or forgotten transaction holds a
//     connection (and its locks) without limit.
//   - connect_timeout (Options.ConnectTimeout), for connections opened
//     outside a request's deadline.
func pgConfig(dsn string, opt Options) (*pgx.ConnConfig, error) {
	c, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL: %w", err)
	}
	params := map[string]string{
		"plan_cache_mode":                     "force_custom_plan",
		"idle_in_transaction_session_timeout": millis(IdleInTransactionTimeout),
	}
	if opt.StatementTimeout > 0 {
		params["statement_timeout"] = millis(opt.StatementTimeout)
	}
	if opt.LockTimeout > 0 {
		params["lock_timeout"] = millis(opt.LockTimeout)
	}
	for k, v := range params {
		if _, set := c.RuntimeParams[k]; !set {
			c.RuntimeParams[k] = v
		}
	}
	if c.ConnectTimeout == 0 {
		c.ConnectTimeout = connectTimeout(opt)
	}
	return c, nil
}

func millis(d time.Duration) string { return strconv.FormatInt(d.Milliseconds(), 10) }

// openPostgres is the pool of connections that retry a statement on a
// dead connection (pgConn).
func openPostgres(c *pgx.ConnConfig) *sql.DB {
	return sql.OpenDB(pgConnector{stdlib.GetConnector(*c)})
}

// IdleInTransactionTimeout ends a PostgreSQL session whose transaction
// has waited this long for its next statement: a transaction only waits
// for the program's own work between statements, never for a person.
const IdleInTransactionTimeout = time.Minute

// DefaultBusyTimeout is how long a SQLite statement waits for the write
// lock when Options.LockTimeout is not set.
const DefaultBusyTimeout = 5 * time.Second

// sqliteDSN turns on what SQLite leaves off: foreign keys, WAL for readers
// beside a writer, a busy timeout instead of immediate "database is locked",
// and BEGIN IMMEDIATE so that a transaction that will write takes the write
// lock up front rather than failing when it upgrades.
func sqliteDSN(path string, busy time.Duration) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout("+millis(busy)+")") // first, so the others wait for a lock too
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	// What a statement deletes or overwrites is overwritten with zeros in
	// the file, not left in its free space: an erased person is not in a
	// copy of it (see ScrubAfterCommit).
	q.Add("_pragma", "secure_delete(1)")
	// The log is truncated whenever a checkpoint empties it, so that it
	// keeps no copy of pages either.
	q.Add("_pragma", "journal_size_limit(0)")
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// inUsePath is the file every process that has the SQLite file open
// holds a shared lock on.
func inUsePath(path string) string { return path + ".in-use" }

// lockPath is the file that processes sharing one SQLite file lock to
// take turns at setting it up and migrating it.
func (db *DB) lockPath() string { return db.path + ".migrate-lock" }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return db.ping(ctx)
}

func (db *DB) ping(ctx context.Context) error {
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

// Writable checks, cheaply and without writing, that a write could
// succeed now: PostgreSQL is not a standby in recovery or read-only; the
// SQLite file is writable and its disk not full. Ping alone says only
// that reads work.
func (db *DB) Writable(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if db.Engine == Postgres {
		var readOnly bool
		if err := db.sql.QueryRowContext(ctx, "SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'").Scan(&readOnly); err != nil {
			return fmt.Errorf("database unreachable: %w", err)
		}
		if readOnly {
			return errors.New("the database is read-only (a standby, or default_transaction_read_only)")
		}
		return nil
	}
	if err := db.ping(ctx); err != nil {
		return err
	}
	return writable(db.path)
}

// ScrubAfterCommit makes what the transaction of ctx deletes unreadable
// in the database's files once it has committed (at once outside a
// transaction): for an erasure. See scrub.
func (db *DB) ScrubAfterCommit(ctx context.Context) {
	if asked, ok := ctx.Value(scrubKey{}).(*bool); ok {
		*asked = true
		return
	}
	_ = db.scrub(ctx)
}

// scrubKey holds, in the context of a transaction, whether it asked for
// scrub after its commit.
type scrubKey struct{}

// scrub makes what committed transactions deleted unreadable in the
// database's files. SQLite overwrites deleted content with zeros
// (secure_delete), but first writes the pages to its write-ahead log:
// the log is copied into the file and truncated, at once, without
// waiting (a reader holding the log, an export say, would keep every
// writer waiting behind the checkpoint). Where one holds it, the first
// checkpoint that finds none truncates the log (journal_size_limit).
// PostgreSQL keeps a deleted row's bytes until (auto)vacuum reuses the
// space; its backups (pg_dump) never hold them.
func (db *DB) scrub(ctx context.Context) error {
	if db.Engine != SQLite {
		return nil
	}
	ctx = context.WithoutCancel(ctx) // the erasure has committed; a caller gone changes nothing
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		return err
	}
	var busy, pages, copied int
	err = conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &pages, &copied)
	if _, restore := conn.ExecContext(ctx, "PRAGMA busy_timeout = "+millis(db.busy)); restore != nil {
		// Not back into the pool without its busy timeout.
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		return restore
	}
	return err
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

// WithTx runs fn in a transaction carried by the context it receives. The
// transaction commits when fn returns nil and rolls back otherwise. A
// nested call runs in a savepoint of the outer transaction, so that its
// error undoes its own writes as it would alone (a dry run that rolls back
// stays a dry run) and leaves the outer transaction usable.
func (db *DB) WithTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if tx, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return tx.Transaction(func(sp *gorm.DB) error {
			return fn(context.WithValue(ctx, txKey{}, sp))
		})
	}
	scrub := new(bool)
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(context.WithValue(context.WithValue(ctx, txKey{}, tx), scrubKey{}, scrub))
	})
	if err == nil && *scrub {
		// Committed: a failure to scrub now leaves it to the next
		// checkpoint, and is no failure of the transaction.
		_ = db.scrub(ctx)
	}
	return err
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
// else, without their parameters: statements carry personal data there
// (a name written, the words searched for).
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

func init() {
	// GORM's Scan runs its statement through a recorder (logger.Recorder)
	// and logs the text it recorded, which holds the parameters' values
	// unless this filter leaves them out as ParameterizedQueries does for
	// every other statement.
	logger.RecorderParamsFilter = func(_ context.Context, sql string, _ ...any) (string, []any) { return sql, nil }
}

// Columns lists the columns model T maps, but those in except: what a
// list selects instead of *, leaving out what only searching and
// duplicate detection read (search text, name keys), which can be larger
// than the rest of the row. A field the model only reads (`gorm:"->"`,
// such as a rank a query computes) is no column and is left out too.
func Columns[T any](except ...string) []string {
	s, err := schema.Parse(new(T), &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		panic(err) // a model that does not parse is a programming error
	}
	var out []string
	for _, f := range s.Fields {
		if f.DBName != "" && f.Readable && (f.Creatable || f.Updatable) && !slices.Contains(except, f.DBName) {
			out = append(out, f.DBName)
		}
	}
	return out
}
