package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/apikey"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/reference"
	"github.com/innomunich/platform/pkg/trip"
)

// web is an organisation with a record of every kind that refers to it.
type web struct {
	org, jp                                                         string
	person, user, apiKey, agreement, trip, agendaItem, registration string
	project, funding, milestone                                     string
}

func newWeb(h *harness) web {
	h.t.Helper()
	ctx := setupCtx()
	must := func(err error) {
		h.t.Helper()
		if err != nil {
			h.t.Fatal(err)
		}
	}
	w := web{org: h.newOrganisation("Web Bio "+randomSuffix(), "DE").ID, jp: h.newOrganisation("Web Pharma "+randomSuffix(), "JP").ID}
	p, err := person.Create(ctx, h.db, person.Person{OrganisationID: w.org, FamilyName: "Klein"})
	must(err)
	w.person = p.ID
	w.user = h.newUser("member", &w.org).ID
	k, _, err := apikey.Create(ctx, h.db, apikey.New{Name: "Web key", OrganisationID: &w.org, Role: "member", Scopes: []string{"read"}, ExpiresAt: time.Now().Add(24 * time.Hour)})
	must(err)
	w.apiKey = k.ID
	a, err := agreement.Create(ctx, h.db, agreement.Agreement{Title: "Web MoU", Kind: "mou", SignedOn: "2020",
		Parties: []agreement.Party{{OrganisationID: w.org, SignatoryID: &p.ID}, {OrganisationID: w.jp}}})
	must(err)
	w.agreement = a.ID
	tr, err := trip.Create(ctx, h.db, trip.Trip{Title: "Web trip", Kind: "conference", Country: "JP", StartDate: "2027-04-12", EndDate: "2027-04-16",
		TimeZone: "Asia/Tokyo", Status: trip.RegistrationOpen, Organisers: []string{w.org}})
	must(err)
	w.trip = tr.ID
	start := time.Date(2027, 4, 13, 1, 0, 0, 0, time.UTC)
	item, err := trip.AddAgendaItem(ctx, h.db, tr.ID, trip.AgendaItem{StartsAt: start, EndsAt: start.Add(2 * time.Hour), Title: "Visit", Kind: "company_visit", OrganisationID: &w.org})
	must(err)
	w.agendaItem = item.ID
	reg, err := person.RegisterForTrip(ctx, h.db, tr.ID, p.ID)
	must(err)
	w.registration = reg.ID
	pr, err := project.Create(ctx, h.db, project.Project{Title: "Web project",
		Partners: []project.Partner{{OrganisationID: w.org, Role: "coordinator"}, {OrganisationID: w.jp, Role: "partner"}}})
	must(err)
	w.project = pr.ID
	f, err := project.AddFunding(ctx, h.db, pr.ID, project.Funding{Funder: "amed", RecipientID: w.org, ExecutingBodyID: &w.org, Amount: 100, Currency: "JPY"})
	must(err)
	w.funding = f.ID
	m, err := project.AddMilestone(ctx, h.db, pr.ID, project.Milestone{Title: "Kick-off", DueOn: "2027-01-01"})
	must(err)
	w.milestone = m.ID
	return w
}

// deletable is one kind of record that DELETE removes (or, for API keys
// and registrations, revokes or cancels), made fresh for each use.
type deletable struct {
	name         string
	table, keyed string // keyed is the column url's last segment names
	make         func(h *harness) (url, key string)
}

