package person_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/opt"
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

// People in name order as a dictionary has them on both engines: Müller
// between Mueller and Mustermann, Öztürk and Ōtani among the O's, not
// after Zimmer.
func TestNameOrderLeavesTheMarksOut(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		org, err := organisation.Create(ctx, db, organisation.Organisation{Name: "Order GmbH", Kind: "pharma", Country: "DE"}, false)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"Mueller", "Müller", "Mustermann", "Ōtani", "Öztürk", "Zimmer"}
		for _, name := range []string{"Zimmer", "Öztürk", "Ōtani", "Mustermann", "Müller", "Mueller"} {
			if _, err := person.Create(ctx, db, person.Person{FamilyName: name, OrganisationID: org.ID}); err != nil {
				t.Fatal(err)
			}
		}
		pg, err := person.Sort.Parse(page.Params{Sort: "name"})
		if err != nil {
			t.Fatal(err)
		}
		rows, _, err := person.List(ctx, db, person.Filter{OrganisationID: org.ID}, pg)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rows {
			got = append(got, r.FamilyName)
		}
		if !slices.Equal(got, want) {
			t.Errorf("sort=name: got %q, want %q", got, want)
		}
	})
}

// A person is found by their organisation's name as it is now: after the
// organisation is renamed, and after the person moves to another one. On
// PostgreSQL the people carry their organisation's search text and grams
// (migration 00036), which the organisation's change writes to them
// without changing the person's version.
func TestPeopleAreFoundByTheirOrganisationsNameAsItIsNow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		isar, err := organisation.Create(ctx, db, organisation.Organisation{Name: "Isar Kamo GmbH", NameLocal: "殿町バイオ", Kind: "biotech", Country: "DE"}, false)
		if err != nil {
			t.Fatal(err)
		}
		nord, err := organisation.Create(ctx, db, organisation.Organisation{Name: "Nordlicht AG", Kind: "pharma", Country: "DE"}, false)
		if err != nil {
			t.Fatal(err)
		}
		anna, err := person.Create(ctx, db, person.Person{OrganisationID: isar.ID, GivenName: "Anna", FamilyName: "Berg"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := person.Create(ctx, db, person.Person{OrganisationID: nord.ID, GivenName: "Ole", FamilyName: "Lund"}); err != nil {
			t.Fatal(err)
		}
		found := func(q string) []string {
			t.Helper()
			p, err := person.Sort.Parse(page.Params{Searching: true})
			if err != nil {
				t.Fatal(err)
			}
			rows, _, err := person.List(ctx, db, person.Filter{Q: q}, p)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, r := range rows {
				out = append(out, r.FamilyName)
			}
			return out
		}
		expect := func(when string, want map[string][]string) {
			t.Helper()
			for q, w := range want {
				if got := found(q); !slices.Equal(got, w) {
					t.Errorf("%s: q=%s finds %q, want %q", when, q, got, w)
				}
			}
		}
		expect("at first", map[string][]string{"kamo": {"Berg"}, "殿町": {"Berg"}, "isar kamo": {"Berg"}, "zell": nil, "nordlicht": {"Lund"}})

		isar, err = organisation.Update(ctx, db, isar.ID, isar.Version, organisation.Patch{Name: opt.Of("Isar Zell GmbH"), NameLocal: opt.Of("川崎セル")})
		if err != nil {
			t.Fatal(err)
		}
		expect("after the organisation is renamed", map[string][]string{"kamo": nil, "殿町": nil, "zell": {"Berg"}, "川崎": {"Berg"}, "isar zell": {"Berg"}})
		if got, err := person.Get(ctx, db, anna.ID); err != nil || got.Version != anna.Version {
			t.Errorf("the organisation's rename changed the person: version %d → %d (%v)", anna.Version, got.Version, err)
		}

		if _, err := person.Update(ctx, db, anna.ID, anna.Version, person.Patch{OrganisationID: opt.Of(nord.ID)}); err != nil {
			t.Fatal(err)
		}
		expect("after the person moved", map[string][]string{"zell": nil, "川崎": nil, "nordlicht": {"Berg", "Lund"}})
	})
}

// A person's edit does not wait for their organisation while another
// transaction holds it (PostgreSQL). The person takes the organisation's
// search text only when moved (migration 00036); reading it on every
// edit would wait here, and deadlock when that transaction goes on to
// rename the organisation, which writes its people.
func TestEditingAPersonDoesNotWaitForTheirOrganisation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		if db.Engine != database.Postgres {
			return // SQLite has one writer at a time
		}
		ctx := auth.With(context.Background(), auth.System("test"))
		org, err := organisation.Create(ctx, db, organisation.Organisation{Name: "Held GmbH", Kind: "biotech", Country: "DE"}, false)
		if err != nil {
			t.Fatal(err)
		}
		p, err := person.Create(ctx, db, person.Person{OrganisationID: org.ID, GivenName: "Eva", FamilyName: "Wald"})
		if err != nil {
			t.Fatal(err)
		}
		tx, err := db.SQL().BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback() //nolint:errcheck
		if _, err := tx.ExecContext(ctx, "UPDATE organisations SET phone = phone WHERE id = $1", org.ID); err != nil {
			t.Fatal(err)
		}
		edit, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if _, err := person.Update(edit, db, p.ID, p.Version, person.Patch{Position: opt.Of("CSO")}); err != nil {
			t.Fatalf("the person's edit waited for the organisation held by another transaction: %v", err)
		}
	})
}
