// Package apperr owns the application's error vocabulary: a small set of
// codes that every domain package returns and that exactly one place, the
// HTTP layer, maps to statuses. Anything without a code is internal and is
// never shown to a user.
package apperr

import (
	"errors"
	"fmt"
)

// Code classifies an error by what the caller can do about it.
type Code string

const (
	BadRequest           Code = "bad_request"           // malformed input: JSON, parameters
	Invalid              Code = "invalid"               // well-formed but breaks a rule
	Unauthorized         Code = "unauthorized"          // not signed in
	Forbidden            Code = "forbidden"             // signed in, not allowed
	NotFound             Code = "not_found"             // no such thing
	Conflict             Code = "conflict"              // clashes with current state
	Gone                 Code = "gone"                  // existed, no longer kept (a pruned feed cursor)
	PreconditionFailed   Code = "precondition_failed"   // stale If-Match
	PreconditionRequired Code = "precondition_required" // If-Match missing
	TooLarge             Code = "too_large"             // body over the limit
	TooManyRequests      Code = "too_many_requests"     // throttled
	Unavailable          Code = "unavailable"           // a dependency is down
	Internal             Code = "internal"              // our fault; details only in the log
)

// FieldError names one invalid field by its JSON name.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	// Code is a stable reason a client may translate; empty for most.
	Code string `json:"code,omitempty"`
}

// Error is an application error with a code, a message meant for the caller,
// optional field errors and optional extra members for the problem body.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	// Extra is merged into the problem body, e.g. {"current_version": 3}.
	Extra map[string]any
	// Err is the cause; it is logged, never shown.
	Err error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an error with the given code and message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an error with the given code and message that keeps err as
// its (hidden) cause.
func Wrap(err error, code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// With adds a member to the problem body and returns e.
func (e *Error) With(key string, value any) *Error {
	if e.Extra == nil {
		e.Extra = map[string]any{}
	}
	e.Extra[key] = value
	return e
}

// Fields collects field errors; its Err method returns nil when none were added,
// so validation reads as a list of checks followed by one return.
type Fields []FieldError

// Add records that field is invalid.
func (f *Fields) Add(field, format string, args ...any) {
	*f = append(*f, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// AddCode records that field is invalid for a reason clients may translate.
func (f *Fields) AddCode(field, code, message string) {
	*f = append(*f, FieldError{Field: field, Message: message, Code: code})
}

// Err returns an Invalid error listing the fields, or nil.
func (f Fields) Err() error { return f.ErrWith(Invalid) }

// ErrWith returns an error of the code listing the fields, or nil.
func (f Fields) ErrWith(code Code) error {
	if len(f) == 0 {
		return nil
	}
	msg := "1 field is invalid"
	if len(f) > 1 {
		msg = fmt.Sprintf("%d fields are invalid", len(f))
	}
	return &Error{Code: code, Message: msg, Fields: f}
}

// CodeOf returns the code of err, or Internal for errors without one.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Is reports whether err carries the code.
func Is(err error, code Code) bool { return err != nil && CodeOf(err) == code }
