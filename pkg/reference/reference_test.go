package reference_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/opt"
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

// asAdmin acts as an admin that exists only to arrange a test.
func asAdmin() context.Context {
	return auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: "01a229c0-0000-7000-8000-00000000ad01", Name: "test admin", Role: auth.RoleAdmin})
}

func fieldsOf(err error) []string {
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		return nil
	}
	var out []string
	for _, f := range ae.Fields {
		out = append(out, f.Field)
	}
	return out
}

func TestCreateChecksEveryField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := asAdmin()
		name := i18n.Text{En: "Somewhere"}
		cases := []struct {
			name       string
			kind       reference.Kind
			in         reference.New
			wantFields []string // nil: accepted
		}{
			{"a region in Japan", reference.Regions, reference.New{Code: "yokohama", Country: "JP", Name: name}, nil},
			{"an EU funder", reference.Funders, reference.New{Code: "erc", Country: "EU", Name: name}, nil},
			{"a focus area without country", reference.FocusAreas, reference.New{Code: "regenerative_medicine", Name: name}, nil},
			{"code with capitals", reference.Regions, reference.New{Code: "Tokyo", Country: "JP", Name: name}, []string{"code"}},
			{"code of one letter", reference.Regions, reference.New{Code: "t", Country: "JP", Name: name}, []string{"code"}},
			{"code starting with a digit", reference.Funders, reference.New{Code: "1fund", Country: "DE", Name: name}, []string{"code"}},
			{"code with a hyphen", reference.FocusAreas, reference.New{Code: "gene-therapy", Name: name}, []string{"code"}},
			{"code of 65 characters", reference.FocusAreas, reference.New{Code: "a" + strings.Repeat("b", 64), Name: name}, []string{"code"}},
			{"region without country", reference.Regions, reference.New{Code: "nowhere", Name: name}, []string{"country"}},
			{"region in the EU", reference.Regions, reference.New{Code: "brussels", Country: "EU", Name: name}, []string{"country"}},
			{"lower-case country", reference.Regions, reference.New{Code: "kyoto", Country: "jp", Name: name}, []string{"country"}},
			{"made-up country", reference.Funders, reference.New{Code: "xfund", Country: "XX", Name: name}, []string{"country"}},
			{"focus area with a country", reference.FocusAreas, reference.New{Code: "oncology", Country: "DE", Name: name}, []string{"country"}},
			{"blank name", reference.Regions, reference.New{Code: "kobe", Country: "JP", Name: i18n.Text{De: "  ", Ja: "\u3000"}}, []string{"name"}},
			{"name too long", reference.Regions, reference.New{Code: "kobe", Country: "JP", Name: i18n.Text{Ja: strings.Repeat("神", 201)}}, []string{"name.ja"}},
			{"everything wrong at once", reference.Funders, reference.New{Code: "", Country: "", Name: i18n.Text{}}, []string{"code", "country", "name"}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				before := auditCount(t, db)
				_, err := reference.Create(ctx, db, tc.kind, tc.in)
				if tc.wantFields == nil {
					if err != nil {
						t.Fatalf("refused: %v", err)
					}
					if got := auditCount(t, db); got != before+1 {
						t.Errorf("audit events went from %d to %d, want one more", before, got)
					}
					return
				}
				if !apperr.Is(err, apperr.Invalid) || strings.Join(fieldsOf(err), ",") != strings.Join(tc.wantFields, ",") {
					t.Fatalf("got %v naming %v, want invalid %v", err, fieldsOf(err), tc.wantFields)
				}
				if got := auditCount(t, db); got != before {
					t.Errorf("a refused create left an audit event")
				}
			})
		}
	})
}

func auditCount(t *testing.T, db *database.DB) int64 {
	t.Helper()
	var n int64
	if err := db.Conn(context.Background()).Table("audit_events").Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestOnlyAdminsWriteReferenceData(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		coord := auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: "01a229c0-0000-7000-8000-00000000c001", Role: auth.RoleCoordinator})
		if _, err := reference.Create(coord, db, reference.Regions, reference.New{Code: "kobe", Country: "JP", Name: i18n.Text{En: "Kobe"}}); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("coordinator create: %v, want forbidden", err)
		}
		if _, err := reference.Update(coord, db, reference.Regions, "osaka", 1, reference.Patch{Name: i18n.TextPatch{En: opt.Of("Osaka Prefecture")}}); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("coordinator update: %v, want forbidden", err)
		}
		if err := reference.Delete(coord, db, reference.Regions, "osaka", 1); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("coordinator delete: %v, want forbidden", err)
		}
	})
}

func TestDuplicateCodeIsAConflict(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		_, err := reference.Create(asAdmin(), db, reference.Funders, reference.New{Code: "amed", Country: "JP", Name: i18n.Text{En: "AMED again"}})
		if !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("second amed: %v, want conflict", err)
		}
	})
}

