package trip

import "github.com/innomunich/platform/pkg/audit"

// Every caller reads trips, their agenda and participants whole, so their
// events too.
func init() {
	for _, t := range []string{"trip", "agenda_item", "trip_participant"} {
		// Only the trip itself is in the change feed; its agenda and participants are read
		// from its sub-resources.
		audit.Register(t, audit.Rule{Readable: audit.Everyone, Feed: t == "trip"})
	}
	audit.Register("trip", audit.Rule{Readable: audit.Everyone, Feed: true, Names: audit.ColumnNames("trips", "title")})
}
