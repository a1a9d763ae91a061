package api_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

type savedViewBody struct {
	ID      string `json:"id"`
	List    string `json:"list"`
	Name    string `json:"name"`
	Query   string `json:"query"`
	Version int    `json:"version"`
}

func TestSavedViewsBelongToTheirUser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		anna := h.bearer(h.newUser(auth.RoleViewer, nil))
		ben := h.bearer(h.newUser(auth.RoleCoordinator, nil))
		save := func(as, list, name, query string) request {
			return request{method: "POST", url: "/api/v1/views", as: as, body: map[string]any{"list": list, "name": name, "query": query}}
		}
		rec := h.do(save(anna, "organisations", " Japanese pharma ", "?country=JP&kind=pharma"))
		if rec.Code != 201 || rec.Header().Get("ETag") != `"1"` {
			t.Fatalf("save: %d %s", rec.Code, rec.Body.String())
		}
		saved := decode[savedViewBody](t, rec)
		if want := (savedViewBody{ID: saved.ID, List: "organisations", Name: "Japanese pharma", Query: "country=JP&kind=pharma", Version: 1}); saved != want {
			t.Errorf("saved %+v, want %+v", saved, want)
		}
		if loc := rec.Header().Get("Location"); loc != "/api/v1/views/"+saved.ID {
			t.Errorf("Location %q", loc)
		}
		mine := "/api/v1/views/" + saved.ID
		v1 := map[string]string{"If-Match": `"1"`}
		h.run([]scenario{
			{name: "no list", req: request{url: "/api/v1/views", as: anna}, wantStatus: 400, wantType: "application/problem+json", wantBody: []string{`"field":"list"`}},
			{name: "an unknown list", req: request{url: "/api/v1/views?list=users", as: anna}, wantStatus: 400, wantBody: []string{`"field":"list"`}},
			{name: "an unknown parameter", req: request{url: "/api/v1/views?list=people&owner=me", as: anna}, wantStatus: 400, wantBody: []string{`"field":"owner"`}},
			{name: "malformed JSON", req: request{method: "POST", url: "/api/v1/views", as: anna, body: `{"list":`}, wantStatus: 400},
			{name: "an unknown field", req: request{method: "POST", url: "/api/v1/views", as: anna, body: `{"list":"people","name":"x","user_id":"01a229c0-0000-7000-8000-000000000001"}`}, wantStatus: 400},
			{name: "a blank name", req: save(anna, "people", "   ", ""), wantStatus: 422, wantBody: []string{`"field":"name"`}},
			{name: "a list of no page", req: save(anna, "users", "Admins", "role=admin"), wantStatus: 422, wantBody: []string{`"field":"list"`}},
			{name: "a cursor in the query", req: save(anna, "people", "Page 2", "q=sato&cursor=eyJ9"), wantStatus: 422, wantBody: []string{`"field":"query"`, "cursor"}},
			{name: "a query that does not parse", req: save(anna, "people", "Broken", "q=%zz"), wantStatus: 422, wantBody: []string{`"field":"query"`}},
			{name: "the same name again", req: save(anna, "organisations", "Japanese pharma", "country=JP"), wantStatus: 409, wantType: "application/problem+json", wantBody: []string{"Japanese pharma", "choose another name"}},
			{name: "the same name on another list", req: save(anna, "people", "Japanese pharma", ""), wantStatus: 201},
			{name: "the same name by another user", req: save(ben, "organisations", "Japanese pharma", "country=JP"), wantStatus: 201},
			{name: "an admin sees only their own views too", req: request{url: "/api/v1/views?list=organisations"}, wantStatus: 200, wantNotBody: []string{"Japanese pharma"}},
			{name: "another user reads it", req: request{url: mine, as: ben}, wantStatus: 404, wantType: "application/problem+json"},
			{name: "another user renames it", req: request{method: "PATCH", url: mine, as: ben, headers: v1, body: map[string]any{"name": "Ben's now"}}, wantStatus: 404},
			{name: "another user deletes it", req: request{method: "DELETE", url: mine, as: ben, headers: v1}, wantStatus: 404},
			{name: "a malformed id", req: request{method: "DELETE", url: "/api/v1/views/nope", as: anna, headers: v1}, wantStatus: 404},
			{name: "delete without If-Match", req: request{method: "DELETE", url: mine, as: anna}, wantStatus: 428},
			{name: "the owner reads it", req: request{url: mine, as: anna}, wantStatus: 200, wantBody: []string{`"name":"Japanese pharma"`}},
		})

		list := func(as, url string) []string {
			t.Helper()
			rec := h.do(request{url: url, as: as})
			if rec.Code != 200 {
				t.Fatalf("GET %s: %d %s", url, rec.Code, rec.Body.String())
			}
			var names []string
			for _, v := range decode[struct{ Items []savedViewBody }](t, rec).Items {
				names = append(names, v.List+": "+v.Name)
			}
			return names
		}
		if rec := h.do(save(anna, "organisations", "大阪のバイオ", "region=osaka")); rec.Code != 201 {
			t.Fatalf("save: %d %s", rec.Code, rec.Body.String())
		}
		if diff := cmp.Diff([]string{"organisations: Japanese pharma", "organisations: 大阪のバイオ"}, list(anna, "/api/v1/views?list=organisations")); diff != "" {
			t.Errorf("Anna's organisation views (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"organisations: Japanese pharma"}, list(ben, "/api/v1/views?list=organisations")); diff != "" {
			t.Errorf("Ben's organisation views (-want +got):\n%s", diff)
		}

		h.run([]scenario{
			{name: "rename", req: request{method: "PATCH", url: mine, as: anna, headers: v1, body: map[string]any{"name": "Pharma in Japan"}}, wantStatus: 200, wantHeaders: map[string]string{"ETag": `"2"`}},
			{name: "rename onto a taken name", req: request{method: "PATCH", url: mine, as: anna, headers: map[string]string{"If-Match": `"2"`}, body: map[string]any{"name": "大阪のバイオ"}}, wantStatus: 409},
			{name: "delete a version not seen", req: request{method: "DELETE", url: mine, as: anna, headers: v1}, wantStatus: 412, wantBody: []string{`"current_version":2`}},
			{name: "delete", req: request{method: "DELETE", url: mine, as: anna, headers: map[string]string{"If-Match": `"2"`}}, wantStatus: 204},
			{name: "deleted", req: request{url: mine, as: anna}, wantStatus: 404},
		})
		if diff := cmp.Diff([]string{"organisations: 大阪のバイオ"}, list(anna, "/api/v1/views?list=organisations")); diff != "" {
			t.Errorf("Anna's organisation views after the delete (-want +got):\n%s", diff)
		}
	})
}

func TestAPIKeysHaveNoSavedViews(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		rec := h.do(request{method: "POST", url: "/api/v1/api-keys", body: map[string]any{"name": "script", "role": "coordinator", "scopes": auth.Scopes, "expires_at": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)}})
		if rec.Code != 201 {
			t.Fatalf("no key: %d %s", rec.Code, rec.Body.String())
		}
		key := "Bearer " + decode[struct{ Secret string }](t, rec).Secret
		h.run([]scenario{
			{name: "list", req: request{url: "/api/v1/views?list=people", as: key}, wantStatus: 403, wantBody: []string{"API keys have none"}},
			{name: "save", req: request{method: "POST", url: "/api/v1/views", as: key, body: map[string]any{"list": "people", "name": "x"}}, wantStatus: 403},
		})
	})
}
