package search

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/page"
	"gorm.io/gorm"
)

// termLength is how many characters of a name or word start search_terms
// keeps (migration 00034): a longer query is looked up by its beginning,
// and the rank expression checks every candidate.
const termLength = 48

// sortedBy is the default order of each searchable list, which
// search_terms carries in its column sort (migration 00035), so a
// bucket's first candidates in the list's order are read from the term
// indexes alone.
var sortedBy = map[string]string{
	"organisations": "name_sort",
	"people":        "name_sort",
	"agreements":    "signed_on",
	"trips":         "start_date",
	"projects":      "start_sort",
	"opportunities": "published_sort",
}

// candidatesPerRow is how many candidates of a bucket are read at first
// for each row the page still needs: enough for filters that keep one in
// four (a country, a kind); where they keep fewer, the bucket reads four
// times as many again, and again.
var candidatesPerRow = 4

// maxCandidates bounds one read of a bucket's candidates (they go to the
// database again as one array): a filter that keeps almost none of a
// dense bucket reads it in steps of this many.
const maxCandidates = 10000

// sparseTerms is the number of search_terms entries beginning with the
// query below which a bucket's candidates are read from the term range
// (search_terms_term_idx) and sorted: at most this many index entries.
// From it on, they are read in the list's order from the entries that
// begin with the query's first two, three or six characters (see heads),
// which stops after the candidates it needs: at least one in 400 entries
// of the largest group of two (800,000 at one million organisations) is
// then a candidate.
var sparseTerms = 2000

// heads are the lengths of the beginnings by which the head indexes
// group the terms, shortest first: search_terms_head_idx 2 (migration
// 00035), search_terms_head3_idx and search_terms_head6_idx 3 and 6
// (00038). A dense bucket reads the group of the longest that the query
// is not shorter than, so that the terms it passes before its candidates
// mostly begin with the query: in the group ヤマ of two characters, the
// people's ヤマダ… sit after ヤマグチ, ヤマザキ … and yamamoto… after
// yamada, yamaguchi … (127,820 and 85,209 entries passed at one million
// organisations; 24 in the groups ヤマダ and yamamo, docs/performance.md).
// Each head index holds every term once more (2.5 GB at one million),
// so there are three, not one for each length.
var heads = []int{2, 3, 6}

// head is the length of the group a dense bucket of a query of n
// characters reads: the longest of heads not longer than n, 0 for none.
func head(n int) int {
	h := 0
	for _, l := range heads {
		if l <= n {
			h = l
		}
	}
	return h
}

