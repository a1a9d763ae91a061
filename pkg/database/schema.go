package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

// LatestVersion is the schema version this binary migrates to: the
// number of its newest migration (both engines have the same list).
func LatestVersion() int64 {
	var latest int64
	_ = fs.WalkDir(MigrationFiles(SQLite), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".sql") {
			return err
		}
		num, _, _ := strings.Cut(path, "_")
		if v, err := strconv.ParseInt(num, 10, 64); err == nil && v > latest {
			latest = v
		}
		return nil
	})
	return latest
}

// SchemaVersion is the newest migration applied to the database, 0 for a
// database that was never migrated.
func (db *DB) SchemaVersion(ctx context.Context) (int64, error) {
	return schemaVersion(ctx, db.sql, db.Engine)
}

func schemaVersion(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, e Engine) (int64, error) {
	var exists bool
	check := "SELECT to_regclass('goose_db_version') IS NOT NULL"
	if e == SQLite {
		check = "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'goose_db_version')"
	}
	if err := q.QueryRowContext(ctx, check).Scan(&exists); err != nil {
		return 0, fmt.Errorf("read the schema version: %w", err)
	}
	if !exists {
		return 0, nil
	}
	var v sql.NullInt64
	if err := q.QueryRowContext(ctx, "SELECT MAX(version_id) FROM goose_db_version WHERE is_applied").Scan(&v); err != nil {
		return 0, fmt.Errorf("read the schema version: %w", err)
	}
	return v.Int64, nil
}

// ErrRefused marks an error that refused to act and changed nothing: a
// database newer than the binary, a restore onto data. The command line
// exits with status 2 for it.
var ErrRefused = errors.New("refused")

type refusal struct{ msg string }

func (r refusal) Error() string        { return r.msg }
func (r refusal) Is(target error) bool { return target == ErrRefused }

func refuse(format string, args ...any) error { return refusal{fmt.Sprintf(format, args...)} }

// SchemaTooNew says the database was migrated by a newer release.
func schemaTooNew(dbVersion int64) error {
	return refuse("the database has schema version %d, newer than this binary knows (%d): it was upgraded by a newer release of innomunich. "+
		"Run that release (or a newer one), or restore a backup taken before the upgrade; this binary will not touch the database", dbVersion, LatestVersion())
}

// CheckSchemaNotNewer refuses a database migrated beyond LatestVersion.
func (db *DB) CheckSchemaNotNewer(ctx context.Context) error {
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if v > LatestVersion() {
		return schemaTooNew(v)
	}
	return nil
}
