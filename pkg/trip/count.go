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
	// The statuses are written into the statement so that both engines
	// match it to the partial index trips_upcoming_idx (migration 00027)
	// and count from the index alone.
	err := db.Conn(ctx).Model(&Trip{}).Where("end_date >= ? AND status NOT IN ('"+Completed+"', '"+Cancelled+"')", today).Count(&n).Error
	return n, err
}
