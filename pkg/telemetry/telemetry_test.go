package telemetry_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"testing"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/telemetry"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

func logLine(t *testing.T, ctx context.Context, h slog.Handler, buf *bytes.Buffer) map[string]any {
	t.Helper()
	buf.Reset()
	slog.New(h).InfoContext(ctx, "hello", "n", 1)
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatalf("%v: %s", err, buf)
	}
	return m
}

func TestLogLinesNameTheRequestTheTraceAndTheCallerByID(t *testing.T) {
	var buf bytes.Buffer
	h := telemetry.LogHandler(telemetry.LogHandler(slog.NewJSONHandler(&buf, nil)))
	if m := logLine(t, context.Background(), h, &buf); len(m) != 4 {
		t.Errorf("without a request: %v, want time, level, msg and n only", m)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(tracetest.NewInMemoryExporter()))
	ctx, span := tp.Tracer("t").Start(context.Background(), "x")
	defer span.End()
	ctx = audit.WithRequestID(ctx, "req-1")
	user := auth.With(ctx, auth.Principal{Kind: auth.KindUser, ID: "u-1", Name: "someone@example.org"})
	m := logLine(t, user, h, &buf)
	if m["request_id"] != "req-1" || m["trace_id"] != span.SpanContext().TraceID().String() || m["span_id"] != span.SpanContext().SpanID().String() || m["user_id"] != "u-1" {
		t.Errorf("user's request: %v", m)
	}
	if bytes.Contains(buf.Bytes(), []byte("someone@example.org")) || bytes.Count(buf.Bytes(), []byte(`"request_id"`)) != 1 {
		t.Errorf("the e-mail address is logged, or the ids twice (wrapped twice): %s", buf.String())
	}
	key := auth.With(ctx, auth.Principal{Kind: auth.KindAPIKey, ID: "k-1", Name: "CRM sync"})
	if m := logLine(t, key, h.WithAttrs([]slog.Attr{slog.String("a", "b")}), &buf); m["api_key_id"] != "k-1" || m["user_id"] != nil || m["a"] != "b" {
		t.Errorf("API key's request: %v", m)
	}
}

func TestDomainSpansFollowTheirParentAndMarkOnlyTheirOwnFailures(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	ctx, parent := tp.Tracer("t").Start(context.Background(), "parent")
	for _, err := range []error{nil, apperr.New(apperr.NotFound, "no"), apperr.New(apperr.Unavailable, "db down"), errors.New("boom")} {
		_, span := telemetry.Start(ctx, "domain")
		telemetry.End(span, err)
	}
	parent.End()
	spans := exp.GetSpans()
	if len(spans) != 5 {
		t.Fatalf("%d spans", len(spans))
	}
	want := []codes.Code{codes.Unset, codes.Unset, codes.Error, codes.Error}
	for i, s := range spans[:4] {
		if s.Parent.SpanID() != parent.SpanContext().SpanID() {
			t.Errorf("span %d is not the parent's child", i)
		}
		if s.Status.Code != want[i] {
			t.Errorf("span %d: status %v, want %v", i, s.Status.Code, want[i])
		}
	}
	// Without tracing set up and no parent, a span is a no-op.
	_, span := telemetry.Start(context.Background(), "alone")
	if span.IsRecording() {
		t.Error("a span without a parent or a global provider records")
	}
	telemetry.End(span, nil)
}
