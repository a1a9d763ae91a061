package meeting

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
)

// Upcoming is a meeting of an organisation at a trip not yet over.
type Upcoming struct {
	Ref
	Status   string
	StartsAt *string // RFC 3339 once scheduled
}

// UpcomingOf returns up to limit meetings the organisation is a side of,
// requested or accepted, at trips ending on or after today (YYYY-MM-DD):
// scheduled ones by their start, then the unscheduled by request. Only
// the organisations' names are shown, never the people's contact data.
func UpcomingOf(ctx context.Context, db *database.DB, orgID, today string, limit int) ([]Upcoming, error) {
	var rows []Meeting
	err := db.Conn(ctx).Model(&Meeting{}).
		Where("(requester_organisation_id = ? OR receiver_organisation_id = ?) AND status IN ?", orgID, orgID, []string{Requested, Accepted}).
		Where("trip_id IN (SELECT id FROM trips WHERE end_date >= ?)", today).
		Order("CASE WHEN starts_at IS NULL THEN 1 ELSE 0 END, starts_at, created_at, id").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(rows))
	for i, m := range rows {
		ids[i] = m.ID
	}
	refs, err := Refs(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Upcoming, len(rows))
	for i, m := range rows {
		out[i] = Upcoming{Ref: refs[m.ID], Status: m.Status}
		if m.StartsAt != nil {
			s := m.StartsAt.UTC().Format("2006-01-02T15:04:05Z07:00")
			out[i].StartsAt = &s
		}
	}
	return out, nil
}
