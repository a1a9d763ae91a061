package webhook

import (
	"context"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/prometheus/client_golang/prometheus"
)

// Collector reports the deliveries by outcome at each scrape, counted in
// the delivery log: the same numbers on every instance, whichever worked
// the deliveries (like the job queue's collector).
type Collector struct {
	db   *database.DB
	desc *prometheus.Desc
}

// NewCollector returns the collector of db's webhook deliveries.
func NewCollector(db *database.DB) *Collector {
	return &Collector{db: db, desc: prometheus.NewDesc("innomunich_webhook_deliveries_total",
		"Webhook deliveries by outcome (succeeded, failed), as the delivery logs keep them.", []string{"outcome"}, nil)}
}

func (c *Collector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	counts := map[string]float64{Succeeded: 0, Failed: 0}
	rows, err := c.db.SQL().QueryContext(ctx, "SELECT status, count(*) FROM webhook_deliveries GROUP BY status")
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var status string
		var n float64
		if err := rows.Scan(&status, &n); err != nil {
			ch <- prometheus.NewInvalidMetric(c.desc, err)
			return
		}
		counts[status] = n
	}
	if err := rows.Err(); err != nil {
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	for outcome, n := range counts {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.CounterValue, n, outcome)
	}
}
