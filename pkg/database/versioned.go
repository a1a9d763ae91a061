package database

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/jackc/pgx/v5/pgtype"
	"gorm.io/gorm"
)

// UpdateVersioned is optimistic concurrency in one statement:
// UPDATE table SET …, version = version + 1, updated_at = now
// WHERE id = ? AND version = ?. When no row changes it tells a missing row
// (NotFound) from a stale version (PreconditionFailed, with the current
// version). set holds column → value; callers never pass user input as a
// column name. It returns the new version.
func (db *DB) UpdateVersioned(ctx context.Context, table, noun, id string, version int, set map[string]any) (int, error) {
	values := map[string]any{"updated_at": Now()}
	for k, v := range set {
		values[k] = v
	}
	values["version"] = gorm.Expr("version + 1")
	res := db.Conn(ctx).Table(table).Where("id = ? AND version = ?", id, version).Updates(values)
	if res.Error != nil {
		return 0, res.Error
	}
	if res.RowsAffected == 1 {
		return version + 1, nil
	}
	return 0, db.missingOrStale(ctx, table, noun, id)
}

// Referrer is a column of another table that refers to rows of this one,
// and what a person calls the rows it is in ("agreements").
type Referrer struct{ Table, Column, Noun string }

// Referrers are what may still refer to the row a delete removes: a
// delete they block is a Conflict that counts them, by noun, in the
// problem's "references", so the caller sees what to change first.
type Referrers struct {
	// Key is the column of the deleted row that they hold: "" for its id,
	// "code" for reference data.
	Key  string
	From []Referrer
	// Instead ends the message: what to do instead of deleting
	// ("archive it instead (archived: true)"); "" says to change them
	// first.
	Instead string
}

// DeleteVersioned is the delete counterpart of UpdateVersioned: one
// statement DELETE FROM table WHERE id = ? AND version = ?, so a delete
// never removes a version its caller has not seen. When no row goes it
// tells a missing row (NotFound) from a stale version (PreconditionFailed,
// with the current version). A row that others still refer to stays and
// the answer is a Conflict naming them (see Referrers). The caller records
// the deletion in its audit log in the same transaction.
func (db *DB) DeleteVersioned(ctx context.Context, table, noun, id string, version int, refs Referrers) error {
	return db.WithTx(ctx, func(ctx context.Context) error {
		// Counted first, because SQLite lacks some of the foreign keys
		// PostgreSQL has (see the directory migration); a reference added
		// since then is a foreign-key violation, counted again below.
		if err := refs.check(ctx, db, table, noun, id); err != nil {
			return err
		}
		conn := db.Conn(ctx)
		// A failed statement aborts a PostgreSQL transaction; going back
		// to the savepoint keeps it usable for counting the references.
		if err := conn.SavePoint("delete_versioned").Error; err != nil {
			return err
		}
		res := conn.Exec("DELETE FROM "+table+" WHERE id = ? AND version = ?", id, version)
		if IsForeignKey(res.Error) {
			if err := conn.RollbackTo("delete_versioned").Error; err != nil {
				return err
			}
			if err := refs.check(ctx, db, table, noun, id); err != nil {
				return err
			}
			return refs.conflict(noun, map[string]int64{}, nil)
		}
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 1 {
			return nil
		}
		return db.missingOrStale(ctx, table, noun, id)
	})
}

// check answers a Conflict when rows of the referrers hold the row's key.
func (r Referrers) check(ctx context.Context, db *DB, table, noun, id string) error {
	if len(r.From) == 0 {
		return nil
	}
	key := id
	if r.Key != "" {
		var keys []string
		if err := db.Conn(ctx).Table(table).Where("id = ?", id).Pluck(r.Key, &keys).Error; err != nil {
			return err
		}
		if len(keys) == 0 {
			return nil // gone: the delete tells NotFound
		}
		key = keys[0]
	}
	counts := map[string]int64{}
	var parts []string
	for _, f := range r.From {
		var n int64
		if err := db.Conn(ctx).Table(f.Table).Where(f.Column+" = ?", key).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			continue
		}
		if counts[f.Noun] == 0 {
			parts = append(parts, f.Noun)
		}
		counts[f.Noun] += n
	}
	if len(counts) == 0 {
		return nil
	}
	for i, noun := range parts {
		parts[i] = fmt.Sprintf("%d %s", counts[noun], noun)
	}
	return r.conflict(noun, counts, parts)
}

