package project

import (
	"context"
	"slices"

	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/database"
)

// MoveOrganisation moves what refers to organisation from to organisation
// to, for a merge of the two: its partnerships (once, where both took
// part, with the coordinator's role if either had it) and the fundings it
// received or executed. Each changed record gets a new version and a
// "merge" event in the audit log.
func MoveOrganisation(ctx context.Context, db *database.DB, fromID, toID string) (map[string]int64, error) {
	moved := map[string]int64{}
	var ids []string
	if err := db.Conn(ctx).Table("project_partners").Where("organisation_id = ?", fromID).Order("project_id").Pluck("project_id", &ids).Error; err != nil {
		return nil, err
	}
	for _, id := range ids {
		before, err := Get(ctx, db, id)
		if err != nil {
			return nil, err
		}
		after := before
		after.Partners = nil
		for _, x := range before.Partners {
			if x.OrganisationID == fromID {
				x.OrganisationID = toID
			}
			if i := slices.IndexFunc(after.Partners, func(y Partner) bool { return y.OrganisationID == x.OrganisationID }); i >= 0 {
				if x.Role == "coordinator" {
					after.Partners[i].Role = x.Role
				}
				continue
			}
			after.Partners = append(after.Partners, x)
		}
		after.normalise()
		if after.Version, err = db.UpdateVersioned(ctx, "projects", "project", id, before.Version, nil); err != nil {
			return nil, err
		}
		if err := writeLinks(ctx, db, after); err != nil {
			return nil, err
		}
		if err := audit.Record(ctx, db, "merge", "project", id, after.Version, before.view(), after.view()); err != nil {
			return nil, err
		}
		moved["projects"]++
	}
	var fundings []Funding
	if err := db.Conn(ctx).Where("recipient_id = ? OR executing_body_id = ?", fromID, fromID).Order("id").Find(&fundings).Error; err != nil {
		return nil, err
	}
	for _, before := range fundings {
		after := before
		set := map[string]any{}
		if before.RecipientID == fromID {
			after.RecipientID, set["recipient_id"] = toID, toID
			moved["fundings received"]++
		}
		if before.ExecutingBodyID != nil && *before.ExecutingBodyID == fromID {
			after.ExecutingBodyID, set["executing_body_id"] = &toID, toID
			moved["fundings executed"]++
		}
		v, err := db.UpdateVersioned(ctx, "project_fundings", "funding", before.ID, before.Version, set)
		if err != nil {
			return nil, err
		}
		if err := audit.Record(ctx, db, "merge", "funding", before.ID, v, before.view(), after.view()); err != nil {
			return nil, err
		}
	}
	return moved, nil
}
