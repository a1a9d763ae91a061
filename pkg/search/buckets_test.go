package search_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/search"
)

// A ranked page is the same whichever way its buckets are read: their
// candidates read from search_terms in the list's order a few at a time,
// or one at a time at first and then more when a filter leaves too few,
// from the range of terms that begin with the query or from those with
// its first two, three or six characters; and paging through it, page by page, gives
// every match once in that order.
func TestRankedPagesAreTheSameWhicheverWayTheBucketsAreRead(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		names := []string{"Kamo", "Kamo Bio", "Kamogawa Pharma", "Aoi Kamo Labs", "Kamome Therapeutics", "Bikamo", "Zeta Kamo",
			"Kamoi Works", "Ao Kamoshika", "Other Co", "Kamo Denki", "Kamo Seiyaku", "Kamo Tech", "Kamo Ventures", "Iwa Kamo Shoji"}
		german := map[string]bool{"Kamo Bio": true, "Kamo Tech": true, "Zeta Kamo": true, "Bikamo": true, "Other Co": true}
		for i, n := range names {
			o := organisation.Organisation{Name: n, Kind: "biotech", Country: "JP"}
			if german[n] {
				o.Country = "DE"
			}
			if n == "Other Co" {
				o.City = "Kamo"
			}
			if _, err := organisation.Create(ctx, db, o, false); err != nil {
				t.Fatalf("%d %s: %v", i, n, err)
			}
		}
		read := func(q string, limit int, country string) []string {
			return organisationNames(t, ctx, db, organisation.Filter{Q: q, Country: country}, "", limit)
		}
		// A query of four, two and six characters: the groups of three,
		// two and six characters when read in order (see heads), "kamo s"
		// a prefix, a word prefix and then names with both words.
		want := map[string][]string{
			"kamo": {"Kamo", "Kamo Bio", "Kamo Denki", "Kamo Seiyaku", "Kamo Tech", "Kamo Ventures", "Kamogawa Pharma", "Kamoi Works",
				"Kamome Therapeutics", "Ao Kamoshika", "Aoi Kamo Labs", "Iwa Kamo Shoji", "Zeta Kamo", "Bikamo", "Other Co"},
			"ao":     {"Ao Kamoshika", "Aoi Kamo Labs"},
			"kamo s": {"Kamo Seiyaku", "Iwa Kamo Shoji", "Ao Kamoshika", "Aoi Kamo Labs", "Kamo Ventures", "Kamoi Works", "Kamome Therapeutics"},
		}
		wantDE := map[string][]string{"kamo": {"Kamo Bio", "Kamo Tech", "Zeta Kamo", "Bikamo", "Other Co"}}
		check := func(how string) {
			t.Helper()
			for q := range want {
				for _, limit := range []int{50, 3, 2, 1} {
					if got := read(q, limit, ""); !slices.Equal(got, want[q]) {
						t.Errorf("%s, q=%s, %d a page:\n got %q\nwant %q", how, q, limit, got, want[q])
					}
					if got := read(q, limit, "DE"); !slices.Equal(got, wantDE[q]) {
						t.Errorf("%s, q=%s, %d a page, country=DE:\n got %q\nwant %q", how, q, limit, got, wantDE[q])
					}
				}
			}
		}
		check("as they come")
		defer search.SetCandidatesPerRow(1)()
		check("one candidate a row at first")
		defer search.SetSparseTerms(1)()
		check("one candidate a row at first, read in order of their first characters")
		inWindows(func(how string) { check("the last two buckets " + how) })
	})
}

// samePagesInWindows checks that paging through a search (read) in each
// order of want, 50, 3, 2 and 1 rows a page, gives want's rows in that
// order, as the windows come and in windows forced (inWindows).
func samePagesInWindows(t *testing.T, want map[string][]string, read func(sort string, limit int) []string) {
	t.Helper()
	check := func(how string) {
		t.Helper()
		for sort, rows := range want {
			for _, limit := range []int{50, 3, 2, 1} {
				if got := read(sort, limit); !slices.Equal(got, rows) {
					t.Errorf("%s, sort=%s, %d a page:\n got %q\nwant %q", how, sort, limit, got, rows)
				}
			}
		}
	}
	check("as they come")
	inWindows(check)
}

// inWindows runs check with the windows forced to 1 and 4 rows, then to
// 2, 8, 32 … rows (search.SetWindows), so that a page reads several and
// asks again after a window's last row.
func inWindows(check func(how string)) {
	restore := search.SetWindows(1, 5)
	check("in windows of 1 and 4 rows, then sorted")
	restore()
	defer search.SetWindows(2, 1000)()
	check("in windows of 2, 8, 32 … rows")
}

