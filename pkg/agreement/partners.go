package agreement

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
)

// CounterpartsOf returns the organisations that are party to an
// agreement together with organisation orgID (orgID itself left out):
// who it already has an agreement with, for partner suggestions.
func CounterpartsOf(ctx context.Context, db *database.DB, orgID string) ([]string, error) {
	var ids []string
	err := db.Conn(ctx).Table("agreement_parties").
		Where("agreement_id IN (SELECT agreement_id FROM agreement_parties WHERE organisation_id = ?) AND organisation_id <> ?", orgID, orgID).
		Distinct("organisation_id").Pluck("organisation_id", &ids).Error
	return ids, err
}
