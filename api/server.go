// Package api is the HTTP layer: routes, handlers, middleware and the
// request and response types of the JSON API. It is the only package that
// imports Echo. Handlers read their input, call the domain packages under
// pkg/ and write the output; rules live in those packages.
//
//	@title						InnoMuNiCH Cooperation Platform API
//	@version					1
//	@description				API of the German–Japanese biopharma cooperation network: directory, agreements, trips, joint projects and reporting. Errors are RFC 9457 problem details (application/problem+json). Lists are keyset-paginated: pass next_cursor as cursor to continue. A method an address does not list is 405 with an Allow header naming those it does. An empty query parameter (name=) is the same as an absent one.
//	@license.name				Apache-2.0
//	@license.url				https://www.apache.org/licenses/LICENSE-2.0
//	@BasePath					/
//	@accept						json
//	@produce					json
//	@tag.name					operations
//	@tag.description			Health, readiness and metrics
//	@tag.name					auth
//	@tag.description			Sign-in, tokens and the caller's own account
//	@tag.name					users
//	@tag.description			Accounts (admins)
//	@tag.name					api-keys
//	@tag.description			Keys of integrations and scripts (admins)
//	@tag.name					audit
//	@tag.description			Who changed what
//	@tag.name					jobs
//	@tag.description			Background jobs (admins): what waits, what failed and why
//	@tag.name					notifications
//	@tag.description			E-mail the platform sends, and the outbox that keeps it without an SMTP server
//	@tag.name					views
//	@tag.description			The caller's saved views: named filters and order of a list page of the web app
//	@tag.name					reference
//	@tag.description			Regions, focus areas and funders
//	@securityDefinitions.apikey	bearer
//	@in							header
//	@name						Authorization
//	@description				"Bearer <access token>" from /api/v1/auth/login, or "Bearer imk_…" with an API key
package api

import (
	"compress/gzip"
	"log/slog"
	"net/http"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/config"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/jobs"
	"github.com/innomunich/platform/pkg/mail"
	"github.com/innomunich/platform/pkg/notify"
	"github.com/innomunich/platform/pkg/ratelimit"
	"github.com/innomunich/platform/pkg/telemetry"
	"github.com/innomunich/platform/pkg/user"
	"github.com/innomunich/platform/pkg/webhook"
	"github.com/labstack/echo-contrib/echoprometheus"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// Deps is what the HTTP layer needs from the rest of the program.
type Deps struct {
	DB      *database.DB
	Keys    *auth.Keys   // sign and verify access tokens
	Jobs    *jobs.Client // the job queue; nil: an insert-only client
	Logger  *slog.Logger
	Config  config.Config
	Version string
	// Tracer, when set, makes a span of every request but /metrics and the
	// probes, continuing the caller's W3C traceparent; nil: no tracing.
	Tracer trace.TracerProvider
}

type server struct {
	Deps
	metrics  *prometheus.Registry
	sessions *user.Sessions
	limiter  *ratelimit.Limiter // nil: no rate limit
	refused  *prometheus.CounterVec
	mailer   *mail.Mailer
	notifier *notify.Notifier
}

// New returns the HTTP handler with every route and middleware.
func New(d Deps) http.Handler {
	if d.Keys == nil {
		d.Keys = auth.GenerateKeys()
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	// Every line logged with a request's context names the request, its
	// trace and its caller.
	d.Logger = slog.New(telemetry.LogHandler(d.Logger.Handler()))
	if d.Jobs == nil {
		q, err := jobs.New(d.DB, jobs.Config{Logger: d.Logger})
		if err != nil {
			panic(err) // an insert-only client has nothing to get wrong
		}
		d.Jobs = q
	}
	s := &server{Deps: d, metrics: prometheus.NewRegistry(), sessions: user.NewSessions(d.DB, d.Config.SessionCheckTTL)}
	if d.Config.RateLimit > 0 {
		s.limiter = ratelimit.New(d.Config.RateLimit, d.Config.RateLimitBurst)
	}
	s.mailer = mail.NewMailer(d.Jobs, mail.Config{SMTPURL: d.Config.SMTPURL, From: d.Config.MailFrom})
	s.notifier = notify.New(d.DB, s.mailer, d.Config.PublicURL)
	s.metrics.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewDBStatsCollector(d.DB.SQL(), string(d.DB.Engine)),
		jobs.NewCollector(d.DB),
		webhook.NewCollector(d.DB),
	)
	s.refused = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "innomunich",
		Subsystem: "ratelimit",
		Name:      "refusals_total",
		Help:      "API requests refused with 429 by the rate limit, by kind of caller (user, api_key, address).",
	}, []string{"caller"})
	s.metrics.MustRegister(s.refused)

	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = errorHandler(d.Logger)
	e.IPExtractor = ipExtractor(d.Config.TrustedProxies)

	if d.Tracer != nil {
		e.Use(nameSpan)
	}
	e.Use(
		withRequestID,
		accessLog(d.Logger),
		recoverPanics(d.Logger),
		securityHeaders,
		cors(d.Config.CORSOrigins),
		echoprometheus.NewMiddlewareWithConfig(echoprometheus.MiddlewareConfig{
			Namespace:  "innomunich",
			Subsystem:  "http",
			Registerer: s.metrics,
			// The Host header is the caller's to choose; as a label it
			// would let anyone grow the metrics without bound.
			LabelFuncs: map[string]echoprometheus.LabelValueFunc{
				"host": func(echo.Context, error) string { return "" },
			},
			StatusCodeResolver: func(c echo.Context, err error) int {
				if err != nil {
					return problemFor(err).Status
				}
				return c.Response().Status
			},
			DoNotUseRequestPathFor404: true,
			Skipper:                   func(c echo.Context) bool { return c.Path() == "/metrics" },
		}),
		countStatements(s.metrics),
		deadline(d.Config.RequestTimeout, d.Config.ExportTimeout),
		// 1 MiB for every body but a CSV import, which may be 20 MiB.
		middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: maxBodySize, Skipper: isImport}),
		middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: maxImportSize, Skipper: func(c echo.Context) bool { return !isImport(c) }}),
		// The fastest level: a list page's JSON shrinks about as much
		// (to a fifth) at a third of the CPU time of the default level,
		// which on two cores costs more than the query.
		// Outside gzip, so that a 304 discards the compressed body too.
		notModified,
		middleware.GzipWithConfig(middleware.GzipConfig{Level: gzip.BestSpeed, MinLength: 1024}),
		checkInput,
		s.webApp(),
		s.authenticate,
	)
	s.routes(e)
	answerOtherMethods(e)
	if d.Tracer == nil {
		return e
	}
	return otelhttp.NewHandler(e, "http",
		otelhttp.WithTracerProvider(d.Tracer),
		otelhttp.WithPropagators(propagation.TraceContext{}),
		otelhttp.WithFilter(func(r *http.Request) bool {
			switch r.URL.Path {
			case "/metrics", "/healthz", "/readyz":
				return false
			}
			return true
		}))
}
