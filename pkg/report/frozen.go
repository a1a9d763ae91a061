package report

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/page"
)

// Who reads reports: coordinators, admins and viewers, and API keys
// with the reports:read scope (of a coordinator or viewer role). Who
// freezes them: coordinators and admins, signed in (a frozen report
// names the person who froze it; keys only read).

// CanRead says whether the caller may read reports.
func CanRead(p auth.Principal) error {
	switch {
	case p.Kind == auth.KindAPIKey && !slices.Contains(p.Scopes, auth.ScopeReadReports):
		return apperr.New(apperr.Forbidden, "Reading reports needs an API key with the %s scope", auth.ScopeReadReports)
	case p.IsCoordinator() || p.Role == auth.RoleViewer:
		return nil
	}
	return apperr.New(apperr.Forbidden, "Reports are for coordinators, admins and viewers")
}

// canFreeze says whether the caller may freeze a report.
func canFreeze(p auth.Principal) error {
	if p.Kind != auth.KindUser || !p.IsCoordinator() {
		return apperr.New(apperr.Forbidden, "Only coordinators and admins, signed in, freeze reports")
	}
	return nil
}

// Languages a report may be computed in (the titles of opportunities).
var Languages = []string{"de", "en", "ja"}

// KPIsFor computes the KPIs of the period for the caller.
func KPIsFor(ctx context.Context, db *database.DB, p Period, lang string) (KPIs, error) {
	if err := CanRead(auth.From(ctx)); err != nil {
		return KPIs{}, err
	}
	return Compute(ctx, db, p, lang)
}

// Frozen is a report as it was frozen: its figures and who froze it when.
type Frozen struct {
	ID            string
	PeriodKey     string
	PeriodKind    string
	PeriodFrom    string
	PeriodTo      string
	TimeZone      string
	Lang          string
	Figures       string // the canonical JSON of the KPIs
	Hash          string // sha256 of Figures, hex
	CreatedBy     *string
	CreatedByName string
	CreatedAt     time.Time
}

// TableName is the frozen reports' table.
func (Frozen) TableName() string { return "frozen_reports" }

// Period is the frozen report's period.
func (f Frozen) Period() Period {
	return Period{Key: f.PeriodKey, Kind: f.PeriodKind, From: f.PeriodFrom, To: f.PeriodTo, TimeZone: f.TimeZone}
}

// KPIs decodes the frozen figures.
func (f Frozen) KPIs() (KPIs, error) {
	var k KPIs
	err := json.Unmarshal([]byte(f.Figures), &k)
	return k, err
}

// Canonical is the JSON a report's hash is taken of: the KPIs as
// encoding/json writes them (fields in declaration order, lists in their
// stable order, no maps), so the same figures give the same bytes.
func Canonical(k KPIs) (string, string, error) {
	b, err := json.Marshal(k)
	if err != nil {
		return "", "", err
	}
	sum := sha256.Sum256(b)
	return string(b), hex.EncodeToString(sum[:]), nil
}

// auditView is what the audit log keeps of a frozen report: not the
// figures, which the report itself keeps, but their hash.
type auditView struct {
	Period string `json:"period"`
	From   string `json:"from"`
	To     string `json:"to"`
	Lang   string `json:"lang"`
	Hash   string `json:"hash"`
}

// Freeze computes the KPIs of the period and stores them, audited.
func Freeze(ctx context.Context, db *database.DB, p Period, lang string) (Frozen, error) {
	caller := auth.From(ctx)
	if err := canFreeze(caller); err != nil {
		return Frozen{}, err
	}
	var f Frozen
	err := db.WithTx(ctx, func(ctx context.Context) error {
		k, err := Compute(ctx, db, p, lang)
		if err != nil {
			return err
		}
		figures, hash, err := Canonical(k)
		if err != nil {
			return err
		}
		by := caller.ID
		f = Frozen{ID: uuid.Must(uuid.NewV7()).String(), PeriodKey: p.Key, PeriodKind: p.Kind, PeriodFrom: p.From, PeriodTo: p.To, TimeZone: p.TimeZone,
			Lang: lang, Figures: figures, Hash: hash, CreatedBy: &by, CreatedByName: caller.Name, CreatedAt: database.Now()}
		if err := db.Conn(ctx).Create(&f).Error; err != nil {
			return err
		}
		return audit.Record(ctx, db, "create", "report", f.ID, 1, nil, auditView{p.Key, p.From, p.To, lang, hash})
	})
	return f, err
}

// Get returns a frozen report.
func Get(ctx context.Context, db *database.DB, id string) (Frozen, error) {
	if err := CanRead(auth.From(ctx)); err != nil {
		return Frozen{}, err
	}
	var f Frozen
	err := db.Conn(ctx).Where("id = ?", id).Take(&f).Error
	if database.IsNotFound(err) {
		return Frozen{}, apperr.New(apperr.NotFound, "No such report")
	}
	return f, err
}

