package opportunity

import (
	"context"

	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/database"
)

// MoveOrganisation moves the opportunities of organisation from to
// organisation to, for a merge of the two: each gets a new version and a
// "merge" event in the audit log. Their contact people move with the
// people of the organisation (package person), so they stay its own.
func MoveOrganisation(ctx context.Context, db *database.DB, fromID, toID string) (map[string]int64, error) {
	var ids []string
	if err := db.Conn(ctx).Table("opportunities").Where("organisation_id = ?", fromID).Order("id").Pluck("id", &ids).Error; err != nil {
		return nil, err
	}
	for _, id := range ids {
		before, err := load(ctx, db, id)
		if err != nil {
			return nil, err
		}
		after := before
		after.OrganisationID = toID
		v, err := db.UpdateVersioned(ctx, "opportunities", "opportunity", id, before.Version, map[string]any{"organisation_id": toID})
		if err != nil {
			return nil, err
		}
		if err := audit.Record(ctx, db, "merge", "opportunity", id, v, before.view(), after.view()); err != nil {
			return nil, err
		}
	}
	return map[string]int64{"opportunities": int64(len(ids))}, nil
}
