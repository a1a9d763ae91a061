//go:generate go run ./internal/variantgen -data internal/variantgen -out variants.txt

// Package search owns how text is folded for search and for duplicate
// detection, so that "osaka", "Osaka" and full-width "ＯＳＡＫＡ" are one
// word, and hiragana and katakana readings match each other.
package search

import (
	"context"
	"encoding/hex"
	"math"
	"strings"
	"sync"

	"github.com/innomunich/platform/pkg/database"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s in the form stored for search and compared against
// queries: NFKC (full-width Latin and half-width katakana become their
// ordinary forms), lower case, hiragana as katakana, runs of white space
// and control characters as one space. Characters that show nothing
// go: format characters (a zero-width space, a soft hyphen, a byte
// order mark, a direction mark, as text pasted from a PDF or a web page
// brings them) and variation selectors (葛󠄀, a kanji's glyph variant, is
// 葛).
func Fold(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = true
			continue
		case unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r):
			continue
		case isHiragana(r):
			r = toKatakana(r)
		default:
			r = unicode.ToLower(r)
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// SortKey returns the key a list sorts a name or title by, the same on
// every engine and collation (the columns compare bytes): Fold, and then
// the letters compared as a dictionary compares them, the marks left
// out. Ä, é and ō sort as a, e and o (DIN 5007-1, as spreadsheets and
// the ICU's German order do, so "Ärzteverbund" comes among the A's, not
// after "Zymo"), ß as ss, æ as ae; a voiced or semi-voiced kana as the
// plain one, a small kana as the large one (ガ as カ, ッ as ツ) and the
// long-vowel mark as the vowel it lengthens (センター as センタア, before
// センタク), as the Japanese dictionary order (五十音順, JIS X 4061)
// compares them first. Names that differ only in such marks tie, and a
// list orders ties by id.
func SortKey(s string) string {
	f := Fold(s)
	plain := true
	for _, r := range f {
		if r >= utf8.RuneSelf {
			plain = false
			break
		}
	}
	if plain {
		return f
	}
	var b strings.Builder
	b.Grow(len(f))
	var prev rune // the last letter written
	for _, r := range norm.NFD.String(f) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// A mark: an umlaut, an accent, a macron, a kana's (han)dakuten.
			continue
		case r == 'ー' && kanaVowel(prev) != 0:
			r = kanaVowel(prev)
		case smallKana[r] != 0:
			r = smallKana[r]
		case sortLetters[r] != "":
			b.WriteString(sortLetters[r])
			prev = r
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// NameOrders are the columns of the lists' name and title orders
// (sort=name, name_kana, a project's title), which hold SortKey's keys.
var NameOrders = map[string]bool{"name_sort": true, "kana_sort": true, "title_sort": true}

// sortLetters are the letters without a decomposition that a dictionary
// sorts as others (SortKey).
var sortLetters = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d", 'ł': "l", 'ı': "i", 'þ': "th", 'ħ': "h",
}

// smallKana maps a small katakana to its large form (SortKey; Fold has
// written hiragana as katakana).
var smallKana = map[rune]rune{
	'ァ': 'ア', 'ィ': 'イ', 'ゥ': 'ウ', 'ェ': 'エ', 'ォ': 'オ', 'ッ': 'ツ', 'ャ': 'ヤ', 'ュ': 'ユ', 'ョ': 'ヨ', 'ヮ': 'ワ', 'ヵ': 'カ', 'ヶ': 'ケ',
}

// Katakana writes the hiragana of s in katakana, the convention for a
// kana reading (ふりがな as フリガナ), and leaves everything else as it is:
// the organisations and people store their readings so.
func Katakana(s string) string {
	return strings.Map(func(r rune) rune {
		if isHiragana(r) {
			return toKatakana(r)
		}
		return r
	}, s)
}

func isHiragana(r rune) bool { return r >= 'ぁ' && r <= 'ゖ' }
func toKatakana(r rune) rune { return r + 'ァ' - 'ぁ' }

// Document joins the normalized texts that a record is found by.
func Document(texts ...string) string {
	parts := make([]string, 0, len(texts))
	for _, t := range texts {
		if f := Normalize(t); f != "" {
			parts = append(parts, f)
		}
	}
	return strings.Join(parts, " | ")
}

// Short reports whether a folded query is too short for a trigram index
// (one or two characters, as many Japanese words are).
func Short(q string) bool { return utf8.RuneCountInString(q) < 3 }

// Grams returns the distinct one- and two-character pieces of the folded
// texts, without spaces: what a one- or two-character query is looked up
// by. Both engines keep them in search_grams (see GramsValue) and find a
// short word exactly where it is one of the grams, so a short word finds
// the same records on either: PostgreSQL indexes the array, SQLite the
// tokens in <table>_grams.
func Grams(texts ...string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(g string) {
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	for _, t := range texts {
		for _, word := range strings.Fields(Normalize(t)) {
			rs := []rune(word)
			for i := range rs {
				add(string(rs[i]))
				if i+1 < len(rs) {
					add(string(rs[i : i+2]))
				}
			}
		}
	}
	return out
}

// GramsValue is the value of search_grams for grams on db's engine: a
// text array on PostgreSQL; on SQLite the grams' tokens (gramToken)
// separated by spaces, which the FTS5 table <table>_grams indexes.
func GramsValue(db *database.DB, grams []string) any {
	if db.Engine == database.Postgres {
		return database.TextArray(grams)
	}
	tokens := make([]string, len(grams))
	for i, g := range grams {
		tokens[i] = gramToken(g)
	}
	return strings.Join(tokens, " ")
}

// gramToken is a gram as SQLite stores and looks it up: the lower-case
// hex of its UTF-8 bytes. FTS5's unicode61 tokenizer splits text at
// punctuation and spaces, which a gram may hold (".v" of "e.V.", "-a" of
// "Bio-AG"); hex is one token of letters and digits whatever the gram is.
func gramToken(g string) string { return hex.EncodeToString([]byte(g)) }

// LikePattern makes a LIKE pattern that finds q anywhere, with LIKE's
// wildcards in q escaped (use ESCAPE '\').
func LikePattern(q string) string { return "%" + escapeLike(q) + "%" }

// legalForms are left out when names are compared for duplicates.
var legalForms = []string{
	"株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "一般社団法人", "公益社団法人", "一般財団法人", "公益財団法人",
	"国立研究開発法人", "独立行政法人", "(株)", "(有)", "㈱", "㈲",
	"gmbh & co. kg", "gmbh & co kg", "gmbh", "ggmbh", "mbh", "ag", "se", "kgaa", "kg", "ohg", "e.v.", "ev", "ug (haftungsbeschränkt)", "ug",
	"co., ltd.", "co. ltd.", "co.,ltd.", "co ltd", "ltd.", "ltd", "inc.", "inc", "corp.", "corp", "corporation", "llc", "plc", "s.a.", "sa", "b.v.", "bv", "n.v.", "nv",
	"k.k.", "kk", "g.k.", "gk",
}

// NameKey is the form of an organisation's name that duplicates share:
// folded, legal-form words removed, and only letters and digits kept.
func NameKey(name string) string {
	f := Fold(name)
	for changed := true; changed; {
		changed = false
		f = strings.TrimSpace(f)
		for _, lf := range legalForms {
			if strings.HasSuffix(f, " "+lf) || strings.HasSuffix(f, ","+lf) {
				f, changed = strings.TrimSuffix(f, lf), true
			} else if strings.HasPrefix(f, lf) && (!isASCII(lf) || strings.HasPrefix(f, lf+" ")) {
				f, changed = strings.TrimPrefix(f, lf), true
			} else if !isASCII(lf) && strings.HasSuffix(f, lf) {
				f, changed = strings.TrimSuffix(f, lf), true
			}
		}
	}
	var b strings.Builder
	for _, r := range f {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Host returns the host of a website without "www.", lower-cased, or "".
func Host(website string) string {
	s := strings.ToLower(strings.TrimSpace(website))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndex(s, ":"); i >= 0 && !strings.Contains(s[i:], "]") {
		s = s[:i]
	}
	return strings.TrimPrefix(s, "www.")
}

// denseAbove is the share of a list's rows that must match a search for
// PostgreSQL to read the list in its order rather than sort all matches
// (see Matching). At 2 % a page of 50 is expected within about 2,500 rows;
// below it, sorting costs at most 2 % of the list (about 3 µs per match on
// the benchmark machine: 60 ms for 20,000 matches).
const denseAbove = 0.02

// smallList is the number of rows under which a search takes the planner's
// choice without asking for estimates: either plan reads at most this
// many rows, and planning the estimate of a LIKE costs as much as running
// the whole search on a list this small.
var smallList float64 = 10000

// Clause is an SQL condition with its arguments.
type Clause struct {
	SQL  string
	Args []any
}

// MaxQuery is the longest query, in characters, that a list or search
// takes: longer is no name anyone types, and each word costs a condition.
const MaxQuery = 200

// Words splits a query into its normalized words, as a name holds them:
// the phrase that ranking compares with the names (see Rank). Titles,
// forms of address, initials and Japanese honorifics are left out where
// other words remain (see courtesy.go).
func Words(query string) []string {
	words := strings.Fields(Normalize(withoutHonorifics(query)))
	kept := make([]string, 0, len(words))
	for _, w := range words {
		if !isTitle(w) && !isInitial(w) {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		return words
	}
	return kept
}

// terms are the words of a query that a record must contain, each
// looked up on its own: Words, where punctuation that separates the parts
// of a name is taken for a space ("Yamada, Taro", 山田・太郎,
// daiichi-sankyo, Sankyo/Daiichi; see wordTerms), each once. The phrase
// as typed still ranks first: "daiichi-sankyo" is the beginning of the
// name "Daiichi-Sankyo Europe" (RankPrefix) and only words of "Daiichi
// Sankyo" (RankName).
func terms(query string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range withoutLegalForms(Words(query)) {
		for _, t := range wordTerms(w) {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// wordTerms splits a word of a query into the parts a record must
// contain. Separators at its ends go where two characters or more are
// left ("yamada,", 「山田」; "-a" stays, a piece of "Bio-AG"). Separators
// inside split it where every part is a word of its own: two characters
// or more, three for Latin letters, which shorter are looked up only
// among the pieces of names (Grams), not in the text a record is also
// found by (CAR-T, co-founder, Bio-AG stay whole). A word with a digit
// is an identifier, a number or a date and stays whole (OB-4711,
// COVID-19, 2026-12-07). Dots stay: e.V., Co. Ltd.
func wordTerms(w string) []string {
	w = trimSeparators(w)
	if strings.ContainsFunc(w, unicode.IsDigit) {
		return []string{w}
	}
	parts := strings.FieldsFunc(w, isSeparator)
	if len(parts) < 2 {
		return []string{w}
	}
	for _, p := range parts {
		n := utf8.RuneCountInString(p)
		if n < 2 || n < 3 && strings.ContainsFunc(p, func(r rune) bool { return r < utf8.RuneSelf }) {
			return []string{w}
		}
	}
	return parts
}

// trimSeparators is w without the separators at its ends, where two
// characters or more are left ("yamada," 「山田」 "zebra!"; "-a" stays).
func trimSeparators(w string) string {
	if t := strings.TrimFunc(w, isSeparator); utf8.RuneCountInString(t) >= 2 {
		return t
	}
	return w
}

// Phrase is the query as ranking compares it with the names: its words,
// without the separators at their ends (a search for "zebra" in quotes
// or "Zebra!" ranks the name Zebra first), joined by spaces.
func Phrase(query string) string {
	words := Words(query)
	for i, w := range words {
		words[i] = trimSeparators(w)
	}
	return strings.Join(words, " ")
}

// isSeparator reports whether r, in a normalized query, separates the
// parts of a name: commas, the nakaguro (・, between the parts of a name
// in katakana; ·, • and ゠ as some write it), slashes, hyphens and
// dashes, the underscore, brackets and quotation marks, colons,
// semicolons, the ampersand and the marks that end a sentence. A dot and
// an apostrophe are part of a word (e.V., O'Brien).
func isSeparator(r rune) bool {
	return strings.ContainsRune(`,、・·•゠/\_-‐‒–—―−()[]{}「」『』【】〔〕〈〉《》"“”„«»;:!?。&`, r)
}

// Condition is the condition that a row of table contains every word of
// query, on a table that has search_text, search_grams and, on SQLite,
// the FTS5 tables <table>_fts (its search_text) and <table>_grams (its
// search_grams); the zero Clause when query has no words. Each word is
// looked up by the engine's index: words of three characters or more in
// search_text by the trigram index (FTS5 on SQLite, pg_trgm on
// PostgreSQL), shorter words among the record's grams (Grams), all of
// them at once (the gram array on PostgreSQL, <table>_grams on SQLite).
// Short words are thus found in the texts the grams are made of (a
// record's names and titles), not in all of search_text.
func Condition(db *database.DB, table, query string) Clause {
	long, short := split(query)
	var conds []Clause
	if db.Engine == database.SQLite {
		if len(long) > 0 {
			conds = append(conds, matchAll(table, table+"_fts", long))
		}
		if len(short) > 0 {
			tokens := make([]string, len(short))
			for i, w := range short {
				tokens[i] = gramToken(w)
			}
			conds = append(conds, matchAll(table, table+"_grams", tokens))
		}
	} else {
		conds = columnsHave(table+".search_text", table+".search_grams", long, short)
	}
	return all(conds)
}

// split is the terms of query of three characters or more, and the
// shorter ones (Short).
func split(query string) (long, short []string) {
	for _, w := range terms(query) {
		if Short(w) {
			short = append(short, w)
		} else {
			long = append(long, w)
		}
	}
	return long, short
}

// ConditionIn is Condition on PostgreSQL for a search text and grams kept
// in other columns (text and grams, in the form of search_text and
// search_grams, with the same indexes): such as the organisation's that
// its people carry (migration 00036).
func ConditionIn(text, grams, query string) Clause {
	long, short := split(query)
	return all(columnsHave(text, grams, long, short))
}

// columnsHave is the PostgreSQL conditions that the column text has each
// of long (its trigram index) and the column grams all of short.
func columnsHave(text, grams string, long, short []string) []Clause {
	var conds []Clause
	for _, w := range long {
		conds = append(conds, Clause{SQL: text + ` LIKE ? ESCAPE '\'`, Args: []any{LikePattern(w)}})
	}
	if len(short) > 0 {
		conds = append(conds, Clause{SQL: grams + " @> ?", Args: []any{database.TextArray(short)}})
	}
	return conds
}

// all is the condition that every one of conds holds; the zero Clause
// for none.
func all(conds []Clause) Clause {
	if len(conds) == 0 {
		return Clause{}
	}
	sqls := make([]string, len(conds))
	var args []any
	for i, c := range conds {
		sqls[i] = c.SQL
		args = append(args, c.Args...)
	}
	return Clause{SQL: "(" + strings.Join(sqls, " AND ") + ")", Args: args}
}

// matchAll is the condition that the row of table is in the FTS5 table
// fts with every one of terms, each looked up as a phrase of its own.
func matchAll(table, fts string, terms []string) Clause {
	phrases := make([]string, len(terms))
	for i, t := range terms {
		phrases[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	return Clause{
		SQL:  table + ".rowid IN (SELECT rowid FROM " + fts + " WHERE " + fts + " MATCH ?)",
		Args: []any{strings.Join(phrases, " AND ")},
	}
}

// Matching narrows q to the records that contain every word of query
// (see Condition), or that match one of also (such as "its organisation
// matches": on PostgreSQL a condition on the table's own indexed columns,
// see combine). It must be the last condition added before the page.
//
// A ranked page (ranked: ordered by relevance first) is always read by
// finding the matches through the index and sorting them, as no index has
// the rank's order; the rest of this comment is about the list's orders.
//
// On PostgreSQL it also decides how the page is read, because the planner
// gets it wrong. A page of matches in list order comes either from reading
// every match through the text index and sorting them (cost grows with the
// number of matches), or from reading the list in its order and skipping
// rows that do not match until the page is full (cost grows with the rows
// passed). The planner assumes matches are spread evenly through the list,
// but they cluster — people named Tanaka, organisations called "Huber …"
// sit together in name order — so it reads in order for a few thousand
// matches and passes hundreds of thousands of rows first. Matching asks
// the planner's estimates (from its statistics; no rows are read) of the
// rows the list has and, unless the list is small, of those that match.
// Unless the matches are dense, it puts the matching into a subquery that
// the planner must finish before the list's order applies: the matches
// are found by index and sorted. (Find reads a page in the order of a
// time or a date in windows instead, see inOrder, and uses Matching for
// the names' orders.)
func Matching(q *gorm.DB, db *database.DB, table, query string, ranked bool, also ...Also) *gorm.DB {
	if len(Words(query)) == 0 {
		return q
	}
	own := func(query string) Clause { return Condition(db, table, query) }
	c := combine(db, table, query, own, also)
	m := q.Session(&gorm.Session{}).Where(c.SQL, c.Args...) // q stays without the condition
	if db.Engine == database.SQLite {
		// A ranked page reads every match anyway: SQLite reads them by
		// rowid from the match set. It plans without statistics and took an
		// index of the list's other conditions instead (archived = ?),
		// reading every live row's entry to check it against the matches:
		// at 20,000 organisations q=huber (64 matches) 4.4 → 0.2 ms, 大阪
		// (1,399) 11 → 5 ms. NOT INDEXED still allows rowid lookups.
		if ranked {
			m = m.Table(table + " NOT INDEXED")
		}
		return m
	}
	if ranked {
		return m
	}
	rows, matches, err := estimate(db, q, c)
	if err != nil {
		_ = m.AddError(err)
		return m
	}
	if rows < smallList {
		return m
	}
	if matches >= denseAbove*rows {
		return m // read in the list's order, each row checked
	}
	return fenced(m, table)
}

// Also is another way a record of a list is found by a query, such as a
// person through their organisation's name: the condition that the record
// is found so by every word of query. On PostgreSQL it should be a
// condition on the table's own indexed columns (see combine).
type Also func(query string) Clause

// combine is own(query), or one of also(query). On PostgreSQL an OR of the
// conditions: also are conditions on the table's own indexed columns (a
// person's organisation, migration 00036), so that the planner ORs their
// indexes' bitmaps for a whole list, and a list read in its order checks
// each row (a union of ids looked each match up by id again: people?q=殿町
// 103 → 28 ms). On SQLite a union of rowids, each part found by its own
// FTS5 table (also finds the organisations' rowids there).
func combine(db *database.DB, table, query string, own func(query string) Clause, also []Also) Clause {
	c := own(query)
	for _, f := range also {
		a := f(query)
		if a.SQL == "" {
			continue
		}
		args := append(append([]any{}, c.Args...), a.Args...)
		if db.Engine == database.SQLite {
			sel := "SELECT " + table + ".rowid FROM " + table + " WHERE "
			c = Clause{SQL: table + ".rowid IN (" + sel + c.SQL + " UNION " + sel + a.SQL + ")", Args: args}
		} else {
			c = Clause{SQL: "(" + c.SQL + " OR " + a.SQL + ")", Args: args}
		}
	}
	return c
}

// nowhere reports whether no record of table can match query, on
// PostgreSQL: a word of query of three characters or more is inside no
// word of the table's search text (search_words, migration 00037).
// Shorter words are left to their gram index, which finds them exactly.
// People are not asked (withWords): their names are personal data, which
// erasing a person must not leave behind, and a person is also found
// through their organisation. A word is looked for in the table's
// partition of search_words, which holds each of its words once, by its
// trigram index or, where the partition's statistics show many, in order
// up to the first (the partition, not search_words: over the partitioned
// table the planner takes the plan cheapest to finish, 7.7 ms for ゲノム,
// which the first of 33,630 of the organisations' words has; in order
// 0.03 ms). The index of the records' search text would hand over every
// record that has a word's trigrams, each to be read and checked (31,150
// opportunities for "vaccines", none a match). A word found in a table
// is remembered (present), so a page of words known to be there sends no
// statement for them.
func nowhere(q *gorm.DB, db *database.DB, table, query string) (bool, error) {
	long, _ := split(query)
	if !withWords[table] {
		return false, nil
	}
	var ask []string // the words not known to be there (present)
	for _, w := range long {
		if !present.has(db, table, w) {
			ask = append(ask, w)
		}
	}
	if len(ask) == 0 {
		return false, nil
	}
	has := make([]string, len(ask))
	args := make([]any, len(ask))
	for i, w := range ask {
		has[i] = "EXISTS (SELECT FROM search_words_" + table + ` WHERE word LIKE ? ESCAPE '\')::int`
		args[i] = LikePattern(w)
	}
	var there string // a 1 or 0 for each of ask
	if err := q.Session(&gorm.Session{NewDB: true}).Raw("SELECT concat("+strings.Join(has, ", ")+")", args...).Scan(&there).Error; err != nil {
		return false, err
	}
	absent := false
	for i, w := range ask {
		if i >= len(there) || there[i] != '1' {
			absent = true
			continue
		}
		present.add(db, tableWord{table, w})
	}
	return absent, nil
}

// withWords is the tables whose words search_words keeps.
var withWords = map[string]bool{"organisations": true, "agreements": true, "trips": true, "projects": true, "opportunities": true}

// tableWord is a word of a query and a table it is in.
type tableWord struct{ table, word string }

// present holds, for each database, the words of queries found among a
// table's words (search_words): that table only grows, so a word found
// there is there from then on, and a search of it need not ask again.
// Bounded: emptied when it holds maxPresent.
var present = presentWords{words: map[presentKey]bool{}}

const maxPresent = 10000

type presentKey struct {
	db *database.DB
	tableWord
}

type presentWords struct {
	mu    sync.Mutex
	words map[presentKey]bool
}

func (p *presentWords) has(db *database.DB, table, word string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.words[presentKey{db, tableWord{table, word}}]
}

func (p *presentWords) add(db *database.DB, w tableWord) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.words) >= maxPresent {
		clear(p.words)
	}
	p.words[presentKey{db, w}] = true
}

// estimate returns the planner's estimates of the rows of the list q and
// of those of them that meet c (PostgreSQL; the matches only from a list
// of smallList rows on).
func estimate(db *database.DB, q *gorm.DB, c Clause) (rows, matches float64, err error) {
	if rows, err = db.EstimateRows(q); err != nil || rows < smallList {
		return rows, 0, err
	}
	matches, err = estimateMatches(db, q, c)
	return rows, matches, err
}

// estimateMatches is the planner's estimate of the rows of the list q
// that meet c.
func estimateMatches(db *database.DB, q *gorm.DB, c Clause) (float64, error) {
	return db.EstimateRows(q.Session(&gorm.Session{}).Where(c.SQL, c.Args...))
}

// severalWords is the matches expected of a query of several words, from
// the planner's estimate for all of them (the product of their shares)
// and for the rarest word alone: their geometric mean. For seven queries
// of two words on the people at one million the product was 1.5–20 times
// too low and the rarest word 2.5–35 times too high; their geometric mean
// came within 0.4–4.2 times of the matches (docs/performance.md).
func severalWords(all, rarest float64) float64 {
	return math.Sqrt(all * max(rarest, all))
}

// fenced is m's matches found by their indexes and sorted: m in a
// subquery the planner must finish before the list's order applies.
func fenced(m *gorm.DB, table string) *gorm.DB {
	return m.Session(&gorm.Session{NewDB: true}).Table("(?) AS "+table, m.Clauses(fence{}))
}

// fence ends a subquery with OFFSET 0, which keeps PostgreSQL from
// merging it into the query around it.
type fence struct{}

func (fence) Name() string                   { return "LIMIT" }
func (fence) Build(b clause.Builder)         { b.WriteString("OFFSET 0") }
func (f fence) MergeClause(c *clause.Clause) { c.Name, c.Expression = "", f }

// WriteGrams stores a record's grams (Grams) in search_grams, in the
// engine's form (GramsValue); on SQLite the triggers of migration 00032
// carry them into <table>_grams. Unchanged grams are left alone: no new
// row version and no index work on PostgreSQL, no trigger on SQLite.
func WriteGrams(ctx context.Context, db *database.DB, table, id string, grams []string) error {
	v := GramsValue(db, grams)
	return db.Conn(ctx).Exec("UPDATE "+table+" SET search_grams = ? WHERE id = ? AND search_grams IS DISTINCT FROM ?", v, id, v).Error
}