// Find reads one page of a searchable list into rows (a pointer to a
// slice): q is the list's query with its filters and p.Select, table its
// table, query the search text (may be empty) and also the other ways a
// record is found (see Matching).
//
// On PostgreSQL a ranked page is read bucket by bucket (page.FindBuckets),
// best first, and stops when it is full. The exact, prefix and word-prefix
// buckets are found in search_terms, a btree of every name and word start
// (migration 00034) that carries the list's order (00035). A bucket's
// first candidates in that order are read from an index, a few times the
// rows the page still needs (more if the filters leave too few), then
// looked up, checked and filtered: when fewer than sparseTerms terms begin
// with the query, the index range of those terms, sorted; otherwise the
// terms with the query's first two, three or six characters (the longest
// the query has, see heads), in the list's order, which stops after the
// candidates it needs. No term begins with the query: the
// three buckets are empty, and are not read. The last two buckets (every
// word somewhere in the names; found only in other text or through also)
// are read in windows of the list's order, each row checked, until the
// windows have passed a few times the matches the planner expects; the
// rest of their matches are then found by their indexes and sorted (see
// window). So a word in a sixth of a million records, whose best five
// are names that begin with it, no longer ranks every record that
// contains it.
//
// On PostgreSQL a page first asks whether the query's words are among
// the words of the table; where one is not, the page is empty and no
// record is read (see nowhere).
//
// SQLite reads a ranked page in one statement: FTS5 gives the matches by
// rowid and ranking them costs little at the sizes it serves
// (docs/performance.md).
func Find(q *gorm.DB, db *database.DB, table, query string, p page.Page, rows any, also ...Also) error {
	if db.Engine == database.Postgres {
		if none, err := nowhere(q, db, table, query); err != nil {
			return err
		} else if none {
			return p.Find(q.Where("FALSE"), rows)
		}
	}
	phrase := Phrase(query)
	if db.Engine != database.Postgres || phrase == "" || strings.Contains(phrase, "|") {
		return p.Find(Matching(q, db, table, query, p.IsRanked(), also...), rows)
	}
	if !p.IsRanked() {
		// In a name's or title's order the matches of a name sit together
		// (people named Tanaka), where windows would pass all the rows
		// before them (docs/performance.md).
		if NameOrders[p.SortColumn()] {
			return p.Find(Matching(q, db, table, query, false, also...), rows)
		}
		return inOrder(q, db, table, query, p, rows, also)
	}
	if sortedBy[table] != p.SortColumn() {
		return fmt.Errorf("search: search_terms of %s are in the order of %q, the ranked page in that of %q", table, sortedBy[table], p.SortColumn())
	}
	rank := Rank(table, query)
	base := Matching(q, db, table, query, true, also...)
	// Bucket RankName as a condition whose share of the rows the planner
	// can estimate (it guesses half a percent for "rank = 3", and so
	// sorted every match of a word inside 5 % of the names to find 50):
	// in the names (a short word, found among the grams, which also hold
	// other names, checked in them) but no word begins with the query.
	// RankOther stays "rank = 4": told that most matches of a dense word
	// are found only through their organisation, the planner read the
	// people in order and looked each one's organisation up (people/bio
	// 10 → 507 ms).
	begins := wordBegins(table, phrase)
	inNames := Clause{SQL: "NOT " + begins.SQL, Args: begins.Args}
	long, short := split(query)
	if len(short) > 0 {
		in := namesHaveAll(table, short)
		inNames = Clause{SQL: inNames.SQL + " AND " + in.SQL, Args: append(inNames.Args, in.Args...)}
	}
	if r := []rune(phrase); len(r) > termLength {
		phrase = string(r[:termLength])
	}
	// How many terms begin with the query, up to sparseTerms, counted
	// when a page first reads one of the three buckets they give (a page
	// that continues in a later bucket does not): none, and they are
	// empty.
	terms := -1
	var next *candidates // the bucket being read, when it is asked again
	ws := newWindows(q, rankedWindows)
	defer ws.close()
	return p.FindBuckets(base, rows, RankOther+1, func(r, need int) page.Bucket {
		q := ws.q
		is := Clause{SQL: "(" + rank.SQL + ") = ?", Args: append(append([]any{}, rank.Args...), r)}
		switch r {
		case RankName, RankOther:
			w := bucketMatch{query: query, own: func(query string) Clause { return nameCondition(table, query) }, narrow: inNames}
			if r == RankOther {
				w = bucketMatch{query: query, own: func(query string) Clause { return Condition(db, table, query) }, also: also, narrow: is}
			}
			return ws.bucket(db, p, table, w, r, len(long) == 0, need)
		}
		if terms < 0 {
			err := q.Session(&gorm.Session{NewDB: true}).Raw(`SELECT count(*) FROM (SELECT FROM search_terms WHERE tbl = ? AND term LIKE ? ESCAPE '\' LIMIT ?) AS t`,
				table, escapeLike(phrase)+"%", sparseTerms).Scan(&terms).Error
			if err != nil {
				_ = q.AddError(err)
				return page.Bucket{Query: q}
			}
		}
		if terms == 0 {
			return page.Bucket{}
		}
		if next == nil || next.rank != r {
			dense := terms >= sparseTerms && head(len([]rune(phrase))) > 0 && r != RankExact
			next = &candidates{rank: r, n: min(candidatesPerRow*need, maxCandidates), dense: dense}
		}
		ids, more, err := next.read(q, p, table, phrase)
		if err != nil {
			_ = q.AddError(err)
			return page.Bucket{Query: q}
		}
		if len(ids) == 0 {
			return page.Bucket{}
		}
		// Looked up and sorted in a fenced subquery: left to itself the
		// planner may read the list in its order and check each row, but
		// a bucket's rows sit together in name order (every "Huber …"
		// after the "H"s).
		m := q.Session(&gorm.Session{}).Where(table+".id = ANY(?::text[]::uuid[])", database.TextArray(ids)).Where(is.SQL, is.Args...)
		return page.Bucket{Query: fenced(m, table), More: more}
	})
}

