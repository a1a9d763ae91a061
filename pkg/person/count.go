package person

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
)

// Count counts the people in the directory.
func Count(ctx context.Context, db *database.DB) (int64, error) {
	var n int64
	// people_counts is kept by triggers in the transaction of every
	// insert and delete (migration 00022): one row instead of a count.
	err := db.Conn(ctx).Raw("SELECT n FROM people_counts").Row().Scan(&n)
	return n, err
}
