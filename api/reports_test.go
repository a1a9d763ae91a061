package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/innomunich/platform/pkg/apikey"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/demo"
	"github.com/innomunich/platform/pkg/report"
)

type frozenBody struct {
	ID     string `json:"id"`
	Period struct {
		Key, Kind, From, To string
		TimeZone            string `json:"time_zone"`
	} `json:"period"`
	Hash          string `json:"hash"`
	CreatedByName string `json:"created_by_name"`
	Figures       *struct {
		Agreements struct {
			Signed int64 `json:"signed"`
		} `json:"agreements"`
	} `json:"figures"`
	Changes []struct {
		Path    string `json:"path"`
		Frozen  any    `json:"frozen"`
		Current any    `json:"current"`
	} `json:"changes"`
}

// A frozen report keeps its figures; compared with the data after a
// record dated in its period is corrected, it shows what changed.
func TestAFrozenReportShowsWhatChangedSince(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		coordinator := h.bearer(h.newUser(auth.RoleCoordinator, nil))
		de, jp := h.newOrganisation("Report Test GmbH", "DE").ID, h.newOrganisation("レポート株式会社", "JP").ID
		rec := h.do(request{method: "POST", url: "/api/v1/agreements", body: map[string]any{"title": "MoU 2025", "kind": "mou", "signed_on": "2025-06-01",
			"parties": []map[string]any{{"organisation_id": de}, {"organisation_id": jp}}}})
		if rec.Code != 201 {
			t.Fatalf("create agreement: %d %s", rec.Code, rec.Body.String())
		}
		agreementID := decode[struct{ ID string }](t, rec).ID

		rec = h.do(request{method: "POST", url: "/api/v1/reports", as: coordinator, body: map[string]any{"period": "2025", "lang": "en"}})
		if rec.Code != 201 {
			t.Fatalf("freeze: %d %s", rec.Code, rec.Body.String())
		}
		frozen := decode[frozenBody](t, rec)
		if frozen.Figures == nil || frozen.Figures.Agreements.Signed != 1 || len(frozen.Hash) != 64 || frozen.Period.From != "2025-01-01" || frozen.Period.TimeZone != "Europe/Berlin" {
			t.Fatalf("frozen report %+v", frozen)
		}
		url := "/api/v1/reports/" + frozen.ID
		if got := decode[frozenBody](t, h.do(request{url: url + "?compare=current", as: coordinator})); len(got.Changes) != 0 || got.Hash != frozen.Hash {
			t.Fatalf("nothing changed yet, but the report shows %+v", got)
		}

		// The agreement was in fact signed in 2024.
		rec = h.do(request{method: "PATCH", url: "/api/v1/agreements/" + agreementID, headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{"signed_on": "2024-11-30"}})
		if rec.Code != 200 {
			t.Fatalf("correct agreement: %d %s", rec.Code, rec.Body.String())
		}
		got := decode[frozenBody](t, h.do(request{url: url + "?compare=current", as: coordinator}))
		changes := map[string]string{}
		for _, c := range got.Changes {
			changes[c.Path] = fmt.Sprintf("%v→%v", c.Frozen, c.Current)
		}
		for path, want := range map[string]string{"agreements.signed": "1→0", "agreements.by_kind[mou].signed": "1→0", "agreements.by_region[none].signed": "1→0"} {
			if changes[path] != want {
				t.Errorf("%s: %q, want %q (all changes: %v)", path, changes[path], want, changes)
			}
		}
		if got.Figures.Agreements.Signed != 1 || got.Hash != frozen.Hash {
			t.Errorf("the frozen figures changed: %+v", got)
		}
		// Without compare, no changes are listed.
		if plain := decode[frozenBody](t, h.do(request{url: url, as: coordinator})); plain.Changes != nil {
			t.Errorf("changes without compare: %+v", plain.Changes)
		}
		// The list shows the report without its figures.
		list := decode[struct{ Items []frozenBody }](t, h.do(request{url: "/api/v1/reports?period=2025", as: coordinator}))
		if len(list.Items) != 1 || list.Items[0].ID != frozen.ID || list.Items[0].Figures != nil {
			t.Errorf("list %+v", list)
		}
		// Frozen reports cannot be changed or deleted.
		for _, m := range []string{"PATCH", "DELETE", "PUT"} {
			if rec := h.do(request{method: m, url: url, as: coordinator, body: map[string]any{}}); rec.Code != 405 && rec.Code != 404 {
				t.Errorf("%s %s: %d", m, url, rec.Code)
			}
		}
	})
}

