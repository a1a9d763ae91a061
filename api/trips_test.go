package api_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

type tripBody struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Status  string `json:"status"`
	Version int    `json:"version"`
	Seats   struct {
		Confirmed, Waitlisted int
		Free                  *int
	} `json:"seats"`
}

type participantBody struct {
	ID       string `json:"id"`
	PersonID string `json:"person_id"`
	Status   string `json:"status"`
	Position *int   `json:"position"`
	Version  int    `json:"version"`
}

func (h *harness) createTrip(body map[string]any) tripBody {
	h.t.Helper()
	rec := h.do(request{method: "POST", url: "/api/v1/trips", body: body})
	if rec.Code != 201 {
		h.t.Fatalf("create trip: %d %s", rec.Code, rec.Body.String())
	}
	return decode[tripBody](h.t, rec)
}

func (h *harness) newPerson(org, family string) string {
	h.t.Helper()
	rec := h.do(request{method: "POST", url: "/api/v1/people", body: map[string]any{"organisation_id": org, "family_name": family}})
	if rec.Code != 201 {
		h.t.Fatalf("create person: %d %s", rec.Code, rec.Body.String())
	}
	return decode[personBody](h.t, rec).ID
}

func openTrip(h *harness, organiser string, capacity int) tripBody {
	return h.createTrip(map[string]any{"title": fmt.Sprintf("Delegation trip %s", randomSuffix()), "kind": "delegation_trip", "organiser_ids": []string{organiser},
		"country": "JP", "regions": []string{"osaka", "kawasaki"}, "cities": []string{"Osaka", "Kawasaki"}, "start_date": "2027-04-12", "end_date": "2027-04-16",
		"time_zone": "Asia/Tokyo", "status": "registration_open", "capacity": capacity})
}

