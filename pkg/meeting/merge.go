package meeting

import (
	"context"

	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/database"
)

// MoveOrganisation moves what refers to organisation from to organisation
// to, for a merge of the two: hosts and the sides of meetings. Each
// changed record gets a new version and a "merge" event.
func MoveOrganisation(ctx context.Context, db *database.DB, fromID, toID string) (map[string]int64, error) {
	moved := map[string]int64{}
	var parts []Participant
	if err := db.Conn(ctx).Where("organisation_id = ?", fromID).Order("id").Find(&parts).Error; err != nil {
		return nil, err
	}
	for _, p := range parts {
		after := p
		after.OrganisationID = toID
		v, err := db.UpdateVersioned(ctx, "meeting_participants", "meeting participant", p.ID, p.Version, map[string]any{"organisation_id": toID})
		if err != nil {
			return nil, err
		}
		if err := audit.Record(ctx, db, "merge", "meeting_participant", p.ID, v, p.view(), after.view()); err != nil {
			return nil, err
		}
		moved["meeting participants"]++
	}
	var meetings []Meeting
	if err := db.Conn(ctx).Where("requester_organisation_id = ? OR receiver_organisation_id = ?", fromID, fromID).Order("id").Find(&meetings).Error; err != nil {
		return nil, err
	}
	for _, m := range meetings {
		after := m
		if after.RequesterOrganisationID == fromID {
			after.RequesterOrganisationID = toID
		}
		if after.ReceiverOrganisationID == fromID {
			after.ReceiverOrganisationID = toID
		}
		v, err := db.UpdateVersioned(ctx, "meetings", "meeting", m.ID, m.Version, map[string]any{
			"requester_organisation_id": after.RequesterOrganisationID, "receiver_organisation_id": after.ReceiverOrganisationID})
		if err != nil {
			return nil, err
		}
		if err := audit.Record(ctx, db, "merge", "meeting", m.ID, v, m.view(), after.view()); err != nil {
			return nil, err
		}
		moved["meetings"]++
	}
	return moved, nil
}
