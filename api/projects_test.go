package api_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

type projectBody struct {
	ID           string `json:"id"`
	Title        string `json:"title"`
	Phase        string `json:"phase"`
	Version      int    `json:"version"`
	PhaseHistory []struct {
		Phase string `json:"phase"`
	} `json:"phase_history"`
	Totals struct {
		ByCurrency []struct {
			Amount   int64
			Currency string
		} `json:"by_currency"`
		ByFunder []struct {
			Funder   string
			Amount   int64
			Currency string
		} `json:"by_funder"`
	} `json:"funding_totals"`
}

func partnerList(pairs ...string) []map[string]any {
	var out []map[string]any
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, map[string]any{"organisation_id": pairs[i], "role": pairs[i+1]})
	}
	return out
}

func TestProjectsPartnersPhasesFundingsMilestones(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		orgs := seedDirectory(h)
		de, de2, jp := orgs["Example Biotech GmbH"].ID, orgs["BioM Biotech Cluster Development GmbH"].ID, orgs["Sample Pharma K.K."].ID
		h.run([]scenario{
			{name: "an empty phase", req: request{method: "POST", url: "/api/v1/projects", body: map[string]any{"title": "X", "phase": "", "partners": partnerList(de, "coordinator")}}, wantStatus: 422, wantBody: []string{`"field":"phase"`}},
			{name: "no coordinator", req: request{method: "POST", url: "/api/v1/projects", body: map[string]any{"title": "X", "partners": partnerList(de, "partner")}}, wantStatus: 422, wantBody: []string{"exactly one coordinator"}},
			{name: "two coordinators", req: request{method: "POST", url: "/api/v1/projects", body: map[string]any{"title": "X", "partners": partnerList(de, "coordinator", jp, "coordinator")}}, wantStatus: 422, wantBody: []string{"exactly one coordinator"}},
			{name: "an organisation twice", req: request{method: "POST", url: "/api/v1/projects", body: map[string]any{"title": "X", "partners": partnerList(de, "coordinator", de, "partner")}}, wantStatus: 422, wantBody: []string{"twice"}},
			{name: "application without a Japanese partner", req: request{method: "POST", url: "/api/v1/projects", body: map[string]any{"title": "X", "phase": "application",
				"partners": partnerList(de, "coordinator", de2, "partner")}}, wantStatus: 422, wantBody: []string{"Japan (JP)"}, wantNotBody: []string{"Germany"}},
			{name: "implementation with neither side", req: request{method: "POST", url: "/api/v1/projects", body: map[string]any{"title": "X", "phase": "implementation",
				"partners": partnerList(orgs["Osaka BioHeadquarters"].ID, "coordinator", jp, "partner")}}, wantStatus: 422, wantBody: []string{"Germany (DE)"}},
		})
		rec := h.do(request{method: "POST", url: "/api/v1/projects", body: map[string]any{"title": "CAR-T against virally induced cancers", "acronym": "CARVIC",
			"partners": partnerList(de, "coordinator", de2, "associated"), "focus_areas": []string{"cell_gene_therapy", "viral_oncology"}, "start_date": "2018-01-01", "end_date": "2020-12-31"}})
		if rec.Code != 201 {
			t.Fatalf("create: %d %s", rec.Code, rec.Body.String())
		}
		p := decode[projectBody](t, rec)
		patch := func(body map[string]any) (int, projectBody) {
			rec := h.do(request{method: "PATCH", url: "/api/v1/projects/" + p.ID, headers: map[string]string{"If-Match": fmt.Sprint(p.Version)}, body: body})
			if rec.Code == 200 {
				p = decode[projectBody](t, rec)
			}
			return rec.Code, p
		}
		if code, _ := patch(map[string]any{"phase": "application"}); code != 422 {
			t.Errorf("to application with only German partners: %d, want 422", code)
		}
		add := h.do(request{method: "POST", url: "/api/v1/projects/" + p.ID + "/partners", headers: map[string]string{"If-Match": fmt.Sprint(p.Version)}, body: map[string]any{"organisation_id": jp, "role": "partner"}})
		if add.Code != 201 {
			t.Fatalf("add Japanese partner: %d %s", add.Code, add.Body.String())
		}
		p = decode[projectBody](t, add)
		if code, _ := patch(map[string]any{"phase": "application"}); code != 200 {
			t.Fatalf("to application with both sides: %d", code)
		}
		rm := h.do(request{method: "DELETE", url: "/api/v1/projects/" + p.ID + "/partners/" + jp, headers: map[string]string{"If-Match": fmt.Sprint(p.Version)}})
		if rm.Code != 422 || !strings.Contains(rm.Body.String(), "Japan") {
			t.Errorf("removing the only Japanese partner in application: %d %s", rm.Code, rm.Body.String())
		}
		if code, _ := patch(map[string]any{"phase": "implementation"}); code != 200 {
			t.Fatalf("to implementation: %d", code)
		}
		if code, _ := patch(map[string]any{"phase": "concept"}); code != 422 {
			t.Errorf("backwards to concept: %d, want 422", code)
		}
		if got := len(p.PhaseHistory); got != 3 || p.PhaseHistory[2].Phase != "implementation" {
			t.Errorf("phase history: %+v", p.PhaseHistory)
		}

		// Fundings: validated, summed per currency and funder, never across currencies.
		fund := func(body map[string]any) int {
			return h.status(request{method: "POST", url: "/api/v1/projects/" + p.ID + "/fundings", body: body})
		}
		for _, f := range []map[string]any{
			{"funder": "bmbf", "programme": "Internationalisierung von Spitzenclustern", "reference": "031B0123A", "recipient_id": de, "amount": 125000000, "currency": "EUR", "from": "2018-01-01", "until": "2020-12-31"},
			{"funder": "bmbf", "reference": "031B0123B", "recipient_id": de2, "amount": 40000000, "currency": "EUR"},
			{"funder": "amed", "recipient_id": jp, "amount": 30000000, "currency": "JPY"},
			{"funder": "amed", "recipient_id": jp, "amount": 5000000, "currency": "JPY"},
		} {
			if code := fund(f); code != 201 {
				t.Fatalf("funding %v: %d", f, code)
			}
		}
		for name, f := range map[string]map[string]any{
			"malformed Förderkennzeichen": {"funder": "bmbf", "reference": "BMBF-123", "recipient_id": de, "amount": 1, "currency": "EUR"},
			"unknown currency":            {"funder": "amed", "recipient_id": jp, "amount": 1, "currency": "YEN"},
			"negative amount":             {"funder": "amed", "recipient_id": jp, "amount": -5, "currency": "JPY"},
			"recipient not a partner":     {"funder": "dfg", "recipient_id": orgs["Kawasaki City"].ID, "amount": 1, "currency": "EUR"},
			"unknown funder":              {"funder": "acme", "recipient_id": de, "amount": 1, "currency": "EUR"},
			"no amount":                   {"funder": "dfg", "recipient_id": de, "currency": "EUR"},
			"amount null":                 {"funder": "dfg", "recipient_id": de, "amount": nil, "currency": "EUR"},
		} {
			if code := fund(f); code != 422 {
				t.Errorf("%s: %d, want 422", name, code)
			}
		}
		got := decode[projectBody](t, h.get("/api/v1/projects/"+p.ID))
		totals := fmt.Sprint(got.Totals.ByCurrency, got.Totals.ByFunder)
		if totals != "[{165000000 EUR} {35000000 JPY}] [{amed 35000000 JPY} {bmbf 165000000 EUR}]" {
			t.Errorf("totals: %s", totals)
		}
		if body := h.get("/api/v1/projects/" + p.ID + "/fundings").Body.String(); !strings.Contains(body, `"reference_stem":"031B0123"`) {
			t.Errorf("fundings lack the shared stem: %s", body)
		}
		fundings := decode[struct {
			Items []struct {
				ID      string `json:"id"`
				Version int    `json:"version"`
			} `json:"items"`
		}](t, h.get("/api/v1/projects/"+p.ID+"/fundings"))
		first := fundings.Items[0]
		if rec := h.do(request{method: "PATCH", url: "/api/v1/projects/" + p.ID + "/fundings/" + first.ID, body: `{"amount":null}`,
			headers: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, first.Version)}}); rec.Code != 422 || !strings.Contains(rec.Body.String(), `"field":"amount"`) {
			t.Errorf("clearing a funding's amount: %d %s, want 422 naming amount", rec.Code, rec.Body.String())
		}

		// Milestones: overdue when due before today and not done.
		for _, m := range []map[string]any{{"title": "Kick-off", "due_on": "2018-02-01", "done_on": "2018-02-01"}, {"title": "Preclinical data", "due_on": "2019-06-30"}, {"title": "Final report", "due_on": "2099-12-31"}} {
			if code := h.status(request{method: "POST", url: "/api/v1/projects/" + p.ID + "/milestones", body: m}); code != 201 {
				t.Fatalf("milestone: %d", code)
			}
		}
		ms := h.get("/api/v1/projects/" + p.ID + "/milestones").Body.String()
		if strings.Count(ms, `"overdue":true`) != 1 || !strings.Contains(ms, `"title":"Preclinical data","due_on":"2019-06-30","done_on":null,"overdue":true`) {
			t.Errorf("milestones: %s", ms)
		}

		// Discontinued from any phase before completed, then nothing.
		if code, _ := patch(map[string]any{"phase": "discontinued"}); code != 200 {
			t.Errorf("discontinue: %d", code)
		}
		if code, _ := patch(map[string]any{"phase": "completed"}); code != 422 {
			t.Errorf("after discontinued: %d, want 422", code)
		}
	})
}

