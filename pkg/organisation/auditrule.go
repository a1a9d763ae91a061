package organisation

import "github.com/innomunich/platform/pkg/audit"

// Every caller reads organisations whole, so their events too.
func init() {
	audit.Register("organisation", audit.Rule{Readable: audit.Everyone, Feed: true, Names: audit.ColumnNames("organisations", "name")})
}
