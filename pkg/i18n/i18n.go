// Package i18n owns the platform's languages and its multilingual text.
package i18n

import (
	"slices"

	"github.com/innomunich/platform/pkg/opt"
)

// Locales the platform speaks.
var Locales = []string{"de", "en", "ja"}

// ValidLocale reports whether l is one of Locales.
func ValidLocale(l string) bool { return slices.Contains(Locales, l) }

// Text is a text in up to three languages, stored as three columns
// (embed it with a column prefix) and written in JSON as
// {"de": …, "en": …, "ja": …}, every key optional.
type Text struct {
	De string `json:"de,omitempty" gorm:"column:de"`
	En string `json:"en,omitempty" gorm:"column:en"`
	Ja string `json:"ja,omitempty" gorm:"column:ja"`
}

// In returns the text in locale l, falling back to English, German and
// Japanese in that order.
func (t Text) In(l string) string {
	byLocale := map[string]string{"de": t.De, "en": t.En, "ja": t.Ja}
	if s := byLocale[l]; s != "" {
		return s
	}
	for _, s := range []string{t.En, t.De, t.Ja} {
		if s != "" {
			return s
		}
	}
	return ""
}

// TextPatch changes some languages of a text, as a JSON merge patch of
// {"de", "en", "ja"} does: an absent language stays, null clears it.
type TextPatch struct {
	De, En, Ja opt.Field[string]
}

// Apply returns t with the patch applied.
func (p TextPatch) Apply(t Text) Text {
	set := func(f opt.Field[string], old string) string {
		if !f.Set {
			return old
		}
		return f.Value // "" when null
	}
	return Text{De: set(p.De, t.De), En: set(p.En, t.En), Ja: set(p.Ja, t.Ja)}
}