func deletables() []deletable {
	entry := func(k reference.Kind, path string) func(h *harness) (string, string) {
		return func(h *harness) (string, string) {
			code := "test_" + randomSuffix()
			in := reference.New{Code: code, Name: i18n.Text{En: "Test " + code}}
			if k.HasCountry {
				in.Country = "JP"
			}
			if _, err := reference.Create(setupCtx(), h.db, k, in); err != nil {
				h.t.Fatal(err)
			}
			return path + code, code
		}
	}
	return []deletable{
		{"organisation", "organisations", "id", func(h *harness) (string, string) {
			id := h.newOrganisation("Lonely Bio "+randomSuffix(), "DE").ID
			return "/api/v1/organisations/" + id, id
		}},
		{"person", "people", "id", func(h *harness) (string, string) { w := newWeb(h); return "/api/v1/people/" + w.person, w.person }},
		{"user", "users", "id", func(h *harness) (string, string) { w := newWeb(h); return "/api/v1/users/" + w.user, w.user }},
		{"API key", "api_keys", "id", func(h *harness) (string, string) { w := newWeb(h); return "/api/v1/api-keys/" + w.apiKey, w.apiKey }},
		{"agreement", "agreements", "id", func(h *harness) (string, string) {
			w := newWeb(h)
			return "/api/v1/agreements/" + w.agreement, w.agreement
		}},
		{"trip", "trips", "id", func(h *harness) (string, string) { w := newWeb(h); return "/api/v1/trips/" + w.trip, w.trip }},
		{"agenda item", "trip_agenda", "id", func(h *harness) (string, string) {
			w := newWeb(h)
			return "/api/v1/trips/" + w.trip + "/agenda/" + w.agendaItem, w.agendaItem
		}},
		{"registration", "trip_participants", "id", func(h *harness) (string, string) {
			w := newWeb(h)
			return "/api/v1/trips/" + w.trip + "/participants/" + w.registration, w.registration
		}},
		{"project", "projects", "id", func(h *harness) (string, string) { w := newWeb(h); return "/api/v1/projects/" + w.project, w.project }},
		{"funding", "project_fundings", "id", func(h *harness) (string, string) {
			w := newWeb(h)
			return "/api/v1/projects/" + w.project + "/fundings/" + w.funding, w.funding
		}},
		{"milestone", "project_milestones", "id", func(h *harness) (string, string) {
			w := newWeb(h)
			return "/api/v1/projects/" + w.project + "/milestones/" + w.milestone, w.milestone
		}},
		{"region", "regions", "code", entry(reference.Regions, "/api/v1/regions/")},
		{"focus area", "focus_areas", "code", entry(reference.FocusAreas, "/api/v1/focus-areas/")},
		{"funder", "funders", "code", entry(reference.Funders, "/api/v1/funders/")},
	}
}

// versionOf is the stored version of the row, 0 when it is gone.
func versionOf(t *testing.T, db *database.DB, d deletable, key string) int {
	t.Helper()
	var v []int
	if err := db.Conn(context.Background()).Table(d.table).Where(d.keyed+" = ?", key).Pluck("version", &v).Error; err != nil {
		t.Fatal(err)
	}
	if len(v) == 0 {
		return 0
	}
	return v[0]
}

// someoneElseChanges is an edit made by another request in between.
func someoneElseChanges(t *testing.T, exec func(sql string, args ...any) error, d deletable, key string) {
	t.Helper()
	if err := exec("UPDATE "+d.table+" SET version = version + 1 WHERE "+d.keyed+" = ?", key); err != nil {
		t.Error(err)
	}
}

func TestDeleteWithAStaleIfMatchNeverRemovesANewerVersion(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		for _, d := range deletables() {
			t.Run(d.name, func(t *testing.T) {
				url, key := d.make(h)
				someoneElseChanges(t, func(sql string, args ...any) error { return db.Conn(context.Background()).Exec(sql, args...).Error }, d, key)
				rec := h.do(request{method: "DELETE", url: url, headers: map[string]string{"If-Match": `"1"`}})
				if rec.Code != 412 || !strings.Contains(rec.Body.String(), `"current_version":2`) {
					t.Errorf("DELETE based on version 1 of version 2: %d %s", rec.Code, rec.Body.String())
				}
				if v := versionOf(t, db, d, key); v != 2 {
					t.Errorf("after the refused delete the row has version %d, want 2", v)
				}
				if code := h.status(request{method: "DELETE", url: url, headers: map[string]string{"If-Match": `"2"`}}); code != 204 {
					t.Errorf("DELETE based on the current version: %d, want 204", code)
				}
			})
		}
	})
}