func TestTripsValidationStatusAndTimeZones(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		biom := h.newOrganisation("BioM Test Cluster", "DE").ID
		h.run([]scenario{
			{name: "every rule names its field", req: request{method: "POST", url: "/api/v1/trips", body: map[string]any{"title": "", "kind": "holiday", "organiser_ids": []string{},
				"country": "Japan", "start_date": "2027-04-16", "end_date": "2027-04-12", "time_zone": "Asia/Osaka", "capacity": 0}}, wantStatus: 422,
				wantBody: []string{`"field":"title"`, `"field":"kind"`, `"field":"organiser_ids"`, `"field":"country"`, `"field":"end_date"`, `"field":"time_zone"`, `"field":"capacity"`}},
			{name: "an empty status is none of them (absent is planned)", req: request{method: "POST", url: "/api/v1/trips", body: map[string]any{"title": "X", "kind": "conference",
				"organiser_ids": []string{biom}, "country": "JP", "start_date": "2027-04-12", "end_date": "2027-04-16", "time_zone": "Asia/Tokyo", "status": ""}}, wantStatus: 422,
				wantBody: []string{`"field":"status"`}},
		})
		trip := h.createTrip(map[string]any{"title": "Delegation trip to Osaka 2027", "kind": "delegation_trip", "organiser_ids": []string{biom}, "country": "JP",
			"regions": []string{"osaka"}, "cities": []string{"Osaka"}, "start_date": "2027-01-18", "end_date": "2027-01-22", "time_zone": "Asia/Tokyo"})
		if trip.Status != "planned" {
			t.Errorf("a new trip is %s, want planned", trip.Status)
		}
		patch := func(version int, body map[string]any) (int, tripBody) {
			rec := h.do(request{method: "PATCH", url: "/api/v1/trips/" + trip.ID, headers: map[string]string{"If-Match": fmt.Sprint(version)}, body: body})
			if rec.Code != 200 {
				return rec.Code, tripBody{}
			}
			return rec.Code, decode[tripBody](t, rec)
		}
		if code, _ := patch(1, map[string]any{"status": "completed"}); code != 422 {
			t.Errorf("planned → completed: %d, want 422", code)
		}
		code, tb := patch(1, map[string]any{"status": "registration_open"})
		if code != 200 || tb.Status != "registration_open" {
			t.Fatalf("planned → registration_open: %d", code)
		}
		if code, _ := patch(1, map[string]any{"title": "Stale edit"}); code != 412 {
			t.Errorf("a change based on version 1 after another: %d, want 412", code)
		}
		code, tb = patch(tb.Version, map[string]any{"status": "cancelled"})
		if code != 200 {
			t.Fatalf("cancel: %d", code)
		}
		if code, _ := patch(tb.Version, map[string]any{"status": "registration_open"}); code != 422 {
			t.Errorf("cancelled → registration_open: %d, want 422", code)
		}

		// 09:00 in Osaka is 01:00 in Munich in winter and 02:00 in summer.
		summer := h.createTrip(map[string]any{"title": "BIO Japan visit", "kind": "trade_fair", "organiser_ids": []string{biom}, "country": "JP",
			"start_date": "2027-07-05", "end_date": "2027-07-09", "time_zone": "Asia/Tokyo"})
		for _, tc := range []struct {
			trip, starts, viewer string
		}{{trip.ID, "2027-01-19T09:00:00+09:00", "2027-01-19T01:00:00+01:00"}, {summer.ID, "2027-07-06T09:00:00+09:00", "2027-07-06T02:00:00+02:00"}} {
			rec := h.do(request{method: "POST", url: "/api/v1/trips/" + tc.trip + "/agenda", body: map[string]any{"starts_at": tc.starts,
				"ends_at": strings.Replace(tc.starts, "T09:", "T11:", 1), "title": "Visit to サンプル製薬", "kind": "company_visit", "location": "大阪市"}})
			if rec.Code != 201 || !strings.Contains(rec.Body.String(), `"starts_at_local":"`+tc.starts+`"`) {
				t.Fatalf("agenda item: %d %s", rec.Code, rec.Body.String())
			}
			list := h.get("/api/v1/trips/" + tc.trip + "/agenda?time_zone=Europe/Berlin").Body.String()
			if !strings.Contains(list, `"starts_at_viewer":"`+tc.viewer+`"`) {
				t.Errorf("in Munich %s: %s", tc.viewer, list)
			}
		}
		outside := h.do(request{method: "POST", url: "/api/v1/trips/" + summer.ID + "/agenda", body: map[string]any{"starts_at": "2027-07-04T23:30:00+09:00",
			"ends_at": "2027-07-05T01:00:00+09:00", "title": "Too early", "kind": "travel"}})
		if outside.Code != 422 || !strings.Contains(outside.Body.String(), `"field":"starts_at"`) {
			t.Errorf("an item before the trip in its zone: %d %s", outside.Code, outside.Body.String())
		}
		// 2027-07-04T16:00Z is already 5 July in Tokyo: inside.
		inside := h.do(request{method: "POST", url: "/api/v1/trips/" + summer.ID + "/agenda", body: map[string]any{"starts_at": "2027-07-04T16:00:00Z",
			"ends_at": "2027-07-04T17:00:00Z", "title": "Arrival", "kind": "travel"}})
		if inside.Code != 201 {
			t.Errorf("an item on the first day in Tokyo, the day before in UTC: %d %s", inside.Code, inside.Body.String())
		}
	})
}

