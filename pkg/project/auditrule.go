package project

import "github.com/innomunich/platform/pkg/audit"

// Every caller reads projects, their milestones and fundings whole, so
// their events too.
func init() {
	for _, t := range []string{"project", "milestone", "funding"} {
		// Only the project itself is in the change feed; its milestones and fundings are read
		// from its sub-resources.
		audit.Register(t, audit.Rule{Readable: audit.Everyone, Feed: t == "project"})
	}
	audit.Register("project", audit.Rule{Readable: audit.Everyone, Feed: true, Names: audit.ColumnNames("projects", "title")})
}
