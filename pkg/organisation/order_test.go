package organisation_test

import (
	"slices"
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
)

// The directory in name order is in a dictionary's order on both
// engines, paged through a few at a time and either way round:
// "Ärzteverbund" among the A's and "Öko" among the O's, not after
// "Zymo"; the kana readings in 五十音順, a voiced kana (ガ) beside the
// plain one (カ).
func TestTheDirectoryIsInADictionarysOrder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := coordinatorCtx()
		byName := []string{"Apotheke Nord", "Ärzteverbund Bayern", "Azur Pharma", "Émile Labs", "Etoile Bio", "Mueller Biotech", "Müller Biotech AG",
			"Mustermann Pharma", "Öko Pharma", "Oncology Partners", "Ōsaka Bio Labs", "Straße Biotech", "Strauss Labs", "Zymo Research"}
		kana := map[string]string{"Ōsaka Bio Labs": "オオサカバイオ", "Öko Pharma": "ガスファーマ", "Zymo Research": "カフェリサーチ"}
		byReading := []string{"Ōsaka Bio Labs", "Öko Pharma", "Zymo Research"} // オオ, ガス (as カス), カフェ
		for _, name := range slices.Backward(byName) {
			o := organisation.Organisation{Name: name, NameKana: kana[name], Kind: "biotech", Country: "DE"}
			if _, err := organisation.Create(ctx, db, o, false); err != nil {
				t.Fatal(err)
			}
		}
		list := func(sort string) []string {
			t.Helper()
			var got []string
			var cursor string
			for {
				p, err := organisation.Sort.Parse(page.Params{Sort: sort, Limit: "3", Cursor: cursor})
				if err != nil {
					t.Fatal(err)
				}
				rows, next, err := organisation.List(ctx, db, organisation.Filter{}, p)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range rows {
					got = append(got, r.Name)
				}
				if next == nil {
					return got
				}
				cursor = *next
			}
		}
		if got := list("name"); !slices.Equal(got, byName) {
			t.Errorf("sort=name:\n got %q\nwant %q", got, byName)
		}
		reversed := slices.Clone(byName)
		slices.Reverse(reversed)
		if got := list("-name"); !slices.Equal(got, reversed) {
			t.Errorf("sort=-name:\n got %q\nwant %q", got, reversed)
		}
		// The readings in katakana come after the Latin names the others
		// are read by.
		if got := list("name_kana"); !slices.Equal(got[len(got)-len(byReading):], byReading) {
			t.Errorf("sort=name_kana ends %q, want %q", got[len(got)-len(byReading):], byReading)
		}
	})
}
