package gen

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/person"
)

// stored is what the domain derives and stores beside a record's fields.
type stored struct {
	NameKey, WebsiteHost, NameSort, KanaSort, SearchText, SearchGrams string
}

func storedOrg(t *testing.T, db *database.DB, id string) stored {
	t.Helper()
	var s stored
	if err := db.Conn(context.Background()).Table("organisations").Select("name_key, website_host, name_sort, kana_sort, search_text, search_grams").
		Where("id = ?", id).Take(&s).Error; err != nil {
		t.Fatal(err)
	}
	return s
}

func listIDs[T any](t *testing.T, list func(page.Page) ([]T, *string, error), spec page.Spec, id func(T) string) []string {
	t.Helper()
	p, err := spec.Parse(page.Params{Limit: "200"})
	if err != nil {
		t.Fatal(err)
	}
	rows, _, err := list(p)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = id(r)
	}
	return out
}

// TestGeneratedRecordsAreStoredAndFoundLikeCreatedOnes enters a generated
// organisation and person again through the domain and checks that both
// copies have the same derived columns and that the list's search finds
// both, in Latin script, kanji (short and long) and kana.
func TestGeneratedRecordsAreStoredAndFoundLikeCreatedOnes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		const orgs, seed = 300, 42
		sum, err := Generate(ctx, db, Options{Orgs: orgs, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		want := ScaleFor(orgs)
		if sum["organisations"] != want.Orgs || sum["people"] != want.People || sum["trips"] != want.Trips || sum["projects"] != want.Projects {
			t.Fatalf("summary %v, want %+v", sum, want)
		}
		g := &generator{seed: seed, scale: want}
		var gen organisation.Organisation
		for i := 0; gen.ID == ""; i++ {
			if o := g.orgOf(i); o.Country == "JP" && !o.Archived && o.Kind != "university" && o.Kind != "hospital" {
				gen = o
			}
		}
		in := gen
		in.ID, in.Version = "", 0
		made, err := organisation.Create(ctx, db, in, true)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(storedOrg(t, db, made.ID), storedOrg(t, db, gen.ID)); diff != "" {
			t.Errorf("generated organisation stored otherwise than a created one (-created +generated):\n%s", diff)
		}
		runes := []rune(gen.NameLocal)
		for _, q := range []string{gen.Name, string(runes[:2]), gen.NameLocal, gen.NameKana} {
			ids := listIDs(t, func(p page.Page) ([]organisation.Organisation, *string, error) {
				return organisation.List(ctx, db, organisation.Filter{Q: q, Country: "JP"}, p)
			}, organisation.Sort, func(o organisation.Organisation) string { return o.ID })
			if !slices.Contains(ids, made.ID) || !slices.Contains(ids, gen.ID) {
				t.Errorf("q=%s found created %t, generated %t", q, slices.Contains(ids, made.ID), slices.Contains(ids, gen.ID))
			}
		}

		// A Japanese person of that organisation's kind, entered again.
		b := &batch{}
		var genP person.Person
		for j := 0; genP.ID == ""; j++ {
			if err := g.person(b, j); err != nil {
				t.Fatal(err)
			}
			if p := b.people[len(b.people)-1]; p.FamilyNameLocal != "" {
				genP = p
			}
		}
		inP := genP
		inP.ID, inP.Version, inP.NameSort, inP.SearchText = "", 0, "", ""
		madeP, err := person.Create(ctx, db, inP)
		if err != nil {
			t.Fatal(err)
		}
		if madeP.NameSort != genP.NameSort || madeP.SearchText != genP.SearchText {
			t.Errorf("person derived otherwise: created %q %q, generated %q %q", madeP.NameSort, madeP.SearchText, genP.NameSort, genP.SearchText)
		}
		for _, q := range []string{genP.FamilyNameLocal + genP.GivenNameLocal, genP.FamilyNameLocal, genP.FamilyNameKana} {
			ids := listIDs(t, func(p page.Page) ([]person.Person, *string, error) {
				return person.List(ctx, db, person.Filter{Q: q, OrganisationID: genP.OrganisationID}, p)
			}, person.Sort, func(p person.Person) string { return p.ID })
			if !slices.Contains(ids, madeP.ID) || !slices.Contains(ids, genP.ID) {
				t.Errorf("people q=%s found created %t, generated %t", q, slices.Contains(ids, madeP.ID), slices.Contains(ids, genP.ID))
			}
		}
	})
}

// TestTheSameSeedGivesTheSameData generates twice with one seed and once
// with another.
func TestTheSameSeedGivesTheSameData(t *testing.T) {
	ctx := auth.With(context.Background(), auth.System("test"))
	names := func(seed uint64) []string {
		db := dbtest.One(t)
		if _, err := Generate(ctx, db, Options{Orgs: 60, Seed: seed}); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, table := range []string{"organisations", "people", "agreements", "trips", "projects"} {
			var rows []string
			if err := db.Conn(ctx).Table(table).Order("id").Pluck("id || ' ' || search_text", &rows).Error; err != nil {
				t.Fatal(err)
			}
			out = append(out, rows...)
		}
		return out
	}
	a, b, c := names(3), names(3), names(4)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("seed 3 gave other data the second time:\n%s", diff)
	}
	if cmp.Equal(a, c) {
		t.Error("seeds 3 and 4 gave the same data")
	}
}

func TestGenerateRefusesABadSize(t *testing.T) {
	db := dbtest.One(t)
	for _, n := range []int{0, -1, MaxOrgs + 1} {
		if _, err := Generate(context.Background(), db, Options{Orgs: n}); err == nil {
			t.Errorf("--orgs %d accepted", n)
		}
	}
}

// OrganisationsOnly writes the same organisations as a full run of the
// seed, and no record of another kind.
func TestOrganisationsOnlyWritesTheSameOrganisationsAndNothingElse(t *testing.T) {
	ctx := auth.With(context.Background(), auth.System("test"))
	read := func(only bool) (orgs []string, others int64) {
		db := dbtest.One(t)
		sum, err := Generate(ctx, db, Options{Orgs: 40, Seed: 5, OrganisationsOnly: only})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Conn(ctx).Table("organisations").Order("id").Pluck("id || ' ' || search_text", &orgs).Error; err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"people", "agreements", "trips", "projects", "opportunities"} {
			var n int64
			if err := db.Conn(ctx).Table(table).Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			others += n
		}
		if only && sum["organisations"] != 40 {
			t.Errorf("summary %v, want 40 organisations", sum)
		}
		return orgs, others
	}
	all, _ := read(false)
	orgs, others := read(true)
	if diff := cmp.Diff(all, orgs); diff != "" {
		t.Errorf("the organisations differ from a full run's:\n%s", diff)
	}
	if others != 0 {
		t.Errorf("%d records of other kinds written, want none", others)
	}
	// Both asked: refused before anything is written.
	db := dbtest.One(t)
	if _, err := Generate(ctx, db, Options{Orgs: 40, Seed: 5, OrganisationsOnly: true, Opportunities: 10}); err == nil {
		t.Error("organisations only with 10 opportunities: no error")
	}
	var n int64
	if err := db.Conn(ctx).Table("organisations").Count(&n).Error; err != nil || n != 0 {
		t.Errorf("refused, yet %d organisations written (%v)", n, err)
	}
}
