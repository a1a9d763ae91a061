package database

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// IsUnavailable reports whether err says the database could not do the
// work for now, rather than that the work was wrong: it is unreachable,
// lost the connection, ran out of time (the request's deadline, a
// statement or lock timeout, SQLite's busy timeout), is full or is
// read-only. The HTTP layer answers these with 503 and Retry-After; every
// other unexpected error stays a 500, a bug.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) ||
		errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EROFS) {
		return true
	}
	// database/sql does not export the error of a closed pool.
	if strings.Contains(err.Error(), "sql: database is closed") {
		return true
	}
	// Any error while connecting: the server is down, starting, full, or
	// refuses the database (ALLOW_CONNECTIONS false: 55000; renamed or
	// dropped: 3D000; the role's password changed: 28P01). A connection
	// error wraps the server's error, so this comes before its code is
	// looked at, which would call those a bug.
	var connectErr *pgconn.ConnectError
	if errors.As(err, &connectErr) || pgconn.Timeout(err) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case strings.HasPrefix(pgErr.Code, "08"), // connection exception
			strings.HasPrefix(pgErr.Code, "53"), // insufficient resources: disk full (53100), memory, connections
			pgErr.Code == "57014",               // query_canceled: statement_timeout or a cancelled request
			pgErr.Code == "57P01",               // admin_shutdown: pg_terminate_backend, fast shutdown
			pgErr.Code == "57P02",               // crash_shutdown
			pgErr.Code == "57P03",               // cannot_connect_now: starting up or in recovery
			pgErr.Code == "55P03",               // lock_not_available: lock_timeout
			pgErr.Code == "25006",               // read_only_sql_transaction: a standby or a read-only server
			pgErr.Code == "25P03",               // idle_in_transaction_session_timeout
			pgErr.Code == "40001",               // serialization_failure: try again
			pgErr.Code == "40P01":               // deadlock_detected: try again
			return true
		}
		return false
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return true
	}
	var sqliteErr interface{ Code() int }
	if errors.As(err, &sqliteErr) {
		switch sqliteErr.Code() & 0xff { // the primary result code
		case 5, // SQLITE_BUSY: "database is locked" after the busy timeout
			6,  // SQLITE_LOCKED
			8,  // SQLITE_READONLY
			9,  // SQLITE_INTERRUPT: the request's context ended
			10, // SQLITE_IOERR
			13, // SQLITE_FULL: disk full
			14: // SQLITE_CANTOPEN
			return true
		}
	}
	return false
}

// pgConnector makes the connections of the PostgreSQL pool, each wrapped
// in a pgConn.
type pgConnector struct{ driver.Connector }

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return pgConn{conn.(*stdlib.Conn)}, nil
}

// pgConn is a pgx connection that tells database/sql to try a read again
// on another connection when this one turned out to be dead: after a
// failover, a proxy restart or pg_terminate_backend every pooled
// connection is, and pgx only notices when the next statement fails.
// database/sql retries a statement that fails with driver.ErrBadConn
// twice on pooled connections and then once on a new one, so one retry
// per dead connection costs no request. A write is retried only when pgx
// knows it never left this process; a read or BEGIN changes nothing, so
// sending it again is always safe.
type pgConn struct{ *stdlib.Conn }

func (c pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := c.Conn.QueryContext(ctx, query, args)
	return rows, c.retryable(err, isRead(query))
}

func (c pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	res, err := c.Conn.ExecContext(ctx, query, args)
	return res, c.retryable(err, isRead(query))
}

func (c pgConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.Conn.BeginTx(ctx, opts)
	return tx, c.retryable(err, true)
}

// retryable turns err into driver.ErrBadConn when the connection died
// under the statement and sending it again cannot do anything twice. A
// cancelled or timed-out statement also closes the connection, but is
// never retried: its deadline has passed.
func (c pgConn) retryable(err error, read bool) error {
	if err == nil || !c.Conn.Conn().IsClosed() || ctxDone(err) {
		return err
	}
	if read || pgconn.SafeToRetry(err) {
		return driver.ErrBadConn
	}
	return err
}

func ctxDone(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)
}

// isRead reports whether a statement only reads.
func isRead(query string) bool {
	q := strings.TrimSpace(query)
	return len(q) >= 6 && strings.EqualFold(q[:6], "SELECT")
}

// pgxConn returns the pgx connection under a pooled driver connection,
// for what only pgx offers (COPY).
func pgxConn(dc any) (*pgx.Conn, bool) {
	c, ok := dc.(pgConn)
	if !ok {
		return nil, false
	}
	return c.Conn.Conn(), true
}