// inOrder reads a page of a search ordered by a sort= other than the
// names (a time, a date) rather than by relevance, on PostgreSQL, as a
// ranked page reads its last bucket: in windows of the list's order, each
// row checked, and the matches found by their indexes and sorted where
// that costs less (see window; inOrderWindows). Matching, which sorts
// every match unless they are in 2 % of the rows, took 70–110 ms for a
// page of people?q=martinsried&sort=-updated_at at one million
// organisations, whose 32,000 matches are spread through that order
// (docs/performance.md).
func inOrder(q *gorm.DB, db *database.DB, table, query string, p page.Page, rows any, also []Also) error {
	long, _ := split(query)
	m := bucketMatch{query: query, own: func(query string) Clause { return Condition(db, table, query) }, also: also, narrow: Clause{SQL: "TRUE"}}
	ws := newWindows(q, inOrderWindows)
	defer ws.close()
	// The rows include=total counts: the plain condition (ranked, so no
	// estimates are asked for a plan the windows do not use).
	return p.FindBuckets(Matching(q, db, table, query, true, also...), rows, 1, func(r, need int) page.Bucket {
		return ws.bucket(db, p, table, m, r, len(long) == 0, need)
	})
}

// windowPolicy is how a page's windows are sized from the planner's
// estimate of the matches: perMatch, the rows they may pass for each
// match expected before the rest is sorted; raise, whether the estimate
// of several words is raised first (see window.plan).
type windowPolicy struct {
	perMatch float64
	raise    bool
}

// rankedWindows is the policy of a ranked page's last two buckets.
var rankedWindows = windowPolicy{perMatch: windowRows, raise: true}

// inOrderWindows is that of a page in an order other than relevance and
// the names (inOrder). Read in the order of a time, each row is on a page
// of its own, and a row checked cost about two thirds of a match found
// and sorted (organisations?q=muller&sort=-updated_at at one million:
// 17,700 rows 40 ms, its 2,875 matches 10 ms), not the third to half it
// costs in name order: the windows pass one row per match expected. The
// estimate of several words is kept as the planner gives it: raised,
// people?q=isar cell&sort=-updated_at read windows that held none of its
// matches, 26 → 41 ms (docs/performance.md).
var inOrderWindows = windowPolicy{perMatch: 1, raise: false}

// windows reads the window buckets of one page (see window) and keeps
// the page's snapshot. The rest of a page is read in one snapshot from
// its first window on: a window's rows and, when the bucket is asked
// again, its last row are two statements (see window.next), and a row
// written between them must not move the one without the other. Pages
// that read no window open no transaction (two more round trips, little
// here but more where the database is across a network); a page read in
// a caller's transaction is read in that one, and sees its writes.
type windows struct {
	q      *gorm.DB // the page's connection: tx once a window is read
	tx     *gorm.DB
	inTx   bool
	policy windowPolicy
	win    *window // the bucket being read, when it is asked again
}

func newWindows(q *gorm.DB, policy windowPolicy) *windows {
	_, inTx := q.Statement.ConnPool.(gorm.TxCommitter)
	return &windows{q: q, inTx: inTx, policy: policy}
}

