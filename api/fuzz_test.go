package api_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/demo"
)

// TestNoInputFromTheSpecMakesTheServerFail walks every operation of the
// OpenAPI document and sends it, as an admin, bad and edge-case input
// derived from the operation's own parameters and body schema: wrong
// types, huge numbers, NUL, invalid UTF-8, overlong strings, unknown enum
// values, malformed ids and cursors, empty bodies, arrays for objects.
// Whatever is sent, the answer is never a 5xx, and what the server accepts
// the spec allows (agreesWithSpec). The choice of inputs is random with
// fixed seeds, so a failure repeats; there are several, so that a route
// added later, which shifts every sequence, neither hides nor reveals a
// problem by chance alone.
//
// make test runs it on PostgreSQL without the race detector (ONE_GOROUTINE
// in the Makefile): keep its requests on the test's goroutine.
func TestNoInputFromTheSpecMakesTheServerFail(t *testing.T) {
	doc := spec(t)
	for _, seed := range fuzzSeeds {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, db *database.DB) {
				f := demoFuzzer(t, db, seed)
				sent := 0
				statuses := map[int]int{}
				for _, op := range operations(doc) {
					for _, r := range f.requests(op) {
						sent++
						if r.headers["If-Match"] == currentVersion {
							r.headers["If-Match"] = f.etag(strings.SplitN(r.url, "?", 2)[0])
						}
						rec := f.h.do(r)
						statuses[rec.Code]++
						if rec.Code >= 500 {
							body, _ := r.body.(string)
							if len(body) > 300 {
								body = body[:300] + "…"
							}
							t.Errorf("%s %s %q (If-Match %q): %d %s", r.method, truncate(r.url, 300), body, r.headers["If-Match"], rec.Code, rec.Body.String())
						}
					}
				}
				t.Logf("%d requests; answers by status: %v", sent, statuses)
			})
		})
	}
}

// fuzzSeeds are the fixed seeds of the fuzzer's sequences, the first the
// one it long had alone. Each costs some seconds per engine.
var fuzzSeeds = []uint64{14, 1, 2, 3, 4, 5}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

type operation struct {
	method, path string
	op           *openapi3.Operation
}

// operations lists the document's operations in a fixed order, deletes
// last so that the records the others use live until the end.
func operations(doc *openapi3.T) []operation {
	var ops []operation
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			ops = append(ops, operation{method, path, op})
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		di, dj := ops[i].method == "DELETE", ops[j].method == "DELETE"
		if di != dj {
			return dj
		}
		// The admin's own account goes last of all.
		ui, uj := strings.HasPrefix(ops[i].path, "/api/v1/users"), strings.HasPrefix(ops[j].path, "/api/v1/users")
		if di && dj && ui != uj {
			return uj
		}
		return ops[i].method+ops[i].path < ops[j].method+ops[j].path
	})
	return ops
}

// demoFuzzer drives an admin's requests at the demo data, with a fixed
// seed so that a failure repeats.
func demoFuzzer(t *testing.T, db *database.DB, seed uint64) *fuzzer {
	t.Helper()
	h := newHarness(t, db)
	if _, err := demo.Seed(setupCtx(), db); err != nil {
		t.Fatal(err)
	}
	return &fuzzer{h: h, rnd: rand.New(rand.NewPCG(seed, 2026)), ids: map[string]string{}}
}

type fuzzer struct {
	h   *harness
	rnd *rand.Rand
	ids map[string]string // a real id or code for a collection path
}

// invalidUTF8 stands for bytes that are not UTF-8 in a JSON body; it is
// replaced after marshalling, which would otherwise repair them.
const invalidUTF8 = "\u2603INVALID\u2603"

var (
	badStrings = []any{"a\x00b", invalidUTF8, strings.Repeat("x", 20000), strings.Repeat("長", 3000), "", " ", "no_such_value",
		"xyz", "00000000-0000-0000-0000-000000000000", "2026-02-30", "9999-12-31T23:59:59Z", "0000-01-01", "'; DROP TABLE organisations; --",
		"=HYPERLINK(\"x\")", "%00", "\u202e", "-1"}
	badNumbers = []any{-1, 0, 2147483648, 9223372036854775807, json.RawMessage("9223372036854775808"), json.RawMessage("1e308"),
		json.RawMessage("-1e308"), 1.5, json.RawMessage("1e-400")}
	badTypes = []any{nil, true, "1", map[string]any{}, []any{}, []any{"x"}, 1}
	badQuery = []string{"%00", "%FF", "%C3%28", "xyz", "-1", "0", "99999999999999999999", "1e3", "true", "no_such_value",
		"2026-02-30", "10000-01-01T00:00:00Z", url.QueryEscape(strings.Repeat("ä", 3000)), "%27%3B--", ""}
	badPath = []string{"xyz", "%00", "%FF", "00000000-0000-0000-0000-000000000000", "0193B5C4-1F0E-7C2A-9D4E-5A6B7C8D9E0F",
		strings.Repeat("a", 2000), "..%2F..", "%20"}
	badIfMatch = []string{"", "*", `"abc"`, `"-1"`, `"99999999999999999999"`, `W/"1"`, `"1", "2"`}
)

