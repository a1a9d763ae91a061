package api_test

import (
	"net/http"
	"testing"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

// The dashboard's charts are the report's figures (readers of reports
// only); "my work" answers every signed-in caller with the sections of
// its role; the import's columns are what a template names.
func TestDashboardChartsWorkAndImportColumnsThroughTheRouter(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		org := h.newOrganisation("Work Test GmbH", "DE").ID
		member := h.bearer(h.newUser(auth.RoleMember, &org))
		viewer := h.bearer(h.newUser(auth.RoleViewer, nil))
		h.run([]scenario{
			{name: "charts for an admin", req: request{url: "/api/v1/summary/charts"}, wantStatus: http.StatusOK,
				wantBody: []string{`"years":[{"year":`, `"region":"bavaria"`, `"region":"de_other","n":1`, `"funding":[]`}},
			{name: "charts for a viewer", req: request{url: "/api/v1/summary/charts", as: viewer}, wantStatus: http.StatusOK},
			{name: "no charts for a member", req: request{url: "/api/v1/summary/charts", as: member}, wantStatus: http.StatusForbidden},
			{name: "charts take no parameters", req: request{url: "/api/v1/summary/charts?year=2020"}, wantStatus: http.StatusBadRequest, wantBody: []string{"year"}},
			{name: "a coordinator's work", req: request{url: "/api/v1/summary/work?lang=ja"}, wantStatus: http.StatusOK,
				wantBody: []string{`"for":"coordinator"`, `"key":"interests_waiting","items":[]`, `"key":"milestones_overdue"`}},
			{name: "a member's work", req: request{url: "/api/v1/summary/work", as: member}, wantStatus: http.StatusOK,
				wantBody: []string{`"for":"member"`, `"key":"trips","items":[]`, `"key":"meetings"`}, wantNotBody: []string{"interests_waiting"}},
			{name: "a viewer has no work", req: request{url: "/api/v1/summary/work", as: viewer}, wantStatus: http.StatusOK,
				wantBody: []string{`{"for":"","sections":[]}`}},
			{name: "work in an unknown language", req: request{url: "/api/v1/summary/work?lang=fr"}, wantStatus: http.StatusBadRequest, wantBody: []string{"lang"}},
			{name: "import columns", req: request{url: "/api/v1/organisations/import/columns", as: member}, wantStatus: http.StatusOK,
				wantBody: []string{`{"columns":[{"name":"name","required":true},{"name":"kind","required":true},{"name":"country","required":true},{"name":"id","required":false}`}},
		})
	})
}