// bucket is the next part of bucket rank, read in windows: m is what its
// rows must meet, exact that the query has only short words.
func (ws *windows) bucket(db *database.DB, p page.Page, table string, m bucketMatch, rank int, exact bool, need int) page.Bucket {
	q := ws.q
	if ws.win == nil || ws.win.rank != rank {
		ws.win = &window{rank: rank, exact: exact, windowPolicy: ws.policy}
		if err := ws.win.plan(q, db, p, table, m, need); err != nil {
			_ = q.AddError(err)
			return page.Bucket{Query: q}
		}
	}
	if ws.tx == nil && !ws.inTx && ws.win.reads() {
		if ws.tx = q.Begin(snapshot); ws.tx.Error != nil {
			_ = q.AddError(ws.tx.Error)
			ws.tx = nil
			return page.Bucket{Query: q}
		}
		q, ws.q = ws.tx, ws.tx
	}
	b, err := ws.win.next(q, db, p, table, m, need)
	if err != nil {
		_ = q.AddError(err)
		return page.Bucket{Query: q}
	}
	return b
}

// close ends the page's snapshot, if it opened one.
func (ws *windows) close() {
	if ws.tx != nil {
		ws.tx.Rollback() // it only read
	}
}

// candidates reads a bucket's candidates from search_terms in the
// list's order (its column sort), n at a time and four times as many each
// time the bucket is asked again (when the filters left too few of them),
// up to maxCandidates.
type candidates struct {
	rank     int
	n        int
	dense    bool   // read from search_terms_head_idx, in order
	sort, id string // the last candidate read; id "" before the first read
}

// read returns the next candidates' ids and whether there may be more.
// The exact bucket's are the records with a name that is phrase; the
// prefix bucket's, those with a name that begins with it; the word-prefix
// bucket's, those with a later word of a name that does (migration 00035
// leaves out the word starts that begin a name of the same record). Their
// rank is checked on the rows, as every bucket's.
func (c *candidates) read(q *gorm.DB, p page.Page, table, phrase string) ([]string, bool, error) {
	word := c.rank == RankWordPrefix
	var sql string
	var args []any
	switch {
	case c.rank == RankExact:
		sql, args = "SELECT id, sort FROM search_terms WHERE tbl = ? AND term = ? AND NOT word", []any{table, phrase}
	case c.dense:
		// In the list's order from the entries of the same first
		// characters (see heads), and of those the ones that begin with
		// the whole query where it is longer; left(term, n), not LIKE, so
		// that the planner cannot take the range of the term index instead
		// and sort it.
		n := len([]rune(phrase))
		h := head(n)
		sql = "SELECT id, sort FROM search_terms WHERE tbl = ? AND left(term, " + strconv.Itoa(h) + ") = ? AND word = ?"
		args = []any{table, string([]rune(phrase)[:h]), word}
		if n > h {
			sql += " AND left(term, ?) = ?"
			args = append(args, n, phrase)
		}
	default:
		sql = `SELECT id, sort FROM search_terms WHERE tbl = ? AND term LIKE ? ESCAPE '\' AND word = ?`
		args = []any{table, escapeLike(phrase) + "%", word}
	}
	cond, order := p.KeysetOn("sort", "id")
	if c.id != "" {
		sql += " AND " + cond
		args = append(args, c.sort, c.id)
	} else if v, id, ok := p.After(c.rank); ok {
		sql += " AND " + cond
		args = append(args, v, id)
	}
	sql += " ORDER BY " + order + " LIMIT ?"
	args = append(args, c.n)
	var found []struct{ ID, Sort string }
	if err := q.Session(&gorm.Session{NewDB: true}).Raw(sql, args...).Scan(&found).Error; err != nil {
		return nil, false, err
	}
	// A record with several names that begin with phrase comes once.
	ids := make([]string, 0, len(found))
	for i, f := range found {
		if i == 0 || f.ID != found[i-1].ID {
			ids = append(ids, f.ID)
		}
	}
	more := len(found) == c.n
	if more {
		c.sort, c.id = found[len(found)-1].Sort, found[len(found)-1].ID
		c.n = min(c.n*4, maxCandidates)
	}
	return ids, more, nil
}

