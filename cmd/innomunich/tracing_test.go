package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

// TestServeExportsSpansToTheOTLPEndpoint: with OTEL_EXPORTER_OTLP_ENDPOINT
// set, serve sends its spans over OTLP/HTTP to that collector, at the
// latest when it stops. A test collector receives them here.
func TestServeExportsSpansToTheOTLPEndpoint(t *testing.T) {
	got := make(chan []byte, 10)
	collector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.URL.Path == "/v1/traces" && r.Header.Get("Content-Type") == "application/x-protobuf" {
			got <- body
		}
		w.Header().Set("Content-Type", "application/x-protobuf")
		w.WriteHeader(http.StatusOK)
	}))
	defer collector.Close()
	// The OpenTelemetry SDK reads the process environment itself.
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", collector.URL)
	t.Setenv("OTEL_SERVICE_NAME", "innomunich-test")
	in := startServe(t, map[string]string{"DATABASE_URL": dbtest.EmptyURL(t, database.SQLite), "OTEL_EXPORTER_OTLP_ENDPOINT": collector.URL})
	if code := getStatus(t, in.url+"/.well-known/jwks.json"); code != 200 {
		t.Fatalf("jwks: %d", code)
	}
	if err := in.stop(); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(30 * time.Second)
	var all []byte
	for !bytes.Contains(all, []byte("GET /.well-known/jwks.json")) {
		select {
		case b := <-got:
			all = append(all, b...)
		case <-deadline:
			t.Fatalf("the collector received no span of the request (%d bytes)", len(all))
		}
	}
	if !bytes.Contains(all, []byte("innomunich-test")) {
		t.Error("the spans do not carry OTEL_SERVICE_NAME")
	}
}
