package main

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/search"
)

const problemRef = "#/components/schemas/Problem"

// complete adds to the converted document what swag annotations cannot
// express, in one place for every operation: its operationId, the error
// responses every operation shares, who may call it, and the bounds of the
// list parameters the server checks.
func complete(doc *openapi3.T, handlers map[string]handler) error {
	doc.Servers = openapi3.Servers{{URL: "/", Description: "This server"}}
	if doc.Components.Responses == nil {
		doc.Components.Responses = openapi3.ResponseBodies{}
	}
	for _, c := range problemResponses {
		doc.Components.Responses[c.name] = &openapi3.ResponseRef{Value: c.response(doc.Components.Schemas["Problem"].Value)}
	}
	doc.Components.Parameters = openapi3.ParametersMap{"IdempotencyKey": &openapi3.ParameterRef{Value: openapi3.NewHeaderParameter("Idempotency-Key").
		WithDescription("Makes a retry safe: the first answer is stored for 24 hours and replayed for a retry with the same body").
		WithSchema(openapi3.NewStringSchema().WithMinLength(1).WithMaxLength(255))}}
	for _, schema := range doc.Components.Schemas {
		for name, prop := range schema.Value.Properties {
			v := prop.Value
			switch {
			case prop.Ref == "" && v.Nullable && v.Type == nil && len(v.AllOf) == 1 && v.AllOf[0].Ref != "":
				// A nullable struct pointer (*InterestOrigin): that object
				// or null, not any value.
				v.Type = &openapi3.Types{openapi3.TypeObject}
			case prop.Ref == "" && v.Nullable && v.Type == nil:
				schema.Value.Properties[name] = anyValue(v.Description)
			}
		}
	}
	if err := applyValues(doc); err != nil {
		return err
	}
	seen := map[string]string{}
	done := map[string]bool{} // request bodies whose nullable fields are set
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			where := method + " " + path
			h, ok := handlers[where]
			if !ok {
				return fmt.Errorf("%s: no handler in api/ has @Router %s [%s]", where, path, strings.ToLower(method))
			}
			// The handler's name: unique in package api, and what a
			// reader of the spec finds in the code.
			op.OperationID = h.name
			if other, dup := seen[h.name]; dup {
				return fmt.Errorf("%s and %s share the operationId %s", other, where, h.name)
			}
			seen[h.name] = where
			if op.Summary == "" || len(op.Tags) == 0 {
				return fmt.Errorf("%s (%s) needs @Summary and @Tags", where, h.name)
			}
			if op.Security == nil {
				// Public: an explicit empty list, so no client sends a credential.
				op.Security = &openapi3.SecurityRequirements{}
			}
			if err := listParameters(op, h); err != nil {
				return fmt.Errorf("%s: %w", where, err)
			}
			queryParameters(op, h)
			// newQuery bounds q wherever an endpoint takes it.
			if q := op.Parameters.GetByInAndName("query", "q"); q != nil && q.Schema != nil && q.Schema.Value != nil {
				q.Schema.Value.MaxLength = ptr(uint64(search.MaxQuery))
			}
			for _, p := range op.Parameters {
				// newQuery's readers take name= for an absent parameter
				// (a web form's empty filter); see the description.
				if p.Value != nil && p.Value.In == "query" && !p.Value.Required {
					p.Value.AllowEmptyValue = true
				}
			}
			csvUpload(op)
			if op.RequestBody != nil {
				if mt := op.RequestBody.Value.Content.Get("application/json"); mt != nil {
					// A body that two operations take (a PATCH and an upsert's
					// PUT) is completed once: closing it again would close
					// the wrappers nullableFields puts around its references.
					name, named := strings.CutPrefix(mt.Schema.Ref, "#/components/schemas/")
					if !named || !done[name] {
						closeObjects(mt.Schema, map[*openapi3.Schema]bool{})
					}
					if named && !done[name] {
						done[name] = true
						nullableFields(doc, name, mt.Schema.Value)
					}
				}
			}
			if idempotent(method, op) {
				idempotencyKey(doc, op)
			}
			addProblems(doc, method, op)
			notModified(doc, method, op)
			for _, ref := range op.Responses.Map() {
				textContent(ref)
			}
		}
	}
	return nil
}

