package person_test

import (
	"context"
	"testing"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
)

// TestReadingIsStoredInKatakana: a reading typed in hiragana is kept in
// katakana, on create and on update.
func TestReadingIsStoredInKatakana(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: "01a229c0-0000-7000-8000-0000000c0001", Name: "c@example.org", Role: auth.RoleCoordinator})
		org, err := organisation.Create(ctx, db, organisation.Organisation{Name: "Kana GmbH", Kind: "pharma", Country: "DE"}, false)
		if err != nil {
			t.Fatal(err)
		}
		p, err := person.Create(ctx, db, person.Person{OrganisationID: org.ID, FamilyName: "Yamada", GivenName: "Taro", FamilyNameKana: "やまだ", GivenNameKana: "たろう"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := person.Get(ctx, db, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.FamilyNameKana != "ヤマダ" || got.GivenNameKana != "タロウ" {
			t.Errorf("created: reading %q %q, want ヤマダ タロウ", got.FamilyNameKana, got.GivenNameKana)
		}
		up, err := person.Update(ctx, db, p.ID, got.Version, person.Patch{GivenNameKana: opt.Of("はなこ")})
		if err != nil {
			t.Fatal(err)
		}
		if up.GivenNameKana != "ハナコ" || up.FamilyNameKana != "ヤマダ" {
			t.Errorf("updated: reading %q %q, want ヤマダ ハナコ", up.FamilyNameKana, up.GivenNameKana)
		}
	})
}
