package view_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/user"
	"github.com/innomunich/platform/pkg/view"
)

var admin = auth.Principal{Kind: auth.KindUser, ID: "01a229c0-0000-7000-8000-00000000ad01", Name: "test setup", Role: auth.RoleAdmin}

var users int

// signedIn makes a user and returns a context acting as that user.
func signedIn(t *testing.T, db *database.DB) context.Context {
	t.Helper()
	users++
	u, _, err := user.Create(auth.With(context.Background(), admin), db, user.New{Email: fmt.Sprintf("viewer%d@example.org", users), DisplayName: "Viewer", Role: auth.RoleViewer})
	if err != nil {
		t.Fatal(err)
	}
	return auth.With(context.Background(), u.Principal())
}

func names(t *testing.T, ctx context.Context, db *database.DB, list string) []string {
	t.Helper()
	p, err := view.Sort.Parse(page.Params{})
	if err != nil {
		t.Fatal(err)
	}
	rows, _, err := view.List(ctx, db, list, p)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, v := range rows {
		out = append(out, v.Name)
	}
	return out
}

func TestEveryUserSeesOnlyTheirOwnViewsOfAList(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		anna, ben := signedIn(t, db), signedIn(t, db)
		for _, in := range []view.New{
			{List: "organisations", Name: " Japanese pharma ", Query: "?country=JP&kind=pharma"},
			{List: "organisations", Name: "大阪のバイオ", Query: "region=osaka"},
			{List: "people", Name: "Japanese pharma", Query: "q=tanaka"},
		} {
			if _, err := view.Create(anna, db, in); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := view.Create(ben, db, view.New{List: "organisations", Name: "Ben's", Query: ""}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"Japanese pharma", "大阪のバイオ"}, names(t, anna, db, "organisations")); diff != "" {
			t.Errorf("Anna's organisation views (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"Ben's"}, names(t, ben, db, "organisations")); diff != "" {
			t.Errorf("Ben's organisation views (-want +got):\n%s", diff)
		}
		if got := names(t, ben, db, "people"); len(got) != 0 {
			t.Errorf("Ben sees Anna's people views: %v", got)
		}
	})
}

func TestViewsAreValidatedAndNamedOncePerList(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := signedIn(t, db)
		first, err := view.Create(ctx, db, view.New{List: "trips", Name: "Open trips", Query: "open=true"})
		if err != nil {
			t.Fatal(err)
		}
		if first.Query != "open=true" || first.Version != 1 {
			t.Errorf("saved %+v", first)
		}
		for _, c := range []struct {
			name  string
			in    view.New
			code  apperr.Code
			field string
		}{
			{"an unknown list", view.New{List: "users", Name: "x"}, apperr.Invalid, "list"},
			{"a blank name", view.New{List: "trips", Name: "  "}, apperr.Invalid, "name"},
			{"a name too long", view.New{List: "trips", Name: strings.Repeat("名", view.MaxName+1)}, apperr.Invalid, "name"},
			{"a query too long", view.New{List: "trips", Name: "long", Query: "q=" + strings.Repeat("a", view.MaxQuery)}, apperr.Invalid, "query"},
			{"a query that is no query string", view.New{List: "trips", Name: "bad", Query: "q=%zz"}, apperr.Invalid, "query"},
			{"a cursor", view.New{List: "trips", Name: "paged", Query: "open=true&cursor=abc"}, apperr.Invalid, "query"},
			{"include", view.New{List: "trips", Name: "totals", Query: "include=total"}, apperr.Invalid, "query"},
			{"the same name again", view.New{List: "trips", Name: " Open trips", Query: "sort=-starts_on"}, apperr.Conflict, ""},
		} {
			_, err := view.Create(ctx, db, c.in)
			if apperr.CodeOf(err) != c.code {
				t.Errorf("%s: %v, want %s", c.name, err, c.code)
				continue
			}
			var ae *apperr.Error
			if c.field != "" && (!errors.As(err, &ae) || len(ae.Fields) != 1 || ae.Fields[0].Field != c.field) {
				t.Errorf("%s: %v, want an error for %s", c.name, err, c.field)
			}
		}
		// The same name on another list, or of another user, is another view.
		if _, err := view.Create(ctx, db, view.New{List: "projects", Name: "Open trips"}); err != nil {
			t.Errorf("the same name on another list: %v", err)
		}
		if _, err := view.Create(signedIn(t, db), db, view.New{List: "trips", Name: "Open trips"}); err != nil {
			t.Errorf("the same name of another user: %v", err)
		}
	})
}

