package database

import "time"

// SetEstimateClock makes EstimateRows keep its estimates by now; the
// returned func restores time.Now.
func SetEstimateClock(now func() time.Time) (restore func()) {
	estimates.mu.Lock()
	defer estimates.mu.Unlock()
	old := estimates.now
	estimates.now = now
	return func() {
		estimates.mu.Lock()
		defer estimates.mu.Unlock()
		estimates.now = old
	}
}
