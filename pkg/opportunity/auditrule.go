package opportunity

import (
	"context"

	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
)

// Those who read the audit log read opportunities' events on the terms of
// the opportunities: the details only where DetailsVisibleTo says so, and
// of a draft (or a deleted opportunity) of another organisation nothing
// but the codes, as Readable says. Events are named by the title in the
// reader's language on the same terms: a draft the reader may not read
// stays unnamed.
func init() {
	audit.Register("opportunity", audit.Rule{Readable: audit.Everyone, Hidden: hiddenInEvents, Feed: true, Names: names})
}

// names are the titles (in locale, else another language) of the
// opportunities with the ids that the caller may read.
func names(ctx context.Context, db *database.DB, locale string, ids []string) (map[string]string, error) {
	c := auth.From(ctx)
	var rows []Opportunity
	if err := db.Conn(ctx).Table("opportunities").Select("id, organisation_id, status").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	var readable []string
	for _, o := range rows {
		if Readable(c, o) {
			readable = append(readable, o.ID)
		}
	}
	return Titles(ctx, db, readable, locale)
}

func hiddenInEvents(ctx context.Context, db *database.DB, c auth.Principal, ids []string) (map[string][]string, error) {
	out := map[string][]string{}
	if c.IsCoordinator() && DetailsVisibleTo(c) {
		return out, nil
	}
	var rows []Opportunity
	if err := db.Conn(ctx).Table("opportunities").Select("id, organisation_id, status").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	current := map[string]Opportunity{}
	for _, o := range rows {
		current[o.ID] = o
	}
	for _, id := range ids {
		o, ok := current[id]
		switch {
		case !ok || !Readable(c, o):
			out[id] = []string{"title", "summary", "details", "contact_person_id"}
		case !DetailsVisibleTo(c):
			out[id] = []string{"details"}
		}
	}
	return out, nil
}
