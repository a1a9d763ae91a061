package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A query copied from a business card, a signature or a letter carries
// courtesies that no record holds: academic titles and forms of address
// before a name (Prof. Dr. Hans Müller, Herrn Dipl.-Ing. Schmidt,
// Mr. Smith) and Japanese honorifics after one (山田様, 山田 太郎 さん,
// 大阪バイオ御中). Words leaves them out, so that such a query finds the
// name; a query of nothing else keeps them (a search for "Dr." looks for
// "dr."). Leaving a word out only ever finds more: "Dr. Falk Pharma"
// finds the company called so by "falk pharma". An initial (H. Müller)
// is left out too: it would be looked for as "h." and find no one, and
// so finds every Müller.

// titles are the titles and forms of address left out of a query, as
// Normalize folds them. Only with their dot where the letters alone are
// also a word or an abbreviation of the field: "MS therapy" and "MR
// imaging" keep ms and mr. A word of several joined by hyphens
// (Dipl.-Ing., Dr.-Ing., Priv.-Doz.) is a title when each part is one.
var titles = normalizedSet(
	"Dr.", "Dr", "Prof.", "Prof", "Priv.", "Doz.", "Dipl.", "Ing.", "Med.", "Rer.", "Nat.", "Phil.", "Dent.", "Vet.", "Habil.", "h.c.",
	"Ph.D.", "PhD", "M.D.", "M.Sc.", "B.Sc.", "MBA", "Univ.", "Herr", "Herrn", "Frau", "Hr.", "Fr.", "Mr.", "Mrs.", "Mrs", "Ms.",
)

// honorifics are the Japanese honorifics taken off the end of a word of
// a query, or left out where they are a word of their own, as typed.
// さん and さま only after a character that is not hiragana: "おかあさん"
// and a name in hiragana stay whole, and the katakana サン of a name
// (ジョナサン) is no honorific.
// Titles that end like one are taken off whole, longest first
// (山田准教授 is 山田, not 山田准; 医学博士 alone is no word, not 医学).
var honorifics = []string{
	"名誉教授", "特任教授", "客員教授", "准教授", "助教授",
	"医学博士", "薬学博士", "理学博士", "工学博士", "農学博士",
	"様", "さま", "さん", "氏", "先生", "教授", "博士", "御中",
}

func normalizedSet(words ...string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[Normalize(w)] = true
	}
	return set
}

// isTitle reports whether w, a normalized word of a query, is a title
// or a form of address (see titles), with any separators at its ends; or
// titles joined: by hyphens, where after the first every part is an
// abbreviation (Dipl.-Ing., Dipl.-Biol., Univ.-Prof., Priv.-Doz.), or
// written without a space (Prof.Dr.).
func isTitle(w string) bool {
	w = strings.TrimFunc(w, isSeparator)
	if titles[w] {
		return true
	}
	if parts := strings.FieldsFunc(w, isSeparator); len(parts) > 1 && titles[parts[0]] {
		for _, p := range parts[1:] {
			if !titles[p] && !strings.HasSuffix(p, ".") {
				return false
			}
		}
		return true
	}
	if parts := strings.SplitAfter(w, "."); len(parts) > 2 && parts[len(parts)-1] == "" {
		for _, p := range parts[:len(parts)-1] {
			if !titles[p] {
				return false
			}
		}
		return true
	}
	return false
}

// isInitial reports whether w, a normalized word of a query, is an
// initial, one Latin letter and a dot, or several written together
// (H.J.).
func isInitial(w string) bool {
	if len(w) < 2 || len(w)%2 != 0 || latinLegalForms[w] { // e.V.
		return false
	}
	for i := 0; i < len(w); i += 2 {
		if w[i] < 'a' || w[i] > 'z' || w[i+1] != '.' {
			return false
		}
	}
	return true
}

// withoutHonorifics is query, as typed, with the honorifics after its
// words taken off and those that are words of their own left out; query
// itself where nothing else would be left.
func withoutHonorifics(query string) string {
	words := strings.FieldsFunc(query, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) })
	kept := make([]string, 0, len(words))
	changed := false
	for _, w := range words {
		rest := withoutHonorific(w)
		if rest != w {
			changed = true
		}
		if rest != "" {
			kept = append(kept, rest)
		}
	}
	if !changed || len(kept) == 0 {
		return query
	}
	return strings.Join(kept, " ")
}

// withoutHonorific is w without the honorific it ends with, "" where it
// is one.
func withoutHonorific(w string) string {
	core := strings.TrimRightFunc(w, isSeparator) // 山田様、
	for _, h := range honorifics {
		rest, ok := strings.CutSuffix(core, h)
		if !ok {
			continue
		}
		if rest == "" {
			return ""
		}
		if r, _ := utf8.DecodeLastRuneInString(rest); (h == "さん" || h == "さま") && isHiragana(r) {
			continue
		}
		return rest
	}
	return w
}

// A legal form is no word a search needs: "Müller Biotech AG" finds
// Müller Biotech GmbH, and 大阪バイオ株式会社 finds 株式会社大阪バイオ
// (株式会社 before or after the name, as companies write it either way,
// or (株)). The query's terms leave them out where others remain
// (withoutLegalForms); its phrase keeps them, so the name written in
// full still ranks first.

// latinLegalForms are the words of Latin legal forms left out of a
// query's terms, normalized; not those that are also words of the field
// or short for one (EV: extracellular vesicles, SA, SE, BV, NV, GK, Co).
// japaneseLegalForms are the Japanese ones of legalForms, normalized,
// taken off the beginning or the end of a word, or left out where they
// are one.
var latinLegalForms = normalizedSet("GmbH", "gGmbH", "mbH", "AG", "KGaA", "KG", "OHG", "e.V.", "UG", "haftungsbeschränkt", "&",
	"Co.", "Ltd.", "Ltd", "Co.,Ltd.", "Inc.", "Inc", "Corp.", "Corp", "Corporation", "LLC", "PLC", "S.A.", "B.V.", "N.V.", "K.K.", "KK", "G.K.")

var japaneseLegalForms = func() []string {
	var out []string
	for _, lf := range legalForms {
		if !isASCII(lf) && !strings.Contains(lf, " ") {
			out = append(out, Normalize(lf))
		}
	}
	return out
}()

// withoutLegalForms is words, normalized words of a query, without the
// legal forms (latinLegalForms, japaneseLegalForms); words itself where
// nothing would be left.
func withoutLegalForms(words []string) []string {
	kept := make([]string, 0, len(words))
	for _, w := range words {
		if latinLegalForms[w] || latinLegalForms[strings.TrimFunc(w, isSeparator)] {
			continue
		}
		for _, lf := range japaneseLegalForms {
			if rest, ok := strings.CutPrefix(w, lf); ok && rest != "" {
				w = rest
			} else if rest, ok := strings.CutSuffix(w, lf); ok && rest != "" {
				w = rest
			}
		}
		if !japaneseLegalFormOnly(w) {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		return words
	}
	return kept
}

// japaneseLegalFormOnly reports whether w is a Japanese legal form.
func japaneseLegalFormOnly(w string) bool {
	for _, lf := range japaneseLegalForms {
		if w == lf {
			return true
		}
	}
	return false
}