// A search in the order of a time (sort=-updated_at, created_at) is read
// in windows of that order on PostgreSQL (search.inOrder), and gives the
// same pages whichever windows: paged through, every match once, in that
// order. A window's last row, looked up when the page asks again, keeps
// its time to the microsecond, so the next window begins right after it.
func TestPagesInTheOrderOfATimeAreTheSameInWindows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		var edit []organisation.Organisation
		for i, n := range []string{"Kamo", "Other Co", "Bikamo", "Kamogawa Pharma", "Aoi Labs", "Zeta Kamo", "Kamo Denki", "Iwa Shoji",
			"Kamome Therapeutics", "Ao Kamoshika", "Kamo Seiyaku", "Beta Works", "Kamoi Works"} {
			created, err := organisation.Create(ctx, db, organisation.Organisation{Name: n, Kind: "biotech", Country: "JP"}, false)
			if err != nil {
				t.Fatal(err)
			}
			if i%3 == 0 {
				edit = append(edit, created)
			}
		}
		// Changed in another order than created: the two orders differ.
		for i := len(edit) - 1; i >= 0; i-- {
			if _, err := organisation.Update(ctx, db, edit[i].ID, edit[i].Version, organisation.Patch{City: opt.Of("Kyoto")}); err != nil {
				t.Fatal(err)
			}
		}
		want := func(order string) []string {
			t.Helper()
			var names []string
			if err := db.Conn(ctx).Raw(`SELECT name FROM organisations WHERE NOT archived AND search_text LIKE ? ESCAPE '\' ORDER BY `+order,
				search.LikePattern("kamo")).Scan(&names).Error; err != nil {
				t.Fatal(err)
			}
			return names
		}
		orders := map[string][]string{"-updated_at": want("updated_at DESC, id DESC"), "created_at": want("created_at, id")}
		newest := slices.Clone(orders["created_at"])
		slices.Reverse(newest)
		if slices.Equal(orders["-updated_at"], newest) || len(newest) != 9 {
			t.Fatalf("the data do not tell the orders apart: %q, %q", orders["-updated_at"], orders["created_at"])
		}
		samePagesInWindows(t, orders, func(sort string, limit int) []string {
			return organisationNames(t, ctx, db, organisation.Filter{Q: "kamo"}, sort, limit)
		})
	})
}

// So is a search in the order of a date kept as text, where many records
// share a value: the register by signed_on, the drafts ("") first, and
// agreements signed the same year, month or day in the order of their
// ids, either way round.
func TestPagesInTheOrderOfADateWithTiesAreTheSameInWindows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		parties := twoParties(t, ctx, db)
		for _, a := range []agreement.Agreement{
			{Title: "Kamo accord", SignedOn: "2019"}, {Title: "Kamo charter", SignedOn: "2024-05-01"}, {Title: "Kamo letter"},
			{Title: "Other letter", SignedOn: "2019"}, {Title: "鴨川 Kamo 覚書", SignedOn: "2024-05-01"}, {Title: "Kamo draft"},
			{Title: "Kamogawa MoU", SignedOn: "2019"}, {Title: "Isar accord", SignedOn: "2024-05-01"}, {Title: "Bikamo note"},
			{Title: "Kamo renewal", SignedOn: "2011-04"}, {Title: "Kamo licence", SignedOn: "2024-05-01"},
		} {
			a.Kind, a.Parties = "mou", parties
			if _, err := agreement.Create(ctx, db, a); err != nil {
				t.Fatal(err)
			}
		}
		want := func(order string) []string {
			t.Helper()
			var titles []string
			if err := db.Conn(ctx).Raw(`SELECT title FROM agreements WHERE search_text LIKE ? ESCAPE '\' ORDER BY `+order,
				search.LikePattern("kamo")).Scan(&titles).Error; err != nil {
				t.Fatal(err)
			}
			return titles
		}
		orders := map[string][]string{"signed_on": want("signed_on, id"), "-signed_on": want("signed_on DESC, id DESC")}
		if len(orders["signed_on"]) != 9 {
			t.Fatalf("kamo is in %d agreements, want 9: %q", len(orders["signed_on"]), orders["signed_on"])
		}
		samePagesInWindows(t, orders, func(sort string, limit int) []string {
			return agreementTitles(t, ctx, db, agreement.Filter{Q: "kamo"}, sort, limit)
		})
	})
}

// twoParties makes two organisations and gives them as an agreement's
// parties.
func twoParties(t *testing.T, ctx context.Context, db *database.DB) []agreement.Party {
	t.Helper()
	var parties []agreement.Party
	for _, n := range []string{"Aoi Labs", "Isar Works"} {
		o, err := organisation.Create(ctx, db, organisation.Organisation{Name: n, Kind: "biotech", Country: "JP"}, false)
		if err != nil {
			t.Fatal(err)
		}
		parties = append(parties, agreement.Party{OrganisationID: o.ID})
	}
	return parties
}

