package organisation_test

import (
	"context"
	"testing"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
)

func as(p auth.Principal) context.Context { return auth.With(context.Background(), p) }

func TestWhoMayChangeAnOrganisation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		sys := as(auth.System("test"))
		a, err := organisation.Create(sys, db, organisation.Organisation{Name: "Alpha Bio GmbH", Kind: "biotech", Country: "DE"}, false)
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name string
			p    auth.Principal
			want apperr.Code // "" for allowed
		}{
			{"coordinator", auth.Principal{Kind: auth.KindUser, Role: auth.RoleCoordinator}, ""},
			{"member of the organisation", auth.Principal{Kind: auth.KindUser, Role: auth.RoleMember, OrganisationID: a.ID}, ""},
			{"member of another", auth.Principal{Kind: auth.KindUser, Role: auth.RoleMember, OrganisationID: "01a229c0-0000-7000-8000-000000000001"}, apperr.Forbidden},
			{"viewer", auth.Principal{Kind: auth.KindUser, Role: auth.RoleViewer}, apperr.Forbidden},
			{"coordinator key without the scope", auth.Principal{Kind: auth.KindAPIKey, Role: auth.RoleCoordinator, Scopes: []string{auth.ScopeRead}}, apperr.Forbidden},
			{"member key with the scope", auth.Principal{Kind: auth.KindAPIKey, Role: auth.RoleMember, OrganisationID: a.ID, Scopes: []string{auth.ScopeWriteOrganisations}}, ""},
		}
		for _, tt := range tests {
			cur, _ := organisation.Get(sys, db, a.ID)
			_, err := organisation.Update(as(tt.p), db, a.ID, cur.Version, organisation.Patch{City: opt.Of("Planegg")})
			if got := apperr.CodeOf(err); (err == nil && tt.want != "") || (err != nil && got != tt.want) {
				t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
			}
		}
		// Members never add organisations: a new one would not be theirs.
		_, err = organisation.Create(as(auth.Principal{Kind: auth.KindUser, Role: auth.RoleMember, OrganisationID: a.ID}), db,
			organisation.Organisation{Name: "Beta", Kind: "biotech", Country: "DE"}, false)
		if !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("member creating an organisation: %v", err)
		}
	})
}

func TestSMERuleFollowsTheEUDefinition(t *testing.T) {
	n := func(v int) *int { return &v }
	for _, tt := range []struct {
		employees *int
		ok        bool
	}{{n(249), true}, {n(250), false}, {nil, true}} {
		err := organisation.Organisation{Name: "X", Kind: "biotech", Country: "DE", SME: true, Employees: tt.employees}.Validate()
		if (err == nil) != tt.ok {
			t.Errorf("SME with %v employees: %v", tt.employees, err)
		}
	}
}
