package organisation_test

import (
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
)

// TestReadingIsStoredInKatakana: a reading typed in hiragana is kept in
// katakana (the reading convention), on create and on update; the rest of
// the name stays as typed.
func TestReadingIsStoredInKatakana(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := coordinatorCtx()
		o, err := organisation.Create(ctx, db, organisation.Organisation{Name: "Osaka Kana K.K.", NameLocal: "おおさか仮名株式会社", NameKana: "おおさかかな カブシキガイシャ", Kind: "pharma", Country: "JP"}, false)
		if err != nil {
			t.Fatal(err)
		}
		got, err := organisation.Get(ctx, db, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.NameKana != "オオサカカナ カブシキガイシャ" || got.NameLocal != "おおさか仮名株式会社" {
			t.Errorf("created: reading %q, local name %q", got.NameKana, got.NameLocal)
		}
		up, err := organisation.Update(ctx, db, o.ID, got.Version, organisation.Patch{NameKana: opt.Of("みなとせいやく")})
		if err != nil {
			t.Fatal(err)
		}
		if up.NameKana != "ミナトセイヤク" {
			t.Errorf("updated: reading %q, want ミナトセイヤク", up.NameKana)
		}
	})
}
