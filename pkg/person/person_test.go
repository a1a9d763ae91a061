package person_test

import (
	"context"
	"testing"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/person"
)

func TestDisplayNameKeepsTheOrderOfTheScript(t *testing.T) {
	western := person.Person{GivenName: "Alexander", FamilyName: "Albrecht"}
	japanese := person.Person{GivenName: "Taro", FamilyName: "Yamada", GivenNameLocal: "太郎", FamilyNameLocal: "山田", GivenNameKana: "タロウ", FamilyNameKana: "ヤマダ"}
	romaji := person.Person{GivenName: "Hanako", FamilyName: "Sato", GivenNameKana: "ハナコ", FamilyNameKana: "サトウ"}
	kanjiOnly := person.Person{GivenName: "花子", FamilyName: "佐藤"}
	for _, c := range []struct {
		p      person.Person
		locale string
		want   string
	}{
		{western, "ja", "Alexander Albrecht"},
		{western, "de", "Alexander Albrecht"},
		{western, "en", "Alexander Albrecht"},
		{japanese, "ja", "山田 太郎"},
		{japanese, "en", "Taro Yamada"},
		{japanese, "de", "Taro Yamada"},
		{romaji, "ja", "Sato Hanako"},
		{romaji, "en", "Hanako Sato"},
		{kanjiOnly, "de", "佐藤 花子"},
		{kanjiOnly, "ja", "佐藤 花子"},
		{person.Person{FamilyName: "Albrecht"}, "ja", "Albrecht"},
	} {
		if got := c.p.DisplayName(c.locale); got != c.want {
			t.Errorf("%+v in %s: %q, want %q", c.p, c.locale, got, c.want)
		}
	}
}

func TestReadingOrderPutsJapaneseNamesFirstByTheirReading(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: "01a229c0-0000-7000-8000-0000000c0001", Name: "c@example.org", Role: auth.RoleCoordinator})
		org, err := organisation.Create(ctx, db, organisation.Organisation{Name: "Reading GmbH", Kind: "pharma", Country: "DE"}, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []person.Person{
			{FamilyName: "Albrecht", GivenName: "Alexander"},
			{FamilyName: "Yamada", GivenName: "Taro", FamilyNameLocal: "山田", GivenNameLocal: "太郎", FamilyNameKana: "やまだ", GivenNameKana: "たろう"},
			{FamilyName: "Zimmer", GivenName: "Zoe"},
			{FamilyName: "Ito", GivenName: "Aoi", FamilyNameKana: "イトウ", GivenNameKana: "アオイ"},
			{FamilyName: "Baumann", GivenName: "Berta"},
		} {
			p.OrganisationID = org.ID
			if _, err := person.Create(ctx, db, p); err != nil {
				t.Fatal(err)
			}
		}
		var got []string
		var cursor string
		for {
			pg, err := person.Sort.Parse(page.Params{Sort: "name_kana", Limit: "2", Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			rows, next, err := person.List(ctx, db, person.Filter{OrganisationID: org.ID}, pg)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				got = append(got, r.FamilyName)
			}
			if next == nil {
				break
			}
			cursor = *next
		}
		want := []string{"Ito", "Yamada", "Albrecht", "Baumann", "Zimmer"} // イ, ヤ, then A, B, Z
		if len(got) != len(want) {
			t.Fatalf("got %v, want %v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("got %v, want %v", got, want)
			}
		}
	})
}
