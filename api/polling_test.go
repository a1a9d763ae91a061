package api_test

import (
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

// TestCheapPolling: a single resource and a list page sent back as
// If-None-Match answer 304 with the ETag and no body while unchanged, and
// 200 with a new ETag once changed.
func TestCheapPolling(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		o := h.newOrganisation("Polling Bio", "DE")
		one := "/api/v1/organisations/" + o.ID
		list := "/api/v1/organisations?country=DE"
		etag := func(url string) string {
			rec := h.get(url)
			if rec.Code != 200 || rec.Header().Get("ETag") == "" {
				t.Fatalf("GET %s: %d, ETag %q", url, rec.Code, rec.Header().Get("ETag"))
			}
			return rec.Header().Get("ETag")
		}
		first, page := etag(one), etag(list)
		if first != `"1"` || page[:3] != `W/"` {
			t.Fatalf("ETags %s and %s: want the version and a weak tag", first, page)
		}
		for _, tc := range []struct{ url, inm, want string }{
			{one, first, first}, {one, `W/"1"`, first}, {one, `"7", "1"`, first}, {one, "*", first}, {list, page, page},
		} {
			rec := h.do(request{url: tc.url, headers: map[string]string{"If-None-Match": tc.inm}})
			if rec.Code != 304 || rec.Header().Get("ETag") != tc.want || rec.Body.Len() != 0 {
				t.Errorf("GET %s If-None-Match %s: %d ETag %q body %q, want 304 with %s", tc.url, tc.inm, rec.Code, rec.Header().Get("ETag"), rec.Body.String(), tc.want)
			}
		}
		if rec := h.do(request{url: one, headers: map[string]string{"If-None-Match": `"2"`}}); rec.Code != 200 {
			t.Errorf("stale If-None-Match: %d, want 200", rec.Code)
		}
		if code := h.status(request{method: "PATCH", url: one, headers: ifMatch(1), body: map[string]any{"name": "Polling Bio AG"}}); code != 200 {
			t.Fatalf("rename: %d", code)
		}
		for _, tc := range []struct{ url, old string }{{one, first}, {list, page}} {
			rec := h.do(request{url: tc.url, headers: map[string]string{"If-None-Match": tc.old}})
			if rec.Code != 200 || rec.Header().Get("ETag") == tc.old {
				t.Errorf("GET %s after a change: %d ETag %q, want 200 with a new ETag", tc.url, rec.Code, rec.Header().Get("ETag"))
			}
		}
	})
}

// TestUpdatedSince: every list with an update time keeps what changed at
// or after updated_since; a list without one, or a bad time, is 400.
func TestUpdatedSince(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		a, b := h.newOrganisation("Before Bio", "DE"), h.newOrganisation("Before Pharma", "JP")
		h.createAgreement(map[string]any{"title": "Old MoU", "kind": "mou", "parties": parties(a.ID, b.ID)})
		// The agreement's update time, as the list shows it.
		list := decode[struct {
			Items []struct {
				UpdatedAt string `json:"updated_at"`
			} `json:"items"`
		}](t, h.get("/api/v1/agreements"))
		if len(list.Items) != 1 {
			t.Fatalf("agreements: %+v", list)
		}
		old := list.Items[0].UpdatedAt
		h.run([]scenario{
			{name: "since its update", req: request{url: "/api/v1/agreements?updated_since=" + old}, wantStatus: 200, wantBody: []string{"Old MoU"}},
			{name: "after its update", req: request{url: "/api/v1/agreements?updated_since=2099-01-01T00:00:00Z"}, wantStatus: 200, wantBody: []string{`"items":[]`}},
			{name: "bad time", req: request{url: "/api/v1/agreements?updated_since=yesterday"}, wantStatus: 400, wantBody: []string{`"field":"updated_since"`}},
			{name: "list without update time", req: request{url: "/api/v1/audit-events?updated_since=2026-01-01T00:00:00Z"}, wantStatus: 400, wantBody: []string{`"field":"updated_since"`}},
			{name: "not a list", req: request{url: "/api/v1/changes?updated_since=2026-01-01T00:00:00Z"}, wantStatus: 400, wantBody: []string{`"field":"updated_since"`}},
		})
	})
}