func TestProjectFiltersAndOrigins(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		orgs := seedDirectory(h)
		de, jp := orgs["Example Biotech GmbH"].ID, orgs["Sample Pharma K.K."].ID
		trip := openTrip(h, orgs["BioM Biotech Cluster Development GmbH"].ID, 10)
		mk := func(body map[string]any) projectBody {
			rec := h.do(request{method: "POST", url: "/api/v1/projects", body: body})
			if rec.Code != 201 {
				t.Fatalf("create: %d %s", rec.Code, rec.Body.String())
			}
			return decode[projectBody](t, rec)
		}
		a := mk(map[string]any{"title": "Alpha immunology", "phase": "implementation", "partners": partnerList(de, "coordinator", jp, "partner"),
			"focus_areas": []string{"immunomodulation"}, "start_date": "2018-01-01", "end_date": "2020-12-31", "origin_trip_id": trip.ID})
		b := mk(map[string]any{"title": "Beta small molecules", "partners": partnerList(jp, "coordinator"), "focus_areas": []string{"small_molecules"}, "start_date": "2021-04-01"})
		h.do(request{method: "POST", url: "/api/v1/projects/" + a.ID + "/fundings", body: map[string]any{"funder": "amed", "recipient_id": jp, "amount": 100, "currency": "JPY"}})
		list := func(q string) string {
			rec := h.get("/api/v1/projects?" + q)
			if rec.Code != 200 {
				t.Fatalf("?%s: %d %s", q, rec.Code, rec.Body.String())
			}
			var titles []string
			for _, p := range decode[struct{ Items []projectBody }](t, rec).Items {
				titles = append(titles, p.Title)
			}
			return strings.Join(titles, "|")
		}
		for q, want := range map[string]string{
			"phase=implementation":       a.Title,
			"focus_area=small_molecules": b.Title,
			"partner=" + de:              a.Title,
			"country=DE":                 a.Title,
			"country=JP":                 a.Title + "|" + b.Title,
			"funder=amed":                a.Title,
			"origin_trip=" + trip.ID:     a.Title,
			"active_on=2019-05-01":       a.Title,
			"active_on=2022-05-01":       b.Title,
			"q=immunology":               a.Title,
			"sort=-title":                b.Title + "|" + a.Title,
		} {
			if got := list(q); got != want {
				t.Errorf("?%s = %q, want %q", q, got, want)
			}
		}
		if body := h.get("/api/v1/trips/" + trip.ID + "/projects").Body.String(); !strings.Contains(body, a.Title) || strings.Contains(body, b.Title) {
			t.Errorf("projects from the trip: %s", body)
		}
		if body := h.get("/api/v1/organisations/" + de + "/projects").Body.String(); !strings.Contains(body, a.Title) || strings.Contains(body, b.Title) {
			t.Errorf("projects of an organisation: %s", body)
		}
	})
}

