package project

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
)

// CounterpartsOf returns the organisations that are partners of a project
// together with organisation orgID (orgID itself left out): who it
// already works with, for partner suggestions.
func CounterpartsOf(ctx context.Context, db *database.DB, orgID string) ([]string, error) {
	var ids []string
	err := db.Conn(ctx).Table("project_partners").
		Where("project_id IN (SELECT project_id FROM project_partners WHERE organisation_id = ?) AND organisation_id <> ?", orgID, orgID).
		Distinct("organisation_id").Pluck("organisation_id", &ids).Error
	return ids, err
}
