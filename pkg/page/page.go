// Package page is the one list mechanism: limits, whitelisted sort orders
// and opaque keyset cursors. Every list orders by one sort column and then
// by id, both in the same direction, and continues after the last row it
// returned, so a page never skips or repeats a row when others are
// inserted meanwhile, and a deep page costs what the first one does.
//
// Sort columns must be NOT NULL: a NULL has no place in a keyset order.
package page

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"gorm.io/gorm"
)

const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// Kind is the type of a sort column's values, needed to read them back
// from a cursor.
type Kind int

const (
	String Kind = iota
	Time
	Int
)

// Field is one sortable field: its API name, the SQL column that holds it
// (a fixed string, never user input) and its type.
type Field struct {
	Name   string
	Column string
	Kind   Kind
}

// Spec lists the fields a list can be sorted by and its default order,
// e.g. "name" or "-updated_at".
type Spec struct {
	Fields  []Field
	Default string
	// IDColumn is the tie-breaker column, "id" unless a join needs it qualified.
	IDColumn string
}

// Params are the raw list parameters of a request.
type Params struct {
	Limit  string
	Cursor string
	Sort   string
	// UpdatedSince (RFC 3339) keeps the rows changed at or after it: for
	// every list whose spec has an updated_at field, served by the same
	// index as sort=updated_at.
	UpdatedSince string
}

// Page is a parsed, validated request for one page.
type Page struct {
	Limit int
	field Field
	desc  bool
	idCol string
	after *cursor
	// since filters sinceCol >= since (updated_since).
	since    *time.Time
	sinceCol string
}

type cursor struct {
	Sort  string `json:"s"`
	Value any    `json:"v"`
	ID    string `json:"id"`
}

// Parse validates raw parameters against the spec. Errors are BadRequest
// and name the parameter.
func (s Spec) Parse(p Params) (Page, error) {
	var bad apperr.Fields
	pg := Page{Limit: DefaultLimit, idCol: s.IDColumn}
	if pg.idCol == "" {
		pg.idCol = "id"
	}
	if p.Limit != "" {
		n, err := strconv.Atoi(p.Limit)
		if err != nil || n < 1 || n > MaxLimit {
			bad.Add("limit", "must be a whole number from 1 to %d", MaxLimit)
		}
		pg.Limit = n
	}
	sortName := p.Sort
	if sortName == "" {
		sortName = s.Default
	}
	name := strings.TrimPrefix(sortName, "-")
	pg.desc = strings.HasPrefix(sortName, "-")
	found := false
	for _, f := range s.Fields {
		if f.Name == name {
			pg.field, found = f, true
		}
	}
	if !found {
		names := make([]string, len(s.Fields))
		for i, f := range s.Fields {
			names[i] = f.Name
		}
		bad.Add("sort", "must be one of %s, optionally prefixed with - for descending", strings.Join(names, ", "))
	}
	if p.Cursor != "" && found {
		c, err := decode(p.Cursor, pg.field.Kind)
		switch {
		case err != nil:
			bad.Add("cursor", "is not a cursor this list returned")
		case c.Sort != sortName:
			bad.Add("cursor", "belongs to another sort order; pass the same sort as for the first page")
		default:
			pg.after = c
		}
	}
	if p.UpdatedSince != "" {
		for _, f := range s.Fields {
			if f.Name == "updated_at" {
				pg.sinceCol = f.Column
			}
		}
		t, err := time.Parse(time.RFC3339Nano, p.UpdatedSince)
		switch {
		case pg.sinceCol == "":
			bad.Add("updated_since", "this list has no update time to filter by")
		case err != nil:
			bad.Add("updated_since", "must be an RFC 3339 time such as 2026-04-01T09:00:00Z")
		default:
			t = t.UTC()
			pg.since = &t
		}
	}
	if err := bad.ErrWith(apperr.BadRequest); err != nil {
		return Page{}, err
	}
	return pg, nil
}

// Apply adds the keyset condition, the order and the limit (one more row
// than the page holds, to learn whether another page follows).
func (p Page) Apply(q *gorm.DB) *gorm.DB {
	op, dir := ">", "ASC"
	if p.desc {
		op, dir = "<", "DESC"
	}
	if p.after != nil {
		q = q.Where(fmt.Sprintf("(%s, %s) %s (?, ?)", p.field.Column, p.idCol, op), p.after.Value, p.after.ID)
	}
	if p.since != nil {
		q = q.Where(p.sinceCol+" >= ?", *p.since)
	}
	return q.Order(fmt.Sprintf("%s %s, %s %s", p.field.Column, dir, p.idCol, dir)).Limit(p.Limit + 1)
}

// Key is what a row contributes to a cursor: its sort value and id.
type Key struct {
	Value any
	ID    string
}

// Finish cuts the extra row fetched by Apply and returns the cursor of the
// next page, or nil on the last page. key returns the sort value of a row
// for the field named (the API name).
func Finish[T any](p Page, rows []T, key func(row T, field string) Key) ([]T, *string) {
	if len(rows) <= p.Limit {
		return rows, nil
	}
	rows = rows[:p.Limit]
	k := key(rows[len(rows)-1], p.field.Name)
	sortName := p.field.Name
	if p.desc {
		sortName = "-" + sortName
	}
	v := k.Value
	if t, ok := v.(time.Time); ok {
		v = t.UTC().Format(time.RFC3339Nano)
	}
	next := encode(cursor{Sort: sortName, Value: v, ID: k.ID})
	return rows, &next
}

func encode(c cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decode(s string, kind Kind) (*cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, err
	}
	var raw struct {
		Sort  string          `json:"s"`
		Value json.RawMessage `json:"v"`
		ID    string          `json:"id"`
	}
	// The id and a text value go into the query as they are: a cursor
	// edited by hand must not reach the database as a value PostgreSQL
	// refuses (an id that is no uuid, NUL, invalid UTF-8).
	if err := json.Unmarshal(b, &raw); err != nil || len(raw.ID) != 36 || uuid.Validate(raw.ID) != nil || raw.Sort == "" {
		return nil, fmt.Errorf("malformed cursor")
	}
	c := &cursor{Sort: raw.Sort, ID: raw.ID}
	switch kind {
	case String:
		var v string
		if err := json.Unmarshal(raw.Value, &v); err != nil {
			return nil, err
		}
		if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
			return nil, fmt.Errorf("malformed cursor")
		}
		c.Value = v
	case Time:
		var v string
		if err := json.Unmarshal(raw.Value, &v); err != nil {
			return nil, err
		}
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			return nil, err
		}
		c.Value = t.UTC()
	case Int:
		var v int64
		if err := json.Unmarshal(raw.Value, &v); err != nil {
			return nil, err
		}
		c.Value = v
	}
	return c, nil
}