func TestProjectsAuthorization(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers()
		coordinatedByA := func(h *harness) projectBody {
			rec := h.do(request{method: "POST", url: "/api/v1/projects", body: map[string]any{"title": "Project " + randomSuffix(), "partners": partnerList(cs.orgA, "coordinator", cs.orgB, "partner")}})
			return decode[projectBody](t, rec)
		}
		coordinatedByB := func(h *harness) projectBody {
			rec := h.do(request{method: "POST", url: "/api/v1/projects", body: map[string]any{"title": "Project " + randomSuffix(), "partners": partnerList(cs.orgB, "coordinator", cs.orgA, "partner")}})
			return decode[projectBody](t, rec)
		}
		ofA := []string{"admin", "coordinator", "key coordinator", "member of A", "key member of A"}
		ofB := []string{"admin", "coordinator", "key coordinator", "member of B"}
		h.checkWrites(t, cs, []writeCase{
			{name: "create project coordinated by A", allowed: ofA, request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/projects", body: map[string]any{"title": "New", "partners": partnerList(cs.orgA, "coordinator")}}
			}},
			{name: "change project coordinated by A", allowed: ofA, request: func(h *harness, _ string) request {
				return request{method: "PATCH", url: "/api/v1/projects/" + coordinatedByA(h).ID, headers: map[string]string{"If-Match": "1"}, body: map[string]any{"acronym": "NEW"}}
			}},
			{name: "change project coordinated by B", allowed: ofB, request: func(h *harness, _ string) request {
				return request{method: "PATCH", url: "/api/v1/projects/" + coordinatedByB(h).ID, headers: map[string]string{"If-Match": "1"}, body: map[string]any{"acronym": "NEW"}}
			}},
			{name: "add funding to A's project", allowed: ofA, request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/projects/" + coordinatedByA(h).ID + "/fundings", body: map[string]any{"funder": "dfg", "recipient_id": cs.orgA, "amount": 1, "currency": "EUR"}}
			}},
			{name: "add milestone to A's project", allowed: ofA, request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/projects/" + coordinatedByA(h).ID + "/milestones", body: map[string]any{"title": "M", "due_on": "2030-01-01"}}
			}},
			{name: "delete A's project", allowed: ofA, request: func(h *harness, _ string) request {
				return request{method: "DELETE", url: "/api/v1/projects/" + coordinatedByA(h).ID, headers: map[string]string{"If-Match": "1"}}
			}},
		})
	})
}
