package api_test

import (
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

// badRequest is a scenario that must be a 400 problem naming the field.
func badRequest(name string, req request, field string) scenario {
	return scenario{name: name, req: req, wantStatus: 400, wantType: "application/problem+json", wantBody: []string{`"field":"` + field + `"`}}
}

func jsonPost(url, body string) request {
	return request{method: "POST", url: url, body: body}
}

func TestTextThatNoEngineCanStoreIsABadRequestNamingTheField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		org := h.newOrganisation("Text Biotech GmbH", "DE")
		patch := func(body string) request {
			return request{method: "PATCH", url: "/api/v1/organisations/" + org.ID, body: body, headers: map[string]string{"If-Match": `"1"`}}
		}
		h.run([]scenario{
			badRequest("NUL in a search", request{url: "/api/v1/organisations?q=a%00b"}, "q"),
			badRequest("invalid UTF-8 in a search", request{url: "/api/v1/people?q=%FF%FE"}, "q"),
			badRequest("NUL in a code filter", request{url: "/api/v1/organisations?region=%00"}, "region"),
			badRequest("invalid UTF-8 in a code filter", request{url: "/api/v1/projects?funder=%C3"}, "funder"),
			badRequest("NUL in a parameter name", request{url: "/api/v1/organisations?a%00=1"}, "query"),
			badRequest("NUL in a path code", request{url: "/api/v1/regions/osa%00ka"}, "code"),
			badRequest("invalid UTF-8 in a path code", request{url: "/api/v1/funders/%FF"}, "code"),
			badRequest("invalid UTF-8 in a path id", request{url: "/api/v1/organisations/%FF"}, "id"),
			badRequest("the JSON escape for NUL in a name", jsonPost("/api/v1/organisations", `{"name":"A\u0000B","kind":"biotech","country":"DE"}`), "name"),
			badRequest("invalid UTF-8 in a name", jsonPost("/api/v1/organisations", "{\"name\":\"A\xffB\",\"kind\":\"biotech\",\"country\":\"DE\"}"), "name"),
			badRequest("NUL in a nested field", patch(`{"description":{"ja":"\u0000"}}`), "description.ja"),
			badRequest("NUL in an array element", patch(`{"focus_areas":["small_molecules","\u0000"]}`), "focus_areas[1]"),
			badRequest("NUL in sign-in, unauthenticated", request{method: "POST", url: "/api/v1/auth/login", as: anonymous,
				body: `{"email":"a\u0000@example.org","password":"x"}`}, "email"),
			badRequest("invalid UTF-8 in sign-in, unauthenticated", request{method: "POST", url: "/api/v1/auth/login", as: anonymous,
				body: "{\"email\":\"a@example.org\",\"password\":\"\xc3\x28\"}"}, "password"),
			badRequest("invalid UTF-8 in an Idempotency-Key", request{method: "POST", url: "/api/v1/organisations", body: `{}`,
				headers: map[string]string{"Idempotency-Key": "k\xff"}}, "Idempotency-Key"),
			// A backslash before u0000 is the text \u0000, which is fine.
			{name: "an escaped backslash before u0000 is text", req: jsonPost("/api/v1/organisations", `{"name":"Backslash \\u0000 GmbH","kind":"biotech","country":"DE"}`),
				wantStatus: 201, wantBody: []string{`Backslash \\u0000 GmbH`}},
		})

		t.Run("a CSV import names the column", func(t *testing.T) {
			rec := h.do(csvRequest("/api/v1/organisations/import", "name,kind,country,city\nNul GmbH,biotech,DE,Mün\x00chen\n", ""))
			if rec.Code != 200 {
				t.Fatalf("%d %s", rec.Code, rec.Body.String())
			}
			rep := decode[importReportBody](t, rec)
			if rep.Committed || rep.Errors != 1 || len(rep.Rows[0].Errors) != 1 || rep.Rows[0].Errors[0].Field != "city" {
				t.Errorf("report %+v, want one error for city and nothing written", rep)
			}
		})
	})
}

