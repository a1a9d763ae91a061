package api_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/innomunich/platform/openapi"
	"github.com/innomunich/platform/pkg/config"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	_ "github.com/jackc/pgx/v5/stdlib"
)

func TestOperationsEndpoints(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		h.run([]scenario{
			{name: "healthz says ok", req: request{url: "/healthz"}, wantStatus: 200, wantType: "application/json", wantBody: []string{`"status":"ok"`}},
			{name: "readyz says ready", req: request{url: "/readyz"}, wantStatus: 200, wantBody: []string{`"status":"ready"`}},
			{name: "openapi.json is the committed spec", req: request{url: "/openapi.json"}, wantStatus: 200, wantType: "application/json", wantBody: []string{`"openapi": "3.0.3"`, `/api/v1/regions`}},
			{name: "openapi.yaml is served too", req: request{url: "/openapi.yaml"}, wantStatus: 200, wantType: "application/yaml", wantBody: []string{"openapi: 3.0.3"}},
			{name: "api docs redirect to the docs page", req: request{url: "/api/docs"}, wantStatus: 302, wantHeaders: map[string]string{"Location": "/api/docs/index.html"}},
			{name: "api docs page renders the spec", req: request{url: "/api/docs/index.html"}, wantStatus: 200, wantType: "text/html", wantBody: []string{"swagger-ui", "/openapi.json"}, wantNotBody: []string{"doc.json"}},
			{name: "api docs assets are embedded", req: request{url: "/api/docs/swagger-ui-bundle.js"}, wantStatus: 200},
		})
		if got := h.get("/openapi.json").Body.Bytes(); !bytes.Equal(got, openapi.JSON) {
			t.Error("/openapi.json differs from openapi/openapi.json")
		}
		h.do(request{method: "DELETE", url: "/api/v1/audit-events"})
		metrics := h.get("/metrics")
		// Prometheus asks for gzip: the body must be compressed once.
		zipped := h.do(request{url: "/metrics", headers: map[string]string{"Accept-Encoding": "gzip"}})
		if zr, err := gzip.NewReader(zipped.Body); err != nil {
			t.Errorf("/metrics with Accept-Encoding gzip: %v", err)
		} else if plain, err := io.ReadAll(zr); err != nil || !bytes.Contains(plain, []byte("innomunich_http_requests_total")) {
			t.Errorf("/metrics gunzipped once is not the metrics text (%v): %.40q", err, plain)
		}
		for _, want := range []string{`innomunich_http_requests_total{code="200",host="",method="GET",url="/healthz"}`, `innomunich_http_requests_total{code="405",host="",method="DELETE",url="/api/v1/audit-events"}`, "innomunich_http_request_duration_seconds", "go_sql_max_open_connections"} {
			if !strings.Contains(metrics.Body.String(), want) {
				t.Errorf("/metrics lacks %s", want)
			}
		}
	})
}

