package apikey

import "github.com/innomunich/platform/pkg/audit"

// Only admins read API keys (canManage), so only they read the keys'
// events and see a key's name as the actor of an event.
func init() { audit.Register("api_key", audit.Rule{}) }