// TestDeleteLosesToAChangeMadeAfterItLoadedTheRecord slips another
// request's change in right after the delete has read the record, from a
// second connection; only PostgreSQL lets one write beside a transaction
// (SQLite's writers take turns, so there nothing can come in between).
func TestDeleteLosesToAChangeMadeAfterItLoadedTheRecord(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		if e != database.Postgres {
			continue
		}
		var db *database.DB
		var target atomic.Pointer[[2]string] // table and key the next load of which someone else changes
		hook := func(_ context.Context, st database.Statement) {
			tk := target.Load()
			if tk == nil || !strings.HasPrefix(st.SQL, "SELECT") || !strings.Contains(st.SQL, `FROM "`+tk[0]+`"`) || !strings.Contains(fmt.Sprint(st.Vars...), tk[1]) {
				return
			}
			if target.CompareAndSwap(tk, nil) {
				for _, d := range deletables() {
					if d.table == tk[0] {
						someoneElseChanges(t, func(sql string, args ...any) error {
							_, err := db.SQL().Exec(strings.Replace(sql, "?", "$1", 1), args...)
							return err
						}, d, tk[1])
					}
				}
			}
		}
		db, err := database.Open(context.Background(), dbtest.URL(t, e), database.Options{OnStatement: hook})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(db.Close)
		h := newHarness(t, db)
		for _, d := range deletables() {
			t.Run(d.name, func(t *testing.T) {
				url, key := d.make(h)
				deletes := h.auditCount()
				target.Store(&[2]string{d.table, key})
				rec := h.do(request{method: "DELETE", url: url, headers: map[string]string{"If-Match": `"1"`}})
				if target.Load() != nil {
					t.Fatal("the delete never loaded the record")
				}
				if rec.Code != 412 || !strings.Contains(rec.Body.String(), `"current_version":2`) {
					t.Errorf("DELETE of version 1 when version 2 was saved after it loaded the record: %d %s", rec.Code, rec.Body.String())
				}
				if v := versionOf(t, db, d, key); v != 2 {
					t.Errorf("after the refused delete the row has version %d, want 2", v)
				}
				if n := h.auditCount(); n != deletes {
					t.Errorf("the refused delete left %d audit events", n-deletes)
				}
			})
		}
	}
}

// auditEvents are the events about one record, newest first.
func (h *harness) auditEvents(entityType, id string) []AuditEventBody {
	h.t.Helper()
	rec := h.get("/api/v1/audit-events?entity_type=" + entityType + "&entity_id=" + id)
	if rec.Code != 200 {
		h.t.Fatalf("audit events of %s %s: %d %s", entityType, id, rec.Code, rec.Body.String())
	}
	return decode[struct{ Items []AuditEventBody }](h.t, rec).Items
}

type AuditEventBody struct {
	Action  string          `json:"action"`
	Version int             `json:"version"`
	Changes json.RawMessage `json:"changes"`
}

