package jobs

import (
	"context"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/prometheus/client_golang/prometheus"
)

// Collector reports the jobs in the queue by kind and state at each
// scrape, counted in the database: the same numbers on every instance,
// whichever worked the jobs. State retryable counts jobs that failed and
// wait for their retry, discarded those that failed for good.
type Collector struct {
	db   *database.DB
	desc *prometheus.Desc
}

// NewCollector returns the collector of db's job queue.
func NewCollector(db *database.DB) *Collector {
	return &Collector{db: db, desc: prometheus.NewDesc("innomunich_jobs",
		"Background jobs in the queue by kind and state (available, scheduled, running, retryable, discarded, …).",
		[]string{"kind", "state"}, nil)}
}

func (c *Collector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	// Completed jobs are kept a day and would dominate the count.
	rows, err := c.db.SQL().QueryContext(ctx, "SELECT kind, state, count(*) FROM river_job WHERE state <> 'completed' GROUP BY kind, state")
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var kind, state string
		var n float64
		if err := rows.Scan(&kind, &state, &n); err != nil {
			ch <- prometheus.NewInvalidMetric(c.desc, err)
			return
		}
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, n, kind, state)
	}
	if err := rows.Err(); err != nil {
		ch <- prometheus.NewInvalidMetric(c.desc, err)
	}
}