func TestErrorsAreProblemDetails(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		big := bytes.Repeat([]byte("a"), 2<<20)
		h.run([]scenario{
			{name: "unknown API route is 404", req: request{url: "/api/v1/nope"}, wantStatus: 404, wantType: "application/problem+json",
				wantBody: []string{`"type":"https://innomunich.example/problems/not-found"`, `"instance":"/api/v1/nope"`, `"request_id":"`}},
			{name: "POST to an unknown API route is 404, not the web app", req: request{method: "POST", url: "/api/v1/nope", body: "{}"}, wantStatus: 404, wantType: "application/problem+json"},
			{name: "wrong method is 405 with Allow", req: request{method: "DELETE", url: "/api/v1/audit-events"}, wantStatus: 405, wantType: "application/problem+json",
				wantBody: []string{`"status":405`}, wantHeaders: map[string]string{"Allow": "OPTIONS, GET"}},
			{name: "2 MiB body is 413", req: request{method: "POST", url: "/api/v1/regions", body: big}, wantStatus: 413, wantType: "application/problem+json",
				wantBody: []string{"problems/too-large"}},
			{name: "limit 0 is 400 naming limit", req: request{url: "/api/v1/regions?limit=0"}, wantStatus: 400, wantType: "application/problem+json",
				wantBody: []string{`"field":"limit"`, "1 to 200"}},
			{name: "limit 201 is 400", req: request{url: "/api/v1/regions?limit=201"}, wantStatus: 400, wantBody: []string{`"field":"limit"`}},
			{name: "limit that is no number is 400", req: request{url: "/api/v1/regions?limit=ten"}, wantStatus: 400, wantBody: []string{`"field":"limit"`}},
			{name: "unknown sort field is 400 listing the allowed ones", req: request{url: "/api/v1/regions?sort=population"}, wantStatus: 400,
				wantBody: []string{`"field":"sort"`, "code, created_at, updated_at"}},
			{name: "forged cursor is 400", req: request{url: "/api/v1/regions?cursor=bm9wZQ"}, wantStatus: 400, wantBody: []string{`"field":"cursor"`}},
			{name: "misspelt filter is 400, not everything", req: request{url: "/api/v1/regions?contry=JP"}, wantStatus: 400, wantBody: []string{`"field":"contry"`}},
			{name: "bad country is 400", req: request{url: "/api/v1/regions?country=Japan"}, wantStatus: 400, wantBody: []string{`"field":"country"`, "alpha-2"}},
			{name: "all bad parameters are named at once", req: request{url: "/api/v1/regions?limit=-1&sort=x"}, wantStatus: 400, wantBody: []string{`"field":"limit"`, `"field":"sort"`, "2 fields are invalid"}},
		})
		rec := h.get("/api/v1/nope")
		p := decode[problem](t, rec)
		if p.RequestID == "" || p.RequestID != rec.Header().Get("X-Request-Id") {
			t.Errorf("problem request_id %q, X-Request-Id %q: want the same, non-empty", p.RequestID, rec.Header().Get("X-Request-Id"))
		}
	})
}

func TestRequestIDIsKeptWhenSaneAndMadeOtherwise(t *testing.T) {
	h := newHarness(t, dbtest.One(t))
	rec := h.do(request{url: "/healthz", headers: map[string]string{"X-Request-Id": "partner-osaka-42"}})
	if got := rec.Header().Get("X-Request-Id"); got != "partner-osaka-42" {
		t.Errorf("X-Request-Id = %q, want the caller's partner-osaka-42", got)
	}
	rec = h.do(request{url: "/healthz", headers: map[string]string{"X-Request-Id": "spaces and \"quotes\" forge log lines"}})
	if got := rec.Header().Get("X-Request-Id"); got == "" || strings.Contains(got, " ") {
		t.Errorf("X-Request-Id = %q, want a fresh id instead of the unsafe one", got)
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := newHarness(t, dbtest.One(t))
	for _, path := range []string{"/api/v1/regions", "/api/v1/nope", "/healthz", "/", "/organisations"} {
		rec := h.get(path)
		for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"} {
			if got := rec.Header().Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", path, k, got, v)
			}
		}
		csp := rec.Header().Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q lacks frame-ancestors 'none'", path, csp)
		}
		isAPI := strings.HasPrefix(path, "/api/") || path == "/healthz"
		if got := rec.Header().Get("Cache-Control"); isAPI && got != "no-store" {
			t.Errorf("%s: Cache-Control = %q, want no-store", path, got)
		}
		if isAPI && !strings.HasPrefix(csp, "default-src 'none'") {
			t.Errorf("%s: CSP %q, want default-src 'none' for the API", path, csp)
		}
	}
}

func TestCORSOnlyForConfiguredOrigins(t *testing.T) {
	db := dbtest.One(t)
	preflight := func(h *harness, origin string) string {
		rec := h.do(request{method: "OPTIONS", url: "/api/v1/regions", headers: map[string]string{
			"Origin": origin, "Access-Control-Request-Method": "GET",
		}})
		return rec.Header().Get("Access-Control-Allow-Origin")
	}
	closed := newHarness(t, db)
	if got := preflight(closed, "https://evil.example"); got != "" {
		t.Errorf("without configured origins: Access-Control-Allow-Origin = %q, want none", got)
	}
	open := newHarness(t, db, func(c *config.Config) { c.CORSOrigins = []string{"https://partner.osaka.example"} })
	if got := preflight(open, "https://partner.osaka.example"); got != "https://partner.osaka.example" {
		t.Errorf("configured origin: Access-Control-Allow-Origin = %q", got)
	}
	if got := preflight(open, "https://evil.example"); got != "" {
		t.Errorf("other origin: Access-Control-Allow-Origin = %q, want none (never reflected)", got)
	}
}

