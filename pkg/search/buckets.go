package search

import (
	"strings"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/page"
	"gorm.io/gorm"
)

// termLength is how many characters of a name or word start search_terms
// keeps (migration 00034): a longer query is looked up by its beginning,
// and the rank expression checks every candidate.
const termLength = 48

// denseTerms is the number of search_terms entries of a prefix or
// word-prefix bucket from which the rest of the page is read by ranking
// every match (as SQLite does, and as PostgreSQL did before migration
// 00034) instead of looking the bucket's candidates up one by one: at
// about 6 µs a candidate against 3–5 µs a match, a bucket this large costs
// more than the matches do. Reading the list in its order and checking
// each row's rank does not help either: a name-prefix bucket sits together
// in name order (every "Müller …" after the "L"s).
var denseTerms = 20000

// Find reads one page of a searchable list into rows (a pointer to a
// slice): q is the list's query with its filters and p.Select, table its
// table, query the search text (may be empty) and also the other ways a
// record is found (see Matching).
//
// On PostgreSQL a ranked page is read bucket by bucket (page.FindBuckets),
// best first, and stops when it is full. The exact, prefix and word-prefix
// buckets are found through search_terms, a btree of every name and word
// start (migration 00034): their candidates are looked up there and
// sorted, unless the bucket has denseTerms entries or more; then the rest
// of the page is ranked at once, as Matching ranks a page. The last two
// buckets (every word somewhere in the names; found only in other text or
// through also) are read as Matching reads the list: in its order, a
// bucket at a time, where the matches are dense, otherwise every match
// found by its index and sorted. So a word in a sixth of a
// million records, whose best five are names that begin with it, no
// longer ranks every record that contains it.
//
// SQLite reads a ranked page in one statement: FTS5 gives the matches by
// rowid and ranking them costs little at the sizes it serves
// (docs/performance.md).
func Find(q *gorm.DB, db *database.DB, table, query string, p page.Page, rows any, also ...Clause) error {
	phrase := strings.Join(Words(query), " ")
	if !p.IsRanked() || db.Engine != database.Postgres || phrase == "" || strings.Contains(phrase, "|") {
		return p.Find(Matching(q, db, table, query, p.IsRanked(), also...), rows)
	}
	rank := Rank(table, query)
	base := Matching(q, db, table, query, true, also...)
	if r := []rune(phrase); len(r) > termLength {
		phrase = string(r[:termLength])
	}
	return p.FindBuckets(base, rows, RankOther+1, func(r int) (*gorm.DB, bool) {
		is := Clause{SQL: "(" + rank.SQL + ") = ?", Args: append(append([]any{}, rank.Args...), r)}
		var terms Clause
		switch r {
		case RankExact:
			terms = Clause{SQL: "term = ? AND NOT word", Args: []any{phrase}}
		case RankPrefix:
			terms = Clause{SQL: `term LIKE ? ESCAPE '\' AND NOT word`, Args: []any{escapeLike(phrase) + "%"}}
		case RankWordPrefix:
			terms = Clause{SQL: `term LIKE ? ESCAPE '\'`, Args: []any{escapeLike(phrase) + "%"}}
		case RankName:
			return matching(q, db, table, nameCondition(table, query), false, is, nil), false
		default:
			return matching(q, db, table, Condition(db, table, query), false, is, also), false
		}
		sel := "SELECT id FROM search_terms WHERE tbl = ? AND " + terms.SQL
		args := append([]any{table}, terms.Args...)
		if r != RankExact {
			// A bucket of tens of thousands costs more looked up one
			// candidate at a time than every match ranked at once: the
			// rest of the page is read so.
			var n int
			if err := q.Session(&gorm.Session{NewDB: true}).Raw("SELECT count(*) FROM ("+sel+" LIMIT ?) AS t", append(args, denseTerms)...).Scan(&n).Error; err != nil {
				_ = q.AddError(err)
				return q, false
			}
			if n >= denseTerms {
				at := Clause{SQL: "(" + rank.SQL + ") >= ?", Args: append(append([]any{}, rank.Args...), r)}
				return matching(q, db, table, Condition(db, table, query), true, at, also), true
			}
		}
		// The candidates first, then their order: in a fenced subquery, as
		// Matching's sparse path. Left to itself the planner reads the list
		// in its order and looks each row up, but a bucket's rows sit
		// together in name order (every "Huber …" after the "H"s), so it
		// passed hundreds of thousands of rows to find them.
		m := q.Session(&gorm.Session{}).Where(table+".id IN ("+sel+")", args...).Where(is.SQL, is.Args...)
		return m.Session(&gorm.Session{NewDB: true}).Table("(?) AS "+table, m.Clauses(fence{})), false
	})
}

// nameCondition is the condition that every word of query is in the
// names of a row of table (search_name, its trigram index of migration
// 00034; short words among the grams, which are made of the names), on
// PostgreSQL: the rows of rank RankName or better.
func nameCondition(table, query string) Clause {
	var conds []string
	var args []any
	var short []string
	for _, w := range Words(query) {
		if Short(w) {
			short = append(short, w)
			continue
		}
		conds = append(conds, table+`.search_name LIKE ? ESCAPE '\'`)
		args = append(args, LikePattern(w))
	}
	if len(short) > 0 {
		conds = append(conds, table+".search_grams @> ?")
		args = append(args, database.TextArray(short))
	}
	return Clause{SQL: "(" + strings.Join(conds, " AND ") + ")", Args: args}
}
