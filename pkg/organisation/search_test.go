package organisation_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/gen"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/search"
)

// A search finds its matches in the list's order and pages through them
// completely, whether the word is rare and its matches sit together at the
// end of the alphabet (PostgreSQL then sorts the matches it finds by
// index) or the word is in many names (PostgreSQL reads the list in order
// and skips the others). The list is large enough for the choice to be
// made (search.Matching leaves small lists to the planner).
func TestSearchPagesInNameOrderWhetherMatchesAreFewOrMany(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			db, sent := dbtest.Recording(t, e)
			ctx := auth.With(context.Background(), auth.System("test"))
			for i := range 3 { // rare, and last in name order
				if _, err := organisation.Create(ctx, db, organisation.Organisation{Name: fmt.Sprintf("Zeta Labs %d GmbH", i), Kind: "biotech", Country: "DE"}, true); err != nil {
					t.Fatal(err)
				}
			}
			// Generate analyses the tables, as a database in use would be.
			if _, err := gen.Generate(ctx, db, gen.Options{Orgs: 12000, Seed: 2}); err != nil {
				t.Fatal(err)
			}
			var total int
			if err := db.Conn(ctx).Raw("SELECT count(*) FROM organisations WHERE NOT archived").Scan(&total).Error; err != nil {
				t.Fatal(err)
			}

			for _, q := range []string{"zeta", "huber", "gmbh"} {
				// What a user must see: the first 600 matches in name order.
				var want []string
				if err := db.Conn(ctx).Raw(`SELECT id FROM organisations WHERE NOT archived AND search_text LIKE ? ESCAPE '\' ORDER BY name_sort, id`,
					search.LikePattern(search.Fold(q))).Scan(&want).Error; err != nil {
					t.Fatal(err)
				}
				matches := len(want)
				want = want[:min(len(want), 600)]

				sent.Start()
				var got []string
				cursor := ""
				for len(got) < len(want) {
					p, err := organisation.Sort.Parse(page.Params{Limit: "200", Cursor: cursor})
					if err != nil {
						t.Fatal(err)
					}
					rows, next, err := organisation.List(ctx, db, organisation.Filter{Q: q}, p)
					if err != nil {
						t.Fatalf("q=%s: %v", q, err)
					}
					for _, o := range rows {
						got = append(got, o.ID)
					}
					if next == nil {
						break
					}
					cursor = *next
				}
				if !slices.Equal(got, want) {
					t.Errorf("q=%s: the pages differ from the %d first matches in name order (got %d)", q, len(want), len(got))
				}
				if e != database.Postgres {
					continue
				}
				sorted := slices.ContainsFunc(sent.Stop(), func(st database.Statement) bool { return strings.Contains(st.SQL, "OFFSET 0") })
				if dense := float64(matches) > 0.02*float64(total); sorted == dense {
					t.Errorf("q=%s (%d of %d match): matches sorted = %v, want %v", q, matches, total, sorted, !dense)
				}
			}
		})
	}
}
