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
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/search"
)

// A search finds its matches in the list's order and pages through them
// completely, whether the word is rare and its matches sit together at the
// end of the alphabet (PostgreSQL then sorts the matches it finds by
// index) or the word is in many names (PostgreSQL reads the list in order
// and skips the others; in an order other than the names', a window of
// rows at a time). The list is large enough for the choice to be made
// (search leaves small lists to the planner).
func TestSearchPagesInTheListsOrderWhetherMatchesAreFewOrMany(t *testing.T) {
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
			if _, err := gen.Generate(ctx, db, gen.Options{Orgs: 12000, Seed: 2, OrganisationsOnly: true}); err != nil {
				t.Fatal(err)
			}
			var total int
			if err := db.Conn(ctx).Raw("SELECT count(*) FROM organisations WHERE NOT archived").Scan(&total).Error; err != nil {
				t.Fatal(err)
			}

			for _, q := range []string{"zeta", "huber", "gmbh", "zeta&sort=-updated_at", "gmbh&sort=-updated_at"} {
				// What a user must see: the first 600 matches in the list's
				// order (by name, or as asked: newest change first).
				q, sort, _ := strings.Cut(q, "&sort=")
				order := "name_sort, id"
				if sort != "" {
					order = "updated_at DESC, id DESC"
				}
				var want []string
				if err := db.Conn(ctx).Raw(`SELECT id FROM organisations WHERE NOT archived AND search_text LIKE ? ESCAPE '\' ORDER BY `+order,
					search.LikePattern(search.Fold(q))).Scan(&want).Error; err != nil {
					t.Fatal(err)
				}
				matches := len(want)
				want = want[:min(len(want), 600)]

				sent.Start()
				var got []string
				cursor := ""
				for len(got) < len(want) {
					p, err := organisation.Sort.Parse(page.Params{Limit: "200", Cursor: cursor, Sort: sort})
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
					t.Errorf("q=%s, sort=%s: the pages differ from the %d first matches in the list's order (got %d)", q, sort, len(want), len(got))
				}
				if e != database.Postgres {
					continue
				}
				// A window checks each row in a column (search_hit); the
				// matches sorted are found in a fenced subquery alone.
				statements := sent.Stop()
				windows := slices.ContainsFunc(statements, func(st database.Statement) bool { return strings.Contains(st.SQL, "search_hit") })
				sorted := slices.ContainsFunc(statements, func(st database.Statement) bool {
					return strings.Contains(st.SQL, "OFFSET 0") && !strings.Contains(st.SQL, "search_hit")
				})
				dense := float64(matches) > 0.02*float64(total)
				if sorted == dense || windows != (dense && sort != "") {
					t.Errorf("q=%s, sort=%s (%d of %d match): matches sorted = %v, read in windows = %v; want %v, %v", q, sort, matches, total, sorted, windows, !dense, dense && sort != "")
				}
			}
		})
	}
}

