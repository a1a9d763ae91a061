package agreement

import "github.com/innomunich/platform/pkg/audit"

// Every caller reads agreements whole, so their events too.
func init() {
	audit.Register("agreement", audit.Rule{Readable: audit.Everyone, Feed: true, Names: audit.ColumnNames("agreements", "title")})
}