// Sort is the frozen reports' order spec, newest first.
var Sort = page.Spec{
	Default: "-created_at",
	Fields: []page.Field{
		{Name: "created_at", Column: "created_at", Kind: page.Time},
		{Name: "period", Column: "period_key", Kind: page.String},
	},
}

// listColumns leave the figures out: a list shows what was frozen when.
var listColumns = database.Columns[Frozen]("figures")

// List returns one page of frozen reports, without their figures;
// period, when given, keeps those of that period key.
func List(ctx context.Context, db *database.DB, period string, p page.Page) ([]Frozen, *string, error) {
	if err := CanRead(auth.From(ctx)); err != nil {
		return nil, nil, err
	}
	q := db.Conn(ctx).Model(&Frozen{}).Select(listColumns)
	if period != "" {
		q = q.Where("period_key = ?", period)
	}
	var rows []Frozen
	if err := p.Find(q, &rows); err != nil {
		return nil, nil, err
	}
	items, next := page.Finish(p, rows, func(f Frozen, field string) page.Key {
		if field == "period" {
			return page.Key{Value: f.PeriodKey, ID: f.ID}
		}
		return page.Key{Value: f.CreatedAt, ID: f.ID}
	})
	return items, next, nil
}

// Change is one figure that differs between a frozen report and the
// data now. Path names it: sections and fields by their JSON keys, list
// entries by their code (or id, stem, year/funder/currency, …) in
// brackets, e.g. directory.organisations.by_country[JP].total. A figure
// missing on one side is null there.
type Change struct {
	Path    string `json:"path"`
	Frozen  any    `json:"frozen"`
	Current any    `json:"current"`
}

// Compare lists, by path, the figures of the frozen report that differ
// from the same period's figures now (in the language it was frozen in).
func Compare(ctx context.Context, db *database.DB, f Frozen) ([]Change, error) {
	now, err := Compute(ctx, db, f.Period(), f.Lang)
	if err != nil {
		return nil, err
	}
	current, _, err := Canonical(now)
	if err != nil {
		return nil, err
	}
	return Diff(f.Figures, current)
}

// Diff compares two KPIs in their JSON form, figure by figure.
func Diff(frozenJSON, currentJSON string) ([]Change, error) {
	a, err := flatten(frozenJSON)
	if err != nil {
		return nil, err
	}
	b, err := flatten(currentJSON)
	if err != nil {
		return nil, err
	}
	out := []Change{}
	for path, v := range a {
		if w, ok := b[path]; !ok || !sameValue(v, w) {
			out = append(out, Change{path, v, b[path]})
		}
	}
	for path, w := range b {
		if _, ok := a[path]; !ok {
			out = append(out, Change{path, nil, w})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

func sameValue(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func flatten(s string) (map[string]any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	out := map[string]any{}
	walk("", v, out)
	return out, nil
}

// walk records the leaves of v under their paths. Lists of objects are
// keyed by what identifies an entry, so that a country added to a list
// shows as one new entry, not as every later entry shifted; lists of
// plain values are one leaf.
func walk(path string, v any, out map[string]any) {
	switch x := v.(type) {
	case map[string]any:
		// An amount is one figure: "1.00 EUR" reads better than two.
		if amount, ok := x["amount"].(json.Number); ok {
			if currency, ok := x["currency"].(string); ok && len(x) == 2 {
				out[path] = string(amount) + " " + currency
				return
			}
		}
		for key, val := range x {
			walk(join(path, key), val, out)
		}
	case []any:
		if len(x) == 0 || !isObject(x[0]) {
			if len(x) > 0 {
				out[path] = x
			}
			return
		}
		seen := map[string]int{}
		for i, e := range x {
			key := entryKey(e.(map[string]any), i)
			seen[key]++
			if seen[key] > 1 {
				key = fmt.Sprintf("%s#%d", key, seen[key])
			}
			walk(path+"["+key+"]", e, out)
		}
	default:
		out[path] = x
	}
}

func isObject(v any) bool { _, ok := v.(map[string]any); return ok }

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// entryKey names a list entry by what identifies it.
func entryKey(e map[string]any, i int) string {
	str := func(k string) string {
		switch v := e[k].(type) {
		case string:
			return v
		case json.Number:
			return string(v)
		case map[string]any: // an amount: its currency
			c, _ := v["currency"].(string)
			return c
		}
		return ""
	}
	switch {
	case str("code") != "":
		return str("code")
	case str("id") != "" && str("kind") != "": // a link of a chain
		return str("kind") + ":" + str("id")
	case str("id") != "":
		return str("id")
	case str("stem") != "" && str("reference") == "":
		return str("stem")
	case str("reference") != "":
		return str("reference") + "/" + str("project_id") + "/" + str("amount")
	case str("year") != "":
		return str("year") + "/" + str("funder") + "/" + str("amount")
	case str("funder") != "":
		return str("funder") + "/" + str("programme") + "/" + str("amount")
	}
	return fmt.Sprint(i)
}
