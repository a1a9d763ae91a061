package organisation

import "github.com/innomunich/platform/pkg/audit"

// Every caller reads organisations whole, so their events too. An event
// names the organisation in the reader's language: a Japanese reader
// sees its Japanese name where one is known.
func init() {
	audit.Register("organisation", audit.Rule{Readable: audit.Everyone, Feed: true, Names: namesIn})
}
