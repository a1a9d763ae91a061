package page_test

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/page"
)

var spec = page.Spec{
	Default: "name",
	Fields: []page.Field{
		{Name: "name", Column: "name", Kind: page.String},
		{Name: "updated_at", Column: "updated_at", Kind: page.Time},
		{Name: "employees", Column: "employees", Kind: page.Int},
	},
}

type row struct {
	id      string
	name    string
	updated time.Time
	n       int64
}

func key(r row, field string) page.Key {
	switch field {
	case "updated_at":
		return page.Key{Value: r.updated, ID: r.id}
	case "employees":
		return page.Key{Value: r.n, ID: r.id}
	}
	return page.Key{Value: r.name, ID: r.id}
}

func TestCursorRoundTripsEveryKind(t *testing.T) {
	rows := []row{
		{id: "0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0a", name: "BioM", updated: time.Date(2026, 11, 24, 9, 0, 0, 123456000, time.UTC), n: 40},
		{id: "0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0b", name: "大阪バイオ", updated: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC), n: 12},
	}
	for _, sort := range []string{"name", "-updated_at", "employees"} {
		p, err := spec.Parse(page.Params{Limit: "1", Sort: sort})
		if err != nil {
			t.Fatal(err)
		}
		got, next := page.Finish(p, rows, key)
		if len(got) != 1 || next == nil {
			t.Fatalf("sort %s: page of %d with next %v, want 1 row and a cursor", sort, len(got), next)
		}
		if _, err := spec.Parse(page.Params{Limit: "1", Sort: sort, Cursor: *next}); err != nil {
			t.Errorf("sort %s: its own cursor is rejected: %v", sort, err)
		}
	}
}

// A cursor continues the selection it came from (the list and its
// filters), and no other; one without a selection (an older release's)
// is taken as it is.
func TestACursorContinuesOnlyTheSelectionItCameFrom(t *testing.T) {
	rows := []row{{id: "0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0a", name: "Osaka Bio"}, {id: "0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0b", name: "Osaka Pharma"}}
	first, err := spec.Parse(page.Params{Limit: "1", Selection: "/api/v1/organisations?q=osaka"})
	if err != nil {
		t.Fatal(err)
	}
	_, next := page.Finish(first, rows, key)
	if next == nil {
		t.Fatal("no cursor")
	}
	if _, err := spec.Parse(page.Params{Limit: "5", Cursor: *next, Selection: "/api/v1/organisations?q=osaka"}); err != nil {
		t.Errorf("the same selection with another limit: %v", err)
	}
	for _, other := range []string{"/api/v1/organisations?q=zebra", "/api/v1/organisations?country=JP&q=osaka", "/api/v1/people?q=osaka", ""} {
		_, err := spec.Parse(page.Params{Limit: "1", Cursor: *next, Selection: other})
		var ae *apperr.Error
		if !errors.As(err, &ae) || ae.Code != apperr.BadRequest || len(ae.Fields) != 1 || ae.Fields[0].Field != "cursor" ||
			!strings.Contains(ae.Fields[0].Message, "another list, search or filter") {
			t.Errorf("the cursor of q=osaka on %q: %v, want a bad request naming the cursor", other, err)
		}
	}
	// {"s":"name","v":"Osaka Bio","id":…}, as the release before wrote it.
	old := base64.RawURLEncoding.EncodeToString([]byte(`{"s":"name","v":"Osaka Bio","id":"0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0a"}`))
	if _, err := spec.Parse(page.Params{Limit: "1", Cursor: old, Selection: "/api/v1/organisations?q=zebra"}); err != nil {
		t.Errorf("a cursor without a selection: %v", err)
	}
}

func TestLastPageHasNoCursor(t *testing.T) {
	p, _ := spec.Parse(page.Params{Limit: "2"})
	got, next := page.Finish(p, []row{{id: "a"}, {id: "b"}}, key)
	if len(got) != 2 || next != nil {
		t.Errorf("exactly a full page: %d rows, next %v; want 2 and none", len(got), next)
	}
}

