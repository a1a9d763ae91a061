package interest

import (
	"context"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/page"
	"gorm.io/gorm"
)

// Directions of the list, for an organisation.
const (
	Sent     = "sent"     // interests the organisation expressed
	Received = "received" // interests in the organisation's opportunities
)

// Directions lists both.
var Directions = []string{Sent, Received}

// Filter narrows the list of interests.
type Filter struct {
	Status        string
	Direction     string // Sent or Received for OrganisationID (default the caller's)
	Organisation  string // with a direction that side; without, either side
	OpportunityID string
}

// Sort is the list's order spec, newest first by default.
var Sort = page.Spec{
	Default: "-created_at",
	Fields: []page.Field{
		{Name: "created_at", Column: "created_at", Kind: page.Time},
		{Name: "updated_at", Column: "updated_at", Kind: page.Time},
	},
}

// ownedBy is the condition "the opportunity belongs to the organisation".
// The owner is read from the opportunity each time rather than copied, so
// that an opportunity moved to another organisation takes its interests
// along.
const ownedBy = "opportunity_id IN (SELECT id FROM opportunities WHERE organisation_id = ?)"

// where applies what the caller may read and the filter (all but the
// status, which Stages counts by).
func where(ctx context.Context, db *database.DB, f Filter) (*gorm.DB, error) {
	c := auth.From(ctx)
	q := db.Conn(ctx).Model(&Interest{})
	switch c.Role {
	case auth.RoleAdmin, auth.RoleCoordinator, auth.RoleViewer:
	case auth.RoleMember:
		if c.OrganisationID == "" {
			return q.Where("1 = 0"), nil
		}
		q = q.Where("(organisation_id = ? OR "+ownedBy+")", c.OrganisationID, c.OrganisationID)
	default:
		return q.Where("1 = 0"), nil
	}
	if f.Direction != "" && f.Organisation == "" {
		if c.OrganisationID == "" {
			return nil, apperr.Fields{{Field: "direction", Message: "needs an organisation: yours, or organisation_id"}}.ErrWith(apperr.BadRequest)
		}
		f.Organisation = c.OrganisationID
	}
	switch {
	case f.Direction == Sent:
		q = q.Where("organisation_id = ?", f.Organisation)
	case f.Direction == Received:
		q = q.Where(ownedBy, f.Organisation)
	case f.Organisation != "":
		q = q.Where("(organisation_id = ? OR "+ownedBy+")", f.Organisation, f.Organisation)
	}
	if f.OpportunityID != "" {
		q = q.Where("opportunity_id = ?", f.OpportunityID)
	}
	return q, nil
}

// List returns one page of the interests the caller may read.
func List(ctx context.Context, db *database.DB, f Filter, p page.Page) ([]Interest, *string, error) {
	q, err := where(ctx, db, f)
	if err != nil {
		return nil, nil, err
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	var rows []Interest
	if err := p.Find(q, &rows); err != nil {
		return nil, nil, err
	}
	items, next := page.Finish(p, rows, func(i Interest, field string) page.Key {
		if field == "updated_at" {
			return page.Key{Value: i.UpdatedAt, ID: i.ID}
		}
		return page.Key{Value: i.CreatedAt, ID: i.ID}
	})
	if err := withOpportunities(ctx, db, items); err != nil {
		return nil, nil, err
	}
	return items, next, nil
}

// Stages counts the interests the caller may read that match the filter,
// by status, every status present: the columns of a pipeline board.
func Stages(ctx context.Context, db *database.DB, f Filter) (map[string]int64, error) {
	q, err := where(ctx, db, f)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		Status string
		N      int64
	}
	if err := q.Select("status, COUNT(*) AS n").Group("status").Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(Statuses))
	for _, s := range Statuses {
		out[s] = 0
	}
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out, nil
}