func TestRegistrationHoldsUnderConcurrency(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		org := h.newOrganisation("Registration Test GmbH", "DE").ID
		trip := openTrip(h, org, 10)
		people := make([]string, 50)
		for i := range people {
			people[i] = h.newPerson(org, fmt.Sprintf("Participant %02d", i))
		}
		codes := make([]int, len(people))
		var wg sync.WaitGroup
		for i, p := range people {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i] = h.status(request{method: "POST", url: "/api/v1/trips/" + trip.ID + "/participants", body: map[string]any{"person_id": p}})
			}()
		}
		wg.Wait()
		for i, c := range codes {
			if c != 201 {
				t.Fatalf("registration %d: %d", i, c)
			}
		}
		list := decode[struct{ Items []participantBody }](t, h.get("/api/v1/trips/"+trip.ID+"/participants")).Items
		confirmed, positions := 0, map[int]bool{}
		for _, p := range list {
			switch p.Status {
			case "confirmed":
				confirmed++
			case "waitlisted":
				positions[*p.Position] = true
			}
		}
		if confirmed != 10 || len(positions) != 40 {
			t.Fatalf("50 for 10 seats: %d confirmed, %d waiting", confirmed, len(positions))
		}
		for i := 1; i <= 40; i++ {
			if !positions[i] {
				t.Errorf("no one at waitlist position %d", i)
			}
		}
		// Cancelling a confirmed seat promotes the first in line.
		var firstConfirmed, firstWaiting participantBody
		for _, p := range list {
			if p.Status == "confirmed" && firstConfirmed.ID == "" {
				firstConfirmed = p
			}
			if p.Status == "waitlisted" && *p.Position == 1 {
				firstWaiting = p
			}
		}
		if code := h.status(request{method: "DELETE", url: "/api/v1/trips/" + trip.ID + "/participants/" + firstConfirmed.ID, headers: map[string]string{"If-Match": fmt.Sprint(firstConfirmed.Version)}}); code != 204 {
			t.Fatalf("cancel: %d", code)
		}
		after := decode[struct{ Items []participantBody }](t, h.get("/api/v1/trips/"+trip.ID+"/participants")).Items
		for _, p := range after {
			if p.ID == firstWaiting.ID && p.Status != "confirmed" {
				t.Errorf("the first waiting person is %s after a cancellation, want confirmed", p.Status)
			}
			if p.Status == "waitlisted" && *p.Position == 40 {
				t.Error("the waitlist did not move up")
			}
		}
		got := decode[tripBody](t, h.get("/api/v1/trips/"+trip.ID))
		if got.Seats.Confirmed != 10 || got.Seats.Waitlisted != 39 || *got.Seats.Free != 0 {
			t.Errorf("seats: %+v", got.Seats)
		}
		// The same person twice is refused.
		if code := h.status(request{method: "POST", url: "/api/v1/trips/" + trip.ID + "/participants", body: map[string]any{"person_id": firstWaiting.PersonID}}); code != 409 {
			t.Errorf("a second registration of the same person: %d, want 409", code)
		}
		// After cancelling, the person may register again (at the end of the line).
		if code := h.status(request{method: "POST", url: "/api/v1/trips/" + trip.ID + "/participants", body: map[string]any{"person_id": firstConfirmed.PersonID}}); code != 201 {
			t.Errorf("registering again after cancelling: %d", code)
		}
	})
}

func TestRegistrationRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers()
		planned := h.createTrip(map[string]any{"title": "Planned", "kind": "conference", "organiser_ids": []string{cs.orgA}, "country": "JP",
			"start_date": "2027-04-12", "end_date": "2027-04-16", "time_zone": "Asia/Tokyo"})
		late := h.createTrip(map[string]any{"title": "Deadline passed", "kind": "conference", "organiser_ids": []string{cs.orgA}, "country": "JP",
			"start_date": "2027-04-12", "end_date": "2027-04-16", "time_zone": "Asia/Tokyo", "status": "registration_open",
			"registration_deadline": time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)})
		open := openTrip(h, cs.orgA, 5)
		personA, personB := h.newPerson(cs.orgA, "Alpha"), h.newPerson(cs.orgB, "Beta")
		reg := func(trip, person, as string) int {
			return h.status(request{method: "POST", url: "/api/v1/trips/" + trip + "/participants", as: as, body: map[string]any{"person_id": person}})
		}
		if code := reg(planned.ID, personA, ""); code != 409 {
			t.Errorf("registering for a planned trip: %d, want 409", code)
		}
		if code := reg(late.ID, personA, ""); code != 409 {
			t.Errorf("registering after the deadline: %d, want 409", code)
		}
		if code := reg(open.ID, personB, cs.bearer["member of A"]); code != 403 {
			t.Errorf("a member registering another organisation's person: %d, want 403", code)
		}
		if code := reg(open.ID, personA, cs.bearer["member of A"]); code != 201 {
			t.Errorf("a member registering their own person: %d, want 201", code)
		}
		if code := reg(open.ID, personA, cs.bearer["viewer"]); code != 403 {
			t.Errorf("a viewer registering: %d, want 403", code)
		}
		if code := reg(open.ID, "01a229c0-0000-7000-8000-000000000000", ""); code != 422 {
			t.Errorf("an unknown person: %d, want 422", code)
		}
		list := func(query string) int {
			return len(decode[struct{ Items []tripBody }](t, h.get("/api/v1/trips?"+query)).Items)
		}
		for q, want := range map[string]int{"status=registration_open": 2, "kind=conference": 2, "country=JP": 3, "region=osaka": 1,
			"from=2027-04-16&to=2027-04-20": 3, "from=2027-04-17": 0, "organiser=" + cs.orgA: 3, "participant_organisation=" + cs.orgA: 1, "q=deadline": 1} {
			if got := list(q); got != want {
				t.Errorf("?%s: %d trips, want %d", q, got, want)
			}
		}
	})
}

