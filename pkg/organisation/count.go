package organisation

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
)

// CountByCountry counts the active (not archived) organisations per
// country code.
func CountByCountry(ctx context.Context, db *database.DB) (map[string]int64, error) {
	var rows []struct {
		Country string
		N       int64
	}
	if err := db.Conn(ctx).Table("organisations").Select("country, count(*) AS n").
		Where("archived = ?", false).Group("country").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, r := range rows {
		out[r.Country] = r.N
	}
	return out, nil
}
