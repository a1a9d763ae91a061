package webhook_test

import (
	"context"
	"net/http"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/jobs"
	"github.com/innomunich/platform/pkg/webhook"
	"github.com/riverqueue/river"
)

// BenchmarkDelivery measures, per engine and poll interval, with a real
// HTTPS receiver on loopback: deliveries/s for a backlog of 300 events to
// one subscription (one at a time, in order, each logged in its own
// transaction), counted from the first delivery, and the latency from a change's commit to the receiver
// (median of 10). Run with -benchtime=1x.
func BenchmarkDelivery(b *testing.B) {
	engines := []database.Engine{database.SQLite}
	if containsPostgres(dbtest.Engines(&testing.T{})) {
		engines = append(engines, database.Postgres)
	}
	for _, engine := range engines {
		for _, poll := range []time.Duration{webhook.DefaultPoll, 100 * time.Millisecond} {
			b.Run(string(engine)+"/poll="+poll.String(), func(b *testing.B) {
				for range b.N {
					benchDelivery(b, engine, poll)
				}
			})
		}
	}
}

func benchDelivery(b *testing.B, engine database.Engine, poll time.Duration) {
	t := &testing.T{}
	db := dbtest.New(b, engine)
	e := newEnv(t, db)
	var received atomic.Int64
	arrived := make(chan time.Time, 1000)
	e.rcv.status = func(int) int {
		received.Add(1)
		arrived <- time.Now()
		return http.StatusNoContent
	}
	e.subscribe(t)
	const backlog = 300
	changes(t, db, backlog)

	ws := river.NewWorkers()
	webhook.Register(ws, e.d)
	q, err := jobs.New(db, jobs.Config{Concurrency: 4, Workers: ws, Periodic: e.d.Periodic(poll), PollInterval: poll})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := q.Start(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer func() {
		ctx, stop := context.WithTimeout(context.Background(), 10*time.Second)
		defer stop()
		_ = q.Shutdown(ctx)
	}()
	first := <-arrived
	b.ReportMetric(float64(first.Sub(start).Milliseconds()), "ms-to-first")
	last := first
	for received.Load() < backlog || len(arrived) > 0 {
		last = <-arrived
	}
	// From the first delivery on: the start (leader election, the first
	// dispatch) is measured apart.
	b.ReportMetric(float64(backlog-1)/last.Sub(first).Seconds(), "deliveries/s")

	var lat []float64
	for range 10 {
		// Let the backlog's last delivery commit, then time one change.
		time.Sleep(50 * time.Millisecond)
		commit := time.Now()
		changes(t, db, 1)
		at := <-arrived
		lat = append(lat, float64(at.Sub(commit).Milliseconds()))
	}
	slices.Sort(lat)
	b.ReportMetric(lat[len(lat)/2], "ms-latency-p50")
	b.ReportMetric(lat[len(lat)-1], "ms-latency-max")
}