func (r Referrers) conflict(noun string, counts map[string]int64, parts []string) error {
	who := "Other records"
	if len(parts) > 0 {
		who = strings.Join(parts, ", ")
	}
	instead := r.Instead
	if instead == "" {
		instead = "change or remove them first"
	}
	return apperr.New(apperr.Conflict, "%s still refer to this %s; %s", who, noun, instead).With("references", counts)
}

// missingOrStale explains why a versioned write changed no row.
func (db *DB) missingOrStale(ctx context.Context, table, noun, id string) error {
	var current struct{ Version int }
	err := db.Conn(ctx).Table(table).Select("version").Where("id = ?", id).Take(&current).Error
	if IsNotFound(err) {
		return apperr.New(apperr.NotFound, "No %s with id %s", noun, id)
	}
	if err != nil {
		return err
	}
	return Stale(noun, current.Version)
}

// Stale is the error for a write based on an old version.
func Stale(noun string, current int) error {
	return apperr.New(apperr.PreconditionFailed,
		"The %s was changed by someone else (now version %d); reload it and apply your change again", noun, current).
		With("current_version", current)
}

// CheckVersion compares the version a caller based a change on with the
// version of the row as loaded: a change computed from that row may only
// be written over that version. The write itself (UpdateVersioned,
// DeleteVersioned) checks again in its statement, which is what holds
// when someone else changes the row in between.
func CheckVersion(noun string, stored, expected int) error {
	if stored != expected {
		return Stale(noun, stored)
	}
	return nil
}

// Get loads the row of model T with the id, or NotFound naming the noun.
func Get[T any](ctx context.Context, db *DB, noun, id string) (T, error) {
	var v T
	err := db.Conn(ctx).Where("id = ?", id).Take(&v).Error
	if IsNotFound(err) {
		return v, apperr.New(apperr.NotFound, "No %s with id %s", noun, id)
	}
	return v, err
}

var arrayQuote = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

// TextArray is a PostgreSQL text[] parameter. Value is what GORM and
// database/sql see (a slice of their own they would spread into a list);
// Dimensions, Index and IndexType (pgtype.ArrayGetter) let pgx write it
// in the binary form it writes a []string in. Without them pgx tried
// that form with Value's literal, made an error of it (the literal
// formatted into the message), and wrote the text form instead. Cast it
// in SQL to an array of another type (?::text[]::uuid[]): pgx writes
// the text form of a uuid[] that way too, after the same error.
type TextArray []string

func (a TextArray) Dimensions() []pgtype.ArrayDimension {
	return pgtype.FlatArray[string](a).Dimensions()
}
func (a TextArray) Index(i int) any { return a[i] }
func (a TextArray) IndexType() any  { return "" }

// Value renders the array literal, quoting every element.
func (a TextArray) Value() (driver.Value, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, s := range a {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteString(arrayQuote.Replace(s))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String(), nil
}

// GetWith loads the row of model T with the id and completes it with
// details, the loader a list of T uses too (parties, partners, …).
func GetWith[T any](ctx context.Context, db *DB, noun, id string, details func(context.Context, *DB, []T) error) (T, error) {
	v, err := Get[T](ctx, db, noun, id)
	if err != nil {
		return v, err
	}
	list := []T{v}
	if err := details(ctx, db, list); err != nil {
		return v, err
	}
	return list[0], nil
}

// Children loads, in one query, the rows of table whose owner column is one
// of ids, in the given order, grouped by owner id: how a page of records
// gets its parties, partners or links without a query per record.
func Children[T any](ctx context.Context, db *DB, table, ownerColumn string, ids []string, order string, owner func(T) string) (map[string][]T, error) {
	out := map[string][]T{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []T
	if err := db.Conn(ctx).Table(table).Where(ownerColumn+" IN ?", ids).Order(order).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		k := owner(r)
		out[k] = append(out[k], r)
	}
	return out, nil
}
