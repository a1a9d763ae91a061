package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/innomunich/platform/pkg/apikey"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/user"
	"github.com/labstack/echo/v4"
)

// authenticate finds the caller from the Authorization header: an API key
// (Bearer imk_…) or an access token (Bearer <JWT>). A request without the
// header goes on anonymous; one with a bad credential is 401 at once.
func (s *server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := audit.WithRequestID(c.Request().Context(), requestID(c))
		h := c.Request().Header.Get(echo.HeaderAuthorization)
		if h == "" {
			h = keyFromQuery(c) // calendar feeds: ?key=imk_…
		}
		if h == "" || !strings.HasPrefix(c.Request().URL.Path, "/api/") {
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
		scheme, cred, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") || cred == "" {
			return unauthorized(c, "Use Authorization: Bearer <access token or API key>")
		}
		var p auth.Principal
		if strings.HasPrefix(cred, apikey.Prefix) {
			k, err := apikey.Authenticate(ctx, s.DB, cred)
			if err != nil {
				return withChallenge(c, err)
			}
			p = k.Principal()
		} else {
			id, err := s.Keys.Verify(cred, database.Now())
			if err != nil {
				return unauthorized(c, "The access token is invalid or expired")
			}
			u, err := user.ByID(ctx, s.DB, id)
			if apperr.Is(err, apperr.NotFound) || (err == nil && u.Disabled) {
				return unauthorized(c, "The access token is invalid or expired")
			}
			if err != nil {
				return err
			}
			p = u.Principal()
		}
		c.SetRequest(c.Request().WithContext(auth.With(ctx, p)))
		return next(c)
	}
}

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
// the read scope for reads; writes check their own scope in the domain.
func signedIn(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		p := auth.From(c.Request().Context())
		if p.Kind == "" {
			return unauthorized(c, "Sign in first: send Authorization: Bearer <access token or API key>")
		}
		m := c.Request().Method
		if (m == http.MethodGet || m == http.MethodHead) && !p.Allows(auth.ScopeRead) {
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
