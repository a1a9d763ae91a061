package report

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/reference"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// The report catalogue names every table, column and code of a report in
// de/en/ja. English is the reference: a test fails on a key that another
// language lacks or has extra, and another on a key the KPIs produce that
// the catalogue does not name. Codes that have names elsewhere are not
// repeated here: countries are named by CLDR (golang.org/x/text), regions,
// funders and focus areas by the reference data (pkg/reference), the kinds
// of opportunity by pkg/opportunity.

//go:embed catalogue/*.json
var catalogueFiles embed.FS

// catalogue is one language's file.
type catalogue struct {
	// Labels are the words around the tables: "Period", "Summary", …
	Labels map[string]string `json:"labels"`
	// Tables and Columns name the keys of Table and Column.
	Tables  map[string]string `json:"tables"`
	Columns map[string]string `json:"columns"`
	// Codes name a code column's values: by "table.column" where one
	// column key means different codes in different tables, else by the
	// column key.
	Codes map[string]map[string]string `json:"codes"`
}

var catalogues = func() map[string]catalogue {
	out := map[string]catalogue{}
	for _, lang := range i18n.Locales {
		b, err := catalogueFiles.ReadFile("catalogue/" + lang + ".json")
		if err != nil {
			panic(err)
		}
		var c catalogue
		if err := json.Unmarshal(b, &c); err != nil {
			panic(fmt.Sprintf("report catalogue %s: %v", lang, err))
		}
		out[lang] = c
	}
	return out
}()

// ReferenceColumns are the column keys whose codes are reference data,
// named by pkg/reference.
var ReferenceColumns = map[string]reference.Kind{
	"region": reference.Regions, "funder": reference.Funders, "focus_area": reference.FocusAreas,
}

// CodeLists are the code columns whose names a domain package keeps.
var CodeLists = map[string]opportunity.CodeList{"opportunity_kind": opportunity.Kinds}

// ReferenceNames are the names of reference codes: column key → code → name.
type ReferenceNames map[string]map[string]i18n.Text

// LoadReferenceNames reads the names of every region, funder and focus
// area (a few hundred rows at most).
func LoadReferenceNames(ctx context.Context, db *database.DB) (ReferenceNames, error) {
	out := ReferenceNames{}
	for col, k := range ReferenceColumns {
		var rows []reference.Entry
		if err := db.Conn(ctx).Table(k.Table).Select("code", "name_de", "name_en", "name_ja").Find(&rows).Error; err != nil {
			return nil, err
		}
		out[col] = map[string]i18n.Text{}
		for _, r := range rows {
			out[col][r.Code] = r.Name
		}
	}
	return out, nil
}

// Names gives the names of a report's keys in one language.
type Names struct {
	Lang    string
	cat     catalogue
	ref     ReferenceNames
	country display.Namer
}

// NewNames returns the names in lang (de, en or ja; anything else is
// English). ref may be nil: reference codes are then shown as they are.
func NewNames(lang string, ref ReferenceNames) Names {
	if !i18n.ValidLocale(lang) {
		lang = "en"
	}
	return Names{Lang: lang, cat: catalogues[lang], ref: ref, country: display.Regions(language.Make(lang))}
}

// Label names one of the words around the tables.
func (n Names) Label(key string) string { return orKey(n.cat.Labels[key], key) }

// Table names a table key.
func (n Names) Table(key string) string { return orKey(n.cat.Tables[key], key) }

// Column names a column key.
func (n Names) Column(key string) string { return orKey(n.cat.Columns[key], key) }

// Code names the value of a code column of a table, or ok false when
// nothing names it (the code is then shown as it is).
func (n Names) Code(table, column, value string) (string, bool) {
	if value == "" {
		return "", true
	}
	if isCountryColumn(column) {
		if r, err := language.ParseRegion(value); err == nil {
			if s := n.country.Name(r); s != "" {
				return s, true
			}
		}
		return value, false
	}
	if t, ok := n.ref[column][value]; ok {
		return t.In(n.Lang), true
	}
	if l, ok := CodeLists[column]; ok {
		for _, c := range l {
			if c.Code == value {
				return c.Name.In(n.Lang), true
			}
		}
	}
	for _, group := range []string{table + "." + column, column} {
		if s, ok := n.cat.Codes[group][value]; ok {
			return s, true
		}
	}
	return value, false
}

func isCountryColumn(column string) bool {
	return column == "country" || strings.HasSuffix(column, "_country")
}

func orKey(s, key string) string {
	if s == "" {
		return key
	}
	return s
}

// HasTable reports whether the catalogue names a table key.
func (n Names) HasTable(key string) bool { return n.cat.Tables[key] != "" }

// HasColumn reports whether the catalogue names a column key.
func (n Names) HasColumn(key string) bool { return n.cat.Columns[key] != "" }

// CatalogueKeys lists every key of a language's catalogue, as
// "section.key" or "codes.column.value", sorted.
func CatalogueKeys(lang string) []string {
	c := catalogues[lang]
	var out []string
	for section, m := range map[string]map[string]string{"labels": c.Labels, "tables": c.Tables, "columns": c.Columns} {
		for k, v := range m {
			if v != "" {
				out = append(out, section+"."+k)
			}
		}
	}
	for col, m := range c.Codes {
		for k, v := range m {
			if v != "" {
				out = append(out, "codes."+col+"."+k)
			}
		}
	}
	slices.Sort(out)
	return out
}
