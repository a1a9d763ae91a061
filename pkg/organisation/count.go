package organisation

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
)

// CountByCountry counts the active (not archived) organisations per
// country code. It reads organisation_counts, which triggers keep exact
// in the transaction of every insert, delete and change of country or
// archived (migration 00022), so it costs the same at any size.
func CountByCountry(ctx context.Context, db *database.DB) (map[string]int64, error) {
	var rows []struct {
		Country string
		N       int64
	}
	if err := db.Conn(ctx).Table("organisation_counts").Select("country, n").
		Where("archived = ? AND n <> 0", false).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, r := range rows {
		out[r.Country] = r.N
	}
	return out, nil
}