// notModified documents If-None-Match on every GET that answers JSON: the
// server answers 304 without a body when it names the current ETag (a
// single resource's version, a list page's weak hash).
func notModified(doc *openapi3.T, method string, op *openapi3.Operation) {
	ok := op.Responses.Value("200")
	if method != http.MethodGet || ok == nil || ok.Value == nil || ok.Value.Content.Get("application/json") == nil {
		return
	}
	if doc.Components.Parameters["IfNoneMatch"] == nil {
		doc.Components.Parameters["IfNoneMatch"] = &openapi3.ParameterRef{Value: openapi3.NewHeaderParameter("If-None-Match").
			WithDescription("The ETag of the copy you hold: 304 without a body while it is current").
			WithSchema(openapi3.NewStringSchema())}
		doc.Components.Responses["NotModified"] = &openapi3.ResponseRef{Value: &openapi3.Response{
			Description: ptr("Not modified: If-None-Match names the current ETag; keep your copy"),
			Headers: openapi3.Headers{"ETag": &openapi3.HeaderRef{Value: &openapi3.Header{Parameter: openapi3.Parameter{
				Description: "The current ETag", Schema: openapi3.NewStringSchema().NewRef()}}}},
		}}
	}
	op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Ref: "#/components/parameters/IfNoneMatch", Value: doc.Components.Parameters["IfNoneMatch"].Value})
	op.Responses.Set("304", &openapi3.ResponseRef{Ref: "#/components/responses/NotModified", Value: doc.Components.Responses["NotModified"].Value})
}

func ptr[T any](v T) *T { return &v }

// problemResponse is an error response shared by operations.
type problemResponse struct {
	status  int
	name    string
	desc    string
	headers map[string]string // name → description
	// applies says on which operations the server can answer it.
	applies func(method string, op *openapi3.Operation) bool
}

var (
	always  = func(string, *openapi3.Operation) bool { return true }
	secured = func(_ string, op *openapi3.Operation) bool { return op.Security != nil && len(*op.Security) > 0 }
	hasBody = func(_ string, op *openapi3.Operation) bool { return op.RequestBody != nil }
	// A malformed id names nothing: 404 like one that does not exist.
	hasPathParam = func(_ string, op *openapi3.Operation) bool {
		return slices.ContainsFunc(op.Parameters, func(p *openapi3.ParameterRef) bool { return p.Value.In == "path" })
	}
	// Operations with If-Match are the versioned writes.
	versioned = func(_ string, op *openapi3.Operation) bool {
		return op.Parameters.GetByInAndName("header", "If-Match") != nil
	}
	// Every POST stores its first answer under an Idempotency-Key.
	idempotent = func(method string, _ *openapi3.Operation) bool { return method == http.MethodPost }
	// A delete is refused while others refer to the record; a POST with
	// an Idempotency-Key is 409 while its first request runs.
	conflicts = func(method string, op *openapi3.Operation) bool {
		return method == http.MethodDelete || idempotent(method, op)
	}
)

const retryAfter = "Seconds to wait before trying again"

var problemResponses = []problemResponse{
	{http.StatusBadRequest, "BadRequest", "Malformed request: JSON, a parameter or a header (If-Match, Idempotency-Key) the server cannot read, NUL bytes or invalid UTF-8; errors names each offending field or parameter", nil, always},
	{http.StatusUnauthorized, "Unauthorized", "Not signed in: the credential is missing, invalid or expired",
		map[string]string{"WWW-Authenticate": "The scheme to sign in with: Bearer"}, secured},
	{http.StatusForbidden, "Forbidden", "Signed in, but not allowed: the caller's role or the API key's scopes do not cover this", nil, secured},
	{http.StatusNotFound, "NotFound", "No such resource", nil, hasPathParam},
	{http.StatusConflict, "Conflict", "Conflicts with the current state (still referenced, a duplicate), or a retry with an Idempotency-Key whose first request is still running or whose response carried a secret", nil, conflicts},
	{http.StatusPreconditionFailed, "PreconditionFailed", "If-Match names a version that is no longer current: someone else changed it; current_version holds the version now", nil, versioned},
	{http.StatusRequestEntityTooLarge, "TooLarge", "The body is larger than 1 MiB (20 MiB for a CSV import)", nil, hasBody},
	{http.StatusUnprocessableEntity, "Invalid", "Well-formed but breaks a rule, or a retry with an Idempotency-Key used before with another body; errors names each offending field", nil, idempotent},
	{http.StatusPreconditionRequired, "PreconditionRequired", "If-Match is missing: send the ETag of the version changed", nil, versioned},
	{http.StatusTooManyRequests, "TooManyRequests", "Too many requests from this caller or address",
		map[string]string{"Retry-After": retryAfter, "RateLimit-Limit": "Requests allowed in the window", "RateLimit-Remaining": "Requests left in the window", "RateLimit-Reset": "Seconds until the window resets"}, always},
	{http.StatusInternalServerError, "InternalError", "Something went wrong on the server; quote request_id when reporting it", nil, always},
	{http.StatusServiceUnavailable, "Unavailable", "The database is unavailable for now", map[string]string{"Retry-After": retryAfter}, always},
}

