package api

import (
	"context"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	semconv "go.opentelemetry.io/otel/semconv/v1.37.0"
	"go.opentelemetry.io/otel/trace"
)

// Request body limits: every endpoint, and the CSV import.
const (
	maxBodySize   = "1M"
	maxImportSize = "20M"
)

func isImport(c echo.Context) bool { return c.Path() == "/api/v1/organisations/import" }

// isExport reports whether the request asks for the CSV export of the
// organisations (see wantsCSV).
func isExport(c echo.Context) bool {
	format := c.QueryParam("format")
	return c.Path() == "/api/v1/organisations" &&
		(format == "csv" || (format == "" && strings.Contains(c.Request().Header.Get(echo.HeaderAccept), "text/csv"))) ||
		isReportFile(c)
}

// isReportFile reports whether a request asks for a report as a file: an
// XLSX computes the KPIs of five more years for its trend.
func isReportFile(c echo.Context) bool {
	if c.Path() != "/api/v1/reports/kpis" && c.Path() != "/api/v1/reports/:id" {
		return false
	}
	if format := c.QueryParam("format"); format != "" {
		return format != "json"
	}
	accept := c.Request().Header.Get(echo.HeaderAccept)
	return slices.ContainsFunc(reportMediaTypes, func(m struct{ format, mediaType string }) bool { return strings.Contains(accept, m.mediaType) })
}

// deadline ends every request's context after d, a CSV export or import
// (which page or stream) after long: a stalled database then holds a
// caller that long at most, who gets a 503, and its connection is freed.
func deadline(d, long time.Duration) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			limit := timeoutOf(c, d, long)
			if limit <= 0 {
				return next(c)
			}
			ctx, cancel := context.WithTimeout(c.Request().Context(), limit)
			defer cancel()
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
	}
}