// currentVersion in If-Match stands for the record's version when the
// request is sent.
const currentVersion = "(current)"

// perOperation bounds the requests per operation; the few that hash a
// password get fewer.
const perOperation = 30

func (f *fuzzer) pick(values []any) any { return values[f.rnd.IntN(len(values))] }

// requests are the bad requests for one operation.
func (f *fuzzer) requests(o operation) []request {
	base := f.realPath(o.path)
	var out []request
	takesIfMatch := slices.ContainsFunc(o.op.Parameters, func(p *openapi3.ParameterRef) bool { return p.Value.Name == "If-Match" })
	add := func(r request) {
		if r.method == "" {
			r.method = o.method
		}
		if r.headers == nil {
			r.headers = map[string]string{}
		}
		if _, ok := r.headers["If-Match"]; !ok && takesIfMatch {
			r.headers["If-Match"] = currentVersion
		}
		if r.headers["If-Match"] == "" {
			delete(r.headers, "If-Match")
		}
		out = append(out, r)
	}
	body := f.validBody(o, base)

	// Path parameters: each replaced by bad values, the others real.
	for _, p := range o.op.Parameters {
		if p.Value.In != "path" {
			continue
		}
		for _, bad := range badPath {
			add(request{url: strings.Replace(f.realPathExcept(o.path, p.Value.Name), "{"+p.Value.Name+"}", bad, 1), body: body})
		}
	}
	// Query parameters: each with bad values; lists get a bad cursor too.
	for _, p := range o.op.Parameters {
		if p.Value.In != "query" {
			continue
		}
		values := slices.Clone(badQuery)
		if p.Value.Name == "cursor" {
			values = append(values, f.cursors()...)
		}
		for _, v := range f.sample(values, 4) {
			add(request{url: base + "?" + url.QueryEscape(p.Value.Name) + "=" + v, body: body})
		}
	}
	// If-Match where the operation takes it.
	if takesIfMatch {
		for _, v := range badIfMatch {
			add(request{url: base, body: body, headers: map[string]string{"If-Match": v}})
		}
	}
	// Bodies: whole documents of the wrong shape, then each field bad.
	if o.op.RequestBody != nil {
		if _, ok := o.op.RequestBody.Value.Content["text/csv"]; ok {
			for _, csv := range badCSV {
				add(request{url: base, body: csv, headers: map[string]string{"Content-Type": "text/csv"}})
			}
		} else {
			for _, raw := range []string{"", "null", "[]", `"x"`, "1", "{}", `[{}]`, "{", `{"a":1}{}`, "\xff", `{"name":"\u0000"}`} {
				add(request{url: base, body: raw})
			}
			for _, mutated := range f.mutations(o.op.RequestBody.Value.Content.Get("application/json").Schema.Value, body) {
				add(request{url: base, body: mutated})
			}
		}
	}
	limit := perOperation
	if strings.Contains(o.path, "/auth/") || strings.Contains(o.path, "password") {
		limit = 12
	}
	if len(out) > limit {
		f.rnd.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		out = out[:limit]
	}
	return out
}

func (f *fuzzer) sample(values []string, n int) []string {
	values = slices.Clone(values)
	f.rnd.Shuffle(len(values), func(i, j int) { values[i], values[j] = values[j], values[i] })
	return values[:min(n, len(values))]
}

// cursors are hand-made cursors with odd values.
func (f *fuzzer) cursors() []string {
	var out []string
	for _, doc := range []string{`{"s":"name","v":"a","id":"xyz"}`, `{"s":"name","v":"\u0000","id":"0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0f"}`,
		`{"s":"-updated_at","v":"99999-01-01T00:00:00Z","id":"0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0f"}`, `{"s":"name","v":12,"id":"0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0f"}`,
		`{"s":"code","v":"` + strings.Repeat("z", 5000) + `","id":"0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0f"}`, `[]`, `null`} {
		out = append(out, base64.RawURLEncoding.EncodeToString([]byte(doc)))
	}
	return append(out, "!!!", "e30")
}