func (c problemResponse) response(problem *openapi3.Schema) *openapi3.Response {
	r := openapi3.NewResponse().WithDescription(c.desc)
	r.Content = openapi3.Content{"application/problem+json": openapi3.NewMediaType().WithSchemaRef(openapi3.NewSchemaRef(problemRef, problem))}
	if len(c.headers) > 0 {
		r.Headers = openapi3.Headers{}
		for name, desc := range c.headers {
			typ := openapi3.NewIntegerSchema()
			if name == "WWW-Authenticate" {
				typ = openapi3.NewStringSchema()
			}
			r.Headers[name] = &openapi3.HeaderRef{Value: &openapi3.Header{Parameter: openapi3.Parameter{Description: desc, Schema: typ.NewRef()}}}
		}
	}
	return r
}

// addProblems documents every error status the server can answer for the
// operation: the shared ones where they apply, and the ones its annotation
// lists. An error response whose annotation adds nothing (swag's default
// description) becomes a reference to the shared response; one with its
// own description stays, as application/problem+json.
func addProblems(doc *openapi3.T, method string, op *openapi3.Operation) {
	for _, c := range problemResponses {
		key := strconv.Itoa(c.status)
		ref := &openapi3.ResponseRef{Ref: "#/components/responses/" + c.name, Value: doc.Components.Responses[c.name].Value}
		have := op.Responses.Value(key)
		switch {
		case have == nil && c.applies(method, op):
			op.Responses.Set(key, ref)
		case have != nil && isProblem(have) && *have.Value.Description == http.StatusText(c.status):
			op.Responses.Set(key, ref)
		}
	}
	for code, ref := range op.Responses.Map() {
		if code[0] >= '4' && ref.Ref == "" && isProblem(ref) {
			mt := ref.Value.Content.Get("application/json")
			ref.Value.Content = openapi3.Content{"application/problem+json": mt}
		}
	}
}

func isProblem(ref *openapi3.ResponseRef) bool {
	if ref.Value == nil {
		return false
	}
	for _, mt := range ref.Value.Content {
		if mt.Schema != nil && mt.Schema.Ref == problemRef {
			return true
		}
	}
	return false
}

// textContent makes the body of a CSV, calendar or file response a string:
// swag gives every type an operation produces the schema of the JSON body.
func textContent(ref *openapi3.ResponseRef) {
	if ref.Value == nil {
		return
	}
	for typ, mt := range ref.Value.Content {
		if strings.HasPrefix(typ, "text/") {
			mt.Schema = openapi3.NewStringSchema().NewRef()
		}
		// A report's ZIP and XLSX files are bytes.
		if typ == "application/zip" || typ == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			mt.Schema = openapi3.NewStringSchema().WithFormat("binary").NewRef()
		}
	}
}

