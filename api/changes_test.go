package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

type changeBody struct {
	Cursor  string         `json:"cursor"`
	Type    string         `json:"type"`
	ID      string         `json:"id"`
	Action  string         `json:"action"`
	Version int            `json:"version"`
	Data    map[string]any `json:"data"`
}

type changeFeedBody struct {
	Items      []changeBody `json:"items"`
	NextCursor string       `json:"next_cursor"`
	HasMore    bool         `json:"has_more"`
}

// readFeed reads the feed as the caller from after until done says it has
// what it waits for and returns the events and the cursor to go on from.
// On PostgreSQL a change shows once no older transaction runs, those of
// other databases of the server included: on a machine busy with other
// tests that can take a while, so the deadline only detects a hang (it
// was 30 s, and a run beside a data set being generated got an empty
// feed, then panicked on it).
func (h *harness) readFeed(as, after string, done func([]changeBody) bool) ([]changeBody, string) {
	h.t.Helper()
	var got []changeBody
	deadline := time.Now().Add(2 * time.Minute)
	for {
		rec := h.do(request{url: "/api/v1/changes?limit=200&after=" + after, as: as})
		if rec.Code != 200 {
			h.t.Fatalf("feed: %d %s", rec.Code, rec.Body.String())
		}
		page := decode[changeFeedBody](h.t, rec)
		got = append(got, page.Items...)
		after = page.NextCursor
		if page.HasMore {
			continue
		}
		if done(got) {
			return got, after
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("the feed does not have what the test waits for after two minutes; it has %d events: %+v", len(got), got)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func eventsOf(events []changeBody, id string) []changeBody {
	var out []changeBody
	for _, e := range events {
		if e.ID == id {
			out = append(out, e)
		}
	}
	return out
}

// TestChangeFeed: creates, updates and deletes appear once each, in order,
// with the record's data as the caller may see it (a person's contact
// data only for those who see it on the person), an erased person as
// tombstones only; a stored cursor reads on without repeats; a cursor
// from before the retained window is 410.
func TestChangeFeed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers()
		_, start := h.readFeed(cs.bearer["admin"], "", func([]changeBody) bool { return true })

		org := field("id")(h.do(request{method: "POST", url: "/api/v1/organisations", body: map[string]any{"name": "Feed Bio GmbH", "kind": "biotech", "country": "DE"}}).Body.String())
		if code := h.status(request{method: "PATCH", url: "/api/v1/organisations/" + org, headers: ifMatch(1), body: map[string]any{"name": "Feed Bio AG"}}); code != 200 {
			t.Fatalf("rename: %d", code)
		}
		person := func(orgID, family, email string) string {
			rec := h.do(request{method: "POST", url: "/api/v1/people", body: map[string]any{"organisation_id": orgID, "family_name": family, "email": email, "phone": "+49 89 555 0199"}})
			if rec.Code != 201 {
				t.Fatalf("person: %d %s", rec.Code, rec.Body.String())
			}
			return field("id")(rec.Body.String())
		}
		inA := person(cs.orgA, "Feed A", "feed.a@example.org")
		erased := person(cs.orgA, "Feed Erased", "feed.erased@example.org")
		if code := h.status(request{method: "DELETE", url: "/api/v1/people/" + erased, headers: ifMatch(1)}); code != 204 {
			t.Fatalf("erase: %d", code)
		}
		if code := h.status(request{method: "DELETE", url: "/api/v1/organisations/" + org, headers: ifMatch(2)}); code != 204 {
			t.Fatalf("delete organisation: %d", code)
		}
		// A rolled-back write (a person of an organisation that does not exist) leaves nothing.
		if rec := h.do(request{method: "POST", url: "/api/v1/people", body: map[string]any{"organisation_id": org, "family_name": "Nobody"}}); rec.Code < 400 {
			t.Fatalf("person of a deleted organisation: %d", rec.Code)
		}

		hasAll := func(ev []changeBody) bool { return len(eventsOf(ev, org)) == 3 && len(eventsOf(ev, erased)) == 2 }
		events, next := h.readFeed(cs.bearer["admin"], start, hasAll)
		o := eventsOf(events, org)
		if len(o) != 3 || o[0].Action != "created" || o[1].Action != "updated" || o[2].Action != "deleted" ||
			o[1].Data["name"] != "Feed Bio AG" || o[1].Version != 2 || o[2].Data != nil {
			t.Errorf("organisation's events: %+v", o)
		}
		for _, e := range eventsOf(events, erased) {
			if e.Data != nil {
				t.Errorf("erased person's event %s carries data %v", e.Action, e.Data)
			}
		}
		for _, e := range events {
			if e.Type == "person" && e.Data != nil && e.Data["family_name"] == "Nobody" {
				t.Errorf("a rolled-back person is in the feed")
			}
		}
		if p := eventsOf(events, inA); len(p) != 1 || p[0].Data["email"] != "feed.a@example.org" {
			t.Errorf("admin sees person in A as %+v", p)
		}
		// A member of B does not see contacts of A's people; a member of A does.
		for caller, sees := range map[string]bool{"member of A": true, "member of B": false, "key viewer": false} {
			evs, _ := h.readFeed(cs.bearer[caller], start, func(ev []changeBody) bool { return len(eventsOf(ev, inA)) == 1 })
			p := eventsOf(evs, inA)
			if len(p) != 1 {
				t.Fatalf("%s: person's events %+v", caller, p)
			}
			_, hasEmail := p[0].Data["email"]
			_, hasPhone := p[0].Data["phone"]
			if hasEmail != sees || hasPhone != sees || p[0].Data["family_name"] != "Feed A" {
				t.Errorf("%s sees person in A as %v, want contacts %v", caller, p[0].Data, sees)
			}
		}
		// types narrows the feed.
		only := decode[changeFeedBody](t, h.get("/api/v1/changes?limit=200&types=organisation&after="+start))
		for _, e := range only.Items {
			if e.Type != "organisation" {
				t.Errorf("types=organisation returned a %s", e.Type)
			}
		}
		// The stored cursor reads on with nothing repeated.
		if again := decode[changeFeedBody](t, h.get("/api/v1/changes?after="+next)); len(again.Items) != 0 || again.NextCursor != next {
			t.Errorf("polling again: %+v", again)
		}

		h.run([]scenario{
			{name: "unknown type", req: request{url: "/api/v1/changes?types=organisation,spaceship"}, wantStatus: 400, wantBody: []string{`"field":"types"`}},
			{name: "malformed cursor", req: request{url: "/api/v1/changes?after=not-a-cursor"}, wantStatus: 400, wantBody: []string{`"field":"after"`}},
			{name: "limit too large", req: request{url: "/api/v1/changes?limit=201"}, wantStatus: 400, wantBody: []string{`"field":"limit"`}},
			{name: "list cursor is not the feed's", req: request{url: "/api/v1/changes?cursor=abc"}, wantStatus: 400, wantBody: []string{`"field":"cursor"`}},
		})

		// Retention removed everything so far: the start cursor has missed changes.
		// (On PostgreSQL only below the oldest running transaction, other
		// sessions' too: try until something went.)
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
			n, err := audit.Prune(context.Background(), db, database.Now().Add(time.Second))
			if err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				break
			}
		}
		rec := h.get("/api/v1/changes?after=" + start)
		if rec.Code != 410 || !strings.Contains(rec.Body.String(), "problems/gone") || !strings.Contains(rec.Body.String(), "resync") {
			t.Errorf("pruned cursor: %d %s", rec.Code, rec.Body.String())
		}
		var p map[string]any
		_ = json.Unmarshal(rec.Body.Bytes(), &p)
		if p["resync"] != true {
			t.Errorf("410 problem without resync: %v", p)
		}
	})
}
