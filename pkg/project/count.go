package project

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
)

// CountByPhase counts the projects in each phase, every phase present.
func CountByPhase(ctx context.Context, db *database.DB) (map[string]int64, error) {
	var rows []struct {
		Phase string
		N     int64
	}
	if err := db.Conn(ctx).Table("projects").Select("phase, count(*) AS n").Group("phase").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(Phases))
	for _, ph := range Phases {
		out[ph] = 0
	}
	for _, r := range rows {
		out[r.Phase] = r.N
	}
	return out, nil
}
