package agreement

import (
	"context"
	"strings"

	"github.com/innomunich/platform/pkg/database"
)

// CountByStatus counts the agreements of each status on the given day
// (YYYY-MM-DD), every status present. It is one statement whose columns
// are StatusWhere's conditions, so the counts follow the same rule as the
// register's status filter. It sums agreement_counts, the agreements
// counted per date bucket (signed or not, valid_until, terminated_on; a
// far date for none) by triggers in the transaction of every write
// (migration 00027), so it reads a few thousand rows at most, not the
// register.
func CountByStatus(ctx context.Context, db *database.DB, today string) (map[string]int64, error) {
	cols := make([]string, len(Statuses))
	var args []any
	for i, status := range Statuses {
		cond, a := StatusWhere(status, today)
		cols[i] = "COALESCE(SUM(CASE WHEN " + cond + " THEN n END), 0)"
		args = append(args, a...)
	}
	counts := make([]int64, len(Statuses))
	dest := make([]any, len(Statuses))
	for i := range counts {
		dest[i] = &counts[i]
	}
	if err := db.Conn(ctx).Raw("SELECT "+strings.Join(cols, ", ")+" FROM agreement_counts", args...).Row().Scan(dest...); err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(Statuses))
	for i, status := range Statuses {
		out[status] = counts[i]
	}
	return out, nil
}