// listParameters gives limit and sort the bounds and values page.Spec
// checks, taken from the spec the handler passes to q.page.
func listParameters(op *openapi3.Operation, h handler) error {
	limit := op.Parameters.GetByInAndName("query", "limit")
	sort := op.Parameters.GetByInAndName("query", "sort")
	if h.sort == "" {
		if sort != nil {
			return fmt.Errorf("documents sort, but %s reads no page", h.name)
		}
		// A list paged by cursors of its own (the job queue's) still
		// keeps the one limit rule; a ranked answer (search, matches)
		// documents its own bounds (minimum and maximum).
		if limit != nil && limit.Schema.Value.Max == nil {
			limit.Schema = openapi3.NewIntegerSchema().WithMin(1).WithMax(page.MaxLimit).WithDefault(page.DefaultLimit).NewRef()
		}
		return nil
	}
	spec, ok := sortSpecs[h.sort]
	if !ok {
		return fmt.Errorf("%s pages by %s: add it to sortSpecs", h.name, h.sort)
	}
	if limit == nil || sort == nil {
		return fmt.Errorf("%s pages by %s: document the limit and sort parameters", h.name, h.sort)
	}
	limit.Schema = openapi3.NewIntegerSchema().WithMin(1).WithMax(page.MaxLimit).WithDefault(page.DefaultLimit).NewRef()
	// page.Params.Selection: a cursor continues only its own selection.
	if c := op.Parameters.GetByInAndName("query", "cursor"); c != nil {
		c.Description = "next_cursor of the previous page, sent with the same q and filters (limit may change): a cursor of another list, search or filter is a 400"
	}
	// updated_since is the list mechanism's wherever the spec has updated_at.
	if op.Parameters.GetByInAndName("query", "updated_since") == nil && slices.ContainsFunc(spec.Fields, func(f page.Field) bool { return f.Name == "updated_at" }) {
		op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Value: openapi3.NewQueryParameter("updated_since").
			WithDescription("Changed at or after (RFC 3339); with sort=updated_at a poller reads just what changed").
			WithSchema(openapi3.NewDateTimeSchema())})
	}
	// include=total is the list mechanism's on every paged list.
	if op.Parameters.GetByInAndName("query", "include") == nil {
		op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Value: openapi3.NewQueryParameter("include").
			WithDescription(fmt.Sprintf("total adds total (and total_estimated) to the list: the number of rows the filters select, exact up to %d; beyond, an estimate (PostgreSQL's planner's, kept for a minute) or on SQLite the lower bound %d, with total_estimated true. Ask for it with the first page only.", page.ExactTotalUpTo, page.ExactTotalUpTo)).
			WithSchema(openapi3.NewStringSchema().WithEnum("total"))})
	}
	var values []any
	for _, f := range spec.Fields {
		values = append(values, f.Name, "-"+f.Name)
	}
	s := openapi3.NewStringSchema().WithEnum(values...).WithDefault(spec.Default)
	if !slices.Contains(values, any(spec.Default)) {
		return fmt.Errorf("%s: default sort %q is not a sort field", h.sort, spec.Default)
	}
	sort.Description = "Field to sort by; prefix - for descending"
	if slices.ContainsFunc(spec.Fields, func(f page.Field) bool { return search.NameOrders[f.Column] }) {
		sort.Description += ". Names and titles in a dictionary's order, the same on every database: marks left out (Ä among the A's, Müller between Mueller and Mustermann, ガ as カ, センター as センタア)"
	}
	if spec.Relevance {
		s.Enum = append(s.Enum, page.RelevanceSort)
		sort.Description += ". With q the default is relevance: exact name first, then name prefix, word prefix, substring and matches in other text, ties in the default order"
	}
	sort.Schema = s.NewRef()
	return nil
}

// csvUpload describes the two ways a CSV file may be sent (readImport):
// as the body, or as the field "file" of a multipart form.
func csvUpload(op *openapi3.Operation) {
	if op.RequestBody == nil || op.RequestBody.Value.Content.Get("text/csv") == nil {
		return
	}
	file := openapi3.NewObjectSchema().WithProperty("file", openapi3.NewStringSchema().WithFormat("binary"))
	file.Required = []string{"file"}
	op.RequestBody.Value.Content["text/csv"].Schema = openapi3.NewStringSchema().NewRef()
	// An empty body is no error of the request: the import answers it,
	// like any row it cannot read, in its 200 report.
	op.RequestBody.Value.Required = false
	op.RequestBody.Value.Content["multipart/form-data"] = openapi3.NewMediaType().WithSchema(file)
}

// idempotencyKey documents the Idempotency-Key the server honours on the
// operation (the idempotent middleware), as one shared parameter.
func idempotencyKey(doc *openapi3.T, op *openapi3.Operation) {
	ref := &openapi3.ParameterRef{Ref: "#/components/parameters/IdempotencyKey", Value: doc.Components.Parameters["IdempotencyKey"].Value}
	for i, p := range op.Parameters {
		if p.Value.In == "header" && p.Value.Name == "Idempotency-Key" {
			op.Parameters[i] = ref
			return
		}
	}
	op.Parameters = append(op.Parameters, ref)
}

// anyValue is a JSON value of any type, null included (an "any" field
// with x-nullable). OpenAPI 3.0 allows null only next to a type, so each
// type is listed.
func anyValue(desc string) *openapi3.SchemaRef {
	s := openapi3.NewAnyOfSchema(openapi3.NewStringSchema(), openapi3.NewFloat64Schema(), openapi3.NewBoolSchema(),
		openapi3.NewObjectSchema(), openapi3.NewArraySchema().WithItems(openapi3.NewSchema()))
	s.AnyOf[0].Value.Nullable = true
	s.Description = desc
	return s.NewRef()
}

