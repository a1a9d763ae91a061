// Package view owns saved views: a user's named filters and order of one
// of the web app's lists, kept as the list's query string, so that the
// user can go back to it and share it as a link. Views belong to one user:
// every caller sees, changes and deletes only its own (another user's view
// is not found), and API keys have none.
package view

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/page"
)

// Lists are the list pages a view can be saved for.
var Lists = []string{"organisations", "people", "agreements", "trips", "projects", "opportunities"}

const (
	// MaxName is the longest name, in characters, as for API keys.
	MaxName = 200
	// MaxQuery is the longest query string, in bytes: far more than every
	// filter of a list takes, short enough for any address bar.
	MaxQuery = 2000
	// MaxPerList bounds the views a user keeps for one list, so the menu
	// that shows them stays a menu.
	MaxPerList = 100
)

// notSaved are query parameters that make no sense in a saved view: a
// cursor points into one moment's list, include asks for the API's extras.
var notSaved = []string{"cursor", "include"}

// View is a saved view.
type View struct {
	ID        string
	UserID    string
	List      string
	Name      string
	Query     string // the list's query string, without a leading '?'
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (View) TableName() string { return "saved_views" }

const (
	noun      = "saved view"
	auditType = "saved_view"
)

// Only admins read the events of saved views in the audit log; the names
// name them there.
func init() {
	audit.Register(auditType, audit.Rule{Names: audit.ColumnNames("saved_views", "name")})
}

// record is what the audit log keeps of a view.
type record struct {
	List  string `json:"list"`
	Name  string `json:"name"`
	Query string `json:"query"`
}

func (v View) record() record { return record{List: v.List, Name: v.Name, Query: v.Query} }

// owner is the caller, who must be a signed-in user.
func owner(ctx context.Context) (string, error) {
	p := auth.From(ctx)
	if p.Kind != auth.KindUser {
		return "", apperr.New(apperr.Forbidden, "Saved views belong to a user; API keys have none")
	}
	return p.ID, nil
}

// checkList reports whether list is a list views can be saved for; field
// names the parameter or field it came from.
func checkList(bad *apperr.Fields, field, list string) {
	if !slices.Contains(Lists, list) {
		bad.Add(field, "must be one of %s", strings.Join(Lists, ", "))
	}
}

// normName and normQuery are how names and queries are stored.
func normName(s string) string { return strings.TrimSpace(s) }

func normQuery(s string) string { return strings.TrimPrefix(strings.TrimSpace(s), "?") }

func check(bad *apperr.Fields, v View) {
	checkList(bad, "list", v.List)
	if n := utf8.RuneCountInString(v.Name); n == 0 || n > MaxName {
		bad.Add("name", "must be 1 to %d characters", MaxName)
	}
	if len(v.Query) > MaxQuery {
		bad.Add("query", "must be at most %d characters", MaxQuery)
		return
	}
	values, err := url.ParseQuery(v.Query)
	if err != nil {
		bad.Add("query", "must be a query string such as country=JP&sort=name")
		return
	}
	for _, name := range notSaved {
		if values.Has(name) {
			bad.Add("query", "must not contain %s: a saved view keeps filters and order only", name)
		}
	}
}

// duplicate is the answer to a name the user gave another view of the list.
func duplicate(name, list string) error {
	return apperr.New(apperr.Conflict, "You have a saved view named %q for %s already; choose another name", name, list)
}

// New is what a user gives to save a view.
type New struct {
	List  string
	Name  string
	Query string
}

// Create saves a view for the caller.
func Create(ctx context.Context, db *database.DB, in New) (View, error) {
	userID, err := owner(ctx)
	if err != nil {
		return View{}, err
	}
	now := database.Now()
	v := View{
		ID: uuid.Must(uuid.NewV7()).String(), UserID: userID, List: in.List, Name: normName(in.Name), Query: normQuery(in.Query),
		Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	var bad apperr.Fields
	check(&bad, v)
	if err := bad.Err(); err != nil {
		return View{}, err
	}
	err = db.WithTx(ctx, func(ctx context.Context) error {
		var n int64
		if err := db.Conn(ctx).Model(&View{}).Where("user_id = ? AND list = ?", userID, v.List).Count(&n).Error; err != nil {
			return err
		}
		if n >= MaxPerList {
			return apperr.New(apperr.Conflict, "You have %d saved views for %s already; delete one first", n, v.List).
				With("max_views", MaxPerList)
		}
		if err := db.Conn(ctx).Create(&v).Error; err != nil {
			if database.IsDuplicate(err) {
				return duplicate(v.Name, v.List)
			}
			return err
		}
		return audit.Record(ctx, db, audit.Create, auditType, v.ID, v.Version, nil, v.record())
	})
	return v, err
}

// load returns the caller's view with the id; another user's is not found.
func load(ctx context.Context, db *database.DB, userID, id string) (View, error) {
	var v View
	err := db.Conn(ctx).Where("id = ? AND user_id = ?", id, userID).Take(&v).Error
	if database.IsNotFound(err) {
		return v, apperr.New(apperr.NotFound, "No %s with id %s", noun, id)
	}
	return v, err
}

// Get returns one of the caller's views.
func Get(ctx context.Context, db *database.DB, id string) (View, error) {
	userID, err := owner(ctx)
	if err != nil {
		return View{}, err
	}
	return load(ctx, db, userID, id)
}

// Sort is the view list's order: by name unless asked otherwise.
var Sort = page.Spec{
	Default: "name",
	Fields:  []page.Field{{Name: "name", Column: "name", Kind: page.String}, {Name: "created_at", Column: "created_at", Kind: page.Time}},
}

// List returns one page of the caller's views of a list.
func List(ctx context.Context, db *database.DB, list string, p page.Page) ([]View, *string, error) {
	userID, err := owner(ctx)
	if err != nil {
		return nil, nil, err
	}
	var rows []View
	if err := p.Find(db.Conn(ctx).Model(&View{}).Where("user_id = ? AND list = ?", userID, list), &rows); err != nil {
		return nil, nil, err
	}
	items, next := page.Finish(p, rows, func(v View, field string) page.Key {
		if field == "created_at" {
			return page.Key{Value: v.CreatedAt, ID: v.ID}
		}
		return page.Key{Value: v.Name, ID: v.ID}
	})
	return items, next, nil
}

// Patch renames a view or gives it another query; its list is fixed.
type Patch struct {
	Name  opt.Field[string]
	Query opt.Field[string]
}

// Update applies a patch to one of the caller's views, based on version.
func Update(ctx context.Context, db *database.DB, id string, version int, in Patch) (View, error) {
	userID, err := owner(ctx)
	if err != nil {
		return View{}, err
	}
	var out View
	err = db.WithTx(ctx, func(ctx context.Context) error {
		before, err := load(ctx, db, userID, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion(noun, before.Version, version); err != nil {
			return err
		}
		after := before
		set := map[string]any{}
		if in.Name.Set {
			after.Name = normName(in.Name.Value)
			set["name"] = after.Name
		}
		if in.Query.Set {
			after.Query = normQuery(in.Query.Value)
			set["query"] = after.Query
		}
		var bad apperr.Fields
		check(&bad, after)
		if err := bad.Err(); err != nil {
			return err
		}
		if len(set) == 0 {
			out = before
			return nil
		}
		after.Version, err = db.UpdateVersioned(ctx, "saved_views", noun, id, version, set)
		if database.IsDuplicate(err) {
			return duplicate(after.Name, after.List)
		}
		if err != nil {
			return err
		}
		after.UpdatedAt = database.Now()
		out = after
		return audit.Record(ctx, db, audit.Update, auditType, id, after.Version, before.record(), after.record())
	})
	return out, err
}

// Delete removes one of the caller's views, based on version.
func Delete(ctx context.Context, db *database.DB, id string, version int) error {
	userID, err := owner(ctx)
	if err != nil {
		return err
	}
	return db.WithTx(ctx, func(ctx context.Context) error {
		before, err := load(ctx, db, userID, id)
		if err != nil {
			return err
		}
		if err := db.DeleteVersioned(ctx, "saved_views", noun, id, version, database.Referrers{}); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Delete, auditType, id, version, before.record(), nil)
	})
}