func TestMergeGivesEveryMovedRecordANewVersionAndAnAuditEvent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		kept := h.newOrganisation("Kept Bio GmbH", "DE").ID
		w := newWeb(h)
		// Where a record has no address of its own, its list says its version.
		type record struct {
			entity, id, url, list string
		}
		records := []record{
			{"person", w.person, "/api/v1/people/" + w.person, ""},
			{"user", w.user, "/api/v1/users/" + w.user, ""},
			{"api_key", w.apiKey, "/api/v1/api-keys/" + w.apiKey, ""},
			{"agreement", w.agreement, "/api/v1/agreements/" + w.agreement, ""},
			{"trip", w.trip, "/api/v1/trips/" + w.trip, ""},
			{"project", w.project, "/api/v1/projects/" + w.project, ""},
			{"agenda_item", w.agendaItem, "", "/api/v1/trips/" + w.trip + "/agenda"},
			{"trip_participant", w.registration, "", "/api/v1/trips/" + w.trip + "/participants"},
			{"funding", w.funding, "", "/api/v1/projects/" + w.project + "/fundings"},
		}
		version := func(r record) (int, string) {
			t.Helper()
			if r.url != "" {
				rec := h.get(r.url)
				return decode[struct{ Version int }](t, rec).Version, rec.Header().Get("ETag")
			}
			body := h.get(r.list).Body.Bytes()
			var l struct {
				Items []struct {
					ID      string
					Version int
				}
			}
			if err := json.Unmarshal(body, &l); err != nil {
				t.Fatalf("%s: %v", body, err)
			}
			for _, it := range l.Items {
				if it.ID == r.id {
					return it.Version, ""
				}
			}
			t.Fatalf("%s lacks %s: %s", r.list, r.id, body)
			return 0, ""
		}
		before := map[string]int{}
		etags := map[string]string{}
		for _, r := range records {
			before[r.id], etags[r.id] = version(r)
		}
		rec := h.do(request{method: "POST", url: "/api/v1/organisations/" + kept + "/merge", headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{"duplicate_id": w.org}})
		if rec.Code != 200 {
			t.Fatalf("merge: %d %s", rec.Code, rec.Body.String())
		}
		for _, r := range records {
			v, etag := version(r)
			if v != before[r.id]+1 {
				t.Errorf("%s after the merge: version %d, want %d", r.entity, v, before[r.id]+1)
			}
			if r.url != "" && etag == etags[r.id] {
				t.Errorf("%s after the merge: the ETag %s did not change", r.entity, etag)
			}
			events := h.auditEvents(r.entity, r.id)
			if len(events) == 0 || events[0].Action != "merge" || events[0].Version != v ||
				!strings.Contains(string(events[0].Changes), w.org) || !strings.Contains(string(events[0].Changes), kept) {
				var got []string
				for _, e := range events {
					got = append(got, fmt.Sprintf("%s v%d %s", e.Action, e.Version, e.Changes))
				}
				t.Errorf("%s: the newest audit event does not show the move from %s to %s: %s", r.entity, w.org, kept, strings.Join(got, "; "))
			}
		}
		// Nothing refers to the duplicate any more, so it can go.
		if code := h.status(request{method: "DELETE", url: "/api/v1/organisations/" + w.org, headers: map[string]string{"If-Match": `"2"`}}); code != 204 {
			t.Errorf("deleting the merged duplicate: %d, want 204", code)
		}
	})
}

// TestReferenceChecksFailOnABrokenDatabaseInsteadOfSayingNotInTheDirectory
// takes the organisations away from under the checks that records refer
// to: the caller must learn that something failed, not that the
// organisation is missing.
func TestReferenceChecksFailOnABrokenDatabaseInsteadOfSayingNotInTheDirectory(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		w := newWeb(h)
		if err := db.Conn(context.Background()).Exec("ALTER TABLE organisations RENAME TO organisations_away").Error; err != nil {
			t.Fatal(err)
		}
		for _, r := range []request{
			{method: "POST", url: "/api/v1/trips", body: map[string]any{"title": "Trip", "kind": "conference", "organiser_ids": []string{w.org}, "country": "JP",
				"start_date": "2027-04-12", "end_date": "2027-04-16", "time_zone": "Asia/Tokyo"}},
			{method: "POST", url: "/api/v1/trips/" + w.trip + "/agenda", body: map[string]any{"title": "Visit", "kind": "company_visit", "organisation_id": w.org,
				"starts_at": "2027-04-13T01:00:00Z", "ends_at": "2027-04-13T03:00:00Z"}},
			{method: "POST", url: "/api/v1/agreements", body: map[string]any{"title": "MoU", "kind": "mou", "parties": parties(w.org, w.jp)}},
			{method: "POST", url: "/api/v1/projects", body: map[string]any{"title": "Project", "partners": partnerList(w.org, "coordinator")}},
			{method: "POST", url: "/api/v1/projects/" + w.project + "/fundings", body: map[string]any{"funder": "amed", "recipient_id": w.org, "executing_body_id": w.jp,
				"amount": 1, "currency": "JPY"}},
			{method: "POST", url: "/api/v1/people", body: map[string]any{"organisation_id": w.org, "family_name": "Neu"}},
			{method: "POST", url: "/api/v1/users", body: map[string]any{"email": "neu@example.org", "display_name": "Neu", "role": "member", "organisation_id": w.org}},
		} {
			if rec := h.do(r); rec.Code < 500 {
				t.Errorf("%s %s with the organisations gone: %d, want a server error: %s", r.method, r.url, rec.Code, rec.Body.String())
			}
		}
	})
}

