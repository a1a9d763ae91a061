package database

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"
)

// Extra is a column that a model does not map (such as search_grams,
// which each engine stores its own way) with its value for a row.
type Extra[T any] struct {
	Column string
	Value  func(i int, row T) any
}

// Insert writes many rows of model T at once, as GORM would write them one
// by one: every column the model maps, plus the extra columns.
// PostgreSQL receives them through COPY, SQLite in multi-row INSERTs
// (InsertValues); either way triggers and constraints apply as for any
// insert. It is for bulk loads (the data generator), not for the
// application's writes, which go through the domain packages.
func Insert[T any](ctx context.Context, db *DB, rows []T, extra ...Extra[T]) error {
	if len(rows) == 0 {
		return nil
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
	for _, e := range extra {
		columns = append(columns, e.Column)
	}
	values := make([][]any, len(rows))
	for i, r := range rows {
		rv := reflect.ValueOf(r)
		row := make([]any, 0, len(columns))
		for _, f := range fields {
			row = append(row, f(rv))
		}
		for _, e := range extra {
			row = append(row, e.Value(i, r))
		}
		values[i] = row
	}
	if db.Engine == SQLite {
		return db.InsertValues(ctx, stmt.Schema.Table, columns, values)
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

// InsertValues writes rows into table in the caller's transaction with
// multi-row INSERT statements of plain values, without a model's
// reflection: for an application write of thousands of rows at once (a
// trip's "schedule all"). columns and table are never user input.
func (db *DB) InsertValues(ctx context.Context, table string, columns []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if db.Engine == Postgres {
		return db.insertUnnest(ctx, table, columns, rows)
	}
	// Under both engines' limits on parameters; the SQLite driver binds
	// in time quadratic in a statement's parameters, so it gets short ones.
	per := max(1, 30000/len(columns))
	if db.Engine == SQLite {
		per = max(1, 500/len(columns))
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(columns)), ", ") + ")"
	for from := 0; from < len(rows); from += per {
		batch := rows[from:min(from+per, len(rows))]
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES ")
		args := make([]any, 0, len(batch)*len(columns))
		for i, r := range batch {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(one)
			args = append(args, r...)
		}
		if err := db.Conn(ctx).Exec(b.String(), args...).Error; err != nil {
			return err
		}
	}
	return nil
}

// insertUnnest is InsertValues on PostgreSQL: one parameter per column,
// a text array of the column's values, turned into rows by unnest; the
// text becomes each column's type as an INSERT converts it (text to uuid,
// integer, timestamptz). Binding thousands of scalar parameters and
// planning a VALUES list that long cost far more.
func (db *DB) insertUnnest(ctx context.Context, table string, columns []string, rows [][]any) error {
	types, err := db.columnTypes(ctx, table)
	if err != nil {
		return err
	}
	arrays := make([]any, len(columns))
	casts := make([]string, len(columns))
	for c := range columns {
		typ, ok := types[columns[c]]
		if !ok {
			return fmt.Errorf("insert into %s: no column %s", table, columns[c])
		}
		var b strings.Builder
		b.WriteByte('{')
		for i, r := range rows {
			if i > 0 {
				b.WriteByte(',')
			}
			v, ok := arrayText(r[c])
			if !ok {
				b.WriteString("NULL")
				continue
			}
			b.WriteByte('"')
			b.WriteString(arrayQuote.Replace(v))
			b.WriteByte('"')
		}
		b.WriteByte('}')
		arrays[c], casts[c] = b.String(), "CAST(CAST(? AS text[]) AS "+typ+"[])"
	}
	return db.Conn(ctx).Exec("INSERT INTO "+table+" ("+strings.Join(columns, ", ")+") SELECT * FROM unnest("+strings.Join(casts, ", ")+")", arrays...).Error
}

var columnTypes sync.Map // table → map[column]type, on PostgreSQL

// columnTypes returns the SQL types of a table's columns, asked once.
func (db *DB) columnTypes(ctx context.Context, table string) (map[string]string, error) {
	if v, ok := columnTypes.Load(table); ok {
		return v.(map[string]string), nil
	}
	var rows []struct{ Name, Type string }
	if err := db.Conn(ctx).Raw(`SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
		WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped`, table).Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, r := range rows {
		out[r.Name] = r.Type
	}
	columnTypes.Store(table, out)
	return out, nil
}

// arrayText writes a value as PostgreSQL reads it from text; false for NULL.
func arrayText(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", false
	case string:
		return x, true
	case *string:
		if x == nil {
			return "", false
		}
		return *x, true
	case int:
		return strconv.Itoa(x), true
	case *int:
		if x == nil {
			return "", false
		}
		return strconv.Itoa(*x), true
	case bool:
		return strconv.FormatBool(x), true
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano), true
	case *time.Time:
		if x == nil {
			return "", false
		}
		return x.UTC().Format(time.RFC3339Nano), true
	default:
		return fmt.Sprint(x), true
	}
}
