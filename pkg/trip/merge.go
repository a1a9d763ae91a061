package trip

import (
	"context"
	"slices"

	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/database"
)

// MoveOrganisation moves what refers to organisation from to organisation
// to, for a merge of the two: the trips it organises (once, where both
// did), its agenda items and its people's registrations. Each changed
// record gets a new version and a "merge" event in the audit log.
func MoveOrganisation(ctx context.Context, db *database.DB, fromID, toID string) (map[string]int64, error) {
	moved := map[string]int64{}
	var ids []string
	if err := db.Conn(ctx).Table("trip_organisers").Where("organisation_id = ?", fromID).Order("trip_id").Pluck("trip_id", &ids).Error; err != nil {
		return nil, err
	}
	for _, id := range ids {
		before, err := Get(ctx, db, id)
		if err != nil {
			return nil, err
		}
		after := before
		after.Organisers = nil
		for _, o := range before.Organisers {
			if o == fromID {
				o = toID
			}
			if !slices.Contains(after.Organisers, o) {
				after.Organisers = append(after.Organisers, o)
			}
		}
		if after.Version, err = db.UpdateVersioned(ctx, "trips", "trip", id, before.Version, nil); err != nil {
			return nil, err
		}
		if err := writeLinks(ctx, db, after); err != nil {
			return nil, err
		}
		if err := audit.Record(ctx, db, "merge", "trip", id, after.Version, before.view(), after.view()); err != nil {
			return nil, err
		}
		moved["trips organised"]++
	}
	var items []AgendaItem
	if err := db.Conn(ctx).Where("organisation_id = ?", fromID).Order("id").Find(&items).Error; err != nil {
		return nil, err
	}
	for _, before := range items {
		after := before
		after.OrganisationID = &toID
		v, err := db.UpdateVersioned(ctx, "trip_agenda", "agenda item", before.ID, before.Version, map[string]any{"organisation_id": toID})
		if err != nil {
			return nil, err
		}
		if err := audit.Record(ctx, db, "merge", "agenda_item", before.ID, v, before.view(), after.view()); err != nil {
			return nil, err
		}
		moved["agenda items"]++
	}
	var regs []Participant
	if err := db.Conn(ctx).Where("organisation_id = ?", fromID).Order("id").Find(&regs).Error; err != nil {
		return nil, err
	}
	for _, r := range regs {
		v, err := db.UpdateVersioned(ctx, "trip_participants", "registration", r.ID, r.Version, map[string]any{"organisation_id": toID})
		if err != nil {
			return nil, err
		}
		if err := audit.Record(ctx, db, "merge", "trip_participant", r.ID, v, participantView{r.PersonID, r.OrganisationID, r.Status}, participantView{r.PersonID, toID, r.Status}); err != nil {
			return nil, err
		}
		moved["trip registrations"]++
	}
	return moved, nil
}
