package page

import (
	"encoding/base64"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/uuid"
)

// FuzzCursor: whatever a caller puts in a cursor, Parse either refuses it
// or yields a keyset position the database can take: an id that is a
// uuid and a text value that is UTF-8 without NUL. `go test` runs the
// seeds; `go test -fuzz FuzzCursor ./pkg/page/` searches further.
func FuzzCursor(f *testing.F) {
	for _, doc := range []string{`{"s":"name","v":"a","id":"0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0f"}`, `{"s":"name","v":"a","id":"xyz"}`,
		`{"s":"name","v":"\u0000","id":"0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0f"}`, `{"s":"-updated_at","v":"2026-01-01T00:00:00Z","id":"0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0f"}`,
		`{"s":"employees","v":99999999999999999999,"id":"0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0f"}`, "{\"s\":\"name\",\"v\":\"\xff\",\"id\":\"{0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0f}\"}", `[]`, `null`} {
		f.Add(base64.RawURLEncoding.EncodeToString([]byte(doc)), "")
	}
	f.Add("!!!", "-name")
	spec := Spec{Default: "name", Fields: []Field{{Name: "name", Column: "name", Kind: String},
		{Name: "updated_at", Column: "updated_at", Kind: Time}, {Name: "employees", Column: "employees", Kind: Int}}}
	f.Fuzz(func(t *testing.T, cursor, sort string) {
		p, err := spec.Parse(Params{Cursor: cursor, Sort: sort})
		if err != nil || p.after == nil {
			return
		}
		if len(p.after.ID) != 36 || uuid.Validate(p.after.ID) != nil {
			t.Errorf("cursor %q gave the id %q", cursor, p.after.ID)
		}
		if s, ok := p.after.Value.(string); ok && (!utf8.ValidString(s) || strings.ContainsRune(s, 0)) {
			t.Errorf("cursor %q gave the value %q", cursor, s)
		}
	})
}