// closeObjects says additionalProperties: false on a JSON request body and
// the objects in it: decodeJSON rejects a field the body does not have.
func closeObjects(ref *openapi3.SchemaRef, seen map[*openapi3.Schema]bool) {
	if ref == nil || ref.Value == nil || seen[ref.Value] {
		return
	}
	s := ref.Value
	seen[s] = true
	if s.Type.Is(openapi3.TypeObject) && s.AdditionalProperties.Schema == nil {
		no := false
		s.AdditionalProperties.Has = &no
	}
	for _, p := range s.Properties {
		closeObjects(p, seen)
	}
	closeObjects(s.Items, seen)
	for _, sub := range slices.Concat(s.AllOf, s.AnyOf, s.OneOf) {
		closeObjects(sub, seen)
	}
}

// queryParameters gives the documented query parameters the values the
// handler checks. (One it reads but does not document is refused as
// unknown by newQuery, e.g. country for focus areas, which have none.)
func queryParameters(op *openapi3.Operation, h handler) {
	for name, rule := range h.params {
		p := op.Parameters.GetByInAndName("query", name)
		if p == nil {
			continue
		}
		s := p.Schema.Value
		if rule.enum != nil {
			s.Enum = nil
			for _, v := range rule.enum {
				s.Enum = append(s.Enum, v)
			}
		}
		if rule.pattern != "" {
			s.Pattern = rule.pattern
		}
		s.Min, s.Max = rule.min, rule.max
	}
}

// nullableFields says which fields of a JSON request body take null, from
// how the server decodes them. In a merge patch (a *Patch body, decoded
// into opt.Field) null clears a field to its zero value ("", false, [],
// 0), so a field takes null when its rules admit that zero value; a field
// whose rules refuse it (an enum, a pattern, a format, a minimum length)
// answers null with 422 like the zero value, and stays non-nullable. In
// any other body encoding/json leaves a field sent as null as if absent,
// so every optional field takes null.
func nullableFields(doc *openapi3.T, name string, s *openapi3.Schema) {
	patch := strings.HasSuffix(name, "Patch")
	// A field a record must have (required when creating it) cannot be
	// cleared.
	var mustHave []string
	if create := doc.Components.Schemas[strings.TrimSuffix(name, "Patch")+"Create"]; patch && create != nil && create.Value != nil {
		mustHave = create.Value.Required
	}
	for field, prop := range s.Properties {
		v := prop.Value
		optional := !slices.Contains(s.Required, field)
		// An object whose every key is optional (a multilingual text): in
		// a merge patch null clears it to the empty object; in any other
		// body an optional one sent as null is left out like any optional
		// field (decodeJSON leaves the struct empty, as if absent).
		// OpenAPI 3.0 puts nullable beside a reference through allOf.
		if prop.Ref != "" && v != nil && v.Type.Is(openapi3.TypeObject) &&
			(patch && len(v.Required) == 0 && !slices.Contains(mustHave, field) || !patch && optional) {
			s.Properties[field] = &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeObject}, AllOf: openapi3.SchemaRefs{prop}, Nullable: true}}
			continue
		}
		if prop.Ref != "" || v == nil || v.Nullable {
			continue
		}
		if patch && admitsZero(v) || !patch && optional {
			v.Nullable = true
		}
	}
}

// admitsZero says whether the Go zero value of a field passes its schema.
func admitsZero(s *openapi3.Schema) bool {
	if len(s.Enum) > 0 || s.Format != "" || len(s.AllOf)+len(s.AnyOf)+len(s.OneOf) > 0 {
		return false
	}
	switch {
	case s.Type.Is(openapi3.TypeBoolean):
		return true
	case s.Type.Is(openapi3.TypeArray):
		return s.MinItems == 0
	case s.Type.Is(openapi3.TypeString):
		return s.MinLength == 0 && (s.Pattern == "" || regexp.MustCompile(s.Pattern).MatchString(""))
	case s.Type.Is(openapi3.TypeInteger), s.Type.Is(openapi3.TypeNumber):
		return (s.Min == nil || *s.Min <= 0) && (s.Max == nil || *s.Max >= 0)
	}
	return false
}
