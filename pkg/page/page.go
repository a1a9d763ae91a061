// Package page is the one list mechanism: limits, whitelisted sort orders
// and opaque keyset cursors. Every list orders by one sort column and then
// by id, both in the same direction, and continues after the last row it
// returned, so a page never skips or repeats a row when others are
// inserted meanwhile, and a deep page costs what the first one does.
//
// Sort columns must be NOT NULL: a NULL has no place in a keyset order.
package page

import (
	"crypto/sha256"
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
	"gorm.io/gorm/clause"
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
	// Relevance: the list can be searched (q), and a search is ordered by
	// relevance unless sort says otherwise: sort=relevance, the default
	// when Params.Searching, orders by the rank the list sets with
	// Page.Ranked and then by the default order.
	Relevance bool
}

// RelevanceSort is the sort name of a ranked order.
const RelevanceSort = "relevance"

// Params are the raw list parameters of a request.
type Params struct {
	Limit  string
	Cursor string
	Sort   string
	// UpdatedSince (RFC 3339) keeps the rows changed at or after it: for
	// every list whose spec has an updated_at field, served by the same
	// index as sort=updated_at.
	UpdatedSince string
	// Searching: the request has a search query, so a list whose spec has
	// Relevance is ordered by relevance unless Sort names another order.
	Searching bool
	// Total: the caller wants the number of rows the filters select
	// (include=total); Find counts them, see Total.
	Total bool
	// Selection names what the page selects besides its order and size:
	// the list and its filters (the API gives the path and the other
	// parameters). A cursor carries a digest of it and continues only a
	// request that selects the same: taken to another search, a cursor
	// skipped that search's rows before its key without a word.
	Selection string
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
	// relevance: ordered by rank first (sort=relevance); rank is the SQL
	// expression set by Ranked.
	relevance bool
	rank      *rankExpr
	// total, when the caller asked for it, is where Find puts the count.
	total *Total
	// of is the digest of the selection (Params.Selection), which the
	// next page's cursor carries.
	of string
}

type rankExpr struct {
	sql  string
	args []any
}

type cursor struct {
	Sort  string `json:"s"`
	Value any    `json:"v"`
	ID    string `json:"id"`
	Rank  int    `json:"r,omitempty"`
	// Of is the digest of the selection of the request that returned it
	// (see Params.Selection); empty in a cursor of a release before it,
	// which is taken as it is.
	Of string `json:"o,omitempty"`
}

// digest is a selection's short fingerprint for a cursor.
func digest(selection string) string {
	sum := sha256.Sum256([]byte(selection))
	return base64.RawURLEncoding.EncodeToString(sum[:9])
}

// ParseLimit reads the limit parameter raw of any page or ranked answer,
// the one rule of every endpoint that takes one: def where it is empty,
// otherwise a whole number from 1 to most, as the spec's integer (no
// spaces, signs or fractions); anything else is added to bad, naming
// limit, and def returned.
func ParseLimit(bad *apperr.Fields, raw string, def, most int) int {
	if raw == "" {
		return def
	}
	n, err := strconv.Atoi(raw)
	if err != nil || raw[0] == '+' || n < 1 || n > most {
		bad.Add("limit", "must be a whole number from 1 to %d", most)
		return def
	}
	return n
}

