package search

import (
	_ "embed"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Version names the form of the stored search columns: the folding
// Normalize gives and how search_grams holds the grams. Stored search
// columns made with another version are recomputed when the server
// migrates (see Refresh). 3: SQLite stores the grams too (GramsValue,
// migration 00032), which version 2 left empty. 4: the name and title
// orders are SortKey's (marks left out: Ä among the A's). 5: the
// long-vowel mark sorts as its vowel (センター as センタア). 6: characters
// that show nothing go (a zero-width space, a soft hyphen, a variation
// selector), control characters are spaces, and apostrophes that look
// alike are one (punctuation).
const Version = 6

//go:embed variants.txt
var variantData string

// variants maps a variant kanji to the form it folds to.
var variants = func() map[rune]rune {
	m := map[rune]rune{}
	for _, line := range strings.Split(variantData, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		rs := []rune(line)
		for _, r := range rs[1:] {
			m[r] = rs[0]
		}
	}
	return m
}()

// Normalize returns s in the form that stored search text and queries are
// compared in, on both engines. On top of Fold (width, case, hiragana as
// katakana, white space) it folds what people type differently for the
// same name:
//   - Latin diacritics go (ō ô → o, é → e, ü → u), ß is ss, æ ae, ø o;
//   - German and romaji spellings of one sound are one: ae oe ue → a o u
//     (Mueller is Müller is Muller), doubled vowels are one (Oosaka),
//     ou → o (Toukyou) and oh before a consonant → o (Ohsaka);
//   - in katakana the long-vowel mark goes (オーサカ), and so does a vowel
//     that only lengthens the one before (オオサカ, トウキョウ);
//   - variant kanji (itaiji) become their common form (髙 → 高, 﨑 → 崎,
//     澤 → 沢, 齋 → 斎) by the table in variants.txt;
//   - every apostrophe is one ('), see punctuation.
//
// The rules look only at the character before (and, for h, the one after),
// so a query folds like the same letters inside a stored text.
func Normalize(s string) string {
	f := Fold(s)
	in := make([]rune, 0, len(f))
	for _, r := range f {
		switch {
		case r < utf8.RuneSelf:
			in = append(in, r)
		case r >= 0xC0 && r <= 0x24F || r >= 0x1E00 && r <= 0x1EFF:
			in = append(in, latin(r)...)
		default:
			if v, ok := variants[r]; ok {
				r = v
			} else if p, ok := punctuation[r]; ok {
				r = p
			}
			in = append(in, r)
		}
	}
	out := make([]rune, 0, len(in))
	for i, r := range in {
		var prev rune
		if len(out) > 0 {
			prev = out[len(out)-1]
		}
		switch {
		case isVowel(r) && prev == r, // aa ee ii oo uu
			r == 'u' && prev == 'o',                                          // ou
			r == 'e' && (prev == 'a' || prev == 'o' || prev == 'u'),          // ae oe ue
			r == 'h' && prev == 'o' && (i+1 == len(in) || !isVowel(in[i+1])): // oh before a consonant
			continue
		case r == 'ー' && kanaVowel(prev) != 0:
			continue
		case isKanaVowel(r) && lengthens(kanaVowel(prev), kanaVowel(r)):
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// punctuation maps the apostrophes that look alike to one: "O’Brien" is
// "O'Brien". (Dashes need no folding: a query's words are split at every
// dash, see isSeparator.)
var punctuation = map[rune]rune{'‘': '\'', '’': '\'', 'ʼ': '\''}

func isVowel(r rune) bool { return r == 'a' || r == 'e' || r == 'i' || r == 'o' || r == 'u' }

// latin folds a Latin letter outside ASCII: its base letter, or the
// letters it is written as.
func latin(r rune) []rune {
	switch r {
	case 'ß':
		return []rune("ss")
	case 'æ':
		return []rune("ae")
	case 'œ':
		return []rune("oe")
	case 'ø':
		return []rune("o")
	case 'đ', 'ð':
		return []rune("d")
	case 'ł':
		return []rune("l")
	case 'ı':
		return []rune("i")
	case 'þ':
		return []rune("th")
	}
	d := []rune(norm.NFD.String(string(r)))
	if len(d) > 0 && d[0] < utf8.RuneSelf {
		return d[:1]
	}
	return []rune{r}
}

// kanaVowel returns the vowel (ア イ ウ エ オ) a katakana ends in, or 0.
func kanaVowel(r rune) rune {
	if r < 'ァ' || r > 'ヺ' {
		return 0
	}
	return kanaVowels[r-'ァ']
}

func isKanaVowel(r rune) bool {
	switch r {
	case 'ア', 'イ', 'ウ', 'エ', 'オ':
		return true
	}
	return false
}

// lengthens reports whether the vowel v after a kana ending in prev only
// makes it long: the same vowel, or ウ after an o-sound (トウ, キョウ).
func lengthens(prev, v rune) bool {
	return prev != 0 && (prev == v || prev == 'オ' && v == 'ウ')
}

// kanaVowels lists, for each katakana from ァ (U+30A1) to ヺ (U+30FA),
// the vowel it ends in.
var kanaVowels = func() []rune {
	vowelOf := map[rune]rune{}
	// The vowel of each kana, by its row and column of the gojūon table.
	for _, set := range []struct {
		kana  string
		vowel rune
	}{
		{"ァアカガサザタダナハバパマャヤラヮワヵヷ", 'ア'},
		{"ィイキギシジチヂニヒビピミリヰヸ", 'イ'},
		{"ゥウクグスズッツヅヌフブプムュユルヴ", 'ウ'},
		{"ェエケゲセゼテデネヘベペメレヱヶヹ", 'エ'},
		{"ォオコゴソゾトドノホボポモョヨロヲヺ", 'オ'},
	} {
		for _, k := range set.kana {
			vowelOf[k] = set.vowel
		}
	}
	out := make([]rune, 'ヺ'-'ァ'+1)
	for k, v := range vowelOf {
		out[k-'ァ'] = v
	}
	out['ッ'-'ァ'] = 0 // a small tsu lengthens a consonant, not a vowel
	return out
}()
