package project

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/opt"
)

// Milestone is a due date of a project.
type Milestone struct {
	ID        string
	ProjectID string
	Title     string
	DueOn     string
	DoneOn    *string
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (Milestone) TableName() string { return "project_milestones" }

// Overdue reports whether the milestone is due before today and not done.
func (m Milestone) Overdue(today string) bool { return m.DoneOn == nil && m.DueOn < today }

type milestoneView struct {
	Title  string  `json:"title"`
	DueOn  string  `json:"due_on"`
	DoneOn *string `json:"done_on"`
}

func (m Milestone) view() milestoneView { return milestoneView{m.Title, m.DueOn, m.DoneOn} }

func (m Milestone) validate() error {
	var bad apperr.Fields
	if n := utf8.RuneCountInString(m.Title); n < 1 || n > 300 {
		bad.Add("title", "must be 1 to 300 characters")
	}
	if !validDate(&m.DueOn) {
		bad.Add("due_on", "must be a date such as 2026-06-30")
	}
	if !validDate(m.DoneOn) {
		bad.Add("done_on", "must be a date such as 2026-06-28")
	}
	return bad.Err()
}

// Milestones returns a project's milestones by due date.
func Milestones(ctx context.Context, db *database.DB, projectID string) ([]Milestone, error) {
	var out []Milestone
	err := db.Conn(ctx).Where("project_id = ?", projectID).Order("due_on, id").Find(&out).Error
	return out, err
}

// AddMilestone adds a milestone.
func AddMilestone(ctx context.Context, db *database.DB, projectID string, m Milestone) (Milestone, error) {
	now := database.Now()
	m.ID, m.ProjectID, m.Version, m.CreatedAt, m.UpdatedAt = uuid.Must(uuid.NewV7()).String(), projectID, 1, now, now
	m.Title = strings.TrimSpace(m.Title)
	if err := m.validate(); err != nil {
		return Milestone{}, err
	}
	err := withProject(ctx, db, projectID, func(ctx context.Context, _ Project) error {
		if err := db.Conn(ctx).Create(&m).Error; err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Create, "milestone", m.ID, m.Version, nil, m.view())
	})
	return m, err
}

// MilestonePatch changes a milestone.
type MilestonePatch struct {
	Title, DueOn, DoneOn opt.Field[string]
}

// UpdateMilestone applies a patch based on version.
func UpdateMilestone(ctx context.Context, db *database.DB, projectID, id string, version int, in MilestonePatch) (Milestone, error) {
	var out Milestone
	err := withProject(ctx, db, projectID, func(ctx context.Context, _ Project) error {
		before, err := child[Milestone](ctx, db, "milestone", projectID, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("milestone", before.Version, version); err != nil {
			return err
		}
		after := before
		if in.Title.Set {
			after.Title = strings.TrimSpace(in.Title.Value)
		}
		if in.DueOn.Set {
			after.DueOn = in.DueOn.Value
		}
		setOpt(&after.DoneOn, in.DoneOn)
		if err := after.validate(); err != nil {
			return err
		}
		if after.Version, err = db.UpdateVersioned(ctx, "project_milestones", "milestone", id, version, map[string]any{
			"title": after.Title, "due_on": after.DueOn, "done_on": after.DoneOn,
		}); err != nil {
			return err
		}
		out = after
		return audit.Record(ctx, db, audit.Update, "milestone", id, after.Version, before.view(), after.view())
	})
	return out, err
}

// DeleteMilestone removes a milestone.
func DeleteMilestone(ctx context.Context, db *database.DB, projectID, id string, version int) error {
	return withProject(ctx, db, projectID, func(ctx context.Context, _ Project) error {
		before, err := child[Milestone](ctx, db, "milestone", projectID, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("milestone", before.Version, version); err != nil {
			return err
		}
		if err := db.DeleteVersioned(ctx, "project_milestones", "milestone", id, version, database.Referrers{}); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Delete, "milestone", id, before.Version, before.view(), nil)
	})
}