// agreementTitles pages through the agreements f selects in the order
// sort, limit a page, and gives their titles.
func agreementTitles(t *testing.T, ctx context.Context, db *database.DB, f agreement.Filter, sort string, limit int) []string {
	t.Helper()
	list := func(p page.Page) ([]agreement.Agreement, *string, error) { return agreement.List(ctx, db, f, p) }
	return pageThrough(t, agreement.Sort, list, func(a agreement.Agreement) string { return a.Title }, sort, limit)
}

// A window of the last two buckets reads the list's own rows: archived
// organisations and those another filter leaves out are neither shown
// nor read. On PostgreSQL the window's subquery carries the list's
// conditions, so that it is the list's index range in order; without
// them the planner took an index that begins with archived, scanned it
// whole and sorted the window (organisations?q=免疫 at 100,000: 72 →
// 12 ms, docs/performance.md). Its rows then pass the check in that
// order, and nothing sorts them again.
func TestAWindowReadsOnlyTheListsRows(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			db, sent := dbtest.Recording(t, e)
			ctx := auth.With(context.Background(), auth.System("test"))
			archived := map[string]bool{"Abikamo Archiv": true, "Pikamo Alt": true}
			for _, o := range []organisation.Organisation{
				{Name: "Abikamo Archiv", Country: "DE"},
				{Name: "Bikamo", Country: "DE"},
				{Name: "Cikamo", Country: "JP"},
				{Name: "Dikamo", Country: "DE"},
				{Name: "Other Co", City: "Kamo", Country: "DE"},
				{Name: "Pikamo Alt", Country: "DE"},
				{Name: "Zikamo", Country: "DE"},
			} {
				o.Kind = "biotech"
				created, err := organisation.Create(ctx, db, o, false)
				if err != nil {
					t.Fatal(err)
				}
				if archived[o.Name] {
					if _, err := organisation.Update(ctx, db, created.ID, created.Version, organisation.Patch{Archived: opt.Of(true)}); err != nil {
						t.Fatal(err)
					}
				}
			}
			defer search.SetWindows(2, 1000)()
			sent.Start()
			got := organisationNames(t, ctx, db, organisation.Filter{Q: "kamo", Country: "DE"}, "", 1)
			statements := sent.Stop()
			if want := []string{"Bikamo", "Dikamo", "Zikamo", "Other Co"}; !slices.Equal(got, want) {
				t.Errorf("q=kamo, country=DE, a page of one:\n got %q\nwant %q", got, want)
			}
			if e != database.Postgres {
				return
			}
			windows := 0
			for _, st := range statements {
				start := strings.Index(st.SQL, "FROM (SELECT organisations.* ")
				end := strings.Index(st.SQL, ") AS organisations")
				if start < 0 || end < start {
					continue
				}
				windows++
				if fence := st.SQL[start:end]; !strings.Contains(fence, "archived = ") || !strings.Contains(fence, "country = ") {
					t.Errorf("a window reads rows that are not the list's: %s", fence)
				}
				// Its rows come in the list's order through the check and
				// stop with the page: nothing sorts them again.
				if plan := dbtest.Explain(t, db, st, ""); strings.Contains(plan, "Sort") {
					t.Errorf("a window's rows are sorted after they are read:\n%s\nSQL: %s", plan, st.SQL)
				}
			}
			if windows == 0 {
				t.Error("no page read a window")
			}
		})
	}
}

// A page read while organisations are added and removed shows each one
// that was there once, and skips none. A window of the last two buckets
// and the row where the next window begins are read by two statements
// (the second only when the page needs more): between them, here, an
// organisation is added inside the window, or one of its rows is
// archived. Read in one snapshot, the page is as the list was when it
// began; found anew, the next window would begin a row early (a row
// shown twice) or a row late (a row never shown).
func TestAPageReadWhileTheListChangesShowsEachRowOnce(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		if e != database.Postgres {
			continue // SQLite reads a ranked page in one statement
		}
		for _, c := range []struct {
			name  string
			write func(ctx context.Context, db *database.DB, first organisation.Organisation) error
		}{
			{"added inside the window", func(ctx context.Context, db *database.DB, _ organisation.Organisation) error {
				_, err := organisation.Create(ctx, db, organisation.Organisation{Name: "Bz Co", Kind: "biotech", Country: "DE"}, false)
				return err
			}},
			{"the window's first archived", func(ctx context.Context, db *database.DB, first organisation.Organisation) error {
				_, err := organisation.Update(ctx, db, first.ID, first.Version, organisation.Patch{Archived: opt.Of(true)})
				return err
			}},
		} {
			t.Run(c.name, func(t *testing.T) {
				ctx := auth.With(context.Background(), auth.System("test"))
				var db *database.DB
				var first organisation.Organisation
				var armed atomic.Bool
				written := make(chan error, 1)
				db, err := database.Open(ctx, dbtest.URL(t, e), database.Options{OnStatement: func(_ context.Context, st database.Statement) {
					if strings.Contains(st.SQL, "FROM (SELECT organisations.* ") && armed.CompareAndSwap(true, false) {
						written <- c.write(ctx, db, first)
					}
				}})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(db.Close)
				for _, name := range []string{"Bikamo", "Cikamo", "Dikamo", "Ea Co", "Fikamo", "Gikamo"} {
					o, err := organisation.Create(ctx, db, organisation.Organisation{Name: name, Kind: "biotech", Country: "DE"}, false)
					if err != nil {
						t.Fatal(err)
					}
					if name == "Bikamo" {
						first = o
					}
				}
				defer search.SetWindows(2, 1000)()
				armed.Store(true)
				got := organisationNames(t, ctx, db, organisation.Filter{Q: "kamo"}, "", 3)
				select {
				case err := <-written:
					if err != nil {
						t.Fatal(err)
					}
				default:
					t.Fatal("no page read a window")
				}
				if want := []string{"Bikamo", "Cikamo", "Dikamo", "Fikamo", "Gikamo"}; !slices.Equal(got, want) {
					t.Errorf("q=kamo, three a page, %s while the first page was read:\n got %q\nwant %q", c.name, got, want)
				}
			})
		}
	}
}

