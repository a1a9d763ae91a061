package agreement

import (
	"context"
	"slices"

	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/database"
)

// MoveParty makes organisation to the party of every agreement that
// organisation from is a party of, for a merge of the two; where both
// were parties, to stays with its signatory. Each agreement gets a new
// version and a "merge" event in the audit log.
func MoveParty(ctx context.Context, db *database.DB, fromID, toID string) (map[string]int64, error) {
	var ids []string
	if err := db.Conn(ctx).Table("agreement_parties").Where("organisation_id = ?", fromID).Order("agreement_id").Pluck("agreement_id", &ids).Error; err != nil {
		return nil, err
	}
	for _, id := range ids {
		before, err := Get(ctx, db, id)
		if err != nil {
			return nil, err
		}
		after := before
		after.Parties = nil
		for _, p := range before.Parties {
			if p.OrganisationID == fromID {
				if slices.ContainsFunc(before.Parties, func(q Party) bool { return q.OrganisationID == toID }) {
					continue
				}
				p.OrganisationID = toID
			}
			after.Parties = append(after.Parties, p)
		}
		after.normalise()
		if after.Version, err = db.UpdateVersioned(ctx, "agreements", "agreement", id, before.Version, nil); err != nil {
			return nil, err
		}
		if err := writeLinks(ctx, db, after); err != nil {
			return nil, err
		}
		if err := audit.Record(ctx, db, "merge", "agreement", id, after.Version, before.view(), after.view()); err != nil {
			return nil, err
		}
	}
	return map[string]int64{"agreements": int64(len(ids))}, nil
}
