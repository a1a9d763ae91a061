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
	// project_counts is kept by triggers in the transaction of every
	// insert, delete and change of phase (migration 00022).
	if err := db.Conn(ctx).Table("project_counts").Select("phase, n").Find(&rows).Error; err != nil {
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

// FundingByCurrency sums the fundings of the projects in a phase, one
// total per currency (never adding EUR to JPY), ordered by currency.
func FundingByCurrency(ctx context.Context, db *database.DB, phase string) ([]Total, error) {
	out := []Total{}
	// project_funding_totals is kept by triggers in the transaction of
	// every change of a funding and of a project's phase (migration 00027).
	err := db.Conn(ctx).Table("project_funding_totals").Select("currency, amount").
		Where("phase = ? AND n > 0", phase).Order("currency").Find(&out).Error
	return out, err
}
