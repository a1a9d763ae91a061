package api

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/innomunich/platform/pkg/apikey"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/labstack/echo/v4"
)

// authenticate finds the caller from the Authorization header: an API key
// (Bearer imk_…) or an access token (Bearer <JWT>). A request without the
// header goes on anonymous; one with a bad credential is 401 at once.
// Every API request, a refused one included, then counts against its
// caller's rate limit: the user, the key, or else the client address.
func (s *server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context() // carries the request id (withRequestID)
		if !strings.HasPrefix(c.Request().URL.Path, "/api/") {
			return next(c)
		}
		p, authErr := s.caller(c)
		caller := p.Kind + ":" + p.ID
		if p.Kind == "" {
			caller = "address:" + c.RealIP()
		}
		if err := s.rateLimit(c, caller); err != nil {
			return err
		}
		if authErr != nil {
			return withChallenge(c, authErr)
		}
		c.SetRequest(c.Request().WithContext(auth.With(ctx, p)))
		return next(c)
	}
}

var errBadToken = apperr.New(apperr.Unauthorized, "The access token is invalid or expired")

// caller is the principal the request's credential names; the zero
// Principal without one.
func (s *server) caller(c echo.Context) (auth.Principal, error) {
	ctx := c.Request().Context()
	h := c.Request().Header.Get(echo.HeaderAuthorization)
	if h == "" {
		h = keyFromQuery(c) // calendar feeds: ?key=imk_…
	}
	if h == "" {
		return auth.Principal{}, nil
	}
	scheme, cred, _ := strings.Cut(h, " ")
	if !strings.EqualFold(scheme, "Bearer") || cred == "" {
		return auth.Principal{}, apperr.New(apperr.Unauthorized, "Use Authorization: Bearer <access token or API key>")
	}
	if strings.HasPrefix(cred, apikey.Prefix) {
		k, err := apikey.Authenticate(ctx, s.DB, cred)
		if err != nil {
			return auth.Principal{}, err
		}
		return k.Principal(), nil
	}
	sess, err := s.Keys.Verify(cred, database.Now())
	if err != nil {
		return auth.Principal{}, errBadToken
	}
	return s.sessions.Principal(ctx, sess)
}

// rateLimit spends one request of the caller's bucket and says so in the
// RateLimit-Limit, -Remaining and -Reset headers (IETF draft
// httpapi-ratelimit-headers); an empty bucket is 429 with Retry-After.
func (s *server) rateLimit(c echo.Context, caller string) error {
	if s.limiter == nil {
		return nil
	}
	d := s.limiter.Take(caller, time.Now())
	h := c.Response().Header()
	h.Set("RateLimit-Limit", strconv.Itoa(d.Limit))
	h.Set("RateLimit-Remaining", strconv.Itoa(d.Remaining))
	h.Set("RateLimit-Reset", strconv.Itoa(ceilSeconds(d.Reset)))
	if d.Allowed {
		return nil
	}
	kind, _, _ := strings.Cut(caller, ":")
	s.refused.WithLabelValues(kind).Inc()
	secs := max(1, ceilSeconds(d.RetryAfter))
	return apperr.New(apperr.TooManyRequests, "Too many requests; try again in %d seconds", secs).With("retry_after", strconv.Itoa(secs))
}

func ceilSeconds(d time.Duration) int { return int((d + time.Second - 1) / time.Second) }

func unauthorized(c echo.Context, msg string) error {
	return withChallenge(c, apperr.New(apperr.Unauthorized, "%s", msg))
}

func withChallenge(c echo.Context, err error) error {
	if apperr.Is(err, apperr.Unauthorized) {
		c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="innomunich"`)
	}
	return err
}

// signedIn guards every endpoint that needs a caller. API keys also need
// the read scope for reads (for reports, reports:read does instead; for
// webhooks, webhooks:manage);
// writes check their own scope in the domain.
func signedIn(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		p := auth.From(c.Request().Context())
		if p.Kind == "" {
			return unauthorized(c, "Sign in first: send Authorization: Bearer <access token or API key>")
		}
		m := c.Request().Method
		reports := strings.HasPrefix(c.Path(), "/api/v1/reports") && p.Allows(auth.ScopeReadReports) ||
			strings.HasPrefix(c.Path(), "/api/v1/webhooks") && p.Allows(auth.ScopeWebhooksManage)
		if (m == http.MethodGet || m == http.MethodHead) && !p.Allows(auth.ScopeRead) && !reports {
			return apperr.New(apperr.Forbidden, "This API key lacks the read scope")
		}
		return next(c)
	}
}

// ifMatch reads the version a PATCH or DELETE is based on.
func ifMatch(c echo.Context) (int, error) {
	h := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	if h == "" {
		return 0, apperr.New(apperr.PreconditionRequired, "Send If-Match with the ETag of the version you changed, e.g. If-Match: \"3\"")
	}
	v, err := strconv.Atoi(strings.Trim(strings.TrimPrefix(h, "W/"), `"`))
	if err != nil || v < 1 {
		return 0, apperr.New(apperr.BadRequest, "If-Match must be an ETag this API returned, e.g. \"3\"")
	}
	return v, nil
}

// externalTarget reads the external system and id an upsert names, and
// its optional If-Match.
func externalTarget(c echo.Context) (system, id string, version *int, err error) {
	system, id = c.Param("system"), c.Param("external_id")
	for _, p := range []*string{&system, &id} {
		if *p, err = url.PathUnescape(*p); err != nil {
			return "", "", nil, apperr.New(apperr.BadRequest, "The path is not properly escaped")
		}
	}
	if c.Request().Header.Get("If-Match") != "" {
		v, err := ifMatch(c)
		if err != nil {
			return "", "", nil, err
		}
		version = &v
	}
	return system, id, version, nil
}

// target reads the id of the record a PATCH or DELETE names and the
// version (If-Match) it is based on.
func target(c echo.Context, noun string) (string, int, error) {
	id, err := pathID(c, "id", noun)
	if err != nil {
		return "", 0, err
	}
	version, err := ifMatch(c)
	return id, version, err
}

// itemTarget reads the parent's id (path parameter id), the item id and
// If-Match, for the sub-resources of trips and projects.
func itemTarget(c echo.Context, parent, param, noun string) (string, string, int, error) {
	parentID, err := pathID(c, "id", parent)
	if err != nil {
		return "", "", 0, err
	}
	id, err := pathID(c, param, noun)
	if err != nil {
		return "", "", 0, err
	}
	version, err := ifMatch(c)
	return parentID, id, version, err
}
