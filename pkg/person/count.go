package person

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
)

// Count counts the people in the directory.
func Count(ctx context.Context, db *database.DB) (int64, error) {
	var n int64
	err := db.Conn(ctx).Table("people").Count(&n).Error
	return n, err
}