var badCSV = []string{
	"", "\xff\xfe\x00", "name,kind,country\n",
	"name,kind,country,city\nA\x00B,biotech,DE,X\n",
	"name,kind,country,employees\nHuge GmbH,biotech,DE,99999999999999999999\n",
	"name,kind,country,employees\nNeg GmbH,biotech,DE,-5\n",
	"id,name,kind,country\nxyz,X,biotech,DE\n",
	"id,name,kind,country\n00000000-0000-0000-0000-000000000000,X,biotech,DE\n",
	"name,kind,country,region,focus_areas\nR GmbH,biotech,DE,nowhere,a;b;;c\n",
	"name,kind,country\n\"unterminated,biotech,DE\n",
	"name,kind,country\n" + strings.Repeat("x", 5000) + ",biotech,DE\n",
	"name,name,kind,country\nA,B,biotech,DE\n",
	"name,kind,country,sme,archived\nB GmbH,biotech,DE,vielleicht,2\n",
	"name,kind,country,website,email\nW GmbH,biotech,DE,javascript:alert(1),not-an-email\n",
}

// realPath fills every path parameter with a record that exists.
func (f *fuzzer) realPath(path string) string { return f.realPathExcept(path, "") }

// realPathExcept does so for all but one, which stays {name}.
func (f *fuzzer) realPathExcept(path, except string) string {
	var b strings.Builder
	for {
		i := strings.Index(path, "{")
		if i < 0 {
			b.WriteString(path)
			return b.String()
		}
		j := strings.Index(path, "}")
		name := path[i+1 : j]
		b.WriteString(path[:i])
		if name == except {
			b.WriteString("{" + name + "}")
		} else {
			b.WriteString(f.firstOf(strings.TrimSuffix(b.String(), "/"), name))
		}
		path = path[j+1:]
	}
}

// firstOf is the id (or code) of the first item of a collection.
func (f *fuzzer) firstOf(collection, param string) string {
	if v, ok := f.ids[collection]; ok {
		return v
	}
	v := "0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0f"
	if param == "code" {
		v = "nowhere"
	}
	if strings.HasSuffix(collection, "/partners") {
		v = f.firstOf("/api/v1/organisations", "id")
	}
	rec := f.h.get(collection)
	var list struct {
		Items []map[string]any `json:"items"`
	}
	if rec.Code == 200 && json.Unmarshal(rec.Body.Bytes(), &list) == nil && len(list.Items) > 0 {
		key := "id"
		if param == "code" {
			key = "code"
		}
		if s, ok := list.Items[0][key].(string); ok {
			v = s
		}
	}
	f.ids[collection] = v
	return v
}

// etag is the current version of a record, so that a bad body reaches the
// write rather than stopping at a stale version.
func (f *fuzzer) etag(path string) string {
	if rec := f.h.get(path); rec.Code == 200 && rec.Header().Get("ETag") != "" {
		return rec.Header().Get("ETag")
	}
	return `"1"`
}

// validBody is a body of the schema's shape with plausible values, so
// that one bad field at a time gets as far as it can: for a create the
// fields of an existing record where they have the same name, for a
// change (a merge patch) nothing, as every field is optional.
func (f *fuzzer) validBody(o operation, path string) string {
	if o.op.RequestBody == nil {
		return ""
	}
	mt := o.op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return ""
	}
	if o.method == "PATCH" {
		return "{}"
	}
	body, _ := f.valueOf(mt.Schema.Value, "").(map[string]any)
	for k, ps := range mt.Schema.Value.Properties {
		// An optional reference (the interest an agreement grew from, an
		// opportunity's contact) names records of a kind and relation
		// idFor cannot guess; left out, the rest of the body gets through.
		if ps.Value.Format == "uuid" && !slices.Contains(mt.Schema.Value.Required, k) {
			delete(body, k)
		}
	}
	rec := f.h.get(path)
	var list struct {
		Items []map[string]any `json:"items"`
	}
	if rec.Code == 200 && json.Unmarshal(rec.Body.Bytes(), &list) == nil && len(list.Items) > 0 {
		for k, v := range list.Items[0] {
			if _, ok := body[k]; ok && v != nil && k != "email" && k != "code" && k != "name" && k != "title" {
				// A record's field holds more than its input (a party's
				// organisation beside its id): keep what the body takes,
				// and the made-up value where even that does not fit.
				ps := mt.Schema.Value.Properties[k].Value
				if v = prune(ps, v); ps.VisitJSON(v) == nil {
					body[k] = v
				}
			}
		}
	}
	b, _ := json.Marshal(body)
	return string(b)
}