// A ranked page read in a caller's transaction is read in it, windows
// and all, and shows the organisation the transaction has just added.
func TestARankedPageIsReadInTheCallersTransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		for _, name := range []string{"Bikamo", "Cikamo", "Ea Co", "Fikamo"} {
			if _, err := organisation.Create(ctx, db, organisation.Organisation{Name: name, Kind: "biotech", Country: "DE"}, false); err != nil {
				t.Fatal(err)
			}
		}
		defer search.SetWindows(2, 1000)()
		var got []string
		err := db.WithTx(ctx, func(ctx context.Context) error {
			if _, err := organisation.Create(ctx, db, organisation.Organisation{Name: "Dikamo", Kind: "biotech", Country: "DE"}, false); err != nil {
				return err
			}
			got = organisationNames(t, ctx, db, organisation.Filter{Q: "kamo"}, "", 1)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"Bikamo", "Cikamo", "Dikamo", "Fikamo"}; !slices.Equal(got, want) {
			t.Errorf("q=kamo, one a page, in the transaction that added Dikamo:\n got %q\nwant %q", got, want)
		}
	})
}

// organisationNames pages through the ranked organisation list f gives,
// limit rows a page, and returns the names in the order the pages gave
// them.
func organisationNames(t *testing.T, ctx context.Context, db *database.DB, f organisation.Filter, sort string, limit int) []string {
	t.Helper()
	list := func(p page.Page) ([]organisation.Organisation, *string, error) {
		return organisation.List(ctx, db, f, p)
	}
	return pageThrough(t, organisation.Sort, list, func(o organisation.Organisation) string { return o.Name }, sort, limit)
}

// pageThrough pages through a list searched in the order sort (spec's),
// limit a page, and gives the name of each row.
func pageThrough[T any](t *testing.T, spec page.Spec, list func(page.Page) ([]T, *string, error), name func(T) string, sort string, limit int) []string {
	t.Helper()
	var out []string
	cursor := ""
	for range 20 {
		p, err := spec.Parse(page.Params{Limit: strconv.Itoa(limit), Cursor: cursor, Sort: sort, Searching: true})
		if err != nil {
			t.Fatal(err)
		}
		rows, next, err := list(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			out = append(out, name(r))
		}
		if next == nil {
			return out
		}
		cursor = *next
	}
	t.Fatal("more than 20 pages")
	return nil
}

// The candidates come from search_terms in the list's order, so that
// order must follow a change of the list's sort column alone, with the
// names unchanged: an agreement signed after the others comes first in
// the register (newest signed first), also when a page reads only as
// many candidates as it needs rows.
func TestRankedPagesFollowAChangeOfTheListsOrder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		parties := twoParties(t, ctx, db)
		ids := map[string]string{}
		for _, a := range []agreement.Agreement{
			{Title: "Kamo accord", SignedOn: "2019"},
			{Title: "Kamo charter", SignedOn: "2024"},
			{Title: "Kamo letter"},
		} {
			a.Kind, a.Parties = "mou", parties
			made, err := agreement.Create(ctx, db, a)
			if err != nil {
				t.Fatal(err)
			}
			ids[made.ID] = a.Title
		}
		first := func() string {
			t.Helper()
			p, err := agreement.Sort.Parse(page.Params{Limit: "1", Searching: true})
			if err != nil {
				t.Fatal(err)
			}
			rows, _, err := agreement.List(ctx, db, agreement.Filter{Q: "kamo"}, p)
			if err != nil || len(rows) != 1 {
				t.Fatalf("%v %v", rows, err)
			}
			return rows[0].Title
		}
		defer search.SetCandidatesPerRow(1)()
		if got := first(); got != "Kamo charter" {
			t.Errorf("first: %s, want Kamo charter (signed 2024)", got)
		}
		for id, title := range ids {
			if title == "Kamo letter" {
				if _, err := agreement.Update(ctx, db, id, 1, agreement.Patch{SignedOn: opt.Of("2026-01-15")}); err != nil {
					t.Fatal(err)
				}
			}
		}
		if got := first(); got != "Kamo letter" {
			t.Errorf("after signing the letter: %s first, want Kamo letter (signed 2026)", got)
		}
	})
}

