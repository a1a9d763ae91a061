package project

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
)

// OverdueMilestones returns up to limit open milestones due before today
// (YYYY-MM-DD) of projects still running, longest overdue first, each
// with its project and the project's coordinating organisation. Unlike
// MilestonesDue (the reminders), it has no catch-up window: an action
// list shows every milestone still open.
func OverdueMilestones(ctx context.Context, db *database.DB, today string, limit int) ([]DueMilestone, error) {
	var out []DueMilestone
	err := db.Conn(ctx).Table("project_milestones m").
		Select("m.id, m.project_id, p.title AS project_title, m.title, m.due_on, pp.organisation_id AS coordinator_org").
		Joins("JOIN projects p ON p.id = m.project_id").
		Joins("JOIN project_partners pp ON pp.project_id = m.project_id AND pp.role = 'coordinator'").
		Where("m.done_on IS NULL AND m.due_on < ? AND p.phase NOT IN ?", today, []string{completed, discontinued}).
		Order("m.due_on, m.id").Limit(limit).Scan(&out).Error
	for i := range out {
		out[i].Threshold = Overdue
	}
	return out, err
}