func TestFiltersThatNameARecordMustBeIds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		org := h.newOrganisation("Filter Biotech GmbH", "DE")
		var scenarios []scenario
		for _, f := range []struct{ list, param string }{
			{"people", "organisation"},
			{"trips", "organiser"},
			{"trips", "participant_organisation"},
			{"projects", "partner"},
			{"projects", "origin_trip"},
			{"agreements", "party"},
			{"audit-events", "entity_id"},
			{"audit-events", "actor"},
		} {
			url := "/api/v1/" + f.list + "?" + f.param + "="
			scenarios = append(scenarios,
				badRequest(f.list+" by a "+f.param+" that is no id", request{url: url + "xyz"}, f.param),
				badRequest(f.list+" by a "+f.param+" with a typo", request{url: url + org.ID[:35]}, f.param),
				scenario{name: f.list + " by a well-formed " + f.param, req: request{url: url + strings.ToUpper(org.ID)}, wantStatus: 200},
			)
		}
		scenarios = append(scenarios,
			badRequest("a repeated party with one bad", request{url: "/api/v1/agreements?party=" + org.ID + "&party=nope"}, "party"),
			badRequest("a cursor with an id that is no id", request{url: "/api/v1/organisations?cursor=" + cursorOf(`{"s":"name","v":"a","id":"xyz"}`)}, "cursor"),
			badRequest("a cursor with NUL in its value", request{url: "/api/v1/organisations?cursor=" + cursorOf(`{"s":"name","v":"\u0000","id":"`+org.ID+`"}`)}, "cursor"),
			scenario{name: "a malformed path id is 404", req: request{url: "/api/v1/organisations/xyz"}, wantStatus: 404, wantType: "application/problem+json"},
			scenario{name: "a malformed nested path id is 404", req: request{method: "DELETE", url: "/api/v1/projects/xyz/partners/abc", headers: map[string]string{"If-Match": `"1"`}},
				wantStatus: 404, wantType: "application/problem+json"},
		)
		h.run(scenarios)
	})
}

func TestQueryStringsAreReadWholeOrRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		h.run([]scenario{
			badRequest("a ; separator", request{url: "/api/v1/organisations?country=DE;kind=pharma"}, "query"),
			badRequest("a ; separator, unauthenticated", request{url: "/api/v1/organisations?limit=1;x", as: anonymous}, "query"),
			badRequest("a broken escape", request{url: "/api/v1/organisations?q=%zz"}, "query"),
			{name: "an escaped ; is part of a value", req: request{url: "/api/v1/organisations?q=a%3Bb"}, wantStatus: 200},
		})
	})
}

// Every endpoint with a limit reads it by one rule (page.ParseLimit), the
// spec's integer: a limit out of bounds, or with spaces around it (which
// /search once took and the lists refused), is a 400 that names limit
// with that endpoint's bounds.
func TestEveryLimitIsReadByOneRule(t *testing.T) {
	h := newHarness(t, dbtest.One(t))
	var scenarios []scenario
	for _, e := range []struct {
		url  string
		most int
	}{
		{"/api/v1/organisations?", 200},
		{"/api/v1/people?q=x&", 200},
		{"/api/v1/search?q=x&", 20},
		{"/api/v1/changes?", 200},
		{"/api/v1/jobs?", 200},
		{"/api/v1/audit-events?", 200},
	} {
		scenarios = append(scenarios,
			scenario{name: e.url + " limit 3", req: request{url: e.url + "limit=3"}, wantStatus: 200},
			scenario{name: e.url + " limit with spaces", req: request{url: e.url + "limit=%203%20"}, wantStatus: 400,
				wantBody: []string{`"field":"limit"`, fmt.Sprintf("must be a whole number from 1 to %d", e.most)}},
			scenario{name: e.url + " limit 0", req: request{url: e.url + "limit=0"}, wantStatus: 400,
				wantBody: []string{`"field":"limit"`, fmt.Sprintf("must be a whole number from 1 to %d", e.most)}},
			scenario{name: e.url + " limit past the bounds", req: request{url: e.url + fmt.Sprintf("limit=%d", e.most+1)}, wantStatus: 400,
				wantBody: []string{`"field":"limit"`}},
		)
	}
	h.run(scenarios)
}