// prune drops from a value of a record the keys its input's schema does
// not have, in nested objects and lists too.
func prune(s *openapi3.Schema, v any) any {
	if s == nil {
		return v
	}
	if len(s.AllOf) > 0 {
		return prune(s.AllOf[0].Value, v)
	}
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, sub := range v {
			if ps, ok := s.Properties[k]; ok && sub != nil {
				out[k] = prune(ps.Value, sub)
			}
		}
		return out
	case []any:
		if s.Items == nil {
			return v
		}
		out := make([]any, len(v))
		for i, sub := range v {
			out[i] = prune(s.Items.Value, sub)
		}
		return out
	}
	return v
}

func (f *fuzzer) valueOf(s *openapi3.Schema, name string) any {
	if s == nil {
		return nil
	}
	if len(s.AllOf) > 0 {
		return f.valueOf(s.AllOf[0].Value, name)
	}
	if s.Example != nil {
		return s.Example
	}
	if len(s.Enum) > 0 {
		return s.Enum[0]
	}
	switch {
	case s.Type.Is("object"):
		obj := map[string]any{}
		for prop, ps := range s.Properties {
			obj[prop] = f.valueOf(ps.Value, prop)
		}
		return obj
	case s.Type.Is("array"):
		if s.Items == nil {
			return []any{}
		}
		return []any{f.valueOf(s.Items.Value, strings.TrimSuffix(name, "s"))}
	case s.Type.Is("integer"), s.Type.Is("number"):
		return 1
	case s.Type.Is("boolean"):
		return false
	}
	switch name {
	case "email":
		return "fuzz@example.org"
	case "code":
		return "fuzz"
	case "password", "new_password":
		return "correct horse battery staple 42"
	}
	switch s.Format {
	case "uuid":
		return f.idFor(name)
	case "date":
		return "2026-04-01"
	case "date-time":
		return "2026-04-01T09:00:00Z"
	case "email":
		return "fuzz@example.org"
	}
	return "Fuzz"
}

// idFor guesses which collection an id field refers to by its name.
func (f *fuzzer) idFor(field string) string {
	for _, c := range []struct{ word, collection string }{
		{"person", "/api/v1/people"}, {"trip", "/api/v1/trips"}, {"agreement", "/api/v1/agreements"}, {"project", "/api/v1/projects"},
		{"user", "/api/v1/users"},
	} {
		if strings.Contains(field, c.word) {
			return f.firstOf(c.collection, "id")
		}
	}
	return f.firstOf("/api/v1/organisations", "id")
}

// mutations are copies of a valid body with one field, or one field of a
// nested object, replaced by a bad value.
func (f *fuzzer) mutations(s *openapi3.Schema, valid string) []string {
	var doc map[string]any
	if json.Unmarshal([]byte(valid), &doc) != nil || s == nil {
		return nil
	}
	var out []string
	for _, prop := range slices.Sorted(maps.Keys(s.Properties)) {
		ps := s.Properties[prop].Value
		var values []any
		switch {
		case ps.Type.Is("integer"), ps.Type.Is("number"):
			values = badNumbers
		case ps.Type.Is("string"):
			values = badStrings
		case ps.Type.Is("array"):
			values = []any{[]any{"a\x00"}, []any{invalidUTF8}, []any{nil}, []any{1}, []any{"xyz", "xyz"}, make([]any, 5000)}
		case ps.Type.Is("object"):
			// A nullable object is its schema in allOf beside nullable.
			obj := ps
			if len(ps.AllOf) > 0 {
				obj = ps.AllOf[0].Value
			}
			for sub := range obj.Properties {
				nested := map[string]any{}
				valid, _ := doc[prop].(map[string]any)
				for k, v := range valid {
					nested[k] = v
				}
				nested[sub] = f.pick(badStrings)
				out = append(out, f.with(doc, prop, nested))
			}
		}
		values = append(slices.Clone(values), badTypes...)
		for range 3 {
			out = append(out, f.with(doc, prop, f.pick(values)))
		}
	}
	return out
}

func (f *fuzzer) with(doc map[string]any, prop string, v any) string {
	m := map[string]any{}
	for k, v := range doc {
		m[k] = v
	}
	m[prop] = v
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	_ = enc.Encode(m)
	return strings.ReplaceAll(buf.String(), invalidUTF8, "\xff\xc3(")
}
