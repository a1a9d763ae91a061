package interest

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/report/span"
	"gorm.io/gorm"
)

// StatusCount is how many interests are in one status.
type StatusCount struct {
	Status string
	N      int64
}

// ExpressedByStatus counts the interests expressed within the span
// (created_at) by the status they are in now, in the order of Statuses,
// statuses without any left out; and how many were accepted within the
// span (accepted_at).
func ExpressedByStatus(ctx context.Context, db *database.DB, s span.Span) (byStatus []StatusCount, accepted int64, err error) {
	var rows []StatusCount
	if err := db.Conn(ctx).Table("opportunity_interests").Select("status, COUNT(*) AS n").
		Where("created_at >= ? AND created_at < ?", s.Start, s.End).Group("status").Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	byStatus = []StatusCount{}
	for _, st := range Statuses {
		for _, r := range rows {
			if r.Status == st {
				byStatus = append(byStatus, r)
			}
		}
	}
	err = db.Conn(ctx).Table("opportunity_interests").Where("accepted_at >= ? AND accepted_at < ?", s.Start, s.End).Count(&accepted).Error
	return byStatus, accepted, err
}

// Involved is the organisations that expressed an interest within the
// span, and those owning an opportunity that received one: two
// subqueries of organisation IDs.
func Involved(ctx context.Context, db *database.DB, s span.Span) []*gorm.DB {
	in := func() *gorm.DB {
		return db.Conn(ctx).Table("opportunity_interests").Where("created_at >= ? AND created_at < ?", s.Start, s.End)
	}
	return []*gorm.DB{in().Select("organisation_id"), opportunity.Owners(ctx, db, in().Select("opportunity_id"))}
}

// OpportunitiesOf returns the opportunity each of the interests answers.
func OpportunitiesOf(ctx context.Context, db *database.DB, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct{ ID, OpportunityID string }
	err := db.Conn(ctx).Table("opportunity_interests").Select("id, opportunity_id").Where("id IN ?", ids).Find(&rows).Error
	for _, r := range rows {
		out[r.ID] = r.OpportunityID
	}
	return out, err
}
