package opportunity_test

import (
	"context"
	"testing"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/organisation"
)

func system() context.Context { return auth.With(context.Background(), auth.System("test")) }

func member(org string) context.Context {
	return auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: "u-" + org, Role: auth.RoleMember, OrganisationID: org})
}

func newOrg(t *testing.T, db *database.DB, name, country string) organisation.Organisation {
	t.Helper()
	o, err := organisation.Create(system(), db, organisation.Organisation{Name: name, Kind: "biotech", Country: country}, false)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestDraftsAreVisibleOnlyToTheirOrganisationAndCoordinators(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		de, jp := newOrg(t, db, "Example Biotech GmbH", "DE"), newOrg(t, db, "Example Pharma KK", "JP")
		o, err := opportunity.Create(member(de.ID), db, opportunity.Opportunity{
			OrganisationID: de.ID, Kind: opportunity.TechnologyOffer,
			Title: i18n.Text{En: "CAR-T platform"}, Summary: i18n.Text{En: "An allogeneic platform"},
			FocusAreas: []string{"cell_gene_therapy"}, Modalities: []string{"cell_therapy"},
		})
		if err != nil {
			t.Fatal(err)
		}
		if o.Status != opportunity.Draft || o.ValidUntil == "" || o.Stage != "not_applicable" {
			t.Errorf("defaults: %+v", o)
		}
		if got := o.MissingLanguages(); len(got) != 2 || got[0] != "de" || got[1] != "ja" {
			t.Errorf("missing languages %v", got)
		}
		if _, err := opportunity.Get(member(jp.ID), db, o.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("other organisation reads a draft: %v", err)
		}
		coord := auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: "c", Role: auth.RoleCoordinator})
		if _, err := opportunity.Get(coord, db, o.ID); err != nil {
			t.Errorf("coordinator: %v", err)
		}
		if _, err := opportunity.Get(member(de.ID), db, o.ID); err != nil {
			t.Errorf("own organisation: %v", err)
		}
	})
}
