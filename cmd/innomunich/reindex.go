package main

import (
	"context"
	"log/slog"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/trip"
)

// migrateUp applies the pending migrations and then brings the stored
// search text and name orders of every searchable list up to the current
// folding (search.Refresh): SQL cannot fold text like search.Normalize or
// search.SortKey, so a change of the folding (and migration 00021) is
// finished here, in Go.
// Each list is done once; later starts only read search_versions.
func migrateUp(ctx context.Context, db *database.DB, logger *slog.Logger) ([]string, error) {
	applied, err := db.MigrateUp(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range []struct {
		table string
		fn    func(context.Context, *database.DB) (int, error)
	}{
		{"organisations", organisation.Reindex},
		{"people", person.Reindex},
		{"agreements", agreement.Reindex},
		{"trips", trip.Reindex},
		{"projects", project.Reindex},
		{"opportunities", opportunity.Reindex},
	} {
		n, err := r.fn(ctx, db)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			logger.Info("search text and name order recomputed", "table", r.table, "rows", n)
		}
	}
	return applied, nil
}
