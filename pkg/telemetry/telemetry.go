// Package telemetry owns tracing (OpenTelemetry) and what the log lines
// say about the request they belong to. Tracing is off by default and
// costs nothing then; OTEL_TRACES_EXPORTER=otlp or an
// OTEL_EXPORTER_OTLP_ENDPOINT turns it on (pkg/config decides), and the
// OpenTelemetry SDK reads the other standard OTEL_ variables itself
// (headers, sampler, service name, resource attributes).
//
// Spans carry route patterns, SQL with placeholders (never the values),
// record ids and counts: never personal data or secrets.
package telemetry

import (
	"context"
	"fmt"

	"github.com/innomunich/platform/pkg/apperr"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.37.0"
	"go.opentelemetry.io/otel/trace"
)

// Scope names the platform's tracer.
const Scope = "github.com/innomunich/platform"

// Setup starts exporting spans over OTLP/HTTP when enabled and installs
// the provider globally, with the W3C trace-context propagator, so that a
// caller's traceparent continues its trace. It returns the provider (nil
// when tracing is off) and the function that flushes and stops it.
func Setup(ctx context.Context, enabled bool, version string) (trace.TracerProvider, func(context.Context) error, error) {
	if !enabled {
		return nil, func(context.Context) error { return nil }, nil
	}
	exp, err := otlptracehttp.New(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("OpenTelemetry exporter: %w", err)
	}
	// OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES override the defaults.
	res, err := resource.New(ctx,
		resource.WithAttributes(semconv.ServiceName("innomunich"), semconv.ServiceVersion(version)),
		resource.WithFromEnv(), resource.WithTelemetrySDK(), resource.WithHost())
	if err != nil {
		return nil, nil, fmt.Errorf("OpenTelemetry resource: %w", err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res))
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}))
	return tp, tp.Shutdown, nil
}

// Start begins a domain span, a child of the span in ctx made by that
// span's provider, or of none by the global provider (a background job).
// With tracing off both are no-ops.
func Start(ctx context.Context, name string, attrs ...attribute.KeyValue) (context.Context, trace.Span) {
	tp := otel.GetTracerProvider()
	if parent := trace.SpanFromContext(ctx); parent.SpanContext().IsValid() {
		tp = parent.TracerProvider()
	}
	return tp.Tracer(Scope).Start(ctx, name, trace.WithAttributes(attrs...))
}

// End ends span with err's outcome: its apperr code as error.type, and
// the span marked failed for the platform's own failures (unavailable,
// internal), not for a caller's (invalid, not found, conflict, …). Use it
// as defer func() { telemetry.End(span, err) }() with a named error result.
func End(span trace.Span, err error) {
	if err != nil {
		code := apperr.CodeOf(err)
		span.SetAttributes(attribute.String("error.type", string(code)))
		if code == apperr.Internal || code == apperr.Unavailable {
			span.SetStatus(codes.Error, string(code))
		}
	}
	span.End()
}
