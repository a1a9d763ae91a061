// Package merge joins a duplicate organisation into the one kept. The
// organisation package keeps the rule (who may, which version, what
// becomes of the two records); every package whose records refer to
// organisations moves its own rows, giving each a new version and a
// "merge" event in the audit log. It all happens in one transaction.
package merge

import (
	"context"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/apikey"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/interest"
	"github.com/innomunich/platform/pkg/meeting"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/trip"
	"github.com/innomunich/platform/pkg/user"
)

// movers are the packages whose records refer to organisations.
var movers = []func(ctx context.Context, db *database.DB, fromID, toID string) (map[string]int64, error){
	person.MoveOrganisation,
	user.MoveOrganisation,
	apikey.MoveOrganisation,
	agreement.MoveParty,
	trip.MoveOrganisation,
	project.MoveOrganisation,
	opportunity.MoveOrganisation,
	interest.MoveOrganisation,
	meeting.MoveOrganisation,
}

// Organisations merges the duplicate into the organisation kept, based on
// the kept organisation's version, and returns the kept organisation.
func Organisations(ctx context.Context, db *database.DB, keptID, duplicateID string, keptVersion int) (organisation.Organisation, error) {
	return organisation.Merge(ctx, db, keptID, duplicateID, keptVersion, func(ctx context.Context, fromID, toID string) (map[string]int64, error) {
		moved := map[string]int64{}
		for _, move := range movers {
			counts, err := move(ctx, db, fromID, toID)
			if err != nil {
				return nil, err
			}
			for noun, n := range counts {
				if n > 0 {
					moved[noun] += n
				}
			}
		}
		return moved, nil
	})
}