// A word inside a name (Japanese names have no spaces) ranks after the
// names that begin with it and before the records that have it only in
// other text; a short word found through the grams of a short name is
// such other text, not a name.
func TestAShortWordInsideANameRanksBetweenPrefixAndOtherText(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		for _, o := range []organisation.Organisation{
			{Name: "Kyoto Labs", ShortName: "創薬"},
			{Name: "大阪創薬株式会社"},
			{Name: "創薬研究所"},
			{Name: "Osaka Soyaku", City: "大阪"},
		} {
			o.Kind, o.Country = "biotech", "JP"
			if _, err := organisation.Create(ctx, db, o, false); err != nil {
				t.Fatal(err)
			}
		}
		p, err := organisation.Sort.Parse(page.Params{Searching: true})
		if err != nil {
			t.Fatal(err)
		}
		rows, _, err := organisation.List(ctx, db, organisation.Filter{Q: "創薬"}, p)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, o := range rows {
			got = append(got, o.Name)
		}
		if want := []string{"創薬研究所", "大阪創薬株式会社", "Kyoto Labs"}; !slices.Equal(got, want) {
			t.Errorf("q=創薬: %q, want %q", got, want)
		}
	})
}

// People found through their organisation (the last bucket) come in the
// list's order after those found by their own name, page by page, also
// when that bucket is read in windows of a few rows.
func TestPeopleFoundThroughTheirOrganisationPageTheSameInWindows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		staff := map[string][][2]string{
			"Kamo Bio":   {{"Anna", "Berg"}, {"Zeno", "Abe"}, {"Taro", "Kamo"}},
			"Other Co":   {{"Kamoko", "Sato"}, {"Eva", "Ulm"}},
			"Isar Kamo":  {{"Ida", "Roth"}, {"Jan", "Fuchs"}, {"Lea", "Wolf"}},
			"Nordlicht":  {{"Max", "Kamo"}, {"Ole", "Lund"}},
			"Kamogawa K": {{"Ken", "Mori"}},
		}
		for org, people := range staff {
			o, err := organisation.Create(ctx, db, organisation.Organisation{Name: org, Kind: "biotech", Country: "DE"}, false)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range people {
				if _, err := person.Create(ctx, db, person.Person{OrganisationID: o.ID, GivenName: n[0], FamilyName: n[1]}); err != nil {
					t.Fatal(err)
				}
			}
		}
		read := func(q string, limit int) []string {
			var out []string
			cursor := ""
			for range 20 {
				p, err := person.Sort.Parse(page.Params{Limit: strconv.Itoa(limit), Cursor: cursor, Searching: true})
				if err != nil {
					t.Fatal(err)
				}
				rows, next, err := person.List(ctx, db, person.Filter{Q: q}, p)
				if err != nil {
					t.Fatal(err)
				}
				for _, x := range rows {
					out = append(out, x.GivenName+" "+x.FamilyName)
				}
				if next == nil {
					return out
				}
				cursor = *next
			}
			t.Fatal("more than 20 pages")
			return nil
		}
		// Own names first (Kamo, then a given name beginning with it), then
		// everyone of the three organisations with kamo in their names, in
		// name order (family name first).
		// Both words in one organisation's name: its people.
		want := map[string][]string{
			"kamo":     {"Max Kamo", "Taro Kamo", "Kamoko Sato", "Zeno Abe", "Anna Berg", "Jan Fuchs", "Ken Mori", "Ida Roth", "Lea Wolf"},
			"kamo bio": {"Zeno Abe", "Anna Berg", "Taro Kamo"},
		}
		// The windows sized by the planner's estimates (for each word of
		// kamo bio too) as on a large list, -1; or fixed.
		for _, w := range []struct {
			rows int
			left float64
		}{{0, 0}, {-1, 0}, {1, 5}, {2, 1000}} {
			restore := func() {}
			switch {
			case w.rows < 0:
				restore = search.SetSmallList(0)
			case w.rows > 0:
				restore = search.SetWindows(w.rows, w.left)
			}
			for q, want := range want {
				for _, limit := range []int{50, 2, 1} {
					if got := read(q, limit); !slices.Equal(got, want) {
						t.Errorf("%s, windows %v, %d a page:\n got %q\nwant %q", q, w, limit, got, want)
					}
				}
			}
			restore()
		}
	})
}

