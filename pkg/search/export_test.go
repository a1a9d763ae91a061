package search

// SetDenseTerms sets the bucket size from which a ranked page reads the
// rest by ranking every match (denseTerms), until the returned func
// restores it.
func SetDenseTerms(n int) (restore func()) {
	old := denseTerms
	denseTerms = n
	return func() { denseTerms = old }
}
