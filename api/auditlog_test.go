package api_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

type auditEventBody struct {
	ID    string `json:"id"`
	Actor struct {
		Type string `json:"type"`
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"actor"`
	Action     string                     `json:"action"`
	EntityType string                     `json:"entity_type"`
	EntityID   string                     `json:"entity_id"`
	Changes    map[string]json.RawMessage `json:"changes"`
}

// auditLog reads every page of the audit log as the caller: the status of
// the first page, the events and the raw bodies.
func (h *harness) auditLog(as string) (int, []auditEventBody, string) {
	h.t.Helper()
	var events []auditEventBody
	var raw strings.Builder
	url := "/api/v1/audit-events?limit=200"
	for {
		rec := h.do(request{url: url, as: as})
		if rec.Code != 200 {
			return rec.Code, nil, rec.Body.String()
		}
		raw.WriteString(rec.Body.String())
		page := decode[struct {
			Items      []auditEventBody `json:"items"`
			NextCursor *string          `json:"next_cursor"`
		}](h.t, rec)
		events = append(events, page.Items...)
		if page.NextCursor == nil {
			return 200, events, raw.String()
		}
		url = "/api/v1/audit-events?limit=200&cursor=" + *page.NextCursor
	}
}

// TestAuditLogShowsNoMoreThanTheRecordItself walks every kind of caller
// over the events of every audited entity type: a caller reads an event
// only about a record it may read, sees in it no field the record hides
// from it (a person's e-mail and phone), and sees an actor's name (a
// user's e-mail, a key's name) only where it may read that user or key.
func TestAuditLogShowsNoMoreThanTheRecordItself(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers()
		d := newListData(t, h, 1)

		// People with contact data in both organisations, changed and erased.
		person := func(org, family, email, phone string) string {
			rec := h.do(request{method: "POST", url: "/api/v1/people", body: map[string]any{"organisation_id": org, "family_name": family, "email": email, "phone": phone}})
			if rec.Code != 201 {
				t.Fatalf("person: %d %s", rec.Code, rec.Body.String())
			}
			return field("id")(rec.Body.String())
		}
		inA := person(cs.orgA, "Contact A", "contact.a@example.org", "+49 89 555 0101")
		if rec := h.do(request{method: "PATCH", url: "/api/v1/people/" + inA, headers: map[string]string{"If-Match": `"1"`},
			body: map[string]any{"email": "contact.a.new@example.org", "phone": "+49 89 555 0102"}}); rec.Code != 200 {
			t.Fatalf("change person: %d %s", rec.Code, rec.Body.String())
		}
		inB := person(cs.orgB, "Contact B", "contact.b@example.org", "+81 6 5555 0103")
		erased := person(cs.orgA, "Erased", "erased.contact@example.org", "+49 89 555 0104")
		if code := h.status(request{method: "DELETE", url: "/api/v1/people/" + erased, headers: map[string]string{"If-Match": `"1"`}}); code != 204 {
			t.Fatalf("erase: %d", code)
		}
		// The remaining audited types: agenda items, milestones, reference data.
		for _, r := range []request{
			{method: "POST", url: "/api/v1/trips/" + d.trip + "/agenda", body: map[string]any{"starts_at": "2027-04-13T09:00:00+09:00", "ends_at": "2027-04-13T11:00:00+09:00", "title": "Visit", "kind": "company_visit"}},
			{method: "POST", url: "/api/v1/projects/" + field("id")(h.get("/api/v1/projects").Body.String()) + "/milestones", body: map[string]any{"title": "M", "due_on": "2030-01-01"}},
			{method: "POST", url: "/api/v1/regions", body: map[string]any{"code": "yokohama", "country": "JP", "name": map[string]string{"en": "Yokohama"}}},
			{method: "POST", url: "/api/v1/focus-areas", body: map[string]any{"code": "rare_area", "name": map[string]string{"en": "Rare area"}}},
			{method: "POST", url: "/api/v1/funders", body: map[string]any{"code": "erc", "country": "EU", "name": map[string]string{"en": "ERC"}}},
		} {
			if rec := h.do(r); rec.Code != 201 {
				t.Fatalf("%s: %d %s", r.url, rec.Code, rec.Body.String())
			}
		}
		// A sign-in, so that a user is the actor of an event under their own name.
		if code, _ := h.login(fmt.Sprint(decode[struct {
			User userBody `json:"user"`
		}](t, h.do(request{url: "/api/v1/me", as: cs.bearer["viewer"]})).User.Email), principalPassword); code != 200 {
			t.Fatalf("sign in: %d", code)
		}

		status, all, _ := h.auditLog(cs.bearer["admin"])
		types := map[string]bool{}
		for _, e := range all {
			types[e.EntityType] = true
		}
		want := []string{"agenda_item", "agreement", "api_key", "focus_area", "funder", "funding", "milestone", "organisation", "person", "project", "region", "trip", "trip_participant", "user"}
		if got := keys(types); status != 200 || !slices.Equal(got, want) {
			t.Fatalf("the admin's log (%d) covers %v, want every audited type %v", status, got, want)
		}

		// What each caller sees of the records themselves.
		record := func(as, url string) (int, map[string]any) {
			rec := h.do(request{url: url, as: as})
			var body map[string]any
			_ = json.Unmarshal(rec.Body.Bytes(), &body)
			return rec.Code, body
		}
		urls := map[string]string{"person": "/api/v1/people/", "user": "/api/v1/users/", "api_key": "/api/v1/api-keys/", "organisation": "/api/v1/organisations/",
			"agreement": "/api/v1/agreements/", "trip": "/api/v1/trips/", "project": "/api/v1/projects/"}

		for _, name := range callerNames {
			t.Run(name, func(t *testing.T) {
				as := cs.bearer[name]
				status, events, raw := h.auditLog(as)
				switch name {
				case "anonymous":
					if status != 401 {
						t.Errorf("status %d, want 401", status)
					}
					return
				case "member of A", "member of B", "key member of A", "key without read":
					if status != 403 {
						t.Errorf("status %d, want 403", status)
					}
					return
				}
				if status != 200 || len(events) == 0 {
					t.Fatalf("status %d with %d events, want the log", status, len(events))
				}
				for _, e := range events {
					if base, ok := urls[e.EntityType]; ok {
						code, rec := record(as, base+e.EntityID)
						switch {
						case code == 404 && e.EntityType == "person":
							if len(e.Changes) != 0 {
								t.Errorf("an erased person's event %s %s shows %v", e.Action, e.EntityID, e.Changes)
							}
						case code == 404:
						case code != 200:
							t.Errorf("reads the %s event %s about %s, but gets %d on the record", e.EntityType, e.Action, e.EntityID, code)
						default:
							for f := range e.Changes {
								if v, ok := rec[f]; ok && v == nil && !isNullChange(e.Changes[f]) {
									t.Errorf("sees %s of %s %s in the log, which the record hides: %s", f, e.EntityType, e.EntityID, e.Changes[f])
								}
							}
						}
					}
					if e.Actor.Name != "" && (e.Actor.Type == "user" || e.Actor.Type == "api_key") {
						if code, _ := record(as, urls[e.Actor.Type]+e.Actor.ID); code == 403 {
							t.Errorf("sees the name %q of %s %s, which it may not read (%d)", e.Actor.Name, e.Actor.Type, e.Actor.ID, code)
						}
					}
				}
				// Nothing personal appears anywhere in the log that the caller
				// does not see on the person or user.
				contacts := map[string][]string{
					inA:    {"contact.a@example.org", "contact.a.new@example.org", "+49 89 555 0101", "+49 89 555 0102"},
					inB:    {"contact.b@example.org", "+81 6 5555 0103"},
					erased: {"erased.contact@example.org", "+49 89 555 0104"},
				}
				for id, values := range contacts {
					_, p := record(as, "/api/v1/people/"+id)
					if p != nil && p["email"] != nil {
						continue // the caller sees this person's contact data
					}
					for _, v := range values {
						if strings.Contains(raw, v) {
							t.Errorf("the log shows %q, which the caller does not see on the person", v)
						}
					}
				}
				for _, u := range decode[struct {
					Items []userBody `json:"items"`
				}](t, h.get("/api/v1/users?limit=200")).Items {
					if code, _ := record(as, "/api/v1/users/"+u.ID); code != 200 && strings.Contains(raw, u.Email) {
						t.Errorf("the log shows the e-mail %s of a user the caller may not read", u.Email)
					}
				}
				// And it is not empty for the wrong reason: what a caller may
				// see is there.
				sees := map[string][]string{
					"admin":           {"contact.a.new@example.org", "contact.b@example.org", `"entity_type":"api_key"`},
					"coordinator":     {"contact.a.new@example.org", "contact.b@example.org", `"entity_type":"person"`},
					"key coordinator": {"contact.a.new@example.org", "contact.b@example.org"},
					"viewer":          {`"entity_type":"person"`, `"action":"sign_in"`},
					"key viewer":      {`"entity_type":"person"`, `"entity_type":"organisation"`},
				}[name]
				for _, s := range sees {
					if !strings.Contains(raw, s) {
						t.Errorf("the log lacks %s, which the caller may see", s)
					}
				}
			})
		}
	})
}

func isNullChange(raw json.RawMessage) bool {
	var c struct{ Before, After any }
	return json.Unmarshal(raw, &c) == nil && c.Before == nil && c.After == nil
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestRecentRecordChangesNameTheRecordsAndLeaveOutSignIns: the dashboard's
// "recent changes" (records=true) are changes to records, named in the
// reader's language; sign-ins and users' settings stay out.
func TestRecentRecordChangesNameTheRecordsAndLeaveOutSignIns(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		org := h.newOrganisation("Recent Changes GmbH", "DE")
		rec := h.do(request{method: "POST", url: "/api/v1/people", body: map[string]any{"organisation_id": org.ID, "given_name": "Alexander", "family_name": "Albrecht"}})
		if rec.Code != 201 {
			t.Fatalf("create person: %d %s", rec.Code, rec.Body)
		}
		h.newUser("coordinator", nil) // a user event, not a record's
		rec = h.get("/api/v1/audit-events?records=true&limit=50")
		if rec.Code != 200 {
			t.Fatalf("%d %s", rec.Code, rec.Body)
		}
		page := decode[struct {
			Items []struct {
				EntityType string `json:"entity_type"`
				EntityName string `json:"entity_name"`
			} `json:"items"`
		}](t, rec)
		var got []string
		for _, e := range page.Items {
			got = append(got, e.EntityType+":"+e.EntityName)
		}
		if !slices.Contains(got, "organisation:Recent Changes GmbH") || !slices.Contains(got, "person:Alexander Albrecht") {
			t.Errorf("records named: %v", got)
		}
		for _, e := range page.Items {
			if e.EntityType == "user" || e.EntityType == "api_key" {
				t.Errorf("a %s event among the records: %v", e.EntityType, got)
			}
		}
	})
}

// TestOpportunityEventsAreNamedOnlyWhereTheOpportunityIsReadable: the log
// names an opportunity by its title in the reader's language, and leaves
// a draft of another organisation unnamed for a viewer, as the
// opportunity itself is hidden from them.
func TestOpportunityEventsAreNamedOnlyWhereTheOpportunityIsReadable(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		org := h.newOrganisation("Named Offers GmbH", "DE")
		published := h.createOpportunity(h.admin, offer(org.ID, nil))
		draft := h.createOpportunity(h.admin, offer(org.ID, map[string]any{"status": "draft", "title": map[string]string{"en": "Secret draft"}}))
		viewer := h.bearer(h.newUser("viewer", nil))
		named := func(as string) map[string]string {
			t.Helper()
			rec := h.do(request{url: "/api/v1/audit-events?entity_type=opportunity&limit=50", as: as})
			if rec.Code != 200 {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			out := map[string]string{}
			for _, e := range decode[struct {
				Items []struct {
					EntityID   string `json:"entity_id"`
					EntityName string `json:"entity_name"`
				} `json:"items"`
			}](t, rec).Items {
				out[e.EntityID] = e.EntityName
			}
			return out
		}
		if diff := cmp.Diff(map[string]string{published.ID: "Allogeneic CAR-T platform", draft.ID: "Secret draft"}, named(h.admin)); diff != "" {
			t.Errorf("the admin's names (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(map[string]string{published.ID: "Allogeneic CAR-T platform", draft.ID: ""}, named(viewer)); diff != "" {
			t.Errorf("the viewer's names (-want +got):\n%s", diff)
		}
	})
}
