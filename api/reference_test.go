package api_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/reference"
)

type regionList struct {
	Items []struct {
		Code    string            `json:"code"`
		Country string            `json:"country"`
		Name    map[string]string `json:"name"`
	} `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

func codes(l regionList) []string {
	out := make([]string, len(l.Items))
	for i, it := range l.Items {
		out[i] = it.Code
	}
	return out
}

func TestReferenceDataIsSeededAndListed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		h.run([]scenario{
			{name: "the three partner regions in three languages", req: request{url: "/api/v1/regions"}, wantStatus: 200,
				wantBody: []string{`"code":"bavaria"`, `"code":"osaka"`, `"code":"kawasaki"`, `"ja":"大阪"`, `"de":"Bayern"`, `"next_cursor":null`}},
			{name: "the five focus areas", req: request{url: "/api/v1/focus-areas"}, wantStatus: 200,
				wantBody: []string{"personalised_medicine", "immunomodulation", "viral_oncology", "cell_gene_therapy", "small_molecules"}},
			{name: "the funders, BMBF renamed BMFTR", req: request{url: "/api/v1/funders"}, wantStatus: 200,
				wantBody: []string{`"code":"bmbf"`, "BMFTR", `"code":"amed"`, `"code":"jst"`, `"code":"jsps"`, `"code":"nedo"`, `"code":"dfg"`, `"code":"eu"`}},
			{name: "funders filtered by country", req: request{url: "/api/v1/funders?country=de"}, wantStatus: 200,
				wantBody: []string{`"code":"bmbf"`, `"code":"dfg"`}, wantNotBody: []string{`"code":"amed"`}},
			{name: "focus areas have no country filter", req: request{url: "/api/v1/focus-areas?country=JP"}, wantStatus: 400, wantBody: []string{`"field":"country"`}},
			{name: "one region by code with its version as ETag", req: request{url: "/api/v1/regions/osaka"}, wantStatus: 200,
				wantBody: []string{`"code":"osaka"`, `"country":"JP"`}, wantHeaders: map[string]string{"ETag": `"1"`}},
			{name: "unknown region is 404", req: request{url: "/api/v1/regions/atlantis"}, wantStatus: 404, wantType: "application/problem+json", wantBody: []string{"atlantis"}},
			{name: "one funder", req: request{url: "/api/v1/funders/amed"}, wantStatus: 200, wantBody: []string{"AMED"}},
			{name: "one focus area", req: request{url: "/api/v1/focus-areas/cell_gene_therapy"}, wantStatus: 200, wantBody: []string{"細胞・遺伝子治療"}},
		})

		jp := decode[regionList](t, h.get("/api/v1/regions?country=JP"))
		if got := codes(jp); len(got) != 2 || got[0] != "kawasaki" || got[1] != "osaka" {
			t.Errorf("Japanese regions = %v, want [kawasaki osaka]", got)
		}
		desc := decode[regionList](t, h.get("/api/v1/regions?sort=-code"))
		if got := codes(desc); len(got) != 3 || got[0] != "osaka" || got[2] != "bavaria" {
			t.Errorf("regions by code descending = %v, want [osaka kawasaki bavaria]", got)
		}
	})
}

func TestCursorWalksEveryRegionOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		for _, sort := range []string{"code", "-code", "created_at", "-updated_at"} {
			var seen []string
			url := "/api/v1/regions?limit=1&sort=" + sort
			for pages := 0; ; pages++ {
				if pages > 10 {
					t.Fatalf("sort %s: paging does not end", sort)
				}
				rec := h.get(url)
				if rec.Code != 200 {
					t.Fatalf("sort %s: %s → %d %s", sort, url, rec.Code, rec.Body.String())
				}
				l := decode[regionList](t, rec)
				seen = append(seen, codes(l)...)
				if l.NextCursor == nil {
					break
				}
				url = "/api/v1/regions?limit=1&sort=" + sort + "&cursor=" + *l.NextCursor
			}
			if len(seen) != 3 {
				t.Errorf("sort %s: walked %v, want the 3 regions once each", sort, seen)
			}
		}
		// A cursor only continues the order it came from.
		first := decode[regionList](t, h.get("/api/v1/regions?limit=1&sort=code"))
		rec := h.get("/api/v1/regions?limit=1&sort=-code&cursor=" + *first.NextCursor)
		if rec.Code != 400 {
			t.Errorf("cursor of sort=code used with sort=-code: %d, want 400", rec.Code)
		}
	})
}

type regionBody struct {
	ID      string            `json:"id"`
	Code    string            `json:"code"`
	Country string            `json:"country"`
	Name    map[string]string `json:"name"`
	Version int               `json:"version"`
}

func TestAdminsAddChangeAndRemoveRegions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		v := func(n int) map[string]string { return map[string]string{"If-Match": fmt.Sprintf(`"%d"`, n)} }
		yokohama := map[string]any{"code": "yokohama", "country": "JP", "name": map[string]string{"de": "Yokohama", "en": "Yokohama", "ja": "横浜"}}

		rec := h.do(request{method: "POST", url: "/api/v1/regions", body: yokohama})
		if rec.Code != 201 {
			t.Fatalf("create yokohama: %d %s", rec.Code, rec.Body.String())
		}
		if loc, etag := rec.Header().Get("Location"), rec.Header().Get("ETag"); loc != "/api/v1/regions/yokohama" || etag != `"1"` {
			t.Errorf("Location %q, ETag %q", loc, etag)
		}
		created := decode[regionBody](t, rec)
		if created.Code != "yokohama" || created.Country != "JP" || created.Name["ja"] != "横浜" || created.Version != 1 || created.ID == "" {
			t.Errorf("created %+v", created)
		}
		if got := codes(decode[regionList](t, h.get("/api/v1/regions?country=JP"))); strings.Join(got, ",") != "kawasaki,osaka,yokohama" {
			t.Errorf("Japanese regions after create: %v", got)
		}

		h.run([]scenario{
			{name: "Japanese round-trips unchanged", req: request{url: "/api/v1/regions/yokohama"}, wantStatus: 200, wantBody: []string{`"ja":"横浜"`}},
			{name: "invalid code, country and empty name are named", req: request{method: "POST", url: "/api/v1/regions", body: map[string]any{"code": "Yoko Hama", "country": "Japan", "name": map[string]string{}}},
				wantStatus: 422, wantType: "application/problem+json", wantBody: []string{`"field":"code"`, `"field":"country"`, `"field":"name"`}},
			{name: "a name of blanks is empty", req: request{method: "POST", url: "/api/v1/regions", body: map[string]any{"code": "kobe", "country": "JP", "name": map[string]string{"en": "   "}}},
				wantStatus: 422, wantBody: []string{`"field":"name"`}},
			{name: "a language the platform does not speak", req: request{method: "POST", url: "/api/v1/regions", body: map[string]any{"code": "kobe", "country": "JP", "name": map[string]string{"fr": "Kobe"}}},
				wantStatus: 400, wantBody: []string{`"field":"fr"`}},
			{name: "the version cannot be set", req: request{method: "POST", url: "/api/v1/regions", body: map[string]any{"code": "kobe", "country": "JP", "name": map[string]string{"en": "Kobe"}, "version": 7}},
				wantStatus: 400, wantBody: []string{`"field":"version"`}},
			{name: "duplicate code", req: request{method: "POST", url: "/api/v1/regions", body: yokohama}, wantStatus: 409, wantType: "application/problem+json", wantBody: []string{"yokohama"}},
			{name: "a focus area has no country", req: request{method: "POST", url: "/api/v1/focus-areas", body: map[string]any{"code": "oncology", "country": "DE", "name": map[string]string{"en": "Oncology"}}},
				wantStatus: 400, wantBody: []string{`"field":"country"`}},
			{name: "a funder may be the EU", req: request{method: "POST", url: "/api/v1/funders", body: map[string]any{"code": "erc", "country": "EU", "name": map[string]string{"en": "European Research Council"}}},
				wantStatus: 201, wantHeaders: map[string]string{"Location": "/api/v1/funders/erc", "ETag": `"1"`}},
			{name: "a region may not", req: request{method: "POST", url: "/api/v1/regions", body: map[string]any{"code": "brussels", "country": "EU", "name": map[string]string{"en": "Brussels"}}},
				wantStatus: 422, wantBody: []string{`"field":"country"`}},
			{name: "a new focus area", req: request{method: "POST", url: "/api/v1/focus-areas", body: map[string]any{"code": "regenerative_medicine", "name": map[string]string{"ja": "再生医療"}}},
				wantStatus: 201, wantBody: []string{`"ja":"再生医療"`}, wantNotBody: []string{"country"}, wantHeaders: map[string]string{"Location": "/api/v1/focus-areas/regenerative_medicine"}},

			{name: "patch needs If-Match", req: request{method: "PATCH", url: "/api/v1/regions/yokohama", body: map[string]any{"name": map[string]string{"en": "Yokohama City"}}}, wantStatus: 428},
			{name: "the code cannot change", req: request{method: "PATCH", url: "/api/v1/regions/yokohama", headers: v(1), body: map[string]any{"code": "yokosuka"}}, wantStatus: 400, wantBody: []string{`"field":"code"`}},
			{name: "the name cannot be removed", req: request{method: "PATCH", url: "/api/v1/regions/yokohama", headers: v(1), body: map[string]any{"name": nil}}, wantStatus: 422, wantBody: []string{`"field":"name"`}},
			{name: "patching one language keeps the others", req: request{method: "PATCH", url: "/api/v1/regions/yokohama", headers: v(1), body: map[string]any{"name": map[string]string{"en": "Yokohama City"}}},
				wantStatus: 200, wantBody: []string{`"en":"Yokohama City"`, `"ja":"横浜"`, `"de":"Yokohama"`, `"version":2`}, wantHeaders: map[string]string{"ETag": `"2"`}},
			{name: "a stale patch", req: request{method: "PATCH", url: "/api/v1/regions/yokohama", headers: v(1), body: map[string]any{"name": map[string]string{"de": "Jokohama"}}},
				wantStatus: 412, wantBody: []string{`"current_version":2`}},
			{name: "patch of an unknown region", req: request{method: "PATCH", url: "/api/v1/regions/atlantis", headers: v(1), body: map[string]any{"country": "GR"}}, wantStatus: 404},

			{name: "delete needs If-Match", req: request{method: "DELETE", url: "/api/v1/regions/yokohama"}, wantStatus: 428},
			{name: "a stale delete", req: request{method: "DELETE", url: "/api/v1/regions/yokohama", headers: v(1)}, wantStatus: 412, wantBody: []string{`"current_version":2`}},
			{name: "delete", req: request{method: "DELETE", url: "/api/v1/regions/yokohama", headers: v(2)}, wantStatus: 204},
			{name: "gone after delete", req: request{url: "/api/v1/regions/yokohama"}, wantStatus: 404},
			{name: "delete of an unknown region", req: request{method: "DELETE", url: "/api/v1/regions/yokohama", headers: v(2)}, wantStatus: 404},
		})
	})
}

// TestReferenceWritesAreForAdminsOnly runs every reference write as every
// kind of caller: admins succeed and leave exactly one audit event, others
// get 403 (401 when anonymous) and change nothing.
func TestReferenceWritesAreForAdminsOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers()
		ifMatch := func(v int) map[string]string { return map[string]string{"If-Match": fmt.Sprintf(`"%d"`, v)} }
		kinds := []struct {
			path    string
			kind    reference.Kind
			country string
		}{
			{"/api/v1/regions", reference.Regions, "JP"},
			{"/api/v1/focus-areas", reference.FocusAreas, ""},
			{"/api/v1/funders", reference.Funders, "DE"},
		}
		var cases []writeCase
		for _, k := range kinds {
			fresh := func(h *harness) reference.Entry {
				e, err := reference.Create(setupCtx(), h.db, k.kind, reference.New{Code: "entry_" + randomSuffix(), Country: k.country, Name: i18n.Text{En: "Fresh"}})
				if err != nil {
					h.t.Fatal(err)
				}
				return e
			}
			cases = append(cases,
				writeCase{name: "POST " + k.path, allowed: adminsOnly(), request: func(h *harness, _ string) request {
					body := map[string]any{"code": "new_" + randomSuffix(), "name": map[string]string{"en": "New", "ja": "新しい"}}
					if k.country != "" {
						body["country"] = k.country
					}
					return request{method: "POST", url: k.path, body: body}
				}},
				writeCase{name: "PATCH " + k.path, allowed: adminsOnly(), request: func(h *harness, _ string) request {
					e := fresh(h)
					return request{method: "PATCH", url: k.path + "/" + e.Code, headers: ifMatch(e.Version), body: map[string]any{"name": map[string]string{"de": "Geändert"}}}
				}},
				writeCase{name: "DELETE " + k.path, allowed: adminsOnly(), request: func(h *harness, _ string) request {
					e := fresh(h)
					return request{method: "DELETE", url: k.path + "/" + e.Code, headers: ifMatch(e.Version)}
				}},
			)
		}
		h.checkWrites(t, cs, cases)
	})
}
