package api_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/innomunich/platform/api"
	"github.com/innomunich/platform/pkg/apikey"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/config"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/gen"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
)

// syncBuffer is a log sink the server's goroutines may write at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) lines() []map[string]any {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, l := range bytes.Split(b.buf.Bytes(), []byte("\n")) {
		var m map[string]any
		if json.Unmarshal(l, &m) == nil {
			out = append(out, m)
		}
	}
	return out
}

// newTracedHarness is newHarness with tracing into tp and JSON logs into log.
func newTracedHarness(t *testing.T, db *database.DB, tp trace.TracerProvider, log *syncBuffer) *harness {
	t.Helper()
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.SPADir = t.TempDir()
	cfg.RateLimit, cfg.RateLimitBurst = 1_000_000, 1_000_000
	cfg.SessionCheckTTL = 0
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	keys, err := auth.NewKeys(priv)
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewJSONHandler(log, nil))
	handler := api.New(api.Deps{DB: db, Keys: keys, Config: cfg, Version: "test", Logger: logger, Tracer: tp})
	return &harness{t: t, handler: agreesWithSpec(t, handler), db: db, keys: keys, signKey: priv}
}

// A request that fails on the server's side logs one "request failed"
// line naming its request once (the context's logger adds request_id
// to every line; the error handler added it a second time, and log
// collectors that take the first or the last of a repeated key disagree),
// with the id the caller was given.
func TestAFailedRequestIsLoggedWithItsIDOnce(t *testing.T) {
	db := dbtest.One(t)
	var log syncBuffer
	h := newTracedHarness(t, db, noop.NewTracerProvider(), &log)
	admin := h.newUser(auth.RoleAdmin, nil)
	h.admin = h.bearer(admin)
	db.Close()
	rec := h.get("/api/v1/organisations?q=example")
	if rec.Code != 503 {
		t.Fatalf("status %d, want 503: %s", rec.Code, rec.Body)
	}
	id := decode[problem](t, rec).RequestID
	var failed [][]byte
	log.mu.Lock()
	for _, l := range bytes.Split(log.buf.Bytes(), []byte("\n")) {
		if bytes.Contains(l, []byte(`"msg":"request failed"`)) {
			failed = append(failed, l)
		}
	}
	log.mu.Unlock()
	if len(failed) != 1 {
		t.Fatalf("%d request failed lines, want one: %s", len(failed), failed)
	}
	if n := bytes.Count(failed[0], []byte(`"request_id":`)); n != 1 || !bytes.Contains(failed[0], []byte(`"request_id":"`+id+`"`)) {
		t.Errorf("request_id %d times, want once and %q: %s", n, id, failed[0])
	}
}