// TestUpdateMergesLanguagesAndKeepsTheCode: a patch of one language leaves
// the others, and the change is audited with before and after.
func TestUpdateMergesLanguagesAndKeepsTheCode(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := asAdmin()
		start := database.Now()
		e, err := reference.Update(ctx, db, reference.Regions, "kawasaki", 1, reference.Patch{Name: i18n.TextPatch{En: opt.Of("  Kawasaki City ")}})
		if err != nil {
			t.Fatal(err)
		}
		want := i18n.Text{De: "Kawasaki", En: "Kawasaki City", Ja: "川崎"}
		if e.Code != "kawasaki" || e.Country != "JP" || e.Name != want || e.Version != 2 || e.UpdatedAt.Before(start) {
			t.Errorf("after patch: %+v", e)
		}
		if got, _ := reference.Get(ctx, db, reference.Regions, "kawasaki"); got != e {
			t.Errorf("stored %+v, returned %+v", got, e)
		}
		if _, err := reference.Update(ctx, db, reference.Regions, "kawasaki", 1, reference.Patch{Country: opt.Of("DE")}); !apperr.Is(err, apperr.PreconditionFailed) {
			t.Errorf("stale update: %v, want precondition failed", err)
		}
		same, err := reference.Update(ctx, db, reference.Regions, "kawasaki", 2, reference.Patch{Country: opt.Of("JP")})
		if err != nil || same.Version != 2 {
			t.Errorf("a patch that changes nothing: version %d, %v; want 2 and no error", same.Version, err)
		}
		cleared := opt.Field[string]{Set: true, Null: true}
		if _, err := reference.Update(ctx, db, reference.Regions, "kawasaki", 2, reference.Patch{Name: i18n.TextPatch{De: cleared, En: cleared, Ja: cleared}}); strings.Join(fieldsOf(err), ",") != "name" {
			t.Errorf("clearing every language: %v, want invalid name", err)
		}
		if _, err := reference.Update(ctx, db, reference.FocusAreas, "viral_oncology", 1, reference.Patch{Country: opt.Of("JP")}); strings.Join(fieldsOf(err), ",") != "country" {
			t.Errorf("country on a focus area: %v, want invalid country", err)
		}
		var events []struct {
			Action, EntityType, EntityID, Changes string
			Version                               int
		}
		db.Conn(ctx).Table("audit_events").Where("entity_id = ?", e.ID).Find(&events)
		if len(events) != 1 || events[0].Action != "update" || events[0].EntityType != "region" || events[0].Version != 2 ||
			!strings.Contains(events[0].Changes, `"Kawasaki City"`) || strings.Contains(events[0].Changes, `"country"`) {
			t.Errorf("audit events: %+v", events)
		}
	})
}

func TestDeleteRemovesAnUnreferencedEntry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := asAdmin()
		e, err := reference.Create(ctx, db, reference.FocusAreas, reference.New{Code: "regenerative_medicine", Name: i18n.Text{En: "Regenerative medicine", Ja: "再生医療"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := reference.Delete(ctx, db, reference.FocusAreas, e.Code, 2); !apperr.Is(err, apperr.PreconditionFailed) {
			t.Errorf("delete based on a version that never was: %v, want precondition failed", err)
		}
		if err := reference.Delete(ctx, db, reference.FocusAreas, e.Code, 1); err != nil {
			t.Fatal(err)
		}
		if _, err := reference.Get(ctx, db, reference.FocusAreas, e.Code); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("after delete: %v, want not found", err)
		}
		if err := reference.Delete(ctx, db, reference.FocusAreas, e.Code, 1); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("second delete: %v, want not found", err)
		}
		var n int64
		db.Conn(ctx).Table("audit_events").Where("entity_id = ? AND action = ?", e.ID, "delete").Count(&n)
		if n != 1 {
			t.Errorf("%d delete events, want 1", n)
		}
	})
}

// TestDeleteOfAReferencedEntryIsAConflict uses a table of its own that
// refers to regions by code, as the directory's tables do.
func TestDeleteOfAReferencedEntryIsAConflict(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := asAdmin()
		if err := db.Conn(ctx).Exec("CREATE TABLE test_referrers (region text NOT NULL REFERENCES regions (code))").Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Conn(ctx).Exec("INSERT INTO test_referrers (region) VALUES ('osaka')").Error; err != nil {
			t.Fatal(err)
		}
		err := reference.Delete(ctx, db, reference.Regions, "osaka", 1)
		if !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "still refer to this region") {
			t.Fatalf("delete of a referenced region: %v, want conflict", err)
		}
		if _, err := reference.Get(ctx, db, reference.Regions, "osaka"); err != nil {
			t.Errorf("osaka after the refused delete: %v", err)
		}
	})
}
