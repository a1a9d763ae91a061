package interest

import (
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
)

// The events about an interest are readable by whom may read every
// interest: admins, coordinators and viewers (the only readers of the
// log). Members read only their own organisation's interests, and the
// log is not theirs to read, so they get none. The events hold ids, the
// message and the status, never a person's e-mail or phone, so nothing
// in them needs hiding from those who read the interest itself.
func init() {
	audit.Register("interest", audit.Rule{Readable: func(c auth.Principal) (bool, []string) {
		return c.Role == auth.RoleAdmin || c.Role == auth.RoleCoordinator || c.Role == auth.RoleViewer, nil
	}})
}