// TestTracingMakesATreeOfARequest: one request to the organisation list
// is an HTTP server span named by its route, which continues the caller's
// trace, with the domain's span under it and that span's SQL statements
// under that; the log line of the request names its request, trace and
// caller by id, and nothing personal is in a span or a log line.
func TestTracingMakesATreeOfARequest(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		exp := tracetest.NewInMemoryExporter()
		tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
		t.Cleanup(func() { _ = tp.Shutdown(t.Context()) })
		if err := db.Trace(tp); err != nil {
			t.Fatal(err)
		}
		var log syncBuffer
		h := newTracedHarness(t, db, tp, &log)
		admin := h.newUser(auth.RoleAdmin, nil)
		h.admin = h.bearer(admin)
		exp.Reset()

		const callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736"
		rec := h.do(request{url: "/api/v1/organisations?limit=5&q=bio", headers: map[string]string{"traceparent": "00-" + callerTrace + "-00f067aa0ba902b7-01"}})
		if rec.Code != 200 {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		spans := exp.GetSpans()
		byName := func(name string) []tracetest.SpanStub {
			var out []tracetest.SpanStub
			for _, s := range spans {
				if s.Name == name {
					out = append(out, s)
				}
			}
			return out
		}
		var names []string
		for _, s := range spans {
			names = append(names, s.Name)
		}
		server := byName("GET /api/v1/organisations")
		domain := byName("organisation.List")
		if len(server) != 1 || len(domain) != 1 {
			t.Fatalf("want one server span named by the route and one organisation.List span; got %q", names)
		}
		srv, dom := server[0], domain[0]
		if srv.SpanKind != trace.SpanKindServer || srv.SpanContext.TraceID().String() != callerTrace {
			t.Errorf("server span: kind %v, trace %s; want server, the caller's trace %s", srv.SpanKind, srv.SpanContext.TraceID(), callerTrace)
		}
		if dom.Parent.SpanID() != srv.SpanContext.SpanID() {
			t.Errorf("organisation.List's parent is %s, not the server span %s", dom.Parent.SpanID(), srv.SpanContext.SpanID())
		}
		var sql []tracetest.SpanStub
		for _, s := range spans {
			if s.Parent.SpanID() == dom.SpanContext.SpanID() {
				sql = append(sql, s)
			}
		}
		if len(sql) == 0 {
			t.Fatalf("no SQL span under organisation.List; spans: %q", names)
		}
		for _, s := range sql {
			attrs := map[string]string{}
			for _, a := range s.Attributes {
				attrs[string(a.Key)] = a.Value.Emit()
			}
			if s.SpanKind != trace.SpanKindClient || !strings.HasPrefix(s.Name, "SELECT") && !strings.HasPrefix(s.Name, "EXPLAIN") || attrs["db.query.text"] == "" || attrs["db.system.name"] != map[database.Engine]string{database.SQLite: "sqlite", database.Postgres: "postgresql"}[db.Engine] {
				t.Errorf("SQL span %q: kind %v, attributes %v", s.Name, s.SpanKind, attrs)
			}
		}
		// The SQL keeps its placeholders and the URL its query string out:
		// the search word is in no span.
		for _, s := range spans {
			for _, a := range s.Attributes {
				if v := a.Value.Emit(); strings.Contains(v, "bio") || strings.Contains(v, admin.Email) {
					t.Errorf("span %s attribute %s holds request data: %q", s.Name, a.Key, v)
				}
			}
		}

		var line map[string]any
		for _, l := range log.lines() {
			if l["msg"] == "request" && l["route"] == "/api/v1/organisations" {
				line = l
			}
		}
		if line == nil {
			t.Fatalf("no log line of the request in %d lines", len(log.lines()))
		}
		if line["request_id"] != rec.Header().Get("X-Request-Id") || line["request_id"] == "" {
			t.Errorf("log request_id %v, X-Request-Id %q", line["request_id"], rec.Header().Get("X-Request-Id"))
		}
		if line["trace_id"] != callerTrace {
			t.Errorf("log trace_id %v, want %s", line["trace_id"], callerTrace)
		}
		if line["user_id"] != admin.ID {
			t.Errorf("log user_id %v, want the caller's id %s", line["user_id"], admin.ID)
		}
		raw, _ := json.Marshal(line)
		if strings.Contains(string(raw), admin.Email) || strings.Contains(string(raw), "Bearer") {
			t.Errorf("the log line holds personal data or a credential: %s", raw)
		}

		// The probes and /metrics make no spans.
		exp.Reset()
		for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
			h.do(request{url: path, as: anonymous})
		}
		if n := len(exp.GetSpans()); n != 0 {
			t.Errorf("probes and /metrics made %d spans", n)
		}
	})
}

// BenchmarkTracingOverhead is one organisation list request through the
// whole router on SQLite, with tracing off (the default) and on (spans
// for the request, the domain and every statement, exported at once to
// memory): what turning tracing on costs a request, besides the export.
func BenchmarkTracingOverhead(b *testing.B) {
	for _, traced := range []bool{false, true} {
		name := "off"
		if traced {
			name = "on"
		}
		b.Run(name, func(b *testing.B) {
			db := dbtest.New(b, database.SQLite)
			cfg, err := config.Load(func(string) string { return "" })
			if err != nil {
				b.Fatal(err)
			}
			cfg.SPADir, cfg.RateLimit = b.TempDir(), 0
			keys := auth.GenerateKeys()
			deps := api.Deps{DB: db, Keys: keys, Config: cfg, Version: "bench"}
			if traced {
				tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(tracetest.NewNoopExporter()))
				if err := db.Trace(tp); err != nil {
					b.Fatal(err)
				}
				deps.Tracer = tp
			}
			handler := api.New(deps)
			key := benchAPIKey(b, db)
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest("GET", "/api/v1/organisations?limit=20", nil)
				req.Header.Set("Authorization", "Bearer "+key)
				rec := httptest.NewRecorder()
				handler.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatalf("%d %s", rec.Code, rec.Body)
				}
			}
		})
	}
}

// benchAPIKey is the secret of an admin's API key in a database holding
// 50 generated organisations.
func benchAPIKey(b *testing.B, db *database.DB) string {
	b.Helper()
	if _, err := gen.Generate(b.Context(), db, gen.Options{Orgs: 50, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	_, secret, err := apikey.Create(setupCtx(), db, apikey.New{Name: "bench", Role: auth.RoleViewer, Scopes: []string{auth.ScopeRead}, ExpiresAt: time.Now().Add(time.Hour)})
	if err != nil {
		b.Fatal(err)
	}
	return secret
}
