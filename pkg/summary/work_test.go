package summary_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/demo"
	"github.com/innomunich/platform/pkg/summary"
)

func sectionKeys(w summary.Work) []string {
	var out []string
	for _, s := range w.Sections {
		out = append(out, s.Key)
	}
	return out
}

func section(w summary.Work, key string) []summary.Item {
	for _, s := range w.Sections {
		if s.Key == key {
			return s.Items
		}
	}
	return nil
}

func ids(items []summary.Item) []string {
	var out []string
	for _, i := range items {
		out = append(out, i.ID)
	}
	return out
}

// A coordinator sees what needs action, a member its organisation's own
// trips, interests and meetings and nothing of others', a viewer nothing.
func TestMyWorkShowsACoordinatorWhatNeedsActionAndAMemberItsOwnRecords(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		bg := context.Background()
		if _, err := demo.Seed(bg, db); err != nil {
			t.Fatal(err)
		}
		conn := db.Conn(bg)
		exec := func(sql string, args ...any) {
			t.Helper()
			if err := conn.Exec(sql, args...).Error; err != nil {
				t.Fatal(err)
			}
		}
		pluck := func(sql string, args ...any) []string {
			t.Helper()
			var out []string
			if err := conn.Raw(sql, args...).Scan(&out).Error; err != nil {
				t.Fatal(err)
			}
			return out
		}
		n := 0
		newID := func() string { n++; return uuid.NewSHA1(uuid.NameSpaceOID, []byte{byte(n), 'w'}).String() }
		ts := database.Now()

		// Two trips open for registration: one closes in 3 days, one in 30.
		trips := pluck("SELECT id FROM trips ORDER BY id")
		exec("UPDATE trips SET status = 'registration_open', registration_deadline = ?, end_date = '2027-12-31' WHERE id = ?", now.Add(72*time.Hour), trips[0])
		exec("UPDATE trips SET status = 'registration_open', registration_deadline = ?, end_date = '2027-12-31' WHERE id = ?", now.Add(30*24*time.Hour), trips[1])
		// Milestones of a running project: overdue, done, due later.
		projects := pluck("SELECT id FROM projects WHERE phase NOT IN ('completed', 'discontinued') ORDER BY id")
		overdue := newID()
		milestone := func(id, due string, done *string) {
			exec("INSERT INTO project_milestones (id, project_id, title, due_on, done_on, version, created_at, updated_at) VALUES (?, ?, 'Report', ?, ?, 1, ?, ?)", id, projects[0], due, done, ts, ts)
		}
		milestone(overdue, "2026-10-01", nil)
		milestone(newID(), "2026-09-01", s("2026-09-02"))
		milestone(newID(), "2026-12-24", nil)
		// A meeting requested between two people of different organisations.
		var people []struct{ ID, OrganisationID string }
		if err := conn.Raw("SELECT id, organisation_id FROM people WHERE organisation_id IS NOT NULL ORDER BY id").Scan(&people).Error; err != nil {
			t.Fatal(err)
		}
		a := people[0]
		var b struct{ ID, OrganisationID string }
		for _, p := range people {
			if p.OrganisationID != a.OrganisationID {
				b = p
				break
			}
		}
		meetingID := newID()
		exec("INSERT INTO meetings (id, trip_id, requester_person_id, requester_organisation_id, receiver_person_id, receiver_organisation_id, status, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'requested', 1, ?, ?)",
			meetingID, trips[0], a.ID, a.OrganisationID, b.ID, b.OrganisationID, ts, ts)

		coordinator := auth.With(bg, auth.Principal{Kind: auth.KindUser, ID: "c", Role: auth.RoleCoordinator})
		w, err := summary.WorkFor(coordinator, db, now, "ja")
		if err != nil {
			t.Fatal(err)
		}
		if w.For != "coordinator" || !slices.Equal(sectionKeys(w), []string{summary.InterestsWaiting, summary.AgreementsExpiring, summary.RegistrationsClosing, summary.MilestonesOverdue}) {
			t.Fatalf("coordinator sections %v", sectionKeys(w))
		}
		if got := ids(section(w, summary.RegistrationsClosing)); !slices.Equal(got, []string{trips[0]}) {
			t.Errorf("registrations closing %v, want only %s", got, trips[0])
		}
		if got := ids(section(w, summary.MilestonesOverdue)); !slices.Equal(got, []string{overdue}) {
			t.Errorf("milestones overdue %v, want only %s", got, overdue)
		}
		if m := section(w, summary.MilestonesOverdue)[0]; m.ParentID != projects[0] || m.Date != "2026-10-01" {
			t.Errorf("milestone item %+v", m)
		}
		open := pluck("SELECT id FROM opportunity_interests WHERE status = 'open' ORDER BY created_at, id")
		if got := ids(section(w, summary.InterestsWaiting)); len(open) == 0 || !slices.Equal(got, open) {
			t.Errorf("interests waiting %v, the open ones are %v", got, open)
		}
		for _, i := range section(w, summary.InterestsWaiting) {
			if i.Title == "" || i.OpportunityID == "" {
				t.Errorf("an interest without its opportunity's title: %+v", i)
			}
		}
		expiring := pluck("SELECT id FROM agreements WHERE valid_until IS NOT NULL AND valid_until >= '2026-11-24' AND valid_until <= '2027-02-22' AND terminated_on IS NULL AND signed_on IS NOT NULL")
		if got := ids(section(w, summary.AgreementsExpiring)); len(got) != min(len(expiring), summary.WorkLimit) {
			t.Errorf("agreements expiring %v, the expiring ones are %v", got, expiring)
		}

		member := auth.With(bg, auth.Principal{Kind: auth.KindUser, ID: "m", Role: auth.RoleMember, OrganisationID: a.OrganisationID})
		w, err = summary.WorkFor(member, db, now, "en")
		if err != nil {
			t.Fatal(err)
		}
		if w.For != "member" || !slices.Equal(sectionKeys(w), []string{summary.MyTrips, summary.MyInterests, summary.MyMeetings}) {
			t.Fatalf("member sections %v", sectionKeys(w))
		}
		if got := ids(section(w, summary.MyMeetings)); !slices.Equal(got, []string{meetingID}) {
			t.Errorf("member's meetings %v, want %s", got, meetingID)
		}
		if m := section(w, summary.MyMeetings)[0]; m.ParentID != trips[0] || m.Title == "" {
			t.Errorf("meeting item %+v", m)
		}
		mine := pluck("SELECT DISTINCT t.id FROM trips t JOIN trip_participants p ON p.trip_id = t.id WHERE p.organisation_id = ? AND p.status <> 'cancelled' AND t.end_date >= '2026-11-24'", a.OrganisationID)
		for _, id := range ids(section(w, summary.MyTrips)) {
			if !slices.Contains(mine, id) {
				t.Errorf("the member sees trip %s its organisation takes no part in", id)
			}
		}
		theirs := pluck("SELECT i.id FROM opportunity_interests i JOIN opportunities o ON o.id = i.opportunity_id WHERE i.organisation_id = ? OR o.organisation_id = ?", a.OrganisationID, a.OrganisationID)
		for _, id := range ids(section(w, summary.MyInterests)) {
			if !slices.Contains(theirs, id) {
				t.Errorf("the member sees interest %s of other organisations", id)
			}
		}
		// The other side sees the meeting too; an organisation with none sees none.
		other := auth.With(bg, auth.Principal{Kind: auth.KindUser, ID: "o", Role: auth.RoleMember, OrganisationID: b.OrganisationID})
		if w, err = summary.WorkFor(other, db, now, "en"); err != nil || !slices.Equal(ids(section(w, summary.MyMeetings)), []string{meetingID}) {
			t.Errorf("the receiving side's meetings %v (%v)", ids(section(w, summary.MyMeetings)), err)
		}
		for _, p := range []auth.Principal{
			{Kind: auth.KindUser, ID: "v", Role: auth.RoleViewer},
			{Kind: auth.KindUser, ID: "x", Role: auth.RoleMember}, // no organisation
		} {
			w, err := summary.WorkFor(auth.With(bg, p), db, now, "en")
			if err != nil || w.For != "" || len(w.Sections) != 0 {
				t.Errorf("%s sees work %+v (%v)", p.Role, w, err)
			}
		}
	})
}
