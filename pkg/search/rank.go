package search

import "strings"

// Names joins the normalized names a record is called by (each of its
// spellings, a person's name in both orders) into the form stored in
// search_name: "| name | other name |". Ranking compares a query with
// whole names, their beginnings and their words there; search_text holds
// the names and everything else a record is found by.
func Names(names ...string) string {
	var b strings.Builder
	seen := map[string]bool{}
	for _, n := range names {
		f := Normalize(n)
		if f == "" || seen[f] {
			continue
		}
		seen[f] = true
		if b.Len() == 0 {
			b.WriteString("|")
		}
		b.WriteString(" " + f + " |")
	}
	return b.String()
}

// Relevance buckets, best first.
const (
	RankExact      = 0 // the query is one of the names
	RankPrefix     = 1 // a name begins with the query
	RankWordPrefix = 2 // a word of a name begins with the query
	RankName       = 3 // every word of the query is in the names
	RankOther      = 4 // found only in other text (description, city, organisation …)
)

// Rank is the SQL expression that gives a matching row of table its
// relevance bucket for query (see the Rank constants); the zero Clause
// when query has no words. It reads only search_name of rows that already
// match, so it costs a few comparisons per match. RankOther is decided
// first, by one comparison a word: a row whose names lack a word cannot
// have the phrase in them either, and most matches of a word found in
// other text are such rows (people?q=殿町, 13,000 of them: its sorted
// read 39 → 26 ms from psql at one million organisations).
func Rank(table, query string) Clause {
	if len(Words(query)) == 0 {
		return Clause{}
	}
	col := table + `.search_name LIKE ? ESCAPE '\'`
	phrase := escapeLike(Phrase(query))
	all := namesHaveAll(table, terms(query))
	return Clause{
		SQL:  "CASE WHEN " + all.SQL + " IS NOT TRUE THEN 4 WHEN " + col + " THEN 0 WHEN " + col + " THEN 1 WHEN " + col + " THEN 2 ELSE 3 END",
		Args: append(all.Args, "%| "+phrase+" |%", "%| "+phrase+"%", "% "+phrase+"%"),
	}
}

// namesHaveAll is the condition that every word is in the names of a row
// of table: its rank is RankName or better.
func namesHaveAll(table string, words []string) Clause {
	all := make([]string, len(words))
	var args []any
	for i, w := range words {
		all[i] = table + `.search_name LIKE ? ESCAPE '\'`
		args = append(args, LikePattern(w))
	}
	return Clause{SQL: "(" + strings.Join(all, " AND ") + ")", Args: args}
}

// wordBegins is the condition that a word of the names of a row of table
// begins with phrase (the words joined): its rank is RankWordPrefix or
// better, as the first word of a name follows "| ".
func wordBegins(table, phrase string) Clause {
	return Clause{SQL: table + `.search_name LIKE ? ESCAPE '\'`, Args: []any{"% " + escapeLike(phrase) + "%"}}
}

// escapeLike escapes s for a LIKE pattern with ESCAPE '\'.
func escapeLike(s string) string { return likeEscapes.Replace(s) }

// likeEscapes is built once: a search builds a dozen patterns, and a
// Replacer made for each call cost a tenth of a search's allocations.
var likeEscapes = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// RankSQL is Rank as arguments for page.Page.Ranked.
func RankSQL(table, query string) (string, []any) {
	c := Rank(table, query)
	return c.SQL, c.Args
}
