package api_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/project"
)

type summaryBody struct {
	Today         string           `json:"today"`
	Organisations map[string]int64 `json:"organisations"`
	People        int64            `json:"people"`
	Agreements    map[string]int64 `json:"agreements"`
	UpcomingTrips int64            `json:"upcoming_trips"`
	Projects      map[string]int64 `json:"projects"`
}

// TestSummaryCountsInAFixedNumberOfStatements: the dashboard's counts come
// from the database in the same few statements however much data there is.
func TestSummaryCountsInAFixedNumberOfStatements(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			db, sent := dbtest.Recording(t, e)
			h := newHarness(t, db)
			get := func() (summaryBody, int) {
				sent.Start()
				rec := h.get("/api/v1/summary")
				if rec.Code != 200 {
					t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
				}
				return decode[summaryBody](t, rec), len(sent.Stop())
			}
			empty, before := get()

			ctx := setupCtx()
			today := agreement.Today(time.Now())
			soon, _ := time.Parse(time.DateOnly, today)
			de, jp := h.newOrganisation("Summary Test GmbH", "DE").ID, h.newOrganisation("サマリー株式会社", "JP").ID
			h.newOrganisation("Summary Test SAS", "FR")
			for i := range 5 {
				h.newOrganisation(fmt.Sprintf("Summary Org %d", i), "DE")
				ends := soon.AddDate(0, 0, 30+i).Format(time.DateOnly)
				if _, err := agreement.Create(ctx, db, agreement.Agreement{Title: fmt.Sprintf("Expiring %d", i), Kind: "mou", SignedOn: "2020", ValidUntil: &ends,
					Parties: []agreement.Party{{OrganisationID: de}, {OrganisationID: jp}}}); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := project.Create(ctx, db, project.Project{Title: "Running", Phase: "implementation",
				Partners: []project.Partner{{OrganisationID: de, Role: "coordinator"}, {OrganisationID: jp, Role: "partner"}}}); err != nil {
				t.Fatal(err)
			}

			got, after := get()
			if before == 0 || before != after {
				t.Errorf("%d statements on an empty database, %d with data", before, after)
			}
			if got.Today != today {
				t.Errorf("today %q, want %q", got.Today, today)
			}
			want := map[string]int64{"total": 8, "de": 6, "jp": 1, "other": 1}
			if diff := cmp.Diff(want, got.Organisations); diff != "" {
				t.Errorf("organisations (-want +got):\n%s", diff)
			}
			if got.Agreements["expiring"]-empty.Agreements["expiring"] != 5 || got.Projects["implementation"] != 1 || len(got.Projects) != 6 || len(got.Agreements) != 5 {
				t.Errorf("agreements %v, projects %v", got.Agreements, got.Projects)
			}
		})
	}
}

func TestSummaryRefusesUnknownParameters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		h.run([]scenario{
			{name: "unknown parameter", req: request{url: "/api/v1/summary?country=DE"}, wantStatus: 400, wantType: "application/problem+json", wantBody: []string{`"field":"country"`}},
			{name: "anonymous", req: request{url: "/api/v1/summary", as: anonymous}, wantStatus: 401},
		})
	})
}