// The first window of a ranked page's last buckets, from the planner's
// estimates at one million organisations (two million people): a query
// of only short words, whose matches the gram index finds exactly, sorts
// them rather than pass at least half as many rows in a window first; a
// word that the trigram index finds with a recheck still reads windows.
func TestShortWordsSortTheirMatchesRatherThanPassAsManyRowsFirst(t *testing.T) {
	const people = 2_000_000
	for _, c := range []struct {
		name    string
		need    int
		matches float64
		exact   bool
		want    int
	}{
		{"殿町, a page of 50: 13,616 rows for 14,688 matches", 50, 14_688, true, 0},
		{"the same estimates for a long word", 50, 14_688, false, 13_616},
		{"大阪, dense: a window of 1,407 rows", 50, 142_075, true, 1_407},
		{"殿町 on /search, five rows: 1,361 rows", 5, 14_688, true, 1_361},
		{"few matches: sorted either way", 50, 100, false, 0},
		{"a window never shorter than the page", 50, 100_000_000, false, 50},
	} {
		if got := search.FirstWindow(c.need, people, c.matches, c.exact); got != c.want {
			t.Errorf("%s: first window %d rows, want %d", c.name, got, c.want)
		}
	}
}

// The planner multiplies the shares of a query's words, but the words of
// names come together. Its estimates for people at one million, with the
// matches counted (docs/performance.md): the expected matches of a query
// of several words are the geometric mean of its estimate for all words
// and for the rarest word, within 4.3 times of the matches each time.
func TestWordsThatComeTogetherInNamesAreNotTakenAsIndependent(t *testing.T) {
	const people = 2_000_000
	for _, c := range []struct {
		q               string
		all, rarest     float64
		matches, within float64
	}{
		{"vaccines ag", 3_084, 20_381, 8_158, 1.1},
		{"isar cell", 9_379, 40_568, 7_220, 2.8},
		{"kobe pharma", 8_565, 60_788, 15_072, 1.6},
		{"tanaka bio", 44, 30_732, 880, 1.4},
		{"yamada taro", 359, 22_844, 780, 3.7},
		{"佐藤 花子", 344, 30_886, 769, 4.3},
		{"山田 太郎", 343, 31_063, 780, 4.2},
	} {
		got := search.SeveralWords(c.all, c.rarest)
		if got < c.matches/c.within || got > c.matches*c.within {
			t.Errorf("%s: %.0f matches expected, %.0f match: more than %.1f times off", c.q, got, c.matches, c.within)
		}
	}
	// vaccines ag: the page of 50 is full after 5,379 people in name
	// order. Expecting 3,084 matches, the page sorted all 8,158 (141 ms).
	if got := search.FirstWindow(50, people, 3_084, false); got != 0 {
		t.Errorf("vaccines ag, the planner's estimate: a first window of %d rows, want the matches sorted", got)
	}
	if got := search.FirstWindow(50, people, search.SeveralWords(3_084, 20_381), false); got < 5_379 {
		t.Errorf("vaccines ag: a first window of %d rows, want the 5,379 that hold the page", got)
	}
}

