package database

import (
	"context"
	"database/sql/driver"
	"strings"

	"github.com/innomunich/platform/pkg/apperr"
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
	var current struct{ Version int }
	err := db.Conn(ctx).Table(table).Select("version").Where("id = ?", id).Take(&current).Error
	if IsNotFound(err) {
		return 0, apperr.New(apperr.NotFound, "No %s with id %s", noun, id)
	}
	if err != nil {
		return 0, err
	}
	return 0, Stale(noun, current.Version)
}

// Stale is the error for a write based on an old version.
func Stale(noun string, current int) error {
	return apperr.New(apperr.PreconditionFailed,
		"The %s was changed by someone else (now version %d); reload it and apply your change again", noun, current).
		With("current_version", current)
}

// CheckVersion compares the version a caller based a delete on with the
// stored one.
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

// TextArray is a PostgreSQL text[] parameter.
type TextArray []string

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
