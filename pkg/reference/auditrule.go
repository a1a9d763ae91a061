package reference

import "github.com/innomunich/platform/pkg/audit"

// Every caller reads the reference data whole, so its events too.
func init() {
	for _, k := range []Kind{Regions, FocusAreas, Funders} {
		audit.Register(k.Entity, audit.Rule{Readable: audit.Everyone})
	}
}
