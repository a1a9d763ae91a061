package user

import (
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
)

// As with Get: admins read every account, a user only their own. So a
// user reads the events about their own account and sees their own e-mail
// as the actor of an event, and nobody else's.
func init() {
	audit.Register("user", audit.Rule{Readable: func(c auth.Principal) (bool, []string) {
		if c.Kind == auth.KindUser && c.ID != "" {
			return false, []string{c.ID}
		}
		return false, nil
	}})
}
