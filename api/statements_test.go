package api_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/trip"
)

// TestListsRunTheSameStatementsWhateverThePageSize guards against N+1
// queries: a page of 25 costs as many SQL statements as a page of 2.
func TestListsRunTheSameStatementsWhateverThePageSize(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			var statements atomic.Int64
			db, err := database.Open(context.Background(), dbtest.URL(t, e), database.Options{OnStatement: func(context.Context, database.Statement) { statements.Add(1) }})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(db.Close)
			h := newHarness(t, db)
			ctx := setupCtx()
			de, jp := h.newOrganisation("Statement Test GmbH", "DE").ID, h.newOrganisation("ステートメント株式会社", "JP").ID
			for i := range 25 {
				o := h.newOrganisation(fmt.Sprintf("Org %02d", i), "DE").ID
				p, err := person.Create(ctx, db, person.Person{OrganisationID: o, FamilyName: fmt.Sprintf("Person %02d", i)})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := agreement.Create(ctx, db, agreement.Agreement{Title: fmt.Sprintf("Agreement %02d", i), Kind: "mou", SignedOn: "2020",
					Parties: []agreement.Party{{OrganisationID: o, SignatoryID: &p.ID}, {OrganisationID: jp}}, FocusAreas: []string{"immunomodulation"}}); err != nil {
					t.Fatal(err)
				}
				tr, err := trip.Create(ctx, db, trip.Trip{Title: fmt.Sprintf("Trip %02d", i), Kind: "conference", Country: "JP", StartDate: "2027-04-12",
					EndDate: "2027-04-16", TimeZone: "Asia/Tokyo", Status: trip.RegistrationOpen, Organisers: []string{o}, Regions: []string{"osaka"}})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := trip.Register(ctx, db, tr.ID, p.ID); err != nil {
					t.Fatal(err)
				}
				pr, err := project.Create(ctx, db, project.Project{Title: fmt.Sprintf("Project %02d", i), Phase: "application",
					Partners: []project.Partner{{OrganisationID: de, Role: "coordinator"}, {OrganisationID: jp, Role: "partner"}, {OrganisationID: o, Role: "associated"}}})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := project.AddFunding(ctx, db, pr.ID, project.Funding{Funder: "amed", RecipientID: jp, Amount: 100, Currency: "JPY"}); err != nil {
					t.Fatal(err)
				}
			}
			for _, path := range []string{"/api/v1/organisations", "/api/v1/people", "/api/v1/agreements", "/api/v1/trips", "/api/v1/projects", "/api/v1/users", "/api/v1/audit-events"} {
				count := func(limit int) int64 {
					statements.Store(0)
					rec := h.get(fmt.Sprintf("%s?limit=%d", path, limit))
					if rec.Code != 200 {
						t.Fatalf("%s: %d %s", path, rec.Code, rec.Body.String())
					}
					return statements.Load()
				}
				small, large := count(2), count(25)
				if small == 0 || small != large {
					t.Errorf("%s: %d statements for a page of 2, %d for a page of 25", path, small, large)
				}
				t.Logf("%s: %d statements per page", path, large)
			}
		})
	}
}