func TestWebAppIsServedWithoutShadowingTheAPI(t *testing.T) {
	dist := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dist, "index.html"), []byte("<!doctype html><title>InnoMuNiCH app</title>"), 0o644))
	must(t, os.MkdirAll(filepath.Join(dist, "assets"), 0o755))
	must(t, os.WriteFile(filepath.Join(dist, "assets", "app-1234.js"), []byte("console.log('app')"), 0o644))
	h := newHarness(t, dbtest.One(t), func(c *config.Config) { c.SPADir = dist })
	h.run([]scenario{
		{name: "root is the app", req: request{url: "/"}, wantStatus: 200, wantType: "text/html", wantBody: []string{"InnoMuNiCH app"}},
		{name: "client route is the app", req: request{url: "/organisations/0193-x"}, wantStatus: 200, wantBody: []string{"InnoMuNiCH app"},
			wantHeaders: map[string]string{"Cache-Control": "no-cache"}},
		{name: "asset is served and cached", req: request{url: "/assets/app-1234.js"}, wantStatus: 200, wantBody: []string{"console.log"},
			wantHeaders: map[string]string{"Cache-Control": "public, max-age=31536000, immutable"}},
		{name: "missing asset is 404", req: request{url: "/assets/gone.js"}, wantStatus: 404, wantType: "application/problem+json"},
		{name: "unknown API path is never the app", req: request{url: "/api/v1/organisations-typo"}, wantStatus: 404, wantNotBody: []string{"InnoMuNiCH app"}},
		{name: "healthz is never the app", req: request{url: "/healthz"}, wantStatus: 200, wantNotBody: []string{"InnoMuNiCH app"}},
		{name: "openapi.json is never the app", req: request{url: "/openapi.json"}, wantStatus: 200, wantNotBody: []string{"InnoMuNiCH app"}},
	})
	unbuilt := newHarness(t, dbtest.One(t))
	unbuilt.run([]scenario{{name: "without a build, a hint", req: request{url: "/"}, wantStatus: 200, wantBody: []string{"make run"}}})
}

func TestLargeResponsesAreCompressed(t *testing.T) {
	h := newHarness(t, dbtest.One(t))
	rec := h.do(request{url: "/api/v1/funders", headers: map[string]string{"Accept-Encoding": "gzip"}})
	if rec.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding = %q, want gzip", rec.Header().Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(rec.Body)
	must(t, err)
	body, err := io.ReadAll(zr)
	must(t, err)
	if !strings.Contains(string(body), "日本医療研究開発機構") {
		t.Errorf("decompressed body lacks AMED's Japanese name: %s", body)
	}
}

// TestReadyzFollowsTheDatabase cuts the database off and restores it
// while the server keeps running.
func TestReadyzFollowsTheDatabase(t *testing.T) {
	if os.Getenv("TEST_DATABASE_URL") == "" {
		dbtest.Engines(t) // fails in CI
		t.Skip("needs PostgreSQL to cut off")
	}
	url := dbtest.URL(t, database.Postgres)
	db, err := database.Open(context.Background(), url, database.Options{})
	must(t, err)
	defer db.Close()
	h := newHarness(t, db)
	if rec := h.get("/readyz"); rec.Code != 200 {
		t.Fatalf("readyz before: %d", rec.Code)
	}
	admin, err := sql.Open("pgx", os.Getenv("TEST_DATABASE_URL"))
	must(t, err)
	defer admin.Close()
	name := url[strings.LastIndex(url, "/")+1:]
	if i := strings.Index(name, "?"); i >= 0 {
		name = name[:i]
	}
	_, err = admin.Exec("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false")
	must(t, err)
	_, err = admin.Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", name)
	must(t, err)
	rec := h.get("/readyz")
	if rec.Code != http.StatusServiceUnavailable || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") {
		t.Errorf("readyz with the database gone: %d %s, want 503 problem", rec.Code, rec.Body.String())
	}
	_, err = admin.Exec("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true")
	must(t, err)
	if rec := h.get("/readyz"); rec.Code != 200 {
		t.Errorf("readyz after the database returned: %d %s, want 200", rec.Code, rec.Body.String())
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
