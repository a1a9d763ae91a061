package interest

import (
	"context"

	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/database"
)

// MoveOrganisation makes organisation to the sender of the interests
// organisation from sent, for a merge of the two. Where both hold an open
// interest in the same opportunity, the kept organisation's stays and the
// duplicate's ends (withdrawn while open, closed after acceptance), so
// that the one-open-interest rule still holds. Each interest gets a new
// version and a "merge" event. The interests in the duplicate's
// opportunities follow the opportunities, whose owner they read.
func MoveOrganisation(ctx context.Context, db *database.DB, fromID, toID string) (map[string]int64, error) {
	var list []Interest
	if err := db.Conn(ctx).Where("organisation_id = ?", fromID).Order("id").Find(&list).Error; err != nil {
		return nil, err
	}
	for _, before := range list {
		after := before
		after.OrganisationID = toID
		if isOpen(before.Status) {
			if err := checkNoOpen(ctx, db, before.OpportunityID, toID); err != nil {
				if before.Status == Open {
					after.Status = Withdrawn
				} else {
					after.Status, after.ClosedReason = Closed, "The organisation was merged into one that already had an open interest in this opportunity"
				}
			}
		}
		v, err := db.UpdateVersioned(ctx, "opportunity_interests", "interest", before.ID, before.Version, map[string]any{
			"organisation_id": after.OrganisationID, "status": after.Status, "closed_reason": after.ClosedReason,
		})
		if err != nil {
			return nil, err
		}
		if err := audit.Record(ctx, db, "merge", "interest", before.ID, v, before.view(), after.view()); err != nil {
			return nil, err
		}
	}
	return map[string]int64{"expressions of interest": int64(len(list))}, nil
}

func isOpen(status string) bool {
	for _, s := range Ended {
		if s == status {
			return false
		}
	}
	return true
}
