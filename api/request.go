package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/extid"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/search"
	"github.com/labstack/echo/v4"
)

// decodeJSON reads the request body strictly into dst: it must be JSON,
// one value, and name no field dst does not have, so a typo or an attempt
// to set a field the endpoint does not offer never passes silently.
func decodeJSON(c echo.Context, dst any) error {
	mt, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if mt != echo.MIMEApplicationJSON && !strings.HasSuffix(mt, "+json") {
		return apperr.New(apperr.BadRequest, "Content-Type must be application/json")
	}
	raw, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return jsonError(err)
	}
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		// encoding/json would take null as "nothing to change" and
		// answer a merge patch that asks to clear the whole record.
		return apperr.New(apperr.BadRequest, "The body must be a JSON object, not null")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return apperr.New(apperr.BadRequest, "The body must hold exactly one JSON value")
	}
	return checkJSONText(raw)
}

// checkJSONText names the first string of a JSON document that is not
// text PostgreSQL can store: encoding/json turns invalid UTF-8 into U+FFFD
// without a word and decodes the escape \u0000 to NUL, so only the bytes
// each string came from can tell. It also refuses null inside a list,
// which encoding/json would quietly turn into an empty element. The quick
// test skips the walk for nearly every body.
func checkJSONText(raw []byte) error {
	if utf8.Valid(raw) && !bytes.Contains(raw, []byte(`\u0000`)) && !bytes.Contains(raw, []byte("null")) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	field, msg, err := badText(dec, raw, "", false)
	if err != nil || field == "" {
		return nil // the document decoded once already; this cannot happen
	}
	title := "A field is not text"
	if msg != notText {
		title = "A list holds null"
	}
	return &apperr.Error{Code: apperr.BadRequest, Message: title,
		Fields: []apperr.FieldError{{Field: field, Message: msg}}}
}

// badText reads one value and returns the path of its first bad string or
// null list element and what is wrong with it, "" when all are good:
// "name.de", "organiser_ids[2]", "body" for the whole document.
func badText(dec *json.Decoder, raw []byte, path string, inList bool) (string, string, error) {
	from := dec.InputOffset()
	tok, err := dec.Token()
	if err != nil {
		return "", "", err
	}
	here := path
	if here == "" {
		here = "body"
	}
	switch t := tok.(type) {
	case nil:
		if inList {
			return here, "must not be null", nil
		}
	case string:
		// The span holds the quoted string and ASCII separators only.
		if !utf8.Valid(raw[from:dec.InputOffset()]) || strings.ContainsRune(t, 0) {
			return here, notText, nil
		}
	case json.Delim:
		for i := 0; dec.More(); i++ {
			sub := fmt.Sprintf("%s[%d]", path, i)
			if t == '{' {
				from := dec.InputOffset()
				key, err := dec.Token()
				if err != nil {
					return "", "", err
				}
				name, _ := key.(string)
				if !utf8.Valid(raw[from:dec.InputOffset()]) || strings.ContainsRune(name, 0) {
					return here, notText, nil
				}
				sub = strings.TrimPrefix(path+"."+name, ".")
			}
			if bad, msg, err := badText(dec, raw, sub, t == '['); bad != "" || err != nil {
				return bad, msg, err
			}
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return "", "", err
		}
	}
	return "", "", nil
}

func jsonError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var he *echo.HTTPError
	switch {
	case errors.As(err, &he):
		return he // the body limit
	case errors.Is(err, io.EOF):
		return apperr.New(apperr.BadRequest, "The request body is empty; send a JSON object")
	case errors.As(err, &syntax):
		return apperr.New(apperr.BadRequest, "Malformed JSON at byte %d", syntax.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return apperr.New(apperr.BadRequest, "Malformed JSON: the body ends too early")
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return apperr.New(apperr.BadRequest, "The body must be a JSON object")
		}
		return &apperr.Error{Code: apperr.BadRequest, Message: "A field has the wrong JSON type",
			Fields: []apperr.FieldError{{Field: field, Message: "must be " + jsonTypeName(typ.Type.Kind().String())}}}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &apperr.Error{Code: apperr.BadRequest, Message: "The body names a field this endpoint does not accept",
			Fields: []apperr.FieldError{{Field: name, Message: "is not a field of this resource or cannot be set here"}}}
	default:
		return apperr.Wrap(err, apperr.BadRequest, "Malformed JSON")
	}
}

