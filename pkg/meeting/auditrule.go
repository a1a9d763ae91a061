package meeting

import (
	"context"

	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
)

// Those who read the audit log (admins, coordinators, viewers) see every
// meeting, so they read the events of meetings, sessions, places,
// participants and feeds whole (a feed's event names only the person,
// never the token). An outcome's note is its organisation's alone: its
// events show it to nobody but admins.
func init() {
	for _, t := range []string{"meeting", "meeting_session", "meeting_place", "meeting_participant", "meeting_feed_token"} {
		audit.Register(t, audit.Rule{Readable: audit.Everyone})
	}
	audit.Register("meeting_outcome", audit.Rule{Readable: audit.Everyone, Hidden: hiddenNotes})
}

func hiddenNotes(_ context.Context, _ *database.DB, _ auth.Principal, ids []string) (map[string][]string, error) {
	out := map[string][]string{}
	for _, id := range ids {
		out[id] = []string{"note"}
	}
	return out, nil
}
