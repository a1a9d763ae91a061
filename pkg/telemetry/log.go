package telemetry

import (
	"context"
	"log/slog"

	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"go.opentelemetry.io/otel/trace"
)

// logHandler adds to every line logged with a context what that context
// knows: request_id, trace_id and span_id, and the caller as user_id or
// api_key_id (ids only: never an e-mail address, a name or a secret).
type logHandler struct{ next slog.Handler }

// LogHandler wraps h; wrapping twice adds nothing twice.
func LogHandler(h slog.Handler) slog.Handler {
	if _, ok := h.(logHandler); ok {
		return h
	}
	return logHandler{h}
}

func (h logHandler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h logHandler) Handle(ctx context.Context, r slog.Record) error {
	if id := audit.RequestID(ctx); id != "" {
		r.AddAttrs(slog.String("request_id", id))
	}
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		r.AddAttrs(slog.String("trace_id", sc.TraceID().String()), slog.String("span_id", sc.SpanID().String()))
	}
	switch p := auth.From(ctx); p.Kind {
	case auth.KindUser:
		r.AddAttrs(slog.String("user_id", p.ID))
	case auth.KindAPIKey:
		r.AddAttrs(slog.String("api_key_id", p.ID))
	}
	return h.next.Handle(ctx, r)
}

func (h logHandler) WithAttrs(as []slog.Attr) slog.Handler { return logHandler{h.next.WithAttrs(as)} }
func (h logHandler) WithGroup(name string) slog.Handler    { return logHandler{h.next.WithGroup(name)} }
