package organisation_test

import (
	"context"
	"testing"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/search"
)

// Rows written before the folding changed (here: search text as the old
// folding wrote it, no search_name, as after migration 00021, no grams,
// as SQLite stored before migration 00032, and the name orders with their
// marks, as before search.Version 4) are found and sorted like new ones
// once Reindex ran, which rewrites only them and runs once.
func TestReindexBringsOldSearchTextToTheCurrentFolding(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		o, err := organisation.Create(ctx, db, organisation.Organisation{Name: "Müller Biotech GmbH", NameLocal: "髙橋製薬", Kind: "biotech", Country: "DE", City: "München",
			ExternalIDs: map[string]string{"osaka-bhq": "OB-4711"}}, true)
		if err != nil {
			t.Fatal(err)
		}
		// Stored as this release stores it: Reindex leaves it alone.
		if _, err := organisation.Create(ctx, db, organisation.Organisation{Name: "Isar Pharma GmbH", Kind: "pharma", Country: "DE"}, true); err != nil {
			t.Fatal(err)
		}
		old := "müller biotech gmbh | 髙橋製薬"
		if err := db.Conn(ctx).Exec("UPDATE organisations SET search_text = ?, search_name = '', search_grams = ?, name_sort = ?, kana_sort = ? WHERE id = ?",
			old, search.GramsValue(db, nil), "müller biotech gmbh", "髙橋製薬", o.ID).Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Conn(ctx).Exec("DELETE FROM search_versions").Error; err != nil {
			t.Fatal(err)
		}
		// find reports whether q finds the organisation, and by its name.
		find := func(q string) (found, byName bool) {
			t.Helper()
			p, err := organisation.Sort.Parse(page.Params{Searching: true})
			if err != nil {
				t.Fatal(err)
			}
			rows, _, err := organisation.List(ctx, db, organisation.Filter{Q: q}, p)
			if err != nil {
				t.Fatal(err)
			}
			found = len(rows) == 1 && rows[0].ID == o.ID
			return found, found && rows[0].SearchRank < search.RankOther
		}
		if found, _ := find("mueller"); found {
			t.Fatal("the old search text already folds mueller")
		}
		if found, _ := find("製薬"); found {
			t.Fatal("a short word finds the organisation without grams")
		}
		n, err := organisation.Reindex(ctx, db)
		if err != nil || n != 1 {
			t.Fatalf("Reindex = %d, %v; want 1 row rewritten of 2", n, err)
		}
		for _, q := range []string{"mueller", "muller biotech", "高橋", "製薬"} {
			if _, byName := find(q); !byName {
				t.Errorf("q=%s does not find the reindexed organisation by its name", q)
			}
		}
		if found, byName := find("munchen"); !found || byName {
			t.Errorf("q=munchen (its city): found %v, by name %v; want found by other text", found, byName)
		}
		if found, byName := find("OB-4711"); !found || byName {
			t.Errorf("q=OB-4711 (its external id): found %v, by name %v; want found by other text", found, byName)
		}
		var sorted struct{ NameSort, KanaSort string }
		if err := db.Conn(ctx).Raw("SELECT name_sort, kana_sort FROM organisations WHERE id = ?", o.ID).Scan(&sorted).Error; err != nil {
			t.Fatal(err)
		}
		if sorted.NameSort != "muller biotech gmbh" || sorted.KanaSort != "髙橋製薬" {
			t.Errorf("name_sort %q, kana_sort %q after Reindex; want muller biotech gmbh, 髙橋製薬", sorted.NameSort, sorted.KanaSort)
		}
		if n, err := organisation.Reindex(ctx, db); err != nil || n != 0 {
			t.Errorf("a second Reindex = %d, %v; want nothing to do", n, err)
		}
	})
}