// A word of one or two characters finds the organisations that have it in
// their names, on both engines alike (search.Grams: PostgreSQL's gram
// array, SQLite's <table>_grams): Japanese and Latin, with punctuation
// next to it or in it, never in the city alone. Updates that leave the
// names alone keep it found, after a rename the old word no longer finds
// the organisation, and a deleted one leaves nothing in SQLite's gram
// index (whose 'delete' must name exactly the grams indexed).
func TestShortWordsFindTheSameOrganisationsOnBothEngines(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		ids := map[string]string{}
		for _, o := range []organisation.Organisation{
			{Name: "Osaka Bio Verein e.V.", NameLocal: "大阪バイオ協会", Country: "JP"},
			{Name: "Isar Bio-AG", City: "大阪市", Country: "DE"}, // 大阪 only in its city
			{Name: "Alpha AG", Country: "DE"},
			{Name: "Ev Solutions", Country: "DE"},
			{Name: "Kawasaki Medical", NameLocal: "川崎医科", Country: "JP"},
		} {
			o.Kind = "biotech"
			created, err := organisation.Create(ctx, db, o, true)
			if err != nil {
				t.Fatal(err)
			}
			ids[o.Name] = created.ID
		}
		find := func(q string) []string {
			t.Helper()
			p, err := organisation.Sort.Parse(page.Params{Limit: "200"})
			if err != nil {
				t.Fatal(err)
			}
			rows, _, err := organisation.List(ctx, db, organisation.Filter{Q: q}, p)
			if err != nil {
				t.Fatalf("q=%s: %v", q, err)
			}
			var names []string
			for _, o := range rows {
				names = append(names, o.Name)
			}
			slices.Sort(names)
			return names
		}
		for _, tt := range []struct {
			q    string
			want []string
		}{
			{"大", []string{"Osaka Bio Verein e.V."}},
			{"大阪", []string{"Osaka Bio Verein e.V."}},
			{"ばい", []string{"Osaka Bio Verein e.V."}}, // バイ of バイオ, in hiragana
			{"川", []string{"Kawasaki Medical"}},
			{"川 医", []string{"Kawasaki Medical"}},
			{"川 大", nil},
			{"ag", []string{"Alpha AG", "Isar Bio-AG"}},
			{"-a", []string{"Isar Bio-AG"}},
			{"o-", []string{"Isar Bio-AG"}},
			{"e.", []string{"Osaka Bio Verein e.V."}},
			{".v", []string{"Osaka Bio Verein e.V."}},
			{"ev", []string{"Ev Solutions"}},
			{"al ev", nil},
			{"ag ev", []string{"Ev Solutions"}}, // AG is a legal form: no term beside another word
		} {
			if got := find(tt.q); !slices.Equal(got, tt.want) {
				t.Errorf("q=%s finds %q, want %q", tt.q, got, tt.want)
			}
		}

		verein := ids["Osaka Bio Verein e.V."]
		// Updates that leave the names alone (a phone number; a city,
		// which is in the search text but not in the grams) keep the
		// organisation found by its names and the city by its new name:
		// the indexes are re-written only for what changed.
		if _, err := organisation.Update(ctx, db, verein, 1, organisation.Patch{Phone: opt.Of("+81 6 1234 5678")}); err != nil {
			t.Fatal(err)
		}
		if _, err := organisation.Update(ctx, db, verein, 2, organisation.Patch{City: opt.Of("Suita")}); err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string][]string{"大阪": {"Osaka Bio Verein e.V."}, "verein": {"Osaka Bio Verein e.V."}, "suita": {"Osaka Bio Verein e.V."}} {
			if got := find(q); !slices.Equal(got, want) {
				t.Errorf("after updating phone and city q=%s finds %q, want %q", q, got, want)
			}
		}
		o, err := organisation.Update(ctx, db, verein, 3, organisation.Patch{Name: opt.Of("Kyoto Bio Verein"), NameLocal: opt.Of("京都バイオ協会")})
		if err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string][]string{"大阪": nil, "e.": nil, "京都": {"Kyoto Bio Verein"}} {
			if got := find(q); !slices.Equal(got, want) {
				t.Errorf("after the rename q=%s finds %q, want %q", q, got, want)
			}
		}

		var grams string
		var rowid int64
		if db.Engine == database.SQLite {
			if err := db.SQL().QueryRow("SELECT rowid, search_grams FROM organisations WHERE id = ?", verein).Scan(&rowid, &grams); err != nil {
				t.Fatal(err)
			}
		}
		if err := organisation.Delete(ctx, db, verein, o.Version); err != nil {
			t.Fatal(err)
		}
		if got := find("京都"); got != nil {
			t.Errorf("after the delete q=京都 finds %q", got)
		}
		if db.Engine != database.SQLite {
			return
		}
		// Any of its grams, looked up in the index itself.
		tokens := strings.Fields(grams)
		if len(tokens) < 10 {
			t.Fatalf("the organisation had %d grams stored: %q", len(tokens), grams)
		}
		var left []int64
		if err := db.Conn(ctx).Raw("SELECT rowid FROM organisations_grams WHERE organisations_grams MATCH ? AND rowid = ?",
			`"`+strings.Join(tokens, `" OR "`)+`"`, rowid).Scan(&left).Error; err != nil {
			t.Fatal(err)
		}
		if len(left) > 0 {
			t.Errorf("organisations_grams still has the deleted organisation (rowid %d)", rowid)
		}
		if err := db.Conn(ctx).Exec("INSERT INTO organisations_grams (organisations_grams, rank) VALUES ('integrity-check', 1)").Error; err != nil {
			t.Errorf("organisations_grams differs from the organisations' search_grams: %v", err)
		}
	})
}
