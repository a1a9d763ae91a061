package api_test

import (
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

// The spec says which fields of a merge patch take null (cmd/openapi,
// nullableFields); the server must not refuse what it allows. Each such
// field is sent as null on a record of the demo data and must not be
// refused as malformed (400) or invalid (422).
func TestAPatchTakesNullWhereTheSpecSaysNullable(t *testing.T) {
	doc := spec(t)
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		f := demoFuzzer(t, db)
		for _, o := range operations(doc) {
			if o.method != "PATCH" || o.op.RequestBody == nil {
				continue
			}
			mt := o.op.RequestBody.Value.Content.Get("application/json")
			if mt == nil || mt.Schema == nil || !strings.HasSuffix(mt.Schema.Ref, "Patch") {
				continue
			}
			for name, prop := range mt.Schema.Value.Properties {
				if !prop.Value.Nullable {
					continue
				}
				url := f.realPath(o.path)
				r := request{method: "PATCH", url: url, body: `{"` + name + `":null}`, headers: map[string]string{}}
				if o.op.Parameters.GetByInAndName("header", "If-Match") != nil {
					r.headers["If-Match"] = f.etag(url)
				}
				if rec := f.h.do(r); rec.Code == 400 || rec.Code == 422 {
					t.Errorf("PATCH %s {%q: null}: %d, but the spec says the field takes null: %s", o.path, name, rec.Code, rec.Body.String())
				}
			}
		}
	})
}