// A word is found once a record that has it is written, and not before:
// in a new organisation, in one renamed (and so in its people, found
// through it), and in a person renamed; inside a longer word, in either
// kana; and a query with a word no record has finds nothing, also when
// its other words are everywhere. On PostgreSQL a search first looks its
// words up among the words each table has (search_words), kept by the
// writes themselves; these are the searches it answers from there.
func TestAWordIsFoundFromTheWriteThatBringsIt(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		orgs := func(q string) []string {
			t.Helper()
			var out []string
			for _, sort := range []string{"", "name"} {
				p, err := organisation.Sort.Parse(page.Params{Sort: sort, Searching: true})
				if err != nil {
					t.Fatal(err)
				}
				rows, _, err := organisation.List(ctx, db, organisation.Filter{Q: q}, p)
				if err != nil {
					t.Fatal(err)
				}
				var names []string
				for _, o := range rows {
					names = append(names, o.Name)
				}
				if sort != "" && !slices.Equal(names, out) {
					t.Errorf("q=%s: ranked %q, by name %q", q, out, names)
				}
				out = names
			}
			return out
		}
		people := func(q string) []string {
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
			for _, x := range rows {
				out = append(out, x.GivenName+" "+x.FamilyName)
			}
			return out
		}
		expect := func(what string, got []string, want ...string) {
			t.Helper()
			if !slices.Equal(got, want) {
				t.Errorf("%s: got %q, want %q", what, got, want)
			}
		}
		base, err := organisation.Create(ctx, db, organisation.Organisation{Name: "Isar Labs", Kind: "biotech", Country: "DE"}, false)
		if err != nil {
			t.Fatal(err)
		}
		expect("before any record has it", orgs("zyxvaccine"))
		expect("one word everywhere, one nowhere", orgs("labs zyxvaccine"))
		expect("a word nowhere, one everywhere", orgs("zyxvaccine isar"))
		if db.Engine == database.Postgres {
			// A word found among the table's words is not looked up
			// again, also when the query that found it had a word before
			// it that no record has.
			rdb, sent := dbtest.Recording(t, database.Postgres)
			if _, err := organisation.Create(ctx, rdb, organisation.Organisation{Name: "Isar Labs", Kind: "biotech", Country: "DE"}, false); err != nil {
				t.Fatal(err)
			}
			list := func(q string) ([]string, []database.Statement) {
				t.Helper()
				p, err := organisation.Sort.Parse(page.Params{Searching: true})
				if err != nil {
					t.Fatal(err)
				}
				sent.Start()
				rows, _, err := organisation.List(ctx, rdb, organisation.Filter{Q: q}, p)
				if err != nil {
					t.Fatal(err)
				}
				var names []string
				for _, o := range rows {
					names = append(names, o.Name)
				}
				return names, sent.Stop()
			}
			if names, _ := list("zyxvaccine isar"); len(names) != 0 {
				t.Errorf("zyxvaccine isar: found %q", names)
			}
			names, statements := list("isar")
			expect("isar, after a query with a word nowhere before it", names, "Isar Labs")
			for _, st := range statements {
				if strings.Contains(st.SQL, "search_words") {
					t.Errorf("isar, found with a word nowhere before it, looked up again: %s", st.SQL)
				}
			}
		}

		o, err := organisation.Create(ctx, db, organisation.Organisation{Name: "Zyxvaccine Labs", Kind: "biotech", Country: "DE"}, false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := person.Create(ctx, db, person.Person{OrganisationID: o.ID, GivenName: "Anna", FamilyName: "Berg"}); err != nil {
			t.Fatal(err)
		}
		expect("a new organisation", orgs("zyxvaccine"), "Zyxvaccine Labs")
		expect("inside a longer word", orgs("xvacc"), "Zyxvaccine Labs")
		expect("both words", orgs("labs zyxvaccine"), "Zyxvaccine Labs")
		expect("its people, through it", people("zyxvaccine"), "Anna Berg")

		if _, err := organisation.Update(ctx, db, o.ID, o.Version, organisation.Patch{Name: opt.Of("Quorbiotics Labs")}); err != nil {
			t.Fatal(err)
		}
		expect("an organisation renamed", orgs("quorbiotic"), "Quorbiotics Labs")
		expect("its people, through it renamed", people("quorbiotic"), "Anna Berg")
		expect("the old name", orgs("zyxvaccine"))

		x, err := person.Create(ctx, db, person.Person{OrganisationID: base.ID, GivenName: "Ida", FamilyName: "Roth"})
		if err != nil {
			t.Fatal(err)
		}
		expect("a person before", people("wexleigh"))
		y, err := person.Update(ctx, db, x.ID, x.Version, person.Patch{FamilyName: opt.Of("Wexleigh")})
		if err != nil {
			t.Fatal(err)
		}
		expect("a person renamed", people("wexleigh"), "Ida Wexleigh")
		// Erased: the name is nowhere, not even among the words kept for
		// search on PostgreSQL (a person's are not kept).
		if _, err := person.Delete(ctx, db, y.ID, y.Version); err != nil {
			t.Fatal(err)
		}
		expect("a person erased", people("wexleigh"))
		if db.Engine == database.Postgres {
			var kept int
			if err := db.SQL().QueryRow("SELECT count(*) FROM search_words WHERE word LIKE '%wexleigh%'").Scan(&kept); err != nil || kept != 0 {
				t.Errorf("an erased person's name is kept among the words for search: %d, %v", kept, err)
			}
		}

		if _, err := organisation.Create(ctx, db, organisation.Organisation{Name: "殿町バイオ研究所", Kind: "biotech", Country: "JP"}, false); err != nil {
			t.Fatal(err)
		}
		expect("katakana inside a Japanese name", orgs("バイオ研"), "殿町バイオ研究所")
		expect("the same in hiragana", orgs("ばいお"), "殿町バイオ研究所")
		expect("a Japanese word no record has", orgs("バイオ薬"))
	})
}

