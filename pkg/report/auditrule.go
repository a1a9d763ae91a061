package report

import (
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
)

// Whoever reads reports reads the events of freezing them.
func init() {
	audit.Register("report", audit.Rule{Readable: func(p auth.Principal) (bool, []string) { return CanRead(p) == nil, nil }})
}
