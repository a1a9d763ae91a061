package database

import (
	"context"
	"fmt"
	"reflect"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Extra is a column that a model does not map (such as search_grams,
// which each engine stores its own way) with its value for a row.
type Extra[T any] struct {
	Column string
	Value  func(i int, row T) any
}

// Insert writes many rows of model T at once, as GORM would write them one
// by one: every column the model maps, plus the extra columns on
// PostgreSQL. PostgreSQL receives them through COPY, SQLite in multi-row
// INSERTs; either way triggers and constraints apply as for any insert.
// It is for bulk loads (the data generator), not for the application's
// writes, which go through the domain packages.
func Insert[T any](ctx context.Context, db *DB, rows []T, pgExtra ...Extra[T]) error {
	if len(rows) == 0 {
		return nil
	}
	if db.Engine == SQLite {
		// 999 variables at most per statement in older SQLite builds;
		// rows of about 30 columns make 30 rows a statement.
		return db.Conn(ctx).Omit(clause.Associations).CreateInBatches(rows, 30).Error
	}
	stmt := &gorm.Statement{DB: db.gorm}
	if err := stmt.Parse(new(T)); err != nil {
		return err
	}
	var columns []string
	var fields []func(reflect.Value) any
	for _, f := range stmt.Schema.Fields {
		if f.DBName == "" || !f.Creatable {
			continue
		}
		columns = append(columns, f.DBName)
		fields = append(fields, func(v reflect.Value) any {
			val, zero := f.ValueOf(ctx, v)
			if zero && f.HasDefaultValue && f.DefaultValueInterface != nil {
				return f.DefaultValueInterface
			}
			return val
		})
	}
	for _, e := range pgExtra {
		columns = append(columns, e.Column)
	}
	values := make([][]any, len(rows))
	for i, r := range rows {
		rv := reflect.ValueOf(r)
		row := make([]any, 0, len(columns))
		for _, f := range fields {
			row = append(row, f(rv))
		}
		for _, e := range pgExtra {
			row = append(row, e.Value(i, r))
		}
		values[i] = row
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		c, ok := pgxConn(dc)
		if !ok {
			return fmt.Errorf("bulk insert: not a pgx connection")
		}
		_, err := c.CopyFrom(ctx, pgx.Identifier{stmt.Schema.Table}, columns, pgx.CopyFromRows(values))
		if err != nil {
			return fmt.Errorf("copy into %s: %w", stmt.Schema.Table, err)
		}
		return nil
	})
}

// WithoutIndexes runs fn, a bulk load of the tables, with their secondary
// indexes dropped, and builds them again afterwards (also when fn fails):
// building an index once is much faster than updating it row by row.
// Indexes that back a constraint (primary keys, unique) stay. On SQLite it
// only runs fn.
func (db *DB) WithoutIndexes(ctx context.Context, tables []string, fn func() error) (err error) {
	if db.Engine != Postgres {
		return fn()
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, `SELECT i.indexname, i.indexdef FROM pg_indexes i
		WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
		AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
		ORDER BY i.tablename, i.indexname`, TextArray(tables))
	if err != nil {
		return err
	}
	var names, defs []string
	for rows.Next() {
		var n, d string
		if err := rows.Scan(&n, &d); err != nil {
			rows.Close()
			return err
		}
		names, defs = append(names, n), append(defs, d)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	for _, n := range names {
		if _, err := conn.ExecContext(ctx, "DROP INDEX "+pgx.Identifier{n}.Sanitize()); err != nil {
			return err
		}
	}
	defer func() {
		if rerr := db.rebuild(context.WithoutCancel(ctx), defs); rerr != nil && err == nil {
			err = rerr
		}
	}()
	return fn()
}

// rebuild creates the indexes, two at a time (GIN builds use one core).
func (db *DB) rebuild(ctx context.Context, defs []string) error {
	const parallel = 2
	errs := make(chan error, parallel)
	for w := range parallel {
		go func() {
			errs <- func() error {
				conn, err := db.sql.Conn(ctx)
				if err != nil {
					return err
				}
				defer conn.Close()
				// More memory than the default 64 MB sorts large builds in memory.
				if _, err := conn.ExecContext(ctx, "SET maintenance_work_mem = '512MB'"); err != nil {
					return err
				}
				for i := w; i < len(defs); i += parallel {
					if _, err := conn.ExecContext(ctx, defs[i]); err != nil {
						return fmt.Errorf("rebuild index: %w", err)
					}
				}
				_, err = conn.ExecContext(ctx, "RESET maintenance_work_mem")
				return err
			}()
		}()
	}
	var first error
	for range parallel {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}
