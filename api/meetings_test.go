package api_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	ical "github.com/emersion/go-ical"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/mail"
)

type sessionBody struct {
	ID    string `json:"id"`
	Slots []struct {
		Slot          int    `json:"slot"`
		StartsAtLocal string `json:"starts_at_local"`
	} `json:"slots"`
	Version int `json:"version"`
}

type meetingBody struct {
	ID        string `json:"id"`
	Status    string `json:"status"`
	Scheduled bool   `json:"scheduled"`
	SessionID *string
	Slot      *int
	PlaceID   *string `json:"place_id"`
	Place     *struct {
		Name string `json:"name"`
	} `json:"place"`
	StartsAtLocal  *string `json:"starts_at_local"`
	UnplacedReason string  `json:"unplaced_reason"`
	NoShow         *string `json:"no_show"`
	Version        int     `json:"version"`
	Requester      sideBody
	Receiver       sideBody
}

type sideBody struct {
	PersonID *string `json:"person_id"`
	Person   *struct {
		DisplayName string `json:"display_name"`
		NameLatin   string `json:"name_latin"`
		NameLocal   string `json:"name_local"`
	} `json:"person"`
	OrganisationID string `json:"organisation_id"`
}

type meetingList struct {
	Items []meetingBody `json:"items"`
}

// meetingTrip is a trip to Osaka with two meeting sessions (three slots
// each), two tables, delegates of organisations A (DE) and B (JP), and a
// host of a third organisation.
type meetingTrip struct {
	trip     tripBody
	sessions []sessionBody
	places   []string
	a, b     []string // people of organisations A and B, registered
	host     string
	hostOrg  string
}

func (h *harness) meetingTrip(cs callers) meetingTrip {
	h.t.Helper()
	var w meetingTrip
	w.trip = openTrip(h, cs.orgA, 50)
	base := "/api/v1/trips/" + w.trip.ID
	for _, day := range []string{"2027-04-13", "2027-04-14"} {
		rec := h.do(request{method: "POST", url: base + "/meeting-sessions", body: map[string]any{"day": day, "start_time": "09:00", "end_time": "11:00", "meeting_minutes": 30, "break_minutes": 10}})
		if rec.Code != 201 {
			h.t.Fatalf("add session: %d %s", rec.Code, rec.Body.String())
		}
		w.sessions = append(w.sessions, decode[sessionBody](h.t, rec))
	}
	for _, name := range []string{"Table 1", "Table 2"} {
		rec := h.do(request{method: "POST", url: base + "/meeting-places", body: map[string]any{"name": name}})
		if rec.Code != 201 {
			h.t.Fatalf("add place: %d %s", rec.Code, rec.Body.String())
		}
		w.places = append(w.places, decode[struct{ ID string }](h.t, rec).ID)
	}
	register := func(org, family string) string {
		id := h.newPerson(org, family)
		if rec := h.do(request{method: "POST", url: base + "/participants", body: map[string]any{"person_id": id}}); rec.Code != 201 {
			h.t.Fatalf("register: %d %s", rec.Code, rec.Body.String())
		}
		return id
	}
	for i := range 3 {
		w.a = append(w.a, register(cs.orgA, fmt.Sprint("Müller", i)))
	}
	rec := h.do(request{method: "POST", url: "/api/v1/people", body: map[string]any{"organisation_id": cs.orgB, "family_name": "Tanaka", "given_name": "Ai",
		"family_name_local": "田中", "given_name_local": "愛"}})
	tanaka := decode[personBody](h.t, rec).ID
	if rec := h.do(request{method: "POST", url: base + "/participants", body: map[string]any{"person_id": tanaka}}); rec.Code != 201 {
		h.t.Fatalf("register: %d %s", rec.Code, rec.Body.String())
	}
	w.b = append(w.b, tanaka)
	for i := range 2 {
		w.b = append(w.b, register(cs.orgB, fmt.Sprint("Yamada", i)))
	}
	w.hostOrg = h.newOrganisation("Sample Pharma KK "+randomSuffix(), "JP").ID
	w.host = h.newPerson(w.hostOrg, "Suzuki")
	if rec := h.do(request{method: "POST", url: base + "/meeting-participants", body: map[string]any{"person_id": w.host}}); rec.Code != 201 {
		h.t.Fatalf("add host: %d %s", rec.Code, rec.Body.String())
	}
	return w
}

// available states availability as the admin, from version 1.
func (h *harness) available(w meetingTrip, person string, sessions ...int) {
	h.t.Helper()
	var ids []string
	for _, s := range sessions {
		ids = append(ids, w.sessions[s].ID)
	}
	rec := h.do(request{method: "PATCH", url: "/api/v1/trips/" + w.trip.ID + "/meeting-participants/" + person, headers: ifMatch(1), body: map[string]any{"session_ids": ids}})
	if rec.Code != 200 {
		h.t.Fatalf("availability: %d %s", rec.Code, rec.Body.String())
	}
}

func (h *harness) requestMeeting(w meetingTrip, as, from, to string) meetingBody {
	h.t.Helper()
	rec := h.do(request{method: "POST", url: "/api/v1/trips/" + w.trip.ID + "/meetings", as: as, body: map[string]any{"requester_person_id": from, "receiver_person_id": to, "message": "Cell therapy manufacturing?"}})
	if rec.Code != 201 {
		h.t.Fatalf("request: %d %s", rec.Code, rec.Body.String())
	}
	return decode[meetingBody](h.t, rec)
}

