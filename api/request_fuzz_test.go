package api

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCheckJSONText: a JSON document passes checkJSONText exactly when
// its bytes are UTF-8, no string or key it decodes to holds NUL, and no
// list holds null.
// `go test` runs the seeds; `go test -fuzz FuzzCheckJSONText ./api/`
// searches further.
func FuzzCheckJSONText(f *testing.F) {
	for _, seed := range []string{`{}`, `{"a":"b"}`, `{"a":"\u0000"}`, `{"a\u0000":1}`, `["x","\\u0000"]`, "{\"a\":\"\xff\"}",
		`{"a":{"b":["c",{"d":"\u0000"}]}}`, `"\u0000"`, `{"name":"\ud800"}`, "[\"\xc3\x28\"]", `{"a":"\\\u0000"}`, `{"a":[null]}`, `{"a":null,"b":["null"]}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if !json.Valid(raw) {
			return
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return
		}
		want := utf8.Valid(raw) && !holdsNUL(v)
		if got := checkJSONText(raw) == nil; got != want {
			t.Errorf("checkJSONText(%q) passes = %v, want %v", raw, got, want)
		}
	})
}

func holdsNUL(v any) bool {
	switch v := v.(type) {
	case string:
		return strings.ContainsRune(v, 0)
	case []any:
		for _, e := range v {
			if e == nil || holdsNUL(e) {
				return true
			}
		}
	case map[string]any:
		for k, e := range v {
			if strings.ContainsRune(k, 0) || holdsNUL(e) {
				return true
			}
		}
	}
	return false
}
