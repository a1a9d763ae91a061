// Package demo owns the demo data set: the real facts of the project
// description (the partner regions' organisations and agreements) and
// clearly fictional sample records. Resource packages add their part here
// as they arrive.
package demo

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
)

// Summary counts what Seed added, by kind.
type Summary map[string]int

// Seed adds the demo data set. Callers seed only into a new, empty database.
func Seed(ctx context.Context, db *database.DB) (Summary, error) {
	out := Summary{}
	err := db.WithTx(ctx, func(ctx context.Context) error {
		// The directory, agreements, trips and projects add their demo
		// records here once those resources exist.
		return nil
	})
	return out, err
}