func (h *harness) meetingAction(w meetingTrip, as string, m meetingBody, action string, body map[string]any) (int, meetingBody) {
	h.t.Helper()
	rec := h.do(request{method: "POST", url: "/api/v1/trips/" + w.trip.ID + "/meetings/" + m.ID + "/" + action, as: as, headers: ifMatch(m.Version), body: body})
	var out meetingBody
	if rec.Code == 200 {
		out = decode[meetingBody](h.t, rec)
	} else {
		h.t.Logf("%s: %d %s", action, rec.Code, rec.Body.String())
	}
	return rec.Code, out
}

func TestMeetingsAreRequestedAcceptedAndScheduledInTheTripsTimeZone(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers()
		w := h.meetingTrip(cs)
		base := "/api/v1/trips/" + w.trip.ID
		if got := w.sessions[0].Slots; len(got) != 3 || got[0].StartsAtLocal != "2027-04-13T09:00:00+09:00" || got[2].StartsAtLocal != "2027-04-13T10:20:00+09:00" {
			t.Fatalf("slots of 09:00–11:00, 30 + 10 minutes, in Tokyo: %+v", got)
		}
		h.run([]scenario{
			{name: "a session outside the trip", req: request{method: "POST", url: base + "/meeting-sessions", body: map[string]any{"day": "2027-05-01", "start_time": "09:00", "end_time": "10:00", "meeting_minutes": 30}},
				wantStatus: 422, wantBody: []string{`"field":"day"`}},
			{name: "an overlapping session", req: request{method: "POST", url: base + "/meeting-sessions", body: map[string]any{"day": "2027-04-13", "start_time": "10:30", "end_time": "12:00", "meeting_minutes": 30}},
				wantStatus: 422, wantBody: []string{"overlaps"}},
			{name: "a member sets up no sessions", req: request{method: "POST", url: base + "/meeting-sessions", as: cs.bearer["member of A"], body: map[string]any{"day": "2027-04-15", "start_time": "09:00", "end_time": "10:00", "meeting_minutes": 30}},
				wantStatus: 403},
			{name: "a place name once per trip", req: request{method: "POST", url: base + "/meeting-places", body: map[string]any{"name": "Table 1"}}, wantStatus: 422},
			{name: "the participants: delegates and the host", req: request{url: base + "/meeting-participants", as: cs.bearer["member of B"]}, wantStatus: 200,
				wantBody: []string{`"role":"host"`, `"role":"delegate"`, `"name_local":"田中 愛"`, `"name_latin":"Ai Tanaka"`}, wantNotBody: []string{"email"}},
		})
		// Members state their own people's availability, not others'.
		if code := h.status(request{method: "PATCH", url: base + "/meeting-participants/" + w.b[0], as: cs.bearer["member of A"], headers: ifMatch(1), body: map[string]any{"session_ids": []string{w.sessions[0].ID}}}); code != 403 {
			t.Errorf("member of A stating B's availability: %d, want 403", code)
		}
		rec := h.do(request{method: "PATCH", url: base + "/meeting-participants/" + w.a[0], as: cs.bearer["member of A"], headers: ifMatch(1), body: map[string]any{"session_ids": []string{w.sessions[1].ID, w.sessions[0].ID}}})
		if rec.Code != 200 || rec.Header().Get("ETag") != `"2"` || !strings.Contains(rec.Body.String(), `"session_ids":["`+w.sessions[0].ID+`","`+w.sessions[1].ID+`"]`) {
			t.Fatalf("member of A stating availability: %d %s", rec.Code, rec.Body.String())
		}
		if code := h.status(request{method: "PATCH", url: base + "/meeting-participants/" + w.a[0], as: cs.bearer["member of A"], headers: ifMatch(1), body: map[string]any{"session_ids": []string{}}}); code != 412 {
			t.Errorf("stale availability: %d, want 412", code)
		}
		for _, p := range append(append([]string{}, w.a[1:]...), w.b...) {
			h.available(w, p, 0, 1)
		}
		h.available(w, w.host, 1)

		// Requests: members for their own people, between organisations.
		if code := h.status(request{method: "POST", url: base + "/meetings", as: cs.bearer["member of B"], body: map[string]any{"requester_person_id": w.a[0], "receiver_person_id": w.b[0]}}); code != 403 {
			t.Errorf("member of B requesting for A's person: %d, want 403", code)
		}
		if code := h.status(request{method: "POST", url: base + "/meetings", as: cs.bearer["member of A"], body: map[string]any{"requester_person_id": w.a[0], "receiver_person_id": w.a[1]}}); code != 422 {
			t.Errorf("a meeting within one organisation: %d, want 422", code)
		}
		// The opportunity a request is about must be one the caller reads.
		opp := h.createOpportunity("", offer(cs.orgB, nil))
		if code := h.status(request{method: "POST", url: base + "/meetings", as: cs.bearer["member of A"], body: map[string]any{"requester_person_id": w.a[2], "receiver_person_id": w.b[2],
			"opportunity_id": w.trip.ID}}); code != 422 {
			t.Errorf("a request about no opportunity: %d, want 422", code)
		}
		rec = h.do(request{method: "POST", url: base + "/meetings", as: cs.bearer["member of A"], body: map[string]any{"requester_person_id": w.a[2], "receiver_person_id": w.b[2],
			"opportunity_id": opp.ID}})
		if rec.Code != 201 || !strings.Contains(rec.Body.String(), `"opportunity_id":"`+opp.ID+`"`) {
			t.Fatalf("a request about an opportunity: %d %s", rec.Code, rec.Body.String())
		}
		aboutOpp := decode[meetingBody](t, rec)
		if code, _ := h.meetingAction(w, cs.bearer["member of A"], aboutOpp, "cancel", map[string]any{}); code != 200 {
			t.Fatalf("withdrawing it: %d", code)
		}
		m := h.requestMeeting(w, cs.bearer["member of A"], w.a[0], w.b[0])
		if m.Status != "requested" || m.Scheduled || m.Receiver.Person == nil || m.Receiver.Person.NameLocal != "田中 愛" {
			t.Fatalf("new request: %+v", m)
		}
		if code := h.status(request{method: "POST", url: base + "/meetings", as: cs.bearer["member of A"], body: map[string]any{"requester_person_id": w.a[0], "receiver_person_id": w.b[0]}}); code != 409 {
			t.Errorf("a second open request between the same two: %d, want 409", code)
		}
		// The requester cannot accept; the receiver's organisation does, and
		// the meeting takes the first slot both are free in.
		if code, _ := h.meetingAction(w, cs.bearer["member of A"], m, "accept", map[string]any{}); code != 403 {
			t.Errorf("requester accepting: %d, want 403", code)
		}
		code, acc := h.meetingAction(w, cs.bearer["member of B"], m, "accept", map[string]any{})
		if code != 200 || acc.Status != "accepted" || !acc.Scheduled || acc.StartsAtLocal == nil || *acc.StartsAtLocal != "2027-04-13T09:00:00+09:00" || acc.Place == nil || acc.Place.Name != "Table 1" {
			t.Fatalf("accepted: %d %+v", code, acc)
		}
		if code, _ := h.meetingAction(w, cs.bearer["member of B"], acc, "accept", map[string]any{}); code != 409 {
			t.Errorf("accepting twice: %d, want 409", code)
		}
		// A second meeting of the same person goes to the next slot; one of
		// two other people takes the other table in the first slot.
		m2 := h.requestMeeting(w, cs.bearer["member of A"], w.a[0], w.b[1])
		_, acc2 := h.meetingAction(w, cs.bearer["member of B"], m2, "accept", map[string]any{})
		m3 := h.requestMeeting(w, cs.bearer["member of A"], w.a[1], w.b[2])
		_, acc3 := h.meetingAction(w, cs.bearer["member of B"], m3, "accept", map[string]any{})
		if *acc2.StartsAtLocal != "2027-04-13T09:40:00+09:00" || *acc3.StartsAtLocal != "2027-04-13T09:00:00+09:00" || acc3.Place.Name != "Table 2" {
			t.Errorf("second meeting at %s, third at %s %s", *acc2.StartsAtLocal, *acc3.StartsAtLocal, acc3.Place.Name)
		}
		// A request to an organisation present: its member names who attends.
		rec = h.do(request{method: "POST", url: base + "/meetings", as: cs.bearer["member of A"], body: map[string]any{"requester_person_id": w.a[2], "receiver_organisation_id": w.hostOrg}})
		if rec.Code != 201 {
			t.Fatalf("request to an organisation: %d %s", rec.Code, rec.Body.String())
		}
		toOrg := decode[meetingBody](t, rec)
		if code, _ := h.meetingAction(w, "", toOrg, "accept", map[string]any{}); code != 422 {
			t.Errorf("accepting without naming who attends: %d, want 422", code)
		}
		_, accOrg := h.meetingAction(w, "", toOrg, "accept", map[string]any{"person_id": w.host})
		if !accOrg.Scheduled || *accOrg.StartsAtLocal != "2027-04-14T09:00:00+09:00" {
			t.Errorf("the host is available only on the 14th: %+v", accOrg)
		}

		// Who sees what: members their own organisation's meetings.
		if l := decode[meetingList](t, h.get(base+"/meetings")); len(l.Items) != 5 {
			t.Errorf("admin sees %d meetings, want 5 (one withdrawn)", len(l.Items))
		}
		if l := decode[meetingList](t, h.do(request{url: base + "/meetings", as: cs.bearer["member of B"]})); len(l.Items) != 4 {
			t.Errorf("member of B sees %d meetings, want its 4", len(l.Items))
		}
		other := h.newOrganisation("Other GmbH "+randomSuffix(), "DE").ID
		outsider := h.bearer(h.newUser("member", &other))
		if l := decode[meetingList](t, h.do(request{url: base + "/meetings", as: outsider})); len(l.Items) != 0 {
			t.Errorf("an outsider sees %d meetings", len(l.Items))
		}
		if code := h.status(request{url: base + "/meetings/" + acc.ID, as: outsider}); code != 403 {
			t.Errorf("an outsider reading a meeting: %d, want 403", code)
		}
		if l := decode[meetingList](t, h.do(request{url: base + "/meetings?status=accepted&scheduled=true", as: cs.bearer["viewer"]})); len(l.Items) != 4 {
			t.Errorf("viewer sees %d scheduled meetings, want 4", len(l.Items))
		}

		// Rescheduling (coordinators), to the next free slot or a named one.
		if code, _ := h.meetingAction(w, cs.bearer["member of A"], acc, "reschedule", map[string]any{}); code != 403 {
			t.Errorf("member rescheduling: %d, want 403", code)
		}
		code, moved := h.meetingAction(w, cs.bearer["coordinator"], acc, "reschedule", map[string]any{})
		if code != 200 || *moved.StartsAtLocal == *acc.StartsAtLocal {
			t.Errorf("rescheduled to %v (%d)", moved.StartsAtLocal, code)
		}
		if code, _ := h.meetingAction(w, "", moved, "reschedule", map[string]any{"session_id": w.sessions[0].ID, "slot": 0, "place_id": w.places[1]}); code != 409 {
			t.Errorf("moving into a taken table: %d, want 409", code)
		}
		code, named := h.meetingAction(w, "", moved, "reschedule", map[string]any{"session_id": w.sessions[1].ID, "slot": 2, "place_id": w.places[1]})
		if code != 200 || *named.StartsAtLocal != "2027-04-14T10:20:00+09:00" || named.Place.Name != "Table 2" {
			t.Errorf("moved to a named slot: %d %+v", code, named)
		}
		// Cancelling frees the slot; the other side may cancel.
		code, cancelled := h.meetingAction(w, cs.bearer["member of B"], acc3, "cancel", map[string]any{"reason": "Flight changed"})
		if code != 200 || cancelled.Status != "cancelled" {
			t.Errorf("cancel: %d %+v", code, cancelled)
		}
		// No-show marking, coordinators only.
		rec = h.do(request{method: "PATCH", url: base + "/meetings/" + named.ID, as: cs.bearer["coordinator"], headers: ifMatch(named.Version), body: map[string]any{"no_show": "receiver"}})
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"no_show":"receiver"`) {
			t.Errorf("no-show: %d %s", rec.Code, rec.Body.String())
		}
		// Every change is in the audit log.
		if l := h.get("/api/v1/audit-events?entity_type=meeting&entity_id=" + acc.ID).Body.String(); !strings.Contains(l, `"action":"accept"`) || !strings.Contains(l, `"action":"reschedule"`) {
			t.Errorf("audit of the meeting: %s", l)
		}
	})
}

func TestScheduleAllPlacesWhatFitsAndSaysWhyNot(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers()
		w := h.meetingTrip(cs)
		base := "/api/v1/trips/" + w.trip.ID
		h.available(w, w.a[0], 0)
		h.available(w, w.b[0], 0)
		h.available(w, w.b[1], 1) // shares no session with a[0]
		// Accepted before anyone stated when they can: nothing fits yet.
		m1 := h.requestMeeting(w, cs.bearer["member of A"], w.a[0], w.b[0])
		m2 := h.requestMeeting(w, cs.bearer["member of A"], w.a[0], w.b[1])
		m3 := h.requestMeeting(w, cs.bearer["member of A"], w.a[1], w.b[2])
		for _, m := range []meetingBody{m1, m2, m3} {
			if code, got := h.meetingAction(w, cs.bearer["member of B"], m, "accept", map[string]any{}); code != 200 || (m.ID != m1.ID && got.Scheduled) {
				t.Fatalf("accept %s: %d %+v", m.ID, code, got)
			}
		}
		h.available(w, w.a[1], 1)
		h.available(w, w.b[2], 1)
		if code := h.status(request{method: "POST", url: base + "/meeting-schedule", as: cs.bearer["member of A"]}); code != 403 {
			t.Errorf("member scheduling all: %d, want 403", code)
		}
		rec := h.do(request{method: "POST", url: base + "/meeting-schedule", as: cs.bearer["coordinator"]})
		res := decode[struct {
			Placed    int      `json:"placed"`
			PlacedIDs []string `json:"placed_ids"`
			Unplaced  []struct {
				MeetingID string `json:"meeting_id"`
				Reason    string `json:"reason"`
			} `json:"unplaced"`
		}](t, rec)
		if rec.Code != 200 || res.Placed != 1 || res.PlacedIDs[0] != m3.ID || len(res.Unplaced) != 1 || res.Unplaced[0].MeetingID != m2.ID || res.Unplaced[0].Reason != "no_common_session" {
			t.Fatalf("schedule all: %d %s", rec.Code, rec.Body.String())
		}
		unscheduled := decode[meetingList](t, h.get(base+"/meetings?status=accepted&scheduled=false"))
		if len(unscheduled.Items) != 1 || unscheduled.Items[0].UnplacedReason != "no_common_session" {
			t.Errorf("unscheduled list: %+v", unscheduled)
		}
		// The grid: places × slots with who meets whom.
		grid := h.do(request{url: base + "/meeting-schedule", as: cs.bearer["viewer"]})
		if grid.Code != 200 || strings.Count(grid.Body.String(), `"meeting_id":"`) != 2 || !strings.Contains(grid.Body.String(), `"starts_at_local":"2027-04-14T09:00:00+09:00"`) {
			t.Errorf("grid: %d %s", grid.Code, grid.Body.String())
		}
		if code := h.status(request{url: base + "/meeting-schedule", as: cs.bearer["member of A"]}); code != 403 {
			t.Errorf("member reading the grid: %d, want 403", code)
		}

		// Outcomes: each side its own; notes stay with their organisation.
		out := func(as, side string, body map[string]any) int {
			body["side"] = side
			return h.status(request{method: "POST", url: base + "/meetings/" + m1.ID + "/outcomes", as: as, body: body})
		}
		if code := out(cs.bearer["member of B"], "requester", map[string]any{"attendance": "held"}); code != 403 {
			t.Errorf("B recording A's outcome: %d, want 403", code)
		}
		if code := out(cs.bearer["member of A"], "requester", map[string]any{"attendance": "held", "rating": 5, "follow_up": true, "next_step": "nda", "note": "Strong fit; NDA first"}); code != 201 {
			t.Errorf("A's outcome: %d", code)
		}
		if code := out(cs.bearer["member of B"], "receiver", map[string]any{"attendance": "held", "rating": 7}); code != 422 {
			t.Errorf("rating 7: %d, want 422", code)
		}
		if code := out(cs.bearer["member of B"], "receiver", map[string]any{"attendance": "held", "rating": 4, "follow_up": true, "next_step": "second_meeting", "note": "社内で検討"}); code != 201 {
			t.Errorf("B's outcome: %d", code)
		}
		if code := out(cs.bearer["member of A"], "requester", map[string]any{"attendance": "held"}); code != 409 {
			t.Errorf("a second outcome of a side: %d, want 409", code)
		}
		asB := h.do(request{url: base + "/meetings/" + m1.ID + "/outcomes", as: cs.bearer["member of B"]}).Body.String()
		if strings.Contains(asB, "NDA first") || !strings.Contains(asB, "社内で検討") {
			t.Errorf("B reads: %s", asB)
		}
		if coord := h.do(request{url: base + "/meetings/" + m1.ID + "/outcomes", as: cs.bearer["coordinator"]}).Body.String(); strings.Contains(coord, "NDA first") || strings.Contains(coord, "社内で検討") {
			t.Errorf("the coordinator reads private notes: %s", coord)
		}
		rec = h.do(request{method: "PATCH", url: base + "/meetings/" + m1.ID + "/outcomes/requester", as: cs.bearer["member of A"], headers: ifMatch(1), body: map[string]any{"next_step": "agreement"}})
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"next_step":"agreement"`) {
			t.Errorf("changing an outcome: %d %s", rec.Code, rec.Body.String())
		}
		// The chain meeting → agreement → project: both may name the meeting.
		h.run([]scenario{
			{name: "an agreement from a meeting", req: request{method: "POST", url: "/api/v1/agreements", body: map[string]any{"title": "NDA Example", "kind": "confidentiality_agreement",
				"parties": parties(cs.orgA, cs.orgB), "origin_meeting_id": m1.ID}}, wantStatus: 201, wantBody: []string{`"origin_meeting_id":"` + m1.ID + `"`}},
			{name: "a project from a meeting", req: request{method: "POST", url: "/api/v1/projects", body: map[string]any{"title": "Joint CAR-T process", "partners": partnerList(cs.orgA, "coordinator", cs.orgB, "partner"),
				"origin_meeting_id": m1.ID}}, wantStatus: 201, wantBody: []string{`"origin_meeting_id":"` + m1.ID + `"`}},
			{name: "no such meeting", req: request{method: "POST", url: "/api/v1/projects", body: map[string]any{"title": "X", "partners": partnerList(cs.orgA, "coordinator"),
				"origin_meeting_id": w.trip.ID}}, wantStatus: 422, wantBody: []string{`"field":"origin_meeting_id"`}},
		})
		stats := h.do(request{url: base + "/meeting-statistics", as: cs.bearer["coordinator"]})
		for _, frag := range []string{`"requested":3`, `"accepted":3`, `"scheduled":2`, `"unscheduled":1`, `"held":1`, `"no_shows":0`, `"agreement":1`, `"second_meeting":1`, `"title":"NDA Example"`, `"title":"Joint CAR-T process"`} {
			if !strings.Contains(stats.Body.String(), frag) {
				t.Errorf("statistics lack %s: %s", frag, stats.Body.String())
			}
		}
		if code := h.status(request{url: base + "/meeting-statistics", as: cs.bearer["member of A"]}); code != 403 {
			t.Errorf("member reading statistics: %d, want 403", code)
		}
	})
}

func TestPersonalAgendaAndCalendarFeed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers()
		w := h.meetingTrip(cs)
		base := "/api/v1/trips/" + w.trip.ID
		if rec := h.do(request{method: "POST", url: base + "/agenda", body: map[string]any{"starts_at": "2027-04-13T14:00:00+09:00", "ends_at": "2027-04-13T16:00:00+09:00", "title": "Visit to Example Pharma", "kind": "company_visit"}}); rec.Code != 201 {
			t.Fatalf("agenda item: %d %s", rec.Code, rec.Body.String())
		}
		h.available(w, w.a[0], 0, 1)
		h.available(w, w.b[0], 0)
		m := h.requestMeeting(w, cs.bearer["member of A"], w.a[0], w.b[0])
		_, acc := h.meetingAction(w, cs.bearer["member of B"], m, "accept", map[string]any{})

		rec := h.do(request{url: base + "/meeting-participants/" + w.a[0] + "/agenda?time_zone=Europe/Berlin", as: cs.bearer["member of A"]})
		agenda := decode[struct {
			TimeZone string `json:"time_zone"`
			Days     []struct {
				Date    string `json:"date"`
				Entries []struct {
					Kind           string  `json:"kind"`
					StartsAtLocal  string  `json:"starts_at_local"`
					StartsAtViewer *string `json:"starts_at_viewer"`
					Title          string  `json:"title"`
					Location       string  `json:"location"`
				} `json:"entries"`
			} `json:"days"`
		}](t, rec)
		if rec.Code != 200 || len(agenda.Days) != 1 || agenda.Days[0].Date != "2027-04-13" || len(agenda.Days[0].Entries) != 2 {
			t.Fatalf("agenda: %d %s", rec.Code, rec.Body.String())
		}
		first := agenda.Days[0].Entries[0]
		if first.Kind != "meeting" || first.StartsAtLocal != "2027-04-13T09:00:00+09:00" || first.StartsAtViewer == nil || *first.StartsAtViewer != "2027-04-13T02:00:00+02:00" ||
			!strings.Contains(first.Title, "Ai Tanaka") || first.Location != "Table 1" || agenda.Days[0].Entries[1].Kind != "programme" {
			t.Errorf("agenda entries: %+v", agenda.Days[0].Entries)
		}
		h.run([]scenario{
			{name: "a member reads another organisation's agenda", req: request{url: base + "/meeting-participants/" + w.b[0] + "/agenda", as: cs.bearer["member of A"]}, wantStatus: 403},
			{name: "a bad viewer time zone", req: request{url: base + "/meeting-participants/" + w.a[0] + "/agenda?time_zone=Mars/Olympus", as: cs.bearer["member of A"]}, wantStatus: 400},
			{name: "a member makes no feed for B's people", req: request{method: "POST", url: base + "/meeting-participants/" + w.b[0] + "/calendar-feed", as: cs.bearer["member of A"]}, wantStatus: 403},
		})

		rec = h.do(request{method: "POST", url: base + "/meeting-participants/" + w.a[0] + "/calendar-feed", as: cs.bearer["member of A"]})
		feed := decode[struct {
			Token   string `json:"token"`
			URL     string `json:"url"`
			Version int    `json:"version"`
		}](t, rec)
		if rec.Code != 201 || !strings.HasPrefix(feed.Token, "imc_") {
			t.Fatalf("feed: %d %s", rec.Code, rec.Body.String())
		}
		cal := h.do(request{url: feed.URL, as: anonymous})
		if cal.Code != 200 || !strings.HasPrefix(cal.Header().Get("Content-Type"), "text/calendar") {
			t.Fatalf("feed without signing in: %d %s", cal.Code, cal.Body.String())
		}
		parsed, err := ical.NewDecoder(strings.NewReader(cal.Body.String())).Decode()
		if err != nil {
			t.Fatalf("the feed does not parse: %v\n%s", err, cal.Body.String())
		}
		var found bool
		for _, e := range parsed.Events() {
			uid, _ := e.Props.Text(ical.PropUID)
			if uid != "meeting-"+acc.ID+"@innomunich" {
				continue
			}
			found = true
			summary, _ := e.Props.Text(ical.PropSummary)
			seq := e.Props.Get(ical.PropSequence)
			start, _ := e.DateTimeStart(nil)
			if !strings.Contains(summary, "Table 1") || !strings.Contains(summary, "メンバーB製薬株式会社") || seq == nil || seq.Value != fmt.Sprint(acc.Version) ||
				start.UTC().Format("2006-01-02T15:04") != "2027-04-13T00:00" {
				t.Errorf("meeting event: summary %q sequence %v start %s", summary, seq, start)
			}
		}
		if !found {
			t.Errorf("no event for the meeting:\n%s", cal.Body.String())
		}
		var stored int64
		if err := db.Conn(setupCtx()).Table("meeting_feed_tokens").Where("token_hash = ?", feed.Token).Count(&stored).Error; err != nil || stored != 0 {
			t.Errorf("the token is stored as it is (%d, %v)", stored, err)
		}
		if code := h.status(request{url: "/api/v1/meeting-feeds/imc_made-up/calendar.ics", as: anonymous}); code != 404 {
			t.Errorf("made-up token: %d, want 404", code)
		}
		if code := h.status(request{method: "DELETE", url: base + "/meeting-participants/" + w.a[0] + "/calendar-feed", as: cs.bearer["member of A"], headers: ifMatch(feed.Version)}); code != 204 {
			t.Errorf("revoke: %d", code)
		}
		if code := h.status(request{url: feed.URL, as: anonymous}); code != 404 {
			t.Errorf("revoked feed: %d, want 404", code)
		}
	})
}

// smallMeetingTrip is a trip with one session, one table and one
// registered person each of organisations A and B, both available.
type smallTrip struct {
	base, session, place, a, b string
}

func (h *harness) smallMeetingTrip(cs callers) smallTrip {
	h.t.Helper()
	t := openTrip(h, cs.orgA, 50)
	w := smallTrip{base: "/api/v1/trips/" + t.ID}
	rec := h.do(request{method: "POST", url: w.base + "/meeting-sessions", body: map[string]any{"day": "2027-04-13", "start_time": "09:00", "end_time": "12:00", "meeting_minutes": 30}})
	w.session = decode[sessionBody](h.t, rec).ID
	w.place = decode[struct{ ID string }](h.t, h.do(request{method: "POST", url: w.base + "/meeting-places", body: map[string]any{"name": "Table"}})).ID
	for _, p := range []struct {
		org string
		dst *string
	}{{cs.orgA, &w.a}, {cs.orgB, &w.b}} {
		*p.dst = h.newPerson(p.org, "Person")
		h.do(request{method: "POST", url: w.base + "/participants", body: map[string]any{"person_id": *p.dst}})
		if rec := h.do(request{method: "PATCH", url: w.base + "/meeting-participants/" + *p.dst, headers: ifMatch(1), body: map[string]any{"session_ids": []string{w.session}}}); rec.Code != 200 {
			h.t.Fatalf("availability: %d %s", rec.Code, rec.Body.String())
		}
	}
	return w
}

func (w smallTrip) asTrip() meetingTrip {
	return meetingTrip{trip: tripBody{ID: strings.TrimPrefix(w.base, "/api/v1/trips/")}}
}

// meeting requests a meeting from A's person to B's, accepted when asked.
func (h *harness) smallMeeting(w smallTrip, accept bool) meetingBody {
	h.t.Helper()
	rec := h.do(request{method: "POST", url: w.base + "/meetings", body: map[string]any{"requester_person_id": w.a, "receiver_person_id": w.b}})
	m := decode[meetingBody](h.t, rec)
	if accept {
		m = decode[meetingBody](h.t, h.do(request{method: "POST", url: w.base + "/meetings/" + m.ID + "/accept", headers: ifMatch(m.Version), body: map[string]any{}}))
	}
	return m
}

// TestMeetingsAuthorization runs every meeting write as every kind of
// caller, on a trip of its own each time (checkWrites).
//
// make test runs it on PostgreSQL without the race detector (ONE_GOROUTINE
// in the Makefile): keep its requests on the test's goroutine.
func TestMeetingsAuthorization(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers()
		coordinators := []string{"admin", "coordinator", "key coordinator"}
		forA := []string{"admin", "coordinator", "member of A", "key coordinator", "key member of A"}
		forB := []string{"admin", "coordinator", "member of B", "key coordinator"}
		eitherSide := []string{"admin", "coordinator", "member of A", "member of B", "key coordinator", "key member of A"}
		h.checkWrites(t, cs, []writeCase{
			{name: "add meeting session", allowed: coordinators, request: func(h *harness, _ string) request {
				w := h.smallMeetingTrip(cs)
				return request{method: "POST", url: w.base + "/meeting-sessions", body: map[string]any{"day": "2027-04-14", "start_time": "09:00", "end_time": "10:00", "meeting_minutes": 30}}
			}},
			{name: "change meeting session", allowed: coordinators, request: func(h *harness, _ string) request {
				w := h.smallMeetingTrip(cs)
				return request{method: "PATCH", url: w.base + "/meeting-sessions/" + w.session, headers: ifMatch(1), body: map[string]any{"break_minutes": 5}}
			}},
			{name: "delete meeting session", allowed: coordinators, request: func(h *harness, _ string) request {
				w := h.smallMeetingTrip(cs)
				return request{method: "DELETE", url: w.base + "/meeting-sessions/" + w.session, headers: ifMatch(1)}
			}},
			{name: "add meeting place", allowed: coordinators, request: func(h *harness, _ string) request {
				w := h.smallMeetingTrip(cs)
				return request{method: "POST", url: w.base + "/meeting-places", body: map[string]any{"name": "Room 2", "virtual": true}}
			}},
			{name: "change meeting place", allowed: coordinators, request: func(h *harness, _ string) request {
				w := h.smallMeetingTrip(cs)
				return request{method: "PATCH", url: w.base + "/meeting-places/" + w.place, headers: ifMatch(1), body: map[string]any{"name": "Room 3"}}
			}},
			{name: "delete meeting place", allowed: coordinators, request: func(h *harness, _ string) request {
				w := h.smallMeetingTrip(cs)
				return request{method: "DELETE", url: w.base + "/meeting-places/" + w.place, headers: ifMatch(1)}
			}},
			{name: "add host", allowed: coordinators, request: func(h *harness, _ string) request {
				w := h.smallMeetingTrip(cs)
				return request{method: "POST", url: w.base + "/meeting-participants", body: map[string]any{"person_id": h.newPerson(cs.orgB, "Host")}}
			}},
			{name: "state availability of A's person", allowed: forA, request: func(h *harness, _ string) request {
				w := h.smallMeetingTrip(cs)
				return request{method: "PATCH", url: w.base + "/meeting-participants/" + w.a, headers: ifMatch(2), body: map[string]any{"session_ids": []string{}}}
			}},
			{name: "request a meeting for A's person", allowed: forA, request: func(h *harness, _ string) request {
				w := h.smallMeetingTrip(cs)
				return request{method: "POST", url: w.base + "/meetings", body: map[string]any{"requester_person_id": w.a, "receiver_person_id": w.b}}
			}},
			{name: "accept a request to B", allowed: forB, request: func(h *harness, _ string) request {
				w := h.smallMeetingTrip(cs)
				m := h.smallMeeting(w, false)
				return request{method: "POST", url: w.base + "/meetings/" + m.ID + "/accept", headers: ifMatch(m.Version), body: map[string]any{}}
			}},
			{name: "decline a request to B", allowed: forB, request: func(h *harness, _ string) request {
				w := h.smallMeetingTrip(cs)
				m := h.smallMeeting(w, false)
				return request{method: "POST", url: w.base + "/meetings/" + m.ID + "/decline", headers: ifMatch(m.Version), body: map[string]any{"reason": "Not now"}}
			}},
			{name: "cancel a meeting", allowed: eitherSide, request: func(h *harness, _ string) request {
				w := h.smallMeetingTrip(cs)
				m := h.smallMeeting(w, true)
				return request{method: "POST", url: w.base + "/meetings/" + m.ID + "/cancel", headers: ifMatch(m.Version), body: map[string]any{}}
			}},
			{name: "reschedule a meeting", allowed: coordinators, request: func(h *harness, _ string) request {
				w := h.smallMeetingTrip(cs)
				m := h.smallMeeting(w, true)
				return request{method: "POST", url: w.base + "/meetings/" + m.ID + "/reschedule", headers: ifMatch(m.Version), body: map[string]any{}}
			}},
			{name: "mark a no-show", allowed: coordinators, request: func(h *harness, _ string) request {
				w := h.smallMeetingTrip(cs)
				m := h.smallMeeting(w, true)
				return request{method: "PATCH", url: w.base + "/meetings/" + m.ID, headers: ifMatch(m.Version), body: map[string]any{"no_show": "both"}}
			}},
			{name: "schedule all", allowed: coordinators, request: func(h *harness, _ string) request {
				w := h.smallMeetingTrip(cs)
				m := h.smallMeeting(w, false)
				// Accepted while nobody is available, so schedule all has one to place.
				h.do(request{method: "PATCH", url: w.base + "/meeting-participants/" + w.a, headers: ifMatch(2), body: map[string]any{"session_ids": []string{}}})
				h.do(request{method: "POST", url: w.base + "/meetings/" + m.ID + "/accept", headers: ifMatch(m.Version), body: map[string]any{}})
				h.do(request{method: "PATCH", url: w.base + "/meeting-participants/" + w.a, headers: ifMatch(3), body: map[string]any{"session_ids": []string{w.session}}})
				return request{method: "POST", url: w.base + "/meeting-schedule"}
			}},
			{name: "record A's outcome", allowed: forA, request: func(h *harness, _ string) request {
				w := h.smallMeetingTrip(cs)
				m := h.smallMeeting(w, true)
				return request{method: "POST", url: w.base + "/meetings/" + m.ID + "/outcomes", body: map[string]any{"side": "requester", "attendance": "held", "rating": 4}}
			}},
			{name: "make A's person's calendar feed", allowed: forA, request: func(h *harness, _ string) request {
				w := h.smallMeetingTrip(cs)
				return request{method: "POST", url: w.base + "/meeting-participants/" + w.a + "/calendar-feed"}
			}},
		})

		w := h.smallMeetingTrip(cs)
		m := h.smallMeeting(w, true)
		readers := []string{"admin", "coordinator", "member of A", "member of B", "viewer", "key coordinator", "key member of A", "key viewer"}
		allOfThem := []string{"admin", "coordinator", "viewer", "key coordinator", "key viewer"}
		for _, rd := range []struct {
			url     string
			allowed []string
		}{
			{w.base + "/meeting-sessions", readers},
			{w.base + "/meeting-places", readers},
			{w.base + "/meeting-participants", readers},
			{w.base + "/meetings", readers},
			{w.base + "/meetings/" + m.ID, readers},
			{w.base + "/meetings/" + m.ID + "/outcomes", readers},
			{w.base + "/meeting-participants/" + w.a + "/agenda", []string{"admin", "coordinator", "member of A", "viewer", "key coordinator", "key member of A", "key viewer"}},
			{w.base + "/meeting-schedule", allOfThem},
			{w.base + "/meeting-statistics", allOfThem},
		} {
			for _, caller := range callerNames {
				want := 403
				switch {
				case slices.Contains(rd.allowed, caller):
					want = 200
				case caller == "anonymous":
					want = 401
				}
				if got := h.status(request{url: rd.url, as: cs.bearer[caller]}); got != want {
					t.Errorf("GET %s as %s: %d, want %d", rd.url, caller, got, want)
				}
			}
		}
	})
}

// Each step of a meeting is told to those concerned, in their language,
// queued with the change: the request to the side asked, the time (with
// the meeting as a calendar entry) to both, a cancellation to both.
func TestMeetingNotificationsGoToBothSidesInTheirLanguages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers()
		w := h.smallMeetingTrip(cs)
		userA, userB := h.newUser("member", &cs.orgA), h.newUser("member", &cs.orgB)
		// B's person has an address and reads Japanese.
		rec := h.do(request{method: "POST", url: "/api/v1/people", body: map[string]any{"organisation_id": cs.orgB, "family_name": "Sato", "given_name": "Ken",
			"family_name_local": "佐藤", "given_name_local": "健", "email": "sato-" + randomSuffix() + "@example.jp", "languages": []string{"ja"}}})
		sato := decode[struct {
			ID    string `json:"id"`
			Email string `json:"email"`
		}](t, rec)
		h.do(request{method: "POST", url: w.base + "/participants", body: map[string]any{"person_id": sato.ID}})
		h.do(request{method: "PATCH", url: w.base + "/meeting-participants/" + sato.ID, headers: ifMatch(1), body: map[string]any{"session_ids": []string{w.session}}})

		rec = h.do(request{method: "POST", url: w.base + "/meetings", as: cs.bearer["member of A"], body: map[string]any{"requester_person_id": w.a, "receiver_person_id": sato.ID, "message": "Let us talk"}})
		m := decode[meetingBody](t, rec)
		subjects := func(addr string) []string {
			var out []string
			for _, msg := range meetingMails(t, db, addr) {
				out = append(out, msg.Subject)
			}
			return out
		}
		if got := subjects(sato.Email); len(got) != 1 || !strings.Contains(got[0], "面談の依頼") {
			t.Errorf("Sato's mail after the request: %q", got)
		}
		if got := subjects(userB.Email); len(got) != 1 || !strings.HasPrefix(got[0], "Meeting request from") {
			t.Errorf("B's user's mail after the request: %q", got)
		}
		if got := subjects(userA.Email); len(got) != 0 {
			t.Errorf("A's user told of its own request: %q", got)
		}
		_, acc := h.meetingAction(w.asTrip(), cs.bearer["member of B"], m, "accept", map[string]any{})
		msgs := meetingMails(t, db, userA.Email)
		if len(msgs) != 1 || !strings.HasPrefix(msgs[0].Subject, "Meeting scheduled") || len(msgs[0].Attachments) != 1 ||
			!strings.Contains(string(msgs[0].Attachments[0].Data), "UID:meeting-"+acc.ID+"@innomunich") || !strings.Contains(string(msgs[0].Attachments[0].Data), "METHOD:REQUEST") {
			t.Fatalf("A's user's mail after acceptance: %+v", msgs)
		}
		if got := subjects(sato.Email); len(got) != 2 || !strings.Contains(got[1], "面談が決まりました") {
			t.Errorf("Sato's mails after acceptance: %q", got)
		}
		h.meetingAction(w.asTrip(), cs.bearer["member of A"], acc, "cancel", map[string]any{"reason": "Flight changed"})
		msgs = meetingMails(t, db, userB.Email)
		last := msgs[len(msgs)-1]
		if !strings.HasPrefix(last.Subject, "Meeting cancelled") || !strings.Contains(last.Text, "Flight changed") || len(last.Attachments) != 1 ||
			!strings.Contains(string(last.Attachments[0].Data), "METHOD:CANCEL") {
			t.Errorf("B's user's mail after the cancellation: %s / %s", last.Subject, last.Text)
		}
	})
}

// meetingMails are the meeting notifications queued for addr (not, say,
// the trip registration's), oldest first.
func meetingMails(t *testing.T, db *database.DB, addr string) []mail.Message {
	var out []mail.Message
	for _, m := range queuedMessages(t, db, addr) {
		if strings.HasPrefix(m.Kind, "meeting_") {
			out = append(out, m)
		}
	}
	return out
}
