package trip

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
)

// CountUpcoming counts the trips that have not ended by the given day
// (YYYY-MM-DD) and are neither completed nor cancelled; a trip under way
// counts too, as it does in the list's from filter.
func CountUpcoming(ctx context.Context, db *database.DB, today string) (int64, error) {
	var n int64
	err := db.Conn(ctx).Model(&Trip{}).Where("end_date >= ? AND status NOT IN ?", today, []string{Completed, Cancelled}).Count(&n).Error
	return n, err
}
