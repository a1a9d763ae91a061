package search

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/innomunich/platform/pkg/database"
)

// Stored is what a record keeps for search and for its lists' orders,
// computed from its fields.
type Stored struct {
	Text  string   // search_text
	Name  string   // search_name
	Grams []string // search_grams, in the engine's form (GramsValue)
	// Sort holds the record's name and title orders (name_sort …):
	// column → SortKey.
	Sort map[string]string
}

// refreshBatch is how many rows one transaction of Refresh rewrites.
const refreshBatch = 500

// Refresh recomputes search_text, search_name and search_grams of every
// row of table, and its name and title orders (Stored.Sort), when they
// were computed by an older Version of the folding or stored in an older
// form (or never, as after migration 00021 and, for SQLite's grams,
// 00032), and then records Version. SQL
// cannot fold like Normalize, so this runs in Go at start-up, after the
// migrations, a batch of rows per transaction in id order. It is
// idempotent: running it twice, or in two processes at once, writes the
// same values. It changes no version or updated_at: the records did not
// change, only how they are found and sorted. It writes only the rows
// whose columns change, and returns how many.
//
// T is the table's model; stored computes a row's search columns;
// prepare, when given, loads what a batch of rows needs from other
// tables (an organisation's external ids) before stored sees them.
func Refresh[T any](ctx context.Context, db *database.DB, table string, id func(T) string, stored func(T) Stored, prepare ...func(context.Context, []T) error) (int, error) {
	var have []int
	if err := db.Conn(ctx).Raw("SELECT version FROM search_versions WHERE table_name = ?", table).Scan(&have).Error; err != nil {
		return 0, err
	}
	if len(have) == 1 && have[0] >= Version {
		return 0, nil
	}
	n, after := 0, ""
	for {
		var rows []T
		q := db.Conn(ctx).Table(table).Select(database.Columns[T]()).Order("id").Limit(refreshBatch)
		if after != "" {
			q = q.Where("id > ?", after)
		}
		if err := q.Find(&rows).Error; err != nil {
			return n, err
		}
		if len(rows) == 0 {
			break
		}
		for _, load := range prepare {
			if err := load(ctx, rows); err != nil {
				return n, fmt.Errorf("refresh %s: %w", table, err)
			}
		}
		written := 0
		err := db.WithTx(ctx, func(ctx context.Context) error {
			conn := db.Conn(ctx)
			written = 0
			for _, r := range rows {
				s := stored(r)
				set := map[string]any{"search_text": s.Text, "search_name": s.Name, "search_grams": GramsValue(db, s.Grams)}
				for col, key := range s.Sort {
					set[col] = key
				}
				// A row whose columns are already these is left alone: no
				// new row version, index entries or triggers for it.
				cols := slices.Sorted(maps.Keys(set)) // one statement for every row
				changed := make([]string, len(cols))
				args := make([]any, len(cols))
				for i, col := range cols {
					changed[i], args[i] = col+" IS DISTINCT FROM ?", set[col]
				}
				res := conn.Table(table).Where("id = ?", id(r)).Where(strings.Join(changed, " OR "), args...).UpdateColumns(set)
				if res.Error != nil {
					return res.Error
				}
				written += int(res.RowsAffected)
			}
			return nil
		})
		if err != nil {
			return n, fmt.Errorf("refresh %s: %w", table, err)
		}
		n += written
		after = id(rows[len(rows)-1])
	}
	up := "INSERT INTO search_versions (table_name, version) VALUES (?, ?) ON CONFLICT (table_name) DO UPDATE SET version = excluded.version"
	return n, db.Conn(ctx).Exec(up, table, Version).Error
}
