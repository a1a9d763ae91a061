package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/database"
	"github.com/labstack/echo/v4"
)

// problemBase prefixes every problem type URI.
const problemBase = "https://innomunich.example/problems/"

// retryAfter is the Retry-After, in seconds, of a 503 for a database that
// is unavailable or busy.
const retryAfter = "5"

// Problem is an RFC 9457 problem detail, the body of every error response.
type Problem struct {
	Type      string       `json:"type" example:"https://innomunich.example/problems/validation"`
	Title     string       `json:"title" example:"Validation failed"`
	Status    int          `json:"status" example:"422"`
	Detail    string       `json:"detail,omitempty" example:"2 fields are invalid"`
	Instance  string       `json:"instance,omitempty" example:"/api/v1/organisations"`
	RequestID string       `json:"request_id,omitempty" example:"0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0f"`
	Errors    []FieldError `json:"errors,omitempty"`
	// Extra members, e.g. current_version on 412.
	Extra map[string]any `json:"-"`
} // @name Problem

// FieldError names one invalid field or parameter by its JSON name.
type FieldError struct {
	Field   string `json:"field" example:"country"`
	Message string `json:"message" example:"must be an ISO 3166-1 alpha-2 code"`
	// A stable reason the web app translates, e.g. password_common; only some errors have one.
	Code string `json:"code,omitempty" example:"password_common"`
} // @name FieldError

func fieldErrors(in []apperr.FieldError) []FieldError {
	if len(in) == 0 {
		return nil
	}
	out := make([]FieldError, len(in))
	for i, f := range in {
		out[i] = FieldError(f)
	}
	return out
}

// MarshalJSON writes Extra as top-level members.
func (p Problem) MarshalJSON() ([]byte, error) {
	type plain Problem
	b, err := json.Marshal(plain(p))
	if err != nil || len(p.Extra) == 0 {
		return b, err
	}
	m := map[string]any{}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k, v := range p.Extra {
		if _, taken := m[k]; !taken {
			m[k] = v
		}
	}
	return json.Marshal(m)
}

type problemKind struct {
	status int
	slug   string
	title  string
}

var problemKinds = map[apperr.Code]problemKind{
	apperr.BadRequest:           {http.StatusBadRequest, "bad-request", "Bad request"},
	apperr.Invalid:              {http.StatusUnprocessableEntity, "validation", "Validation failed"},
	apperr.Unauthorized:         {http.StatusUnauthorized, "unauthorized", "Not signed in"},
	apperr.Forbidden:            {http.StatusForbidden, "forbidden", "Not allowed"},
	apperr.NotFound:             {http.StatusNotFound, "not-found", "Not found"},
	apperr.Conflict:             {http.StatusConflict, "conflict", "Conflict"},
	apperr.Gone:                 {http.StatusGone, "gone", "Gone"},
	apperr.PreconditionFailed:   {http.StatusPreconditionFailed, "precondition-failed", "Changed by someone else"},
	apperr.PreconditionRequired: {http.StatusPreconditionRequired, "precondition-required", "If-Match required"},
	apperr.TooLarge:             {http.StatusRequestEntityTooLarge, "too-large", "Request body too large"},
	apperr.TooManyRequests:      {http.StatusTooManyRequests, "too-many-requests", "Too many requests"},
	apperr.Unavailable:          {http.StatusServiceUnavailable, "unavailable", "Service unavailable"},
	apperr.Internal:             {http.StatusInternalServerError, "internal", "Internal error"},
}

// statusCodes maps the statuses the framework itself produces to codes.
var statusCodes = map[int]apperr.Code{
	http.StatusBadRequest:            apperr.BadRequest,
	http.StatusUnauthorized:          apperr.Unauthorized,
	http.StatusForbidden:             apperr.Forbidden,
	http.StatusNotFound:              apperr.NotFound,
	http.StatusRequestEntityTooLarge: apperr.TooLarge,
	http.StatusTooManyRequests:       apperr.TooManyRequests,
	http.StatusServiceUnavailable:    apperr.Unavailable,
}

// problemFor turns any error into the problem a caller may see.
func problemFor(err error) Problem {
	var ae *apperr.Error
	isApp := errors.As(err, &ae)
	if isApp && ae.Code != apperr.Internal && problemKinds[ae.Code].status != 0 {
		k := problemKinds[ae.Code]
		return Problem{Type: problemBase + k.slug, Title: k.title, Status: k.status, Detail: ae.Message, Errors: fieldErrors(ae.Fields), Extra: ae.Extra}
	}
	// The database down, busy or out of time is no bug: the caller may
	// try again, and learns when.
	if database.IsUnavailable(err) {
		k := problemKinds[apperr.Unavailable]
		return Problem{Type: problemBase + k.slug, Title: k.title, Status: k.status, Detail: "The database is unavailable or busy; try again shortly.", Extra: map[string]any{"retry_after": retryAfter}}
	}
	if isApp {
		k := problemKinds[apperr.Internal]
		return Problem{Type: problemBase + k.slug, Title: k.title, Status: k.status, Detail: "Something went wrong on our side; quote the request id when you report it."}
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		switch he.Code {
		case http.StatusMethodNotAllowed:
			return Problem{Type: problemBase + "method-not-allowed", Title: "Method not allowed", Status: he.Code, Detail: "This resource does not accept that method."}
		case http.StatusNotFound:
			k := problemKinds[apperr.NotFound]
			return Problem{Type: problemBase + k.slug, Title: k.title, Status: k.status, Detail: "No resource at this address."}
		case http.StatusRequestEntityTooLarge:
			k := problemKinds[apperr.TooLarge]
			return Problem{Type: problemBase + k.slug, Title: k.title, Status: k.status, Detail: "The request body is too large: 1 MiB at most, 20 MiB for a CSV import."}
		}
		if code, ok := statusCodes[he.Code]; ok {
			k := problemKinds[code]
			detail := http.StatusText(he.Code)
			if msg, ok := he.Message.(string); ok {
				detail = msg
			}
			return Problem{Type: problemBase + k.slug, Title: k.title, Status: k.status, Detail: detail}
		}
	}
	k := problemKinds[apperr.Internal]
	return Problem{Type: problemBase + k.slug, Title: k.title, Status: k.status, Detail: "Something went wrong on our side; quote the request id when you report it."}
}

// errorHandler is Echo's single error handler: every error of every route
// and middleware leaves through here as application/problem+json.
func errorHandler(logger *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		p := problemFor(err)
		p.Instance = c.Request().URL.Path
		p.RequestID = requestID(c)
		if p.Status >= 500 {
			// request_id comes from the context, as on every line (pkg/telemetry).
			logger.ErrorContext(c.Request().Context(), "request failed",
				"method", c.Request().Method, "path", c.Request().URL.Path, "error", err.Error())
		}
		if v, ok := p.Extra["retry_after"]; ok {
			if s, ok := v.(string); ok {
				c.Response().Header().Set("Retry-After", s)
			}
		}
		c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
		c.Response().WriteHeader(p.Status)
		if c.Request().Method == http.MethodHead {
			return
		}
		_ = json.NewEncoder(c.Response()).Encode(p)
	}
}