// nameCondition is the condition that every word of query is in the
// names of a row of table (search_name, its trigram index of migration
// 00034; short words among the grams, which are made of the names), on
// PostgreSQL: the rows of rank RankName or better.
func nameCondition(table, query string) Clause {
	return ConditionIn(table+".search_name", table+".search_grams", query)
}

// bucketMatch is what one of the last two buckets (RankName, RankOther)
// asks of a row: every word of query by own or by one of also (see
// combine), and narrow, which the choice of plan leaves out (the bucket's
// share of the rows is the planner's guess; the windows are sized for the
// matches' density, not the bucket's).
type bucketMatch struct {
	query  string
	own    func(query string) Clause
	also   []Also
	narrow Clause
}

// condition is the row's condition but narrow.
func (m bucketMatch) condition(db *database.DB, table string) Clause {
	return combine(db, table, m.query, m.own, m.also)
}

// windowRows bounds, as a multiple of the matches the planner expects,
// how many rows of a list the windows of a ranked page's bucket span
// (rankedWindows) before its other matches are found by their indexes
// and sorted: checking a row in the list's order costs a third to a half
// of what finding and sorting a match does (2.5 against 5–8 µs from
// psql for people at one million; a sorted read whose word's index
// entries are many costs far more a match: people?q=vaccines ag 40 µs),
// so windows that find too little cost at most about twice the sorted
// read more than it (docs/performance.md: people?q=殿町).
const windowRows = 4

// fixedWindows, when set (by tests), is the first window's rows and the
// rows the windows may span, whatever the list's size and the estimates.
var fixedWindows *struct {
	rows int
	left float64
}

// window reads one of the last two buckets of a ranked page (or a page
// of a search in the order of a time or a date, see inOrder) in the
// list's order a window at a time: the rows between the last one read
// and the one a number of rows later, each checked, so that a read stops after
// the rows the page needs and never passes more than a window. The first
// window is twice the rows the page should need if the matches were
// spread through the list as the planner expects, or the rows the
// windows may span if fewer and still enough for the page; each further
// one four times the last; when the next would pass more rows than
// windowRows times the matches expected, the rest of the matches are
// found by their indexes and sorted. A window's rows are read in the
// list's order and then checked, whatever indexes the conditions have.
// So a word in 1.6 % of two million people (found through their
// organisation) reads about 3,200 rows for a page, not 32,000 matches,
// and matches that sit together late in the list's order cost about
// three times the sorted read at worst. A list of fewer than
// smallList rows, or a bucket the planner expects to be smaller than its
// first window, is read as Matching reads it; so is a query of only
// short words whose first window would pass at least half as many rows
// as it has matches (see plan). For a query of several words the
// matches expected are the planner's estimate, or, where that would
// sort them, a higher one from each word's estimate (see plan).
type window struct {
	rank int
	windowPolicy
	small bool    // a small list: the planner's choice
	exact bool    // only short words: the gram index finds the matches, no recheck
	rows  int     // rows the next window spans; 0: the rest is sorted
	left  float64 // rows the windows may still span
	value any     // the row the last window began after (its sort value and id), when id != ""
	id    string
	read  int // the last window's rows; its last row is found when the bucket is asked again
}

// reads tells whether the bucket's next part is a window, read in the
// list's order, rather than its matches as the planner finds them.
func (w *window) reads() bool { return !w.small && w.rows > 0 }

// snapshot is the transaction a page's windows are read in (windows):
// every statement sees the rows as they were at its first.
var snapshot = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}