func TestBadParametersAreBadRequests(t *testing.T) {
	for _, p := range []page.Params{
		{Limit: "0"}, {Limit: "201"}, {Limit: "1.5"}, {Sort: "password"}, {Sort: "--name"}, {Cursor: "%%%"}, {Cursor: "eyJzIjoibmFtZSJ9"},
	} {
		if _, err := spec.Parse(p); !apperr.Is(err, apperr.BadRequest) {
			t.Errorf("Parse(%+v) = %v, want a bad request", p, err)
		}
	}
	if p, err := spec.Parse(page.Params{}); err != nil || p.Limit != page.DefaultLimit {
		t.Errorf("no parameters: limit %d, err %v; want the default %d", p.Limit, err, page.DefaultLimit)
	}
}

// Every limit is read by one rule: a whole number within the endpoint's
// bounds, the default when empty; anything else, spaces too, names limit
// with the bounds.
func TestParseLimit(t *testing.T) {
	for _, c := range []struct {
		raw  string
		want int
	}{{"", 5}, {"1", 1}, {"7", 7}, {"20", 20}} {
		var bad apperr.Fields
		if n := page.ParseLimit(&bad, c.raw, 5, 20); n != c.want || len(bad) != 0 {
			t.Errorf("ParseLimit(%q) = %d, %+v; want %d", c.raw, n, bad, c.want)
		}
	}
	for _, raw := range []string{"0", "21", "-1", "1.5", "ten", "1e1", "0x10", "+5", " 7", "7 ", "  "} {
		var bad apperr.Fields
		n := page.ParseLimit(&bad, raw, 5, 20)
		if n != 5 || len(bad) != 1 || bad[0].Field != "limit" || bad[0].Message != "must be a whole number from 1 to 20" {
			t.Errorf("ParseLimit(%q) = %d, %+v; want the default and limit named with its bounds", raw, n, bad)
		}
	}
}

// BenchmarkCursor makes the cursor of a page (encode) and reads it back
// for the next (decode).
func BenchmarkCursor(b *testing.B) {
	spec := page.Spec{Default: "name", Fields: []page.Field{{Name: "name", Column: "name_sort", Kind: page.String}, {Name: "created_at", Column: "created_at", Kind: page.Time}}}
	first, err := spec.Parse(page.Params{Limit: "1", Sort: "-created_at"})
	if err != nil {
		b.Fatal(err)
	}
	key := page.Key{Value: time.Date(2026, 11, 24, 9, 30, 0, 123456000, time.UTC), ID: "019ab3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b"}
	b.Run("encode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			page.Finish(first, []page.Key{key, key}, func(k page.Key, _ string) page.Key { return k })
		}
	})
	_, next := page.Finish(first, []page.Key{key, key}, func(k page.Key, _ string) page.Key { return k })
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := spec.Parse(page.Params{Limit: "50", Sort: "-created_at", Cursor: *next}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestRelevanceIsTheDefaultOfASearchAndItsCursorKeepsTheRank(t *testing.T) {
	ranked := spec
	ranked.Relevance = true
	if _, err := spec.Parse(page.Params{Sort: page.RelevanceSort}); err == nil {
		t.Error("a list without relevance accepted sort=relevance")
	}
	p, err := ranked.Parse(page.Params{Limit: "1", Searching: true})
	if err != nil {
		t.Fatal(err)
	}
	if p = p.Ranked("CASE WHEN name LIKE ? THEN 0 ELSE 4 END", []any{"bio%"}); !p.IsRanked() {
		t.Fatal("a search is not ranked by default")
	}
	rows := []row{{id: "0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0a", name: "Osaka Bio"}, {id: "0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0b", name: "Zeta"}}
	_, next := page.Finish(p, rows, func(r row, field string) page.Key {
		k := key(r, field)
		k.Rank = 4
		return k
	})
	if next == nil {
		t.Fatal("no next page")
	}
	if _, err := ranked.Parse(page.Params{Limit: "1", Searching: true, Cursor: *next}); err != nil {
		t.Errorf("the next page of a ranked search: %v", err)
	}
	if _, err := ranked.Parse(page.Params{Limit: "1", Searching: true, Sort: "name", Cursor: *next}); err == nil {
		t.Error("a relevance cursor was taken for sort=name")
	}
	if p, _ := ranked.Parse(page.Params{}); p.Ranked("CASE END", nil).IsRanked() {
		t.Error("a list without q is ranked")
	}
}
