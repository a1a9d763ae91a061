package api_test

import (
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
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