func TestTripsAuthorization(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers()
		writers := []string{"admin", "coordinator", "key coordinator"}
		h.checkWrites(t, cs, []writeCase{
			{name: "create trip", allowed: writers, request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/trips", body: map[string]any{"title": "New", "kind": "conference", "organiser_ids": []string{cs.orgA},
					"country": "JP", "start_date": "2027-04-12", "end_date": "2027-04-16", "time_zone": "Asia/Tokyo"}}
			}},
			{name: "change trip", allowed: writers, request: func(h *harness, _ string) request {
				return request{method: "PATCH", url: "/api/v1/trips/" + openTrip(h, cs.orgA, 5).ID, headers: map[string]string{"If-Match": "1"}, body: map[string]any{"capacity": 6}}
			}},
			{name: "add agenda item", allowed: writers, request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/trips/" + openTrip(h, cs.orgA, 5).ID + "/agenda", body: map[string]any{"starts_at": "2027-04-13T09:00:00+09:00",
					"ends_at": "2027-04-13T10:00:00+09:00", "title": "B2B", "kind": "b2b_meetings"}}
			}},
			{name: "delete trip", allowed: writers, request: func(h *harness, _ string) request {
				return request{method: "DELETE", url: "/api/v1/trips/" + openTrip(h, cs.orgA, 5).ID, headers: map[string]string{"If-Match": "1"}}
			}},
			{name: "register a person of A", allowed: []string{"admin", "coordinator", "key coordinator", "member of A", "key member of A"}, request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/trips/" + openTrip(h, cs.orgA, 5).ID + "/participants", body: map[string]any{"person_id": h.newPerson(cs.orgA, "Reg")}}
			}},
		})
	})
}

func TestDeletingAPersonGivesTheirSeatToTheNextInLine(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		org := h.newOrganisation("Seat Test GmbH", "DE").ID
		trip := openTrip(h, org, 1)
		seated, waiting := h.newPerson(org, "Seated"), h.newPerson(org, "Waiting")
		for _, p := range []string{seated, waiting} {
			if code := h.status(request{method: "POST", url: "/api/v1/trips/" + trip.ID + "/participants", body: map[string]any{"person_id": p}}); code != 201 {
				t.Fatalf("register: %d", code)
			}
		}
		if code := h.status(request{method: "DELETE", url: "/api/v1/people/" + seated, headers: map[string]string{"If-Match": "1"}}); code != 204 {
			t.Fatalf("delete person: %d", code)
		}
		list := decode[struct{ Items []participantBody }](t, h.get("/api/v1/trips/"+trip.ID+"/participants")).Items
		if len(list) != 1 || list[0].PersonID != waiting || list[0].Status != "confirmed" {
			t.Errorf("after the seated person was erased: %+v", list)
		}
	})
}
