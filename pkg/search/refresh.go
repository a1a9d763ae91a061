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
			sets := make([]map[string]any, len(rows))
			ids := make([]string, len(rows))
			for i, r := range rows {
				s := stored(r)
				sets[i] = map[string]any{"search_text": s.Text, "search_name": s.Name, "search_grams": GramsValue(db, s.Grams)}
				for col, key := range s.Sort {
					sets[i][col] = key
				}
				ids[i] = id(r)
			}
			now, err := storedNow(ctx, db, table, ids, sets)
			if err != nil {
				return err
			}
			for i, set := range sets {
				// A row whose columns are already these is left alone: no
				// statement, no new row version, index entries or triggers.
				if now[ids[i]] == storedForm(db, set) {
					continue
				}
				cols := slices.Sorted(maps.Keys(set)) // one statement for every row
				changed := make([]string, len(cols))
				args := make([]any, len(cols))
				for j, col := range cols {
					changed[j], args[j] = col+" IS DISTINCT FROM ?", set[col]
				}
				// The condition again: another process refreshing the same
				// rows at once (two instances starting) writes each once.
				res := conn.Table(table).Where("id = ?", ids[i]).Where(strings.Join(changed, " OR "), args...).UpdateColumns(set)
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

// unit separates the columns (and a PostgreSQL row's grams) in the form
// storedForm and storedNow compare: no folded text holds it.
const unit = "\x1f"

// storedForm is a row's search columns and name orders (set, as Refresh
// writes them) as one string, the columns in name order.
func storedForm(db *database.DB, set map[string]any) string {
	var b strings.Builder
	for _, col := range slices.Sorted(maps.Keys(set)) {
		switch v := set[col].(type) {
		case string:
			b.WriteString(v)
		case database.TextArray: // PostgreSQL's grams (GramsValue)
			b.WriteString(strings.Join(v, unit))
		}
		b.WriteString(unit)
	}
	return b.String()
}

// storedNow reads what the rows ids of table hold in the columns of sets
// (Refresh's), in storedForm's form by id, in one statement, so that a
// refresh that leaves most rows as they are (a change of the folding that
// few names show) sends no statement for them: with a statement a row,
// the 500,000 opportunities of the one-million data set took 4 min 55 s,
// none of them changed (docs/performance.md).
func storedNow(ctx context.Context, db *database.DB, table string, ids []string, sets []map[string]any) (map[string]string, error) {
	cols := map[string]bool{}
	for _, set := range sets {
		for col := range set {
			cols[col] = true
		}
	}
	exprs := []string{"id"}
	for _, col := range slices.Sorted(maps.Keys(cols)) {
		if col == "search_grams" && db.Engine == database.Postgres {
			col = "array_to_string(search_grams, E'" + `\x1f` + "')"
		}
		// NULL (never computed) compares unlike any value.
		exprs = append(exprs, "COALESCE("+col+", '"+unit+"')")
	}
	rows, err := db.Conn(ctx).Table(table).Select(strings.Join(exprs, ", ")).Where("id IN ?", ids).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	now := make(map[string]string, len(ids))
	vals := make([]string, len(exprs))
	ptrs := make([]any, len(exprs))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		var b strings.Builder
		for _, v := range vals[1:] {
			b.WriteString(v)
			b.WriteString(unit)
		}
		now[vals[0]] = b.String()
	}
	return now, rows.Err()
}
