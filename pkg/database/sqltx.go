package database

import (
	"context"
	"database/sql"

	"gorm.io/gorm"
)

// SQLTx returns the database/sql transaction under the GORM transaction
// in ctx, for libraries that write in the caller's transaction: River
// inserts its jobs there, so that a job exists exactly when the change
// that caused it commits. ok is false outside a transaction.
func SQLTx(ctx context.Context) (tx *sql.Tx, ok bool) {
	g, ok := ctx.Value(txKey{}).(*gorm.DB)
	if !ok {
		return nil, false
	}
	tx, ok = g.Statement.ConnPool.(*sql.Tx)
	return tx, ok
}