// Parse validates raw parameters against the spec. Errors are BadRequest
// and name the parameter.
func (s Spec) Parse(p Params) (Page, error) {
	var bad apperr.Fields
	pg := Page{Limit: DefaultLimit, idCol: s.IDColumn, of: digest(p.Selection)}
	if pg.idCol == "" {
		pg.idCol = "id"
	}
	pg.Limit = ParseLimit(&bad, p.Limit, DefaultLimit, MaxLimit)
	sortName := p.Sort
	if sortName == "" && s.Relevance && p.Searching {
		sortName = RelevanceSort
	}
	if sortName == "" {
		sortName = s.Default
	}
	name := strings.TrimPrefix(sortName, "-")
	if s.Relevance && sortName == RelevanceSort {
		pg.relevance = true
		name = strings.TrimPrefix(s.Default, "-")
		pg.desc = strings.HasPrefix(s.Default, "-")
	}
	if !pg.relevance {
		pg.desc = strings.HasPrefix(sortName, "-")
	}
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
		if s.Relevance {
			names = append(names, RelevanceSort)
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
		case c.Of != "" && c.Of != pg.of:
			bad.Add("cursor", "belongs to another list, search or filter; pass the same ones as for the first page, or start again without a cursor")
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
	if p.Total {
		pg.total = &Total{}
	}
	return pg, nil
}

// Ranked returns the page ordered first by the rank expression (an
// integer, best lowest; see search.Rank) when the page is ordered by
// relevance; otherwise p as it is. An empty expression ranks every row 0.
func (p Page) Ranked(sql string, args []any) Page {
	if p.relevance && sql != "" {
		p.rank = &rankExpr{sql, args}
	}
	return p
}

// IsRanked reports whether rows must carry their rank (Select, Key.Rank).
func (p Page) IsRanked() bool { return p.rank != nil }

// Select selects the columns and, on a ranked page, the rank as
// search_rank, which the list's rows must read for Key.Rank.
func (p Page) Select(q *gorm.DB, columns []string) *gorm.DB {
	if p.rank == nil {
		return q.Select(columns)
	}
	return q.Select(strings.Join(columns, ", ")+", ("+p.rank.sql+") AS search_rank", p.rank.args...)
}

// Apply adds the keyset condition, the order and the limit (one more row
// than the page holds, to learn whether another page follows).
func (p Page) Apply(q *gorm.DB) *gorm.DB {
	op, dir := ">", "ASC"
	if p.desc {
		op, dir = "<", "DESC"
	}
	keyset := fmt.Sprintf("(%s, %s) %s (?, ?)", p.field.Column, p.idCol, op)
	if p.after != nil && p.rank == nil {
		q = q.Where(keyset, p.after.Value, p.after.ID)
	}
	if p.since != nil {
		q = q.Where(p.sinceCol+" >= ?", *p.since)
	}
	order := fmt.Sprintf("%s %s, %s %s", p.field.Column, dir, p.idCol, dir)
	if p.rank == nil {
		return q.Order(order).Limit(p.Limit + 1)
	}
	// The rank comes first; within a bucket the list's own order.
	r := "(" + p.rank.sql + ")"
	if p.after != nil {
		args := append(append([]any{}, p.rank.args...), p.after.Rank)
		args = append(append(args, p.rank.args...), p.after.Rank, p.after.Value, p.after.ID)
		q = q.Where("("+r+" > ? OR ("+r+" = ? AND "+keyset+"))", args...)
	}
	return q.Order(clause.OrderBy{Expression: clause.Expr{SQL: r + " ASC, " + order, Vars: p.rank.args}}).Limit(p.Limit + 1)
}

// Key is what a row contributes to a cursor: its sort value and id, and
// on a ranked page its rank.
type Key struct {
	Value any
	ID    string
	Rank  int
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
	if p.relevance {
		sortName = RelevanceSort
	}
	v := k.Value
	if t, ok := v.(time.Time); ok {
		v = t.UTC().Format(time.RFC3339Nano)
	}
	rank := 0
	if p.rank != nil {
		rank = k.Rank
	}
	next := encode(cursor{Sort: sortName, Value: v, ID: k.ID, Rank: rank, Of: p.of})
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
		Rank  int             `json:"r"`
		Of    string          `json:"o"`
	}
	// The id and a text value go into the query as they are: a cursor
	// edited by hand must not reach the database as a value PostgreSQL
	// refuses (an id that is no uuid, NUL, invalid UTF-8).
	if err := json.Unmarshal(b, &raw); err != nil || len(raw.ID) != 36 || uuid.Validate(raw.ID) != nil || raw.Sort == "" {
		return nil, fmt.Errorf("malformed cursor")
	}
	if raw.Rank < 0 || raw.Rank > 100 {
		return nil, fmt.Errorf("malformed cursor")
	}
	c := &cursor{Sort: raw.Sort, ID: raw.ID, Rank: raw.Rank, Of: raw.Of}
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
