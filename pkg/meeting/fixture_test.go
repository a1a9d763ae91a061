package meeting

import (
	"context"
	"fmt"
	"testing"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/trip"
)

// admin acts as an admin that only arranges tests.
func admin() context.Context {
	return auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: "01a229c0-0000-7000-8000-00000000ad01", Name: "test", Role: auth.RoleAdmin})
}

// must stops a test whose arrangement fails.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// fixture is a trip in Tokyo with organisations and registered people.
type fixture struct {
	t    testing.TB
	db   *database.DB
	trip trip.Trip
	orgs []string
}

func newFixture(t testing.TB, db *database.DB, orgs int) *fixture {
	ctx := admin()
	f := &fixture{t: t, db: db}
	for i := range orgs {
		country := "DE"
		if i%2 == 1 {
			country = "JP"
		}
		o := must(organisation.Create(ctx, db, organisation.Organisation{Name: fmt.Sprintf("Example Org %d", i), Kind: "biotech", Country: country}, true))
		f.orgs = append(f.orgs, o.ID)
	}
	f.trip = must(trip.Create(ctx, db, trip.Trip{Title: "BioJapan 2026", Kind: "trade_fair", Country: "JP", StartDate: "2026-10-14", EndDate: "2026-10-16",
		TimeZone: "Asia/Tokyo", Status: trip.RegistrationOpen, Organisers: []string{f.orgs[0]}}))
	return f
}

// delegate adds a person of organisation org and registers them.
func (f *fixture) delegate(org int, name string) string {
	ctx := admin()
	p := must(person.Create(ctx, f.db, person.Person{OrganisationID: f.orgs[org], GivenName: name, FamilyName: "Example"}))
	must(person.RegisterForTrip(ctx, f.db, f.trip.ID, p.ID))
	return p.ID
}

func (f *fixture) session(day, start, end string, minutes, pause int) Session {
	return must(AddSession(admin(), f.db, f.trip.ID, Session{Day: day, StartTime: start, EndTime: end, MeetingMinutes: minutes, BreakMinutes: pause}))
}

func (f *fixture) place(name string) Place {
	return must(AddPlace(admin(), f.db, f.trip.ID, Place{Name: name}))
}

func (f *fixture) available(personID string, sessions ...Session) {
	p := must(ParticipantOf(admin(), f.db, f.trip.ID, personID))
	var ids []string
	for _, s := range sessions {
		ids = append(ids, s.ID)
	}
	must(SetAvailability(admin(), f.db, f.trip.ID, personID, p.Version, ids))
}

func (f *fixture) request(from, to string) Meeting {
	return must(Create(admin(), f.db, f.trip.ID, Request{RequesterPersonID: from, ReceiverPersonID: &to, Message: "Shall we meet?"}))
}
