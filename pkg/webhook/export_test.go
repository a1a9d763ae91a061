package webhook

import "github.com/riverqueue/river"

// DispatchJob is what the periodic dispatch inserts now: its job, or nil
// when nothing is due.
func DispatchJob(d *Dispatcher) river.JobArgs {
	args, _ := d.dispatchJob()
	return args
}
