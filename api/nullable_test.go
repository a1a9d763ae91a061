package api_test

import (
	"encoding/json"
	"maps"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

// The spec says which fields of a merge patch take null (cmd/openapi,
// nullableFields); the server must not refuse what it allows. Each such
// field is sent as null on a record of the demo data and must not be
// refused as malformed (400) or invalid (422); each other field sent as
// null, and each of a set or a format sent as "", must not be accepted.
func TestAPatchTakesNullWhereTheSpecSaysNullable(t *testing.T) {
	doc := spec(t)
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		f := demoFuzzer(t, db, fuzzSeeds[0])
		for _, o := range operations(doc) {
			if o.method != "PATCH" || o.op.RequestBody == nil {
				continue
			}
			mt := o.op.RequestBody.Value.Content.Get("application/json")
			if mt == nil || mt.Schema == nil || !strings.HasSuffix(mt.Schema.Ref, "Patch") {
				continue
			}
			url := f.realPath(o.path)
			patch := func(body string) *httptest.ResponseRecorder {
				r := request{method: "PATCH", url: url, body: body, headers: map[string]string{}}
				if o.op.Parameters.GetByInAndName("header", "If-Match") != nil {
					r.headers["If-Match"] = f.etag(url)
				}
				return f.h.do(r)
			}
			for _, name := range slices.Sorted(maps.Keys(mt.Schema.Value.Properties)) {
				prop := mt.Schema.Value.Properties[name].Value
				// A field that does not take null, or a string of a set or
				// a format sent as "", must be refused: agreesWithSpec
				// fails the test where the server accepts it.
				if prop.Type.Is("string") && (len(prop.Enum) > 0 || prop.Format != "") {
					patch(`{"` + name + `":""}`)
				}
				rec := patch(`{"` + name + `":null}`)
				if prop.Nullable && (rec.Code == 400 || rec.Code == 422) {
					t.Errorf("PATCH %s {%q: null}: %d, but the spec says the field takes null: %s", o.path, name, rec.Code, rec.Body.String())
				}
			}
		}
	})
}

// In a body that is not a merge patch (a create, a login) null for an
// optional field means the same as leaving it out, and the spec says so
// (nullable); null for a required field is refused like its absence, as
// the spec does not allow it. Each field of each such body is sent as null
// in an otherwise plausible body; agreesWithSpec fails the test when the
// server accepts what the spec forbids, and a nullable field must not be
// refused where leaving it out is not. Likewise "" for a string the spec
// gives a set of values or a format: empty is no value of it, however
// the server fills in an absent one.
func TestACreateTakesNullWhereTheSpecSaysNullableAndRefusesItElsewhere(t *testing.T) {
	doc := spec(t)
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		f := demoFuzzer(t, db, fuzzSeeds[0])
		for _, o := range operations(doc) {
			if o.method != "POST" || o.op.RequestBody == nil {
				continue
			}
			mt := o.op.RequestBody.Value.Content.Get("application/json")
			if mt == nil || mt.Schema == nil || strings.HasSuffix(mt.Schema.Ref, "Patch") || mt.Schema.Value.Properties == nil {
				continue
			}
			url := f.realPath(o.path)
			var valid map[string]any
			if err := json.Unmarshal([]byte(f.validBody(o, url)), &valid); err != nil {
				t.Fatal(err)
			}
			post := func(body map[string]any) *httptest.ResponseRecorder {
				r := request{method: "POST", url: url, body: body, headers: map[string]string{}}
				if o.op.Parameters.GetByInAndName("header", "If-Match") != nil {
					r.headers["If-Match"] = f.etag(url)
				}
				if o.op.Parameters.GetByInAndName("query", "allow_duplicate") != nil {
					// The made-up name may look like one of the demo data.
					r.url += "?allow_duplicate=true"
				}
				return f.h.do(r)
			}
			for _, name := range slices.Sorted(maps.Keys(mt.Schema.Value.Properties)) {
				prop := mt.Schema.Value.Properties[name].Value
				with := maps.Clone(valid)
				with[name] = nil
				rec := post(with)
				if prop.Type.Is("string") && (len(prop.Enum) > 0 || prop.Format != "") {
					empty := maps.Clone(valid)
					empty[name] = ""
					post(empty)
				}
				if !prop.Nullable || rec.Code != 400 && rec.Code != 422 {
					continue
				}
				without := maps.Clone(valid)
				delete(without, name)
				if again := post(without); again.Code < 300 {
					t.Errorf("POST %s {%q: null}: %d, but without the field %d; the spec says null is allowed: %s", o.path, name, rec.Code, again.Code, rec.Body.String())
				}
			}
		}
	})
}