func TestAnotherUsersViewIsNotFoundAndStaysAsItIs(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		anna, ben := signedIn(t, db), signedIn(t, db)
		v, err := view.Create(anna, db, view.New{List: "agreements", Name: "Expiring", Query: "status=active"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := view.Get(ben, db, v.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("Ben reads Anna's view: %v", err)
		}
		if _, err := view.Update(ben, db, v.ID, v.Version, view.Patch{Name: opt.Of("Mine now")}); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("Ben renames Anna's view: %v", err)
		}
		if err := view.Delete(ben, db, v.ID, v.Version); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("Ben deletes Anna's view: %v", err)
		}
		if got, err := view.Get(anna, db, v.ID); err != nil || got.Name != "Expiring" || got.Version != 1 {
			t.Errorf("Anna's view after Ben's attempts: %+v %v", got, err)
		}
		key := auth.With(context.Background(), auth.Principal{Kind: auth.KindAPIKey, ID: v.ID, Role: auth.RoleCoordinator, Scopes: auth.Scopes})
		if _, err := view.Create(key, db, view.New{List: "agreements", Name: "Key's"}); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("an API key saves a view: %v", err)
		}
	})
}

func TestRenameAndDeleteGoByVersion(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := signedIn(t, db)
		v, err := view.Create(ctx, db, view.New{List: "opportunities", Name: "Seeking", Query: "kind=seek"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := view.Create(ctx, db, view.New{List: "opportunities", Name: "Offering", Query: "kind=offer"}); err != nil {
			t.Fatal(err)
		}
		if _, err := view.Update(ctx, db, v.ID, v.Version, view.Patch{Name: opt.Of("Offering")}); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("renamed to a name taken: %v", err)
		}
		renamed, err := view.Update(ctx, db, v.ID, v.Version, view.Patch{Name: opt.Of(" Seeking in Japan "), Query: opt.Of("kind=seek&country=JP")})
		if err != nil {
			t.Fatal(err)
		}
		if renamed.Name != "Seeking in Japan" || renamed.Query != "kind=seek&country=JP" || renamed.Version != 2 {
			t.Errorf("renamed: %+v", renamed)
		}
		if err := view.Delete(ctx, db, v.ID, v.Version); !apperr.Is(err, apperr.PreconditionFailed) {
			t.Errorf("deleted with a stale version: %v", err)
		}
		if err := view.Delete(ctx, db, v.ID, renamed.Version); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"Offering"}, names(t, ctx, db, "opportunities")); diff != "" {
			t.Errorf("views left (-want +got):\n%s", diff)
		}
	})
}

func TestAUserKeepsAtMostAHundredViewsOfAList(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := signedIn(t, db)
		for i := range view.MaxPerList {
			if _, err := view.Create(ctx, db, view.New{List: "trips", Name: fmt.Sprintf("Trips %03d", i)}); err != nil {
				t.Fatal(err)
			}
		}
		_, err := view.Create(ctx, db, view.New{List: "trips", Name: "One more"})
		var e *apperr.Error
		if !errors.As(err, &e) || e.Code != apperr.Conflict || e.Extra["max_views"] != view.MaxPerList {
			t.Fatalf("the 101st view of a list: %#v", err)
		}
		if !strings.Contains(e.Message, "delete one first") {
			t.Errorf("the message does not say what to do: %q", e.Message)
		}
		// A name taken is a conflict of another kind: no max_views.
		_, err = view.Create(ctx, db, view.New{List: "people", Name: "Trips 000"})
		if err != nil {
			t.Fatalf("another list has its own hundred: %v", err)
		}
		_, err = view.Create(ctx, db, view.New{List: "people", Name: "Trips 000"})
		if !errors.As(err, &e) || e.Code != apperr.Conflict || e.Extra["max_views"] != nil {
			t.Errorf("a name taken: %#v", err)
		}
	})
}
