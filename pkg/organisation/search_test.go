package organisation_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
)

// A search finds its matches in the list's order and pages through them
// completely, whether the word is rare and its matches sit together at the
// end of the alphabet (PostgreSQL sorts the matches found by index) or the
// word is in most names (PostgreSQL reads the list in order and skips).
func TestSearchPagesInNameOrderWhetherMatchesAreFewOrMany(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			var (
				mu   sync.Mutex
				sent []string
			)
			db, err := database.Open(context.Background(), dbtest.URL(t, e), database.Options{OnStatement: func(_ context.Context, st database.Statement) {
				mu.Lock()
				defer mu.Unlock()
				sent = append(sent, st.SQL)
			}})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(db.Close)
			ctx := auth.With(context.Background(), auth.System("test"))
			for i := range 300 {
				name := fmt.Sprintf("Alpha %03d Pharma GmbH", i)
				switch {
				case i < 3:
					name = fmt.Sprintf("Zeta Labs %d GmbH", i) // rare, and last in name order
				case i%10 == 0:
					name = fmt.Sprintf("Beta %03d Biotech AG", i)
				}
				if _, err := organisation.Create(ctx, db, organisation.Organisation{Name: name, Kind: "biotech", Country: "DE"}, true); err != nil {
					t.Fatal(err)
				}
			}
			if e == database.Postgres {
				if err := db.Conn(ctx).Exec("ANALYZE organisations").Error; err != nil {
					t.Fatal(err)
				}
			}

			// all pages through the list of the query, and the statements sent
			all := func(q string) (names, stmts []string) {
				mu.Lock()
				sent = nil
				mu.Unlock()
				cursor := ""
				for {
					p, err := organisation.Sort.Parse(page.Params{Limit: "40", Cursor: cursor})
					if err != nil {
						t.Fatal(err)
					}
					rows, next, err := organisation.List(ctx, db, organisation.Filter{Q: q}, p)
					if err != nil {
						t.Fatalf("q=%q: %v", q, err)
					}
					for _, o := range rows {
						names = append(names, o.Name)
					}
					if next == nil {
						mu.Lock()
						defer mu.Unlock()
						return names, sent
					}
					cursor = *next
				}
			}
			everyone, _ := all("")
			for _, q := range []string{"zeta", "pharma", "biotech"} {
				var want []string
				for _, n := range everyone {
					if strings.Contains(strings.ToLower(n), q) {
						want = append(want, n)
					}
				}
				got, stmts := all(q)
				if !slices.Equal(got, want) {
					t.Errorf("q=%s found %d organisations %v…, want %d in name order %v…", q, len(got), head(got), len(want), head(want))
				}
				if e != database.Postgres {
					continue
				}
				sorted := slices.ContainsFunc(stmts, func(s string) bool { return strings.Contains(s, "OFFSET 0") })
				if dense := len(want) > len(everyone)/50; sorted == dense {
					t.Errorf("q=%s (%d of %d match): matches sorted = %v, want %v; statements: %v", q, len(want), len(everyone), sorted, !dense, stmts)
				}
			}
		})
	}
}

func head(s []string) []string { return s[:min(len(s), 3)] }