func TestAWrongMethodIs405WithAllowEverywhere(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		notAllowed := func(method, url, allow string) scenario {
			return scenario{name: method + " " + url, req: request{method: method, url: url}, wantStatus: 405, wantType: "application/problem+json",
				wantBody: []string{"method-not-allowed"}, wantHeaders: map[string]string{"Allow": allow}}
		}
		h.run([]scenario{
			notAllowed("GET", "/api/v1/organisations/import", "OPTIONS, POST"),
			notAllowed("DELETE", "/api/v1/organisations/import", "OPTIONS, POST"),
			notAllowed("POST", "/api/v1/trips/calendar.ics", "OPTIONS, GET"),
			notAllowed("PUT", "/api/v1/organisations", "OPTIONS, GET, POST"),
			notAllowed("POST", "/api/v1/organisations/0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0f", "OPTIONS, DELETE, GET, PATCH"),
			notAllowed("GET", "/api/v1/auth/login", "OPTIONS, POST"),
			notAllowed("DELETE", "/healthz", "OPTIONS, GET"),
			{name: "an unknown path stays 404", req: request{url: "/api/v1/nothing-here"}, wantStatus: 404, wantType: "application/problem+json"},
		})
	})
}

// cursorOf writes a cursor by hand, as a curious caller would.
func cursorOf(doc string) string { return base64.RawURLEncoding.EncodeToString([]byte(doc)) }

func TestCSVExportIsSafeInASpreadsheetAndImportsBack(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		in := map[string]any{"name": `=HYPERLINK("https://evil.example","Formula AG")`, "kind": "biotech", "country": "DE",
			"short_name": "@SUM(A1)", "city": "-Dorf", "phone": "+49 89 1234567", "name_local": "'t Hooft",
			"description": map[string]string{"de": "'=already quoted", "en": "+1", "ja": "普通"}}
		rec := h.do(request{method: "POST", url: "/api/v1/organisations", body: in})
		if rec.Code != 201 {
			t.Fatalf("create: %d %s", rec.Code, rec.Body.String())
		}
		before := rec.Body.String()

		export := h.get("/api/v1/organisations?format=csv&q=Formula")
		if export.Code != 200 {
			t.Fatalf("export: %d %s", export.Code, export.Body.String())
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(export.Body.String(), "\ufeff"))).ReadAll()
		if err != nil || len(rows) != 2 {
			t.Fatalf("export %q: %v", export.Body.String(), err)
		}
		cell := map[string]string{}
		for i, col := range rows[0] {
			cell[col] = rows[1][i]
		}
		for col, want := range map[string]string{"name": `'=HYPERLINK("https://evil.example","Formula AG")`, "short_name": "'@SUM(A1)", "city": "'-Dorf",
			"phone": "'+49 89 1234567", "name_local": "'t Hooft", "description_de": "''=already quoted", "description_en": "'+1", "description_ja": "普通"} {
			if cell[col] != want {
				t.Errorf("exported %s = %q, want %q", col, cell[col], want)
			}
		}

		imp := h.do(csvRequest("/api/v1/organisations/import", export.Body.String(), ""))
		rep := decode[importReportBody](t, imp)
		if imp.Code != 200 || !rep.Committed || rep.Errors != 0 || rep.Created != 0 {
			t.Fatalf("import of the export: %d %s", imp.Code, imp.Body.String())
		}
		after := h.get("/api/v1/organisations/" + *rep.Rows[0].ID)
		for _, field := range []string{`"name":"=HYPERLINK(\"https://evil.example\",\"Formula AG\")"`, `"short_name":"@SUM(A1)"`, `"city":"-Dorf"`,
			`"phone":"+49 89 1234567"`, `"name_local":"'t Hooft"`, `"de":"'=already quoted"`, `"en":"+1"`} {
			if !strings.Contains(before, field) || !strings.Contains(after.Body.String(), field) {
				t.Errorf("%s: before %s, after the round trip %s", field, before, after.Body.String())
			}
		}
	})
}
