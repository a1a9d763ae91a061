package search_test

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/search"
)

// A ranked page is the same whichever way its buckets are read: each
// looked up in search_terms and read in the list's order, or (a bucket of
// many candidates) the rest ranked at once; and paging through it, page
// by page, gives every match once in that order.
func TestRankedPagesAreTheSameWhicheverWayTheBucketsAreRead(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		names := []string{"Kamo", "Kamo Bio", "Kamogawa Pharma", "Aoi Kamo Labs", "Kamome Therapeutics", "Bikamo", "Zeta Kamo",
			"Kamoi Works", "Ao Kamoshika", "Other Co"}
		for i, n := range names {
			o := organisation.Organisation{Name: n, Kind: "biotech", Country: "JP"}
			if n == "Other Co" {
				o.City = "Kamo"
			}
			if _, err := organisation.Create(ctx, db, o, false); err != nil {
				t.Fatalf("%d %s: %v", i, n, err)
			}
		}
		read := func(limit int) []string {
			var out []string
			cursor := ""
			for range 20 {
				p, err := organisation.Sort.Parse(page.Params{Limit: strconv.Itoa(limit), Cursor: cursor, Searching: true})
				if err != nil {
					t.Fatal(err)
				}
				rows, next, err := organisation.List(ctx, db, organisation.Filter{Q: "kamo"}, p)
				if err != nil {
					t.Fatal(err)
				}
				for _, o := range rows {
					out = append(out, o.Name)
				}
				if next == nil {
					return out
				}
				cursor = *next
			}
			t.Fatal("more than 20 pages")
			return nil
		}
		want := []string{"Kamo", "Kamo Bio", "Kamogawa Pharma", "Kamoi Works", "Kamome Therapeutics", "Ao Kamoshika", "Aoi Kamo Labs",
			"Zeta Kamo", "Bikamo", "Other Co"}
		if got := read(50); !slices.Equal(got, want) {
			t.Errorf("one page:\n got %q\nwant %q", got, want)
		}
		if got := read(2); !slices.Equal(got, want) {
			t.Errorf("two at a time:\n got %q\nwant %q", got, want)
		}
		defer search.SetDenseTerms(1)()
		if got := read(50); !slices.Equal(got, want) {
			t.Errorf("one page, buckets ranked at once:\n got %q\nwant %q", got, want)
		}
		if got := read(3); !slices.Equal(got, want) {
			t.Errorf("three at a time, buckets ranked at once:\n got %q\nwant %q", got, want)
		}
	})
}