func TestReportPeriodsAreCheckedAndNamed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		h.run([]scenario{
			{name: "budget year", req: request{url: "/api/v1/reports/kpis?period=2025&lang=ja"}, wantStatus: 200,
				wantBody: []string{`"period":{"key":"2025","kind":"budget_year","from":"2025-01-01","to":"2025-12-31","time_zone":"Europe/Berlin"}`}},
			{name: "fiscal year", req: request{url: "/api/v1/reports/kpis?period=FY2025"}, wantStatus: 200,
				wantBody: []string{`"from":"2025-04-01","to":"2026-03-31","time_zone":"Asia/Tokyo"`}},
			{name: "range", req: request{url: "/api/v1/reports/kpis?from=2025-01-01&to=2025-06-30"}, wantStatus: 200, wantBody: []string{`"kind":"range"`}},
			{name: "no period", req: request{url: "/api/v1/reports/kpis"}, wantStatus: 400, wantBody: []string{`"field":"period"`}},
			{name: "bad period", req: request{url: "/api/v1/reports/kpis?period=FY25"}, wantStatus: 400, wantBody: []string{`"field":"period"`}},
			{name: "bad from", req: request{url: "/api/v1/reports/kpis?from=2025-13-01&to=2025-12-31"}, wantStatus: 400, wantBody: []string{`"field":"from"`}},
			{name: "to before from", req: request{url: "/api/v1/reports/kpis?from=2025-12-01&to=2025-01-31"}, wantStatus: 400, wantBody: []string{`"field":"to"`}},
			{name: "bad lang", req: request{url: "/api/v1/reports/kpis?period=2025&lang=fr"}, wantStatus: 400, wantBody: []string{`"field":"lang"`}},
			{name: "bad include", req: request{url: "/api/v1/reports/kpis?period=2025&include=total"}, wantStatus: 400, wantBody: []string{`"field":"include"`}},
			{name: "freeze bad period", req: request{method: "POST", url: "/api/v1/reports", body: map[string]any{"period": "2025-01"}}, wantStatus: 400, wantBody: []string{`"field":"period"`}},
			{name: "no such report", req: request{url: "/api/v1/reports/0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0f"}, wantStatus: 404},
		})
	})
}

// A reporting script's key needs only reports:read to read reports, and
// reads nothing else with it.
func TestAReportsKeyReadsReportsOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		_, secret, err := apikey.Create(setupCtx(), db, apikey.New{Name: "reporting", Role: auth.RoleViewer, Scopes: []string{auth.ScopeReadReports}, ExpiresAt: time.Now().Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		key := "Bearer " + secret
		h.run([]scenario{
			{name: "kpis", req: request{url: "/api/v1/reports/kpis?period=FY2025", as: key}, wantStatus: 200},
			{name: "frozen list", req: request{url: "/api/v1/reports", as: key}, wantStatus: 200},
			{name: "organisations", req: request{url: "/api/v1/organisations", as: key}, wantStatus: 403},
			{name: "freeze", req: request{method: "POST", url: "/api/v1/reports", as: key, body: map[string]any{"period": "2025"}}, wantStatus: 403},
		})
	})
}

// The API writes the KPIs exactly as pkg/report computes them: its
// declaration for the OpenAPI document drops nothing.
func TestTheKPIsEndpointWritesEveryFigure(t *testing.T) {
	db := dbtest.One(t)
	h := newHarness(t, db)
	if _, err := demo.Seed(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	p, _ := report.ParsePeriod("2026", "", "")
	k, err := report.Compute(context.Background(), db, p, "ja")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(k)
	var a, b any
	_ = json.Unmarshal(want, &a)
	rec := h.get("/api/v1/reports/kpis?period=2026&lang=ja")
	if err := json.Unmarshal(rec.Body.Bytes(), &b); err != nil || rec.Code != 200 {
		t.Fatalf("%d %v", rec.Code, err)
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("(-pkg/report +API):\n%s", diff)
	}
}

// With include=trend the KPIs carry the five years up to the period, each
// year's figures the same as that year's own report: the web app's trend
// chart needs one request, not five.
func TestTheKPIsCarryTheTrendOnRequest(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		if _, err := demo.Seed(context.Background(), db); err != nil {
			t.Fatal(err)
		}
		type figures struct {
			Trips struct {
				Held      int64 `json:"held"`
				Confirmed int64 `json:"confirmed"`
			} `json:"trips"`
			Agreements struct {
				Signed int64 `json:"signed"`
			} `json:"agreements"`
			Projects struct {
				Initiated int64 `json:"initiated"`
			} `json:"projects"`
		}
		type year struct {
			Period struct {
				Key string `json:"key"`
			} `json:"period"`
			Trips, Participants, Agreements, Projects int64
		}
		get := func(url string, v any) {
			t.Helper()
			rec := h.get(url)
			if rec.Code != 200 {
				t.Fatalf("%s: %d %s", url, rec.Code, rec.Body)
			}
			if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range []struct {
			url  string
			keys []string
		}{
			{"/api/v1/reports/kpis?period=2026&include=trend", []string{"2022", "2023", "2024", "2025", "2026"}},
			{"/api/v1/reports/kpis?period=FY2025&include=trend", []string{"FY2021", "FY2022", "FY2023", "FY2024", "FY2025"}},
			{"/api/v1/reports/kpis?from=2025-07-01&to=2026-06-30&include=trend", []string{"2022", "2023", "2024", "2025", "2026"}},
		} {
			var got struct {
				Trend []year `json:"trend"`
			}
			get(c.url, &got)
			var keys []string
			for _, y := range got.Trend {
				keys = append(keys, y.Period.Key)
				var own figures
				get("/api/v1/reports/kpis?period="+y.Period.Key, &own)
				want := year{Period: y.Period, Trips: own.Trips.Held, Participants: own.Trips.Confirmed, Agreements: own.Agreements.Signed, Projects: own.Projects.Initiated}
				if y != want {
					t.Errorf("%s: the trend's %s is %+v, its own report says %+v", c.url, y.Period.Key, y, want)
				}
			}
			if diff := cmp.Diff(c.keys, keys); diff != "" {
				t.Errorf("%s: years (-want +got):\n%s", c.url, diff)
			}
		}
		// Without include the KPIs have no trend.
		rec := h.get("/api/v1/reports/kpis?period=2026")
		if strings.Contains(rec.Body.String(), `"trend"`) {
			t.Error("the trend is there without include=trend")
		}
	})
}
