package api_test

import (
	"fmt"
	"testing"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/trip"
)

// listData is a small set of every listed resource, with the ids that
// filters refer to.
type listData struct {
	orgDE, orgJP, person, trip, user string
}

// newListData adds n organisations, each with a person, an agreement, a
// trip with a registration and a project with a funding, plus a German
// and a Japanese partner they share.
func newListData(t *testing.T, h *harness, n int) listData {
	t.Helper()
	ctx := setupCtx()
	region := func(s string) *string { return &s }
	de, err := organisation.Create(ctx, h.db, organisation.Organisation{Name: "Statement Test GmbH", Kind: "biotech", Country: "DE", Region: region("bavaria"),
		FocusAreas: []string{"immunomodulation"}}, true)
	if err != nil {
		t.Fatal(err)
	}
	jp, err := organisation.Create(ctx, h.db, organisation.Organisation{Name: "Statement Osaka K.K.", NameLocal: "大阪ステートメント株式会社", NameKana: "オオサカステートメント",
		Kind: "pharma", Country: "JP", Region: region("osaka"), Description: i18n.Text{Ja: "大阪の製薬会社"}}, true)
	if err != nil {
		t.Fatal(err)
	}
	d := listData{orgDE: de.ID, orgJP: jp.ID}
	for i := range n {
		o := h.newOrganisation(fmt.Sprintf("Org %02d", i), "DE").ID
		p, err := person.Create(ctx, h.db, person.Person{OrganisationID: o, FamilyName: fmt.Sprintf("Person %02d", i), Languages: "de en"})
		if err != nil {
			t.Fatal(err)
		}
		d.person = p.ID
		until := fmt.Sprintf("20%02d-12-31", 20+i%15)
		if _, err := agreement.Create(ctx, h.db, agreement.Agreement{Title: fmt.Sprintf("Agreement %02d", i), Kind: "mou", SignedOn: "2020", ValidUntil: &until,
			Parties: []agreement.Party{{OrganisationID: o, SignatoryID: &p.ID}, {OrganisationID: jp.ID}}, FocusAreas: []string{"immunomodulation"}}); err != nil {
			t.Fatal(err)
		}
		tr, err := trip.Create(ctx, h.db, trip.Trip{Title: fmt.Sprintf("Trip %02d", i), Kind: "conference", Country: "JP", StartDate: "2027-04-12",
			EndDate: "2027-04-16", TimeZone: "Asia/Tokyo", Status: trip.RegistrationOpen, Organisers: []string{o}, Regions: []string{"osaka"}})
		if err != nil {
			t.Fatal(err)
		}
		d.trip = tr.ID
		if _, err := person.RegisterForTrip(ctx, h.db, tr.ID, p.ID); err != nil {
			t.Fatal(err)
		}
		start := "2024-01-01"
		pr, err := project.Create(ctx, h.db, project.Project{Title: fmt.Sprintf("Project %02d", i), Phase: "application", StartDate: &start, OriginTripID: &tr.ID,
			Partners: []project.Partner{{OrganisationID: de.ID, Role: "coordinator"}, {OrganisationID: jp.ID, Role: "partner"}, {OrganisationID: o, Role: "associated"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := project.AddFunding(ctx, h.db, pr.ID, project.Funding{Funder: "amed", RecipientID: jp.ID, Amount: 100, Currency: "JPY"}); err != nil {
			t.Fatal(err)
		}
		if i%5 == 0 {
			d.user = h.newUser(auth.RoleViewer, nil).ID
		}
	}
	return d
}