func TestDeleteOfAReferencedRecordNamesWhatRefersToIt(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		w := newWeb(h)
		ctx := setupCtx()
		// Only a user and an API key refer to this one (SQLite has no
		// foreign key for them).
		o := h.newOrganisation("Accounts Only Bio", "DE").ID
		h.newUser("member", &o)
		if _, _, err := apikey.Create(ctx, db, apikey.New{Name: "key", OrganisationID: &o, Role: "member", Scopes: []string{"read"}, ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		region := "test_" + randomSuffix()
		if _, err := reference.Create(ctx, db, reference.Regions, reference.New{Code: region, Country: "JP", Name: i18n.Text{En: "Test"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := organisation.Update(ctx, db, w.jp, 1, organisation.Patch{Region: opt.Of(region)}); err != nil {
			t.Fatal(err)
		}
		if _, err := project.Create(ctx, db, project.Project{Title: "Grown from both", OriginTripID: &w.trip,
			Partners: []project.Partner{{OrganisationID: w.jp, Role: "coordinator"}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := project.Create(ctx, db, project.Project{Title: "Grown from the MoU", OriginAgreementID: &w.agreement,
			Partners: []project.Partner{{OrganisationID: w.jp, Role: "coordinator"}}}); err != nil {
			t.Fatal(err)
		}
		h.run([]scenario{
			{name: "organisation with accounts", req: request{method: "DELETE", url: "/api/v1/organisations/" + o, headers: map[string]string{"If-Match": `"1"`}},
				wantStatus: 409, wantBody: []string{`"references":{"API keys":1,"users":1}`, "archive it instead"}},
			{name: "organisation with everything", req: request{method: "DELETE", url: "/api/v1/organisations/" + w.org, headers: map[string]string{"If-Match": `"1"`}},
				wantStatus: 409, wantBody: []string{`"people":1`, `"agreements":1`, `"trips organised":1`, `"agenda items":1`, `"trip registrations":1`, `"projects":1`, `"fundings received":1`, `"fundings executed":1`}},
			{name: "trip a project grew from", req: request{method: "DELETE", url: "/api/v1/trips/" + w.trip, headers: map[string]string{"If-Match": `"1"`}},
				wantStatus: 409, wantBody: []string{`"references":{"projects":1}`, "1 projects still refer to this trip"}},
			{name: "agreement a project grew from", req: request{method: "DELETE", url: "/api/v1/agreements/" + w.agreement, headers: map[string]string{"If-Match": `"1"`}},
				wantStatus: 409, wantBody: []string{`"references":{"projects":1}`}},
			{name: "region of an organisation", req: request{method: "DELETE", url: "/api/v1/regions/" + region, headers: map[string]string{"If-Match": `"1"`}},
				wantStatus: 409, wantBody: []string{`"references":{"organisations":1}`, "change them to another region first"}},
		})
	})
}