// timeoutOf is the deadline a request gets: d, or long for the CSV
// export and import.
func timeoutOf(c echo.Context, d, long time.Duration) time.Duration {
	if isImport(c) || isExport(c) {
		return long
	}
	return d
}

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,128}$`)

type ctxKey string

const requestIDKey ctxKey = "request_id"

// nameSpan names the request's span after its route pattern ("GET
// /api/v1/organisations/:id"), never the raw path, which the caller
// chooses. The span is otelhttp's, made around the router.
func nameSpan(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if route := c.Path(); route != "" {
			span := trace.SpanFromContext(c.Request().Context())
			span.SetName(c.Request().Method + " " + route)
			span.SetAttributes(semconv.HTTPRoute(route))
		}
		return next(c)
	}
}

// withRequestID takes X-Request-Id from the request when it is a sane token
// (so it cannot forge log lines) or makes one, and returns it on every response.
func withRequestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get(echo.HeaderXRequestID)
		if !validRequestID.MatchString(id) {
			id = uuid.Must(uuid.NewV7()).String()
		}
		c.Set(string(requestIDKey), id)
		// In the context for the log lines (pkg/telemetry) and the audit log.
		c.SetRequest(c.Request().WithContext(audit.WithRequestID(c.Request().Context(), id)))
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		return next(c)
	}
}

func requestID(c echo.Context) string {
	id, _ := c.Get(string(requestIDKey)).(string)
	return id
}

// accessLog writes one slog line per request.
func accessLog(logger *slog.Logger) echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogURIPath: true, LogMethod: true, LogLatency: true,
		LogRemoteIP: true, LogResponseSize: true, LogRoutePath: true,
		HandleError: true, // run the error handler first so the logged status is the one sent
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			level := slog.LevelInfo
			if v.Status >= 500 {
				level = slog.LevelError
			}
			// request_id, trace_id and the caller's id come from the
			// context (pkg/telemetry).
			logger.LogAttrs(c.Request().Context(), level, "request",
				slog.String("method", v.Method),
				slog.String("path", v.URIPath),
				slog.String("route", v.RoutePath),
				slog.Int("status", v.Status),
				slog.Int64("bytes", v.ResponseSize),
				slog.Duration("latency", v.Latency),
				slog.String("client_ip", v.RemoteIP),
			)
			return nil
		},
	})
}

// recoverPanics turns a panic into a 500 and logs its stack with the request id.
func recoverPanics(logger *slog.Logger) echo.MiddlewareFunc {
	return middleware.RecoverWithConfig(middleware.RecoverConfig{
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			logger.ErrorContext(c.Request().Context(), "panic", "error", err.Error(), "stack", string(stack))
			return err
		},
	})
}

// Content security policies: the API returns data only; the SPA loads its
// own scripts and styles (its component library sets inline styles); the
// docs page is a Swagger UI page with an inline bootstrap script.
const (
	cspAPI  = "default-src 'none'; frame-ancestors 'none'"
	cspSPA  = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
	cspDocs = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
)

// isAPIPath reports whether a path belongs to the server itself rather
// than to the SPA. The SPA never shadows these.
func isAPIPath(p string) bool {
	switch p {
	case "/openapi.json", "/openapi.yaml", "/healthz", "/readyz", "/metrics":
		return true
	}
	return strings.HasPrefix(p, "/api/") || p == "/api" || strings.HasPrefix(p, "/.well-known/")
}

// securityHeaders sets the headers every response carries.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		p := c.Request().URL.Path
		switch {
		case strings.HasPrefix(p, "/api/docs"):
			h.Set("Content-Security-Policy", cspDocs)
		case isAPIPath(p):
			h.Set("Content-Security-Policy", cspAPI)
			h.Set("Cache-Control", "no-store")
		default:
			h.Set("Content-Security-Policy", cspSPA)
		}
		return next(c)
	}
}

// cors answers cross-origin requests from the configured origins only; with
// none configured it adds nothing, so browsers keep the same-origin rule.
func cors(origins []string) echo.MiddlewareFunc {
	if len(origins) == 0 {
		return func(next echo.HandlerFunc) echo.HandlerFunc { return next }
	}
	return middleware.CORSWithConfig(middleware.CORSConfig{
		AllowOrigins:  origins,
		AllowMethods:  []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPatch, http.MethodDelete},
		AllowHeaders:  []string{echo.HeaderAuthorization, echo.HeaderContentType, "If-Match", "Idempotency-Key", echo.HeaderXRequestID},
		ExposeHeaders: []string{"ETag", echo.HeaderLocation, echo.HeaderXRequestID, echo.HeaderRetryAfter, "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"},
		MaxAge:        int((10 * time.Minute).Seconds()),
	})
}

// ipExtractor trusts X-Forwarded-For only from the configured proxies;
// without any, the client address is the connection's peer.
func ipExtractor(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// isText reports whether s can be stored as text on both engines:
// PostgreSQL refuses invalid UTF-8 and cannot hold NUL at all.
func isText(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

const notText = "must be UTF-8 text without NUL characters"

// checkInput rejects a request whose address cannot be read as the caller
// meant it, before any handler or the database sees it: a query string
// net/url would read only in part (a ";" separator or a bad escape is
// dropped silently), and NUL or invalid UTF-8 in a query parameter, a
// path parameter or the Idempotency-Key. JSON bodies are checked by
// decodeJSON.
func checkInput(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		var bad apperr.Fields
		r := c.Request()
		if _, err := url.ParseQuery(r.URL.RawQuery); err != nil {
			if strings.Contains(r.URL.RawQuery, ";") {
				bad.Add("query", "must separate parameters with & only; write a ; inside a value as %%3B")
			} else {
				bad.Add("query", "is not a valid query string: %v", err)
			}
		}
		query := r.URL.Query()
		for _, name := range slices.Sorted(maps.Keys(query)) {
			if !isText(name) {
				bad.Add("query", "has a parameter name that %s", notText)
				continue
			}
			if slices.ContainsFunc(query[name], func(v string) bool { return !isText(v) }) {
				bad.Add(name, notText)
			}
		}
		names := c.ParamNames()
		for i, v := range c.ParamValues() {
			if i < len(names) && !isText(v) {
				bad.Add(names[i], notText)
			}
		}
		if len(names) == 0 && !isText(r.URL.Path) {
			bad.Add("path", notText)
		}
		if k := r.Header.Get("Idempotency-Key"); !isText(k) {
			bad.Add("Idempotency-Key", notText)
		}
		if err := bad.ErrWith(apperr.BadRequest); err != nil {
			return err
		}
		return next(c)
	}
}
