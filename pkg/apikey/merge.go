package apikey

import (
	"context"

	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/database"
)

// MoveOrganisation moves the API keys of organisation from to organisation
// to, for a merge of the two: each gets a new version and a "merge" event
// in the audit log.
func MoveOrganisation(ctx context.Context, db *database.DB, fromID, toID string) (map[string]int64, error) {
	var list []Key
	if err := db.Conn(ctx).Where("organisation_id = ?", fromID).Order("id").Find(&list).Error; err != nil {
		return nil, err
	}
	for _, before := range list {
		after := before
		after.OrganisationID = &toID
		v, err := db.UpdateVersioned(ctx, "api_keys", "API key", before.ID, before.Version, map[string]any{"organisation_id": toID})
		if err != nil {
			return nil, err
		}
		if err := audit.Record(ctx, db, "merge", "api_key", before.ID, v, before.view(), after.view()); err != nil {
			return nil, err
		}
	}
	return map[string]int64{"API keys": int64(len(list))}, nil
}
