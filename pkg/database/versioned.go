package database

import (
	"context"

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