func jsonTypeName(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "map", "struct":
		return "an object"
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "a whole number"
	case "float32", "float64":
		return "a number"
	default:
		return "of another type"
	}
}

// pathID reads an id path parameter. A malformed id cannot name anything,
// so it is a 404 like an id that does not exist.
func pathID(c echo.Context, name, noun string) (string, error) {
	raw := c.Param(name)
	id, ok := parseID(raw)
	if !ok {
		return "", apperr.New(apperr.NotFound, "No %s with id %q", noun, raw)
	}
	return id, nil
}

// parseID reads an id in its one written form, 36 characters with
// hyphens, and returns it lower-cased as it is stored.
func parseID(raw string) (string, bool) {
	id, err := uuid.Parse(raw)
	if err != nil || len(raw) != 36 {
		return "", false
	}
	return id.String(), true
}

// query reads typed query parameters and collects every error, so a
// caller learns about all bad parameters at once. Parameters the endpoint
// does not know are rejected: a misspelt filter must not silently return
// everything.
type query struct {
	c   echo.Context
	bad apperr.Fields
	// ownSince: the handler reads updated_since itself (its filter is
	// shared with an export); otherwise page does. ownInclude: the
	// handler reads include itself (what else a response may carry).
	ownSince   bool
	ownInclude bool
	paged      bool
}

// listParams are accepted by every list endpoint. updated_since is the
// list mechanism's (page.Params), for every list with an updated_at.
// include=total asks for the list's total (page.Total).
var listParams = []string{"limit", "cursor", "sort", "updated_since", "include"}

func newQuery(c echo.Context, known ...string) *query {
	q := &query{c: c, ownSince: slices.Contains(known, "updated_since"), ownInclude: slices.Contains(known, "include")}
	for name, values := range c.QueryParams() {
		switch {
		case !slices.Contains(known, name) && !slices.Contains(listParams, name):
			q.bad.Add(name, "is not a parameter of this endpoint")
		case len(values) > 1 && (name == "q" || slices.Contains(listParams, name)):
			q.bad.Add(name, "must be given once")
		}
	}
	if utf8.RuneCountInString(q.str("q")) > search.MaxQuery {
		q.bad.Add("q", "must be at most %d characters", search.MaxQuery)
	}
	return q
}

func (q *query) str(name string) string { return strings.TrimSpace(q.c.QueryParam(name)) }

// limit reads limit as every endpoint does (page.ParseLimit): def when
// absent, a whole number from 1 to most, as it stands (" 5" is refused,
// as the spec's integer and the lists' pages refuse it).
func (q *query) limit(def, most int) int {
	return page.ParseLimit(&q.bad, q.c.QueryParam("limit"), def, most)
}

// id reads a filter that names a record by its id. A value that is not
// an id is a typo the caller must hear about: it would match nothing (on
// SQLite) or fail in the database (on PostgreSQL, where ids are uuid).
func (q *query) id(name string) string {
	ids := q.ids(name)
	if len(ids) > 1 {
		q.bad.Add(name, "must be given once")
	}
	if len(ids) == 0 {
		return ""
	}
	return ids[0]
}

// ids reads a filter that may be repeated to name any of several records.
func (q *query) ids(name string) []string {
	var out []string
	for _, raw := range q.c.QueryParams()[name] {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		id, ok := parseID(raw)
		if !ok {
			q.bad.Add(name, "must be an id such as 0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0f")
			return nil
		}
		out = append(out, id)
	}
	return out
}

// externalID reads a filter that names a record by an external id,
// system:id.
func (q *query) externalID(name string) string {
	v := q.str(name)
	if v == "" {
		return ""
	}
	system, id, ok := strings.Cut(v, ":")
	if !ok || !extid.ValidSystem(system) || !extid.ValidID(id) {
		q.bad.Add(name, "must be system:id, such as osaka-bhq:OB-1234")
	}
	return v
}

// oneOf reads a parameter that must be one of the allowed values, or empty.
func (q *query) oneOf(name string, allowed ...string) string {
	v := q.str(name)
	if v != "" && !slices.Contains(allowed, v) {
		q.bad.Add(name, "must be one of %s", strings.Join(allowed, ", "))
	}
	return v
}

// country reads an ISO 3166-1 alpha-2 code and returns it upper-cased.
func (q *query) country(name string) string {
	v := strings.ToUpper(q.str(name))
	if v != "" && (len(v) != 2 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z') {
		q.bad.Add(name, "must be an ISO 3166-1 alpha-2 code such as DE or JP")
	}
	return v
}