// plan estimates the bucket's matches and sizes its first window.
func (w *window) plan(q *gorm.DB, db *database.DB, p page.Page, table string, m bucketMatch, need int) error {
	w.value, w.id, _ = p.After(w.rank)
	if fixedWindows != nil {
		w.rows, w.left = fixedWindows.rows, fixedWindows.left
		return nil
	}
	rows, matches, err := estimate(db, q, m.condition(db, table))
	if err != nil {
		return err
	}
	if rows < smallList {
		w.small = true
		return nil
	}
	w.rows = firstWindow(need, rows, matches, w.exact, w.perMatch)
	if words := terms(m.query); w.rows == 0 && !w.exact && w.raise && len(words) > 1 {
		// The planner takes the words as independent and multiplies their
		// shares, but the words of names come together: it expected 3,084
		// people for vaccines ag where 8,158 match (the organisations
		// called "… Vaccines AG"), so the page sorted them all (141 ms),
		// where in name order it is full after 5,379 rows. Before the
		// matches of several words are sorted, they are expected to be
		// the geometric mean of that and the rarest word's (severalWords).
		// Each word's estimate costs one to two milliseconds of planning,
		// so the words are asked only while a first window is possible:
		// it takes sqrt(need·rows/perMatch) matches expected
		// (firstWindow), and so a rarest word of at least least. Only
		// short words keep the planner's estimate: their matches cost
		// about what a row in a window does.
		least := float64(need) * rows / (w.perMatch * matches)
		rarest := rows
		for _, word := range words {
			if rarest < least {
				break
			}
			n, err := estimateMatches(db, q, combine(db, table, word, m.own, m.also))
			if err != nil {
				return err
			}
			rarest = min(rarest, n)
		}
		matches = severalWords(matches, rarest)
		w.rows = firstWindow(need, rows, matches, false, w.perMatch)
	}
	w.left = w.perMatch * matches
	return nil
}

// firstWindow is the rows of a bucket's first window for a page that
// needs need more rows, from the planner's estimates of the list's rows
// and the bucket's matches; 0 where the matches should rather be found
// by their indexes and sorted. exact: the query has only short words;
// perMatch: the rows the windows may pass for each match expected
// (windowPolicy).
func firstWindow(need int, rows, matches float64, exact bool, perMatch float64) int {
	span := 2 * float64(need) * rows / max(matches, 1)
	if exact && 2*span >= matches {
		// Only short words: the gram index finds the matches exactly, so
		// a match found and sorted costs about what a row checked in a
		// window does (people?q=殿町 at one million: 1.8 and 1.6 µs). A
		// first window of at least half as many rows as there are
		// matches would save at most three quarters of the sorted read
		// where the matches are spread through the list, and cost half
		// of it more where they sit together after the window: as
		// Japanese names do after the Latin ones (殿町's 13,000 people
		// follow 15,000 rows of Latin names; the page 52 → 25 ms).
		return 0
	}
	// Twice the rows that should hold the page, or as many of them as
	// the windows may span if those should hold it once.
	left := perMatch * matches
	if span/2 > left {
		return 0
	}
	return max(int(min(span, left)), need)
}

