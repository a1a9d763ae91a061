package reference_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/reference"
)

// TestPagingSurvivesConcurrentInserts walks a list page by page while rows
// are inserted before and after the current position: every row that
// existed at the start is seen exactly once.
func TestPagingSurvivesConcurrentInserts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		insert := func(code string) {
			id := uuid.Must(uuid.NewV7()).String()
			now := database.Now()
			if err := db.Conn(ctx).Exec("INSERT INTO regions (id, code, country, created_at, updated_at) VALUES (?, ?, 'JP', ?, ?)", id, code, now, now).Error; err != nil {
				t.Fatal(err)
			}
		}
		for i := range 120 {
			insert(fmt.Sprintf("r%03d", i*2+1)) // odd numbers now, even ones while paging
		}
		var start int64
		db.Conn(ctx).Table("regions").Count(&start)

		for _, sort := range []string{"code", "-code", "created_at", "-created_at"} {
			seen := map[string]int{}
			cursor := ""
			for n := 0; ; n++ {
				if n > 100 {
					t.Fatalf("sort %s: paging does not end", sort)
				}
				p, err := reference.Sort.Parse(page.Params{Limit: "7", Sort: sort, Cursor: cursor})
				if err != nil {
					t.Fatal(err)
				}
				rows, next, err := reference.List(ctx, db, reference.Regions, reference.Filter{}, p)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range rows {
					seen[r.Code]++
				}
				insert(fmt.Sprintf("r%03d-%s", n*2, sort)) // lands before and after the position
				if next == nil {
					break
				}
				cursor = *next
			}
			for code, n := range seen {
				if n != 1 {
					t.Errorf("sort %s: %s seen %d times", sort, code, n)
				}
			}
			if len(seen) < int(start) {
				t.Errorf("sort %s: saw %d rows, want at least the %d present at the start", sort, len(seen), start)
			}
		}
	})
}
