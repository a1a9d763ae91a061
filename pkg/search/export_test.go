package search

// SetCandidatesPerRow sets how many candidates of a bucket read in the
// list's order are read at first for each row the page needs
// (candidatesPerRow), until the returned func restores it.
func SetCandidatesPerRow(n int) (restore func()) {
	old := candidatesPerRow
	candidatesPerRow = n
	return func() { candidatesPerRow = old }
}

// SetSparseTerms sets the number of terms from which a bucket's
// candidates are read in order from a head index (sparseTerms, heads),
// until the returned func restores it.
func SetSparseTerms(n int) (restore func()) {
	old := sparseTerms
	sparseTerms = n
	return func() { sparseTerms = old }
}

// SetWindows makes the last two buckets of a ranked page read in windows
// of rows rows at first, spanning at most left rows before the rest is
// sorted, on lists of any size, until the returned func restores them.
func SetWindows(rows int, left float64) (restore func()) {
	fixedWindows = &struct {
		rows int
		left float64
	}{rows, left}
	return func() { fixedWindows = nil }
}

// FirstWindow is firstWindow for a ranked page (windowRows): the rows of
// a bucket's first window, 0 for its matches sorted.
var FirstWindow = func(need int, rows, matches float64, exact bool) int {
	return firstWindow(need, rows, matches, exact, windowRows)
}

// SeveralWords is severalWords: the matches expected of a query of
// several words.
var SeveralWords = severalWords

// SetSmallList sets the rows from which a search asks the planner for
// its estimates (smallList), until the returned func restores it.
func SetSmallList(rows float64) (restore func()) {
	old := smallList
	smallList = rows
	return func() { smallList = old }
}

// Terms is terms: the words of a query a record must contain.
var Terms = terms
