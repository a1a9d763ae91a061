package api_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/innomunich/platform/api"
	"github.com/innomunich/platform/pkg/config"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/labstack/echo/v4"
)

// The harness checks every answer against the spec; this proves the check
// speaks up when they disagree.
func TestSpecCheckReportsWhereServerAndSpecDisagree(t *testing.T) {
	router, err := specRouter()
	if err != nil {
		t.Fatal(err)
	}
	answer := func(status int, contentType, body string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		rec.Header().Set("Content-Type", contentType)
		if status == 200 {
			rec.Header().Set("ETag", `W/"1"`)
		}
		rec.WriteHeader(status)
		rec.WriteString(body)
		return rec
	}
	for _, c := range []struct {
		name   string
		req    *http.Request
		rec    *httptest.ResponseRecorder
		wantOK bool
	}{
		{"documented answer", httptest.NewRequest("GET", "/healthz", nil), answer(200, "application/json", `{"status":"ok"}`), true},
		{"no ETag where the spec promises 304", httptest.NewRequest("GET", "/healthz", nil), func() *httptest.ResponseRecorder {
			rec := answer(200, "application/json", `{"status":"ok"}`)
			rec.Header().Del("ETag")
			return rec
		}(), false},
		{"undocumented status", httptest.NewRequest("GET", "/healthz", nil), answer(418, "application/problem+json", `{"type":"x","title":"x","status":418}`), false},
		{"body off the schema", httptest.NewRequest("GET", "/healthz", nil), answer(200, "application/json", `{"status":1}`), false},
		{"undocumented content type", httptest.NewRequest("GET", "/healthz", nil), answer(200, "text/plain", `ok`), false},
		{"problem as plain JSON", httptest.NewRequest("GET", "/healthz", nil), answer(503, "application/json", `{"type":"x","title":"x","status":503}`), false},
		{"accepted a limit the spec forbids", httptest.NewRequest("GET", "/api/v1/regions?limit=500", nil), answer(200, "application/json", `{"items":[],"next_cursor":null}`), false},
		{"rejected a limit the spec forbids", httptest.NewRequest("GET", "/api/v1/regions?limit=500", nil), answer(400, "application/problem+json", `{"type":"x","title":"x","status":400}`), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := checkAgainstSpec(router, c.req, nil, c.rec)
			if (err == nil) != c.wantOK {
				t.Errorf("check: %v, want ok %v", err, c.wantOK)
			}
		})
	}
}

// Integrators generate clients from the spec: every route the server
// answers is in it, with what a generator needs.
func TestSpecDescribesEveryRoute(t *testing.T) {
	doc := spec(t)
	db := dbtest.One(t)
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	e, ok := api.New(api.Deps{DB: db, Config: cfg}).(*echo.Echo)
	if !ok {
		t.Fatal("api.New no longer returns the Echo router")
	}
	// Not operations of the API: metrics in Prometheus' format, the spec
	// as YAML and the docs viewer.
	undocumented := []string{"/metrics", "/openapi.yaml", "/api/docs", "/api/docs/", "/api/docs/*"}
	public := []string{"/healthz", "/readyz", "/openapi.json", "/.well-known/jwks.json", "/api/v1/notifications/unsubscribe", "/api/v1/meeting-feeds/{token}/calendar.ics"}
	for _, r := range e.Routes() {
		if slices.Contains(undocumented, r.Path) || r.Method == echo.RouteNotFound || r.Name == api.MethodNotAllowedRoute {
			continue
		}
		path := r.Path
		for _, seg := range strings.Split(r.Path, "/") {
			if strings.HasPrefix(seg, ":") {
				path = strings.Replace(path, seg, "{"+seg[1:]+"}", 1)
			}
		}
		item := doc.Paths.Find(path)
		var op *openapi3.Operation
		if item != nil {
			op = item.GetOperation(r.Method)
		}
		if op == nil {
			t.Errorf("%s %s is not in openapi/openapi.json", r.Method, path)
			continue
		}
		if op.OperationID == "" || op.Summary == "" || len(op.Tags) == 0 {
			t.Errorf("%s %s lacks an operationId, summary or tag", r.Method, path)
		}
		isPublic := slices.Contains(public, path) || strings.HasPrefix(path, "/api/v1/auth/")
		switch {
		case op.Security == nil:
			t.Errorf("%s %s does not say who may call it (security)", r.Method, path)
		case isPublic && len(*op.Security) != 0:
			t.Errorf("%s %s is public, but the spec asks for a credential", r.Method, path)
		case !isPublic && len(*op.Security) == 0:
			t.Errorf("%s %s needs a credential, but the spec says it is public", r.Method, path)
		}
	}
}

func TestLogoutWithoutRefreshTokenIsAValidationError(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		for _, body := range []string{`{}`, `{"refresh_token":""}`} {
			rec := h.do(request{method: "POST", url: "/api/v1/auth/logout", as: anonymous, body: body})
			if rec.Code != 422 {
				t.Fatalf("logout with %s: %d, want 422: %s", body, rec.Code, rec.Body.String())
			}
			if p := decode[problem](t, rec); len(p.Errors) != 1 || p.Errors[0].Field != "refresh_token" {
				t.Errorf("logout with %s: %+v, want an error for refresh_token", body, p)
			}
		}
	})
}

// The statuses below are checked against the spec by the harness: a
// status the spec does not document fails the test.
func TestDocumentedErrorsOfVersionedWrites(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		h.run([]scenario{
			{name: "a malformed If-Match on a delete is 400", req: request{method: "DELETE", url: "/api/v1/agreements/01a229c0-0000-7000-8000-000000000001", headers: map[string]string{"If-Match": "yesterday"}},
				wantStatus: 400, wantType: "application/problem+json"},
			{name: "a delete without If-Match is 428", req: request{method: "DELETE", url: "/api/v1/people/01a229c0-0000-7000-8000-000000000001"},
				wantStatus: 428, wantType: "application/problem+json"},
		})
		create := func(body string) int {
			return h.do(request{method: "POST", url: "/api/v1/focus-areas", headers: map[string]string{"Idempotency-Key": "k1"}, body: body}).Code
		}
		if first, other := create(`{"code":"retry_one","name":{"en":"One"}}`), create(`{"code":"retry_other","name":{"en":"Other"}}`); first != 201 || other != 422 {
			t.Errorf("an Idempotency-Key reused with another body: %d then %d, want 201 then 422", first, other)
		}
		// A route that carries a secret keeps no hash of its body to compare
		// with: any retry with the same key is 409.
		logout := func(body string) int {
			return h.do(request{method: "POST", url: "/api/v1/auth/logout", as: anonymous, headers: map[string]string{"Idempotency-Key": "k2"}, body: body}).Code
		}
		if first, again := logout(`{"refresh_token":"imr_one"}`), logout(`{"refresh_token":"imr_one"}`); first != 204 || again != 409 {
			t.Errorf("an Idempotency-Key reused on logout: %d then %d, want 204 then 409", first, again)
		}
	})
}
