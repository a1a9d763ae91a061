package summary_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/summary"
	"github.com/innomunich/platform/pkg/trip"
)

func s(v string) *string { return &v }

// The moment the test judges on: noon in Munich on 24 November 2026.
var now = time.Date(2026, 11, 24, 11, 0, 0, 0, time.UTC)

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			var e *apperr.Error
			if errors.As(err, &e) {
				t.Fatalf("%v: %+v", err, e.Fields)
			}
			t.Fatal(err)
		}
		return v
	}
}

func TestAnEmptyNetworkCountsZeroInEveryStatusAndPhase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		got, err := summary.Get(context.Background(), db, now)
		if err != nil {
			t.Fatal(err)
		}
		want := summary.Summary{
			Today:      "2026-11-24",
			Agreements: map[string]int64{"draft": 0, "active": 0, "expiring": 0, "expired": 0, "terminated": 0},
			Projects:   map[string]int64{"idea": 0, "concept": 0, "application": 0, "implementation": 0, "completed": 0, "discontinued": 0},

			ImplementationFunding: []project.Total{},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("summary (-want +got):\n%s", diff)
		}
	})
}

func TestSummaryCountsWhatTheDashboardShows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		org := func(name, country string) organisation.Organisation {
			return must[organisation.Organisation](t)(organisation.Create(ctx, db, organisation.Organisation{Name: name, Kind: "biotech", Country: country}, true))
		}
		de, jp := org("Example Biotech GmbH", "DE"), org("Example Pharma K.K.", "JP")
		org("Second Example GmbH", "DE")
		org("Exemple Santé SAS", "FR")
		archived := org("Archived Example AG", "DE")
		must[organisation.Organisation](t)(organisation.Update(ctx, db, archived.ID, archived.Version, organisation.Patch{Archived: opt.Of(true)}))

		for _, name := range []string{"Anna", "Taro"} {
			must[person.Person](t)(person.Create(ctx, db, person.Person{OrganisationID: de.ID, FamilyName: name}))
		}

		parties := []agreement.Party{{OrganisationID: de.ID}, {OrganisationID: jp.ID}}
		for _, a := range []agreement.Agreement{
			{Title: "draft"},
			{Title: "open-ended", SignedOn: "2011"},
			{Title: "ends next year", SignedOn: "2020", ValidUntil: s("2028-01-01")},
			{Title: "ends in 90 days", SignedOn: "2017", ValidUntil: s("2027-02-22")},
			{Title: "ended yesterday", SignedOn: "2017", ValidUntil: s("2026-11-23")},
			{Title: "terminated", SignedOn: "2017", TerminatedOn: s("2026-01-31")},
		} {
			a.Kind, a.Parties = "mou", parties
			must[agreement.Agreement](t)(agreement.Create(ctx, db, a))
		}

		for _, tr := range []trip.Trip{
			{Title: "next spring", StartDate: "2027-04-12", EndDate: "2027-04-16", Status: trip.RegistrationOpen},
			{Title: "under way", StartDate: "2026-11-20", EndDate: "2026-11-27", Status: trip.RegistrationClosed},
			{Title: "ends today", StartDate: "2026-11-20", EndDate: "2026-11-24", Status: trip.Planned},
			{Title: "ended yesterday", StartDate: "2026-11-16", EndDate: "2026-11-23", Status: trip.RegistrationClosed},
			{Title: "called off", StartDate: "2027-05-10", EndDate: "2027-05-14", Status: trip.Cancelled},
		} {
			tr.Kind, tr.Country, tr.TimeZone, tr.Organisers = "conference", "JP", "Asia/Tokyo", []string{de.ID}
			must[trip.Trip](t)(trip.Create(ctx, db, tr))
		}

		partners := []project.Partner{{OrganisationID: de.ID, Role: "coordinator"}, {OrganisationID: jp.ID, Role: "partner"}}
		var running []string
		for _, p := range []project.Project{
			{Title: "idea one", Phase: "idea"}, {Title: "idea two", Phase: "idea"},
			{Title: "running", Phase: "implementation"}, {Title: "running too", Phase: "implementation"},
		} {
			p.Partners = partners
			created := must[project.Project](t)(project.Create(ctx, db, p))
			if p.Phase == "implementation" {
				running = append(running, created.ID)
			} else {
				// An idea's funding is not counted.
				must[project.Funding](t)(project.AddFunding(ctx, db, created.ID, project.Funding{Funder: "bmbf", RecipientID: de.ID, Amount: 99, Currency: "EUR"}))
			}
		}
		for i, f := range []project.Funding{
			{Funder: "bmbf", RecipientID: de.ID, Amount: 1250000, Currency: "EUR"},
			{Funder: "amed", RecipientID: jp.ID, Amount: 125000000, Currency: "JPY"},
			{Funder: "bmbf", RecipientID: de.ID, Amount: 50, Currency: "EUR"},
		} {
			must[project.Funding](t)(project.AddFunding(ctx, db, running[i%2], f))
		}

		got, err := summary.Get(ctx, db, now)
		if err != nil {
			t.Fatal(err)
		}
		want := summary.Summary{
			Today:         "2026-11-24",
			Organisations: summary.Organisations{Total: 4, DE: 2, JP: 1, Other: 1},
			People:        2,
			Agreements:    map[string]int64{"draft": 1, "active": 2, "expiring": 1, "expired": 1, "terminated": 1},
			UpcomingTrips: 3,
			Projects:      map[string]int64{"idea": 2, "concept": 0, "application": 0, "implementation": 2, "completed": 0, "discontinued": 0},

			ImplementationFunding: []project.Total{{Currency: "EUR", Amount: 1250050}, {Currency: "JPY", Amount: 125000000}},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("summary (-want +got):\n%s", diff)
		}
	})
}