// next is the bucket's next part (need rows at most): the next window,
// or the rest sorted. A window is the rows after the last one's, up to
// its rows, in a subquery with that LIMIT, so that the planner reads
// them in the list's order and stops with the page: fenced by the
// window's last row instead, it read the people's organisation index
// whole and sorted the window, because people are written organisation
// by organisation and lie in that index's order (people?q=川崎 at
// 100,000: 75 → 15 ms, docs/performance.md). Where the next window
// begins, the window's last row, is found only when the bucket is asked
// again, in the page's snapshot (see windows): a row written in between
// would otherwise push a row of the window past its end unread.
func (w *window) next(q *gorm.DB, db *database.DB, p page.Page, table string, m bucketMatch, need int) (page.Bucket, error) {
	col, id := table+"."+p.SortColumn(), table+".id"
	after, order := p.KeysetOn(col, id)
	from := func(m *gorm.DB) *gorm.DB {
		if w.id == "" {
			return m
		}
		return m.Where(after, w.value, w.id)
	}
	if w.read > 0 {
		// The last window's last row: the list's index alone where it has
		// no other conditions.
		var end []struct {
			Value string
			ID    string
		}
		err := from(q.Session(&gorm.Session{})).Select(col + " AS value, " + id + " AS id").Order(order).Offset(w.read - 1).Limit(1).Scan(&end).Error
		if err != nil || len(end) == 0 {
			return page.Bucket{}, err // none: the window reached the end of the list
		}
		w.value, w.id, w.read = end[0].Value, end[0].ID, 0
	}
	c := m.condition(db, table)
	matches := q.Session(&gorm.Session{}).Where(c.SQL, c.Args...).Where(m.narrow.SQL, m.narrow.Args...)
	switch {
	case w.small:
		// The planner's choice, as Matching leaves it on a small list
		// (plan has estimated the list already).
		return page.Bucket{Query: matches}, nil
	case w.rows == 0:
		return sortedRest(q, table, from(matches), col, id, order, need)
	}
	// The window's rows are read in the list's order and then checked:
	// where the conditions are on the table's own indexed columns (a
	// person's organisation, migration 00036), the planner would rather
	// find all of the word's matches by their index and keep those in the
	// window (people?q=martinsried: 50 ms for a window of 1,200 rows,
	// which in order take 3). The subquery carries the list's own
	// conditions (archived, the filters), so that it is the range of the
	// index the list is read by: without them the planner took an index
	// that begins with archived, read it whole and sorted the window
	// (organisations?q=免疫 at 100,000: 72 → 12 ms).
	//
	// Each row's check is a column (search_hit) of a fenced subquery in the
	// same order, and the page keeps the rows where it is true: as a
	// condition, the planner would estimate it, trying each LIKE pattern
	// on its column's histogram of 1,000 entries, for a plan the window
	// fixes anyway (people?q=isar cell at one million: planning 2.0–2.3
	// → 0.2 ms a window, docs/performance.md).
	rows := from(q.Session(&gorm.Session{})).Select(table + ".*").Order(order).Limit(w.rows)
	hit := q.Session(&gorm.Session{NewDB: true}).Table("(?) AS "+table, rows).
		Select(table+".*, ("+c.SQL+") AND ("+m.narrow.SQL+") AS search_hit", append(append([]any{}, c.Args...), m.narrow.Args...)...).
		Order(order)
	part := q.Session(&gorm.Session{}).Table("(?) AS "+table, hit.Clauses(fence{})).Where(table + ".search_hit")
	w.read = w.rows
	w.left -= float64(w.rows)
	if w.rows *= 4; float64(w.rows) > w.left {
		w.rows = 0
	}
	return page.Bucket{Query: part, More: true}, nil
}

// sortedRest is the rest of a bucket, matches (after the page's
// cursor), found by their indexes and sorted: the first need of them in
// the list's order by their id and sort value alone, then those rows by
// id. Sorting the whole rows copied each match into the sort, however
// few it kept: for people?q=殿町 at one million, 13,198 whole rows cost
// 9.5 of the statement's 27.5 ms (docs/performance.md).
func sortedRest(q *gorm.DB, table string, matches *gorm.DB, col, id, order string, need int) (page.Bucket, error) {
	var ids []string
	keys := matches.Session(&gorm.Session{}).Select(id + ", " + col)
	if err := fenced(keys, table).Order(order).Limit(need).Pluck(id, &ids).Error; err != nil || len(ids) == 0 {
		return page.Bucket{}, err
	}
	return page.Bucket{Query: q.Session(&gorm.Session{}).Where(id+" = ANY(?::text[]::uuid[])", database.TextArray(ids))}, nil
}
