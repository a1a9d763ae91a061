// Package reference owns the reference data that other records point to by
// a stable code: regions, focus areas and funders. All three share one
// shape (a code, a name in three languages and, for regions and funders, a
// country), so one store serves them.
package reference

import (
	"context"
	"time"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/page"
)

// Kind is one kind of reference data.
type Kind struct {
	Table string
	// Noun names one entry in messages.
	Noun       string
	HasCountry bool
}

var (
	Regions    = Kind{Table: "regions", Noun: "region", HasCountry: true}
	FocusAreas = Kind{Table: "focus_areas", Noun: "focus area"}
	Funders    = Kind{Table: "funders", Noun: "funder", HasCountry: true}
)

// Entry is one region, focus area or funder.
type Entry struct {
	ID        string
	Code      string
	Country   string    // empty where the table has none
	Name      i18n.Text `gorm:"embedded;embeddedPrefix:name_"`
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (k Kind) columns() []string {
	cols := []string{"id", "code", "name_de", "name_en", "name_ja", "version", "created_at", "updated_at"}
	if k.HasCountry {
		cols = append(cols, "country")
	}
	return cols
}

// Sort is the list order spec shared by all reference lists.
var Sort = page.Spec{
	Default: "code",
	Fields: []page.Field{
		{Name: "code", Column: "code", Kind: page.String},
		{Name: "created_at", Column: "created_at", Kind: page.Time},
		{Name: "updated_at", Column: "updated_at", Kind: page.Time},
	},
}

// Filter narrows a list.
type Filter struct {
	Country string
}

// List returns one page of entries.
func List(ctx context.Context, db *database.DB, k Kind, f Filter, p page.Page) ([]Entry, *string, error) {
	q := db.Conn(ctx).Table(k.Table).Select(k.columns())
	if f.Country != "" && k.HasCountry {
		q = q.Where("country = ?", f.Country)
	}
	var rows []Entry
	if err := p.Apply(q).Find(&rows).Error; err != nil {
		return nil, nil, err
	}
	items, next := page.Finish(p, rows, sortKey)
	return items, next, nil
}

func sortKey(e Entry, field string) page.Key {
	switch field {
	case "created_at":
		return page.Key{Value: e.CreatedAt, ID: e.ID}
	case "updated_at":
		return page.Key{Value: e.UpdatedAt, ID: e.ID}
	default:
		return page.Key{Value: e.Code, ID: e.ID}
	}
}

// Get returns the entry with the code.
func Get(ctx context.Context, db *database.DB, k Kind, code string) (Entry, error) {
	var e Entry
	err := db.Conn(ctx).Table(k.Table).Select(k.columns()).Where("code = ?", code).Take(&e).Error
	if database.IsNotFound(err) {
		return Entry{}, apperr.New(apperr.NotFound, "No %s with code %q", k.Noun, code)
	}
	return e, err
}