func (q *query) boolean(name string) *bool {
	v := q.str(name)
	if v == "" {
		return nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		q.bad.Add(name, "must be true or false")
		return nil
	}
	return &b
}

// date reads a YYYY-MM-DD date.
func (q *query) date(name string) string {
	v := q.str(name)
	if v == "" {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		q.bad.Add(name, "must be a date such as 2026-04-13")
		return ""
	}
	return v
}

// instant reads an RFC 3339 time.
func (q *query) instant(name string) *time.Time {
	v := q.str(name)
	if v == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		q.bad.Add(name, "must be an RFC 3339 time such as 2026-04-01T09:00:00Z")
		return nil
	}
	return &t
}

func pageParams(c echo.Context) page.Params {
	return page.Params{Limit: c.QueryParam("limit"), Cursor: c.QueryParam("cursor"), Sort: c.QueryParam("sort"), Selection: selection(c)}
}

// selection is what a list request selects besides its order and page
// size (page.Params.Selection): its path and its other parameters, an
// empty one being none, as the readers take them (q as search folds it:
// ZEBRA is zebra).
func selection(c echo.Context) string {
	v := url.Values{}
	for name, values := range c.QueryParams() {
		if name == "cursor" || name == "limit" || name == "sort" || name == "include" {
			continue // sort: a cursor names its own
		}
		for _, value := range values {
			if name == "q" {
				value = strings.Join(search.Words(value), " ")
			}
			if value = strings.TrimSpace(value); value != "" {
				v.Add(name, value)
			}
		}
	}
	return c.Request().URL.Path + "?" + v.Encode()
}

// page parses limit, cursor, sort and updated_since against the list's spec.
func (q *query) page(spec page.Spec) page.Page {
	q.paged = true
	params := pageParams(q.c)
	params.Searching = q.str("q") != ""
	if !q.ownSince {
		params.UpdatedSince = q.str("updated_since")
	}
	params.Total = q.oneOf("include", "total") == "total"
	p, err := spec.Parse(params)
	var ae *apperr.Error
	if errors.As(err, &ae) {
		q.bad = append(q.bad, ae.Fields...)
	}
	// writeList adds the total the list's read counted into p.
	q.c.Set(pageKey, &p)
	return p
}

// pageKey is where q.page leaves the page for writeList.
const pageKey = "list.page"

// err returns a 400 naming every bad parameter, or nil.
func (q *query) err() error {
	if !q.paged && !q.ownSince && q.str("updated_since") != "" {
		q.bad.Add("updated_since", "is not a parameter of this endpoint")
	}
	if !q.paged && !q.ownInclude && q.str("include") != "" {
		q.bad.Add("include", "is not a parameter of this endpoint")
	}
	return q.bad.ErrWith(apperr.BadRequest)
}

// List is the shape of every list response.
type List[T any] struct {
	Items []T `json:"items"`
	// NextCursor continues the list; null on the last page.
	NextCursor *string `json:"next_cursor" extensions:"x-nullable"`
	// Total is the number of rows the filters select, with include=total:
	// exact up to 10,000; beyond, total_estimated is true and it is an
	// estimate (PostgreSQL's planner's, kept for a minute) or, on SQLite, the
	// lower bound 10000.
	Total *int64 `json:"total,omitempty"`
	// TotalEstimated: total is an estimate, not a count.
	TotalEstimated bool `json:"total_estimated,omitempty"`
}

// withTotal is the list with the total its page counted, if any.
func (l List[T]) withTotal(t *page.Total) any {
	if t == nil {
		return l
	}
	l.Total, l.TotalEstimated = &t.Count, t.Estimated
	return l
}

// newList converts a page of domain rows into a list response.
func newList[R, T any](rows []R, next *string, convert func(R) T) List[T] {
	items := make([]T, len(rows))
	for i, r := range rows {
		items[i] = convert(r)
	}
	return List[T]{Items: items, NextCursor: next}
}

// orDefault reads an optional field of a create body whose values are a
// set or a format (a status, a phase): absent or null gives "", which the
// domain replaces by its default, while "" itself is no value of the set,
// as the spec's enum says, and is refused naming the field.
func orDefault(field string, v *string) (string, error) {
	switch {
	case v == nil:
		return "", nil
	case *v == "":
		return "", apperr.Fields{{Field: field, Message: "must not be empty; leave it out for the default"}}.Err()
	}
	return *v, nil
}
