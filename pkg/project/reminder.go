package project

import (
	"context"
	"time"

	"github.com/innomunich/platform/pkg/database"
)

// Milestone reminder thresholds: due within 14 days, or overdue.
const (
	DueSoon  = "14"
	Overdue  = "overdue"
	soonDays = 14
	catchUp  = 30
)

// DueMilestone is a milestone whose coordinating organisation is reminded.
type DueMilestone struct {
	ID             string
	ProjectID      string
	ProjectTitle   string
	Title          string
	DueOn          string
	Threshold      string // DueSoon or Overdue
	CoordinatorOrg string
}

// MilestonesDue returns the open milestones to remind of on day today
// (YYYY-MM-DD): those due in 0–14 days (DueSoon) and those overdue by up
// to 30 days (Overdue; older ones are history, not news), of projects
// still running (not completed or discontinued), each with its project's
// coordinating organisation.
func MilestonesDue(ctx context.Context, db *database.DB, today string) ([]DueMilestone, error) {
	day := func(n int) string {
		t, _ := time.Parse(time.DateOnly, today)
		return t.AddDate(0, 0, n).Format(time.DateOnly)
	}
	var out []DueMilestone
	err := db.Conn(ctx).Table("project_milestones m").
		Select("m.id, m.project_id, p.title AS project_title, m.title, m.due_on, pp.organisation_id AS coordinator_org").
		Joins("JOIN projects p ON p.id = m.project_id").
		Joins("JOIN project_partners pp ON pp.project_id = m.project_id AND pp.role = 'coordinator'").
		Where("m.done_on IS NULL AND m.due_on >= ? AND m.due_on <= ? AND p.phase NOT IN ?", day(-catchUp), day(soonDays), []string{completed, discontinued}).
		Order("m.due_on, m.id").Scan(&out).Error
	for i := range out {
		out[i].Threshold = DueSoon
		if (Milestone{DueOn: out[i].DueOn}).Overdue(today) {
			out[i].Threshold = Overdue
		}
	}
	return out, err
}