// A dense bucket's candidates come from the head index of the longest
// beginning the query has (two, three or six characters), in the list's
// order: read from the index alone and not sorted, whatever the length
// of the query (see heads). The planner is kept off sequential scans,
// which it would choose for so few rows.
func TestDenseCandidatesAreReadInOrderFromTheHeadOfTheQuerysLength(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		if e != database.Postgres {
			continue // SQLite ranks with FTS5 and has no search_terms
		}
		db, sent := dbtest.Recording(t, e)
		ctx := auth.With(context.Background(), auth.System("test"))
		for _, n := range []string{"Kamo", "Kamogawa Pharma", "Kamome Therapeutics", "Iwa Kamogawa Shoji"} {
			if _, err := organisation.Create(ctx, db, organisation.Organisation{Name: n, Kind: "biotech", Country: "JP"}, false); err != nil {
				t.Fatal(err)
			}
		}
		// As autovacuum would: the visibility map lets a read skip the table.
		if _, err := db.SQL().Exec("VACUUM ANALYZE search_terms"); err != nil {
			t.Fatal(err)
		}
		defer search.SetSparseTerms(1)()
		for q, index := range map[string]string{
			"ka":        "search_terms_head_idx",
			"kam":       "search_terms_head3_idx",
			"kamog":     "search_terms_head3_idx",
			"kamoga":    "search_terms_head6_idx",
			"kamogawa ": "search_terms_head6_idx",
		} {
			p, err := organisation.Sort.Parse(page.Params{Limit: "1", Searching: true})
			if err != nil {
				t.Fatal(err)
			}
			sent.Start()
			if _, _, err := organisation.List(ctx, db, organisation.Filter{Q: q}, p); err != nil {
				t.Fatalf("q=%s: %v", q, err)
			}
			read := 0
			for _, st := range sent.Stop() {
				if !strings.HasPrefix(st.SQL, "SELECT id, sort FROM search_terms WHERE tbl = $1 AND left(term, ") {
					continue
				}
				read++
				plan := dbtest.Explain(t, db, st, "")
				if !strings.Contains(plan, "Index Only Scan using "+index+" ") || strings.Contains(plan, "Sort") {
					t.Errorf("q=%q: the candidates are not read in order from %s alone:\n%s\nSQL: %s %v", q, index, plan, st.SQL, st.Vars)
				}
			}
			if read == 0 {
				t.Errorf("q=%q: no candidates read from a head index", q)
			}
		}
	}
}

// On PostgreSQL every search text column, a record's own or one carried
// from another record (people.organisation_search_text), has a histogram
// of 1,000 entries (migrations 00009 and 00039): a search sizes its reads
// from the planner's estimate of LIKE '%…%' on it, and with the default
// 100 a word in 3 % of the people found through their organisations was
// guessed at 200 matches, and its page sorted all 58,014 of them at one
// million organisations (docs/performance.md). The columns are read from
// the catalog, so that one added later is held to it too.
func TestSearchColumnsHaveTheStatisticsTheEstimatesNeed(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		if e != database.Postgres {
			continue
		}
		db := dbtest.New(t, e)
		rows, err := db.SQL().Query(`SELECT c.relname || '.' || a.attname, a.attstattarget
			FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attname LIKE '%search_text' AND NOT a.attisdropped
			ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		var columns []string
		for rows.Next() {
			var column string
			var target int
			if err := rows.Scan(&column, &target); err != nil {
				t.Fatal(err)
			}
			columns = append(columns, column)
			if target != 1000 {
				t.Errorf("%s: statistics target %d, want 1000", column, target)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		_ = rows.Close()
		if !slices.Contains(columns, "people.organisation_search_text") || !slices.Contains(columns, "organisations.search_text") {
			t.Errorf("search text columns found: %q", columns)
		}
	}
}

// A record's words are looked up in search_words by its index, however
// few rows the planner's statistics give the table: on a new database,
// within one transaction that adds many records (an import, `innomunich
// gen`), the lookup read and sorted all of search_words for each record,
// so that n records cost n² (migration 00040). Here fifty organisations
// in one transaction on a new database must not read the table whole.
func TestARecordsWordsAreLookedUpByTheirIndexOnANewDatabase(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		if e != database.Postgres {
			continue // SQLite keeps no search_words: FTS5 finds the words
		}
		ctx := auth.With(context.Background(), auth.System("test"))
		db := dbtest.New(t, e)
		var scans struct{ Seq, Idx int64 }
		err := db.WithTx(ctx, func(ctx context.Context) error {
			for i := range 50 {
				name := "Kamo Biologics " + strconv.Itoa(i) + " Tonomachi Research Campus"
				if _, err := organisation.Create(ctx, db, organisation.Organisation{Name: name, Kind: "biotech", Country: "JP"}, false); err != nil {
					return err
				}
			}
			return db.Conn(ctx).Raw(`SELECT seq_scan AS seq, idx_scan AS idx FROM pg_stat_xact_user_tables
				WHERE relname = 'search_words_organisations'`).Scan(&scans).Error
		})
		if err != nil {
			t.Fatal(err)
		}
		if scans.Seq > 0 || scans.Idx == 0 {
			t.Errorf("adding 50 organisations read search_words_organisations whole %d times and by its index %d times; want by its index only", scans.Seq, scans.Idx)
		}
	}
}
