package person

import (
	"context"

	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
)

// Every caller reads people, but e-mail and phone only where
// ContactVisibleTo says so: the events show them on the same terms, judged
// by the person's organisation now (an erased person's events hold no data).
func init() {
	audit.Register("person", audit.Rule{Readable: audit.Everyone, Hidden: hiddenInEvents, Feed: true, Names: names})
}

func hiddenInEvents(ctx context.Context, db *database.DB, c auth.Principal, ids []string) (map[string][]string, error) {
	people, err := ByIDs(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, id := range ids {
		if p, ok := people[id]; !ok || !p.ContactVisibleTo(c) {
			out[id] = []string{"email", "phone"}
		}
	}
	return out, nil
}

// names are people's names in the reader's order (DisplayName).
func names(ctx context.Context, db *database.DB, locale string, ids []string) (map[string]string, error) {
	people, err := ByIDs(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(people))
	for id, p := range people {
		out[id] = p.DisplayName(locale)
	}
	return out, nil
}
