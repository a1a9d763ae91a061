package api_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/config"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

func TestMetricsTokenGuardsMetricsOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		const token = "4f1e7c0a9b2d4e6f8a1c3e5b7d9f0a2c"
		h := newHarness(t, db, func(c *config.Config) { c.MetricsToken = token })
		for name, as := range map[string]string{"no credentials": anonymous, "a wrong token": "Bearer not-the-metrics-token", "the admin's access token": ""} {
			rec := h.do(request{url: "/metrics", as: as})
			if rec.Code != 401 || rec.Header().Get("WWW-Authenticate") == "" || strings.Contains(rec.Body.String(), "go_goroutines") {
				t.Errorf("/metrics with %s: %d %q, want 401 with a challenge and no metrics", name, rec.Code, rec.Body.String())
			}
		}
		rec := h.do(request{url: "/metrics", as: "Bearer " + token})
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "go_goroutines") {
			t.Errorf("/metrics with the token: %d", rec.Code)
		}
		if code := h.status(request{url: "/healthz", as: anonymous}); code != 200 {
			t.Errorf("/healthz must stay open for the probes: %d", code)
		}
		// Without the setting /metrics is open (TestOperationsEndpoints).
	})
}

// TestMetricsCountRefusalsAndDatabaseWaits: the rate limit's refusals by
// kind of caller, and the time requests waited for a free connection.
func TestMetricsCountRefusalsAndDatabaseWaits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db, func(c *config.Config) { c.RateLimit, c.RateLimitBurst = 60, 1 })
		for range 3 {
			h.do(request{url: "/api/v1/regions", as: anonymous})
		}
		metrics := h.get("/metrics").Body.String()
		for _, want := range []string{
			`innomunich_ratelimit_refusals_total{caller="address"} 2`,
			"go_sql_wait_duration_seconds_total",
			"go_sql_wait_count_total",
			"go_sql_in_use_connections",
		} {
			if !strings.Contains(metrics, want) {
				t.Errorf("/metrics lacks %s", want)
			}
		}
	})
}

// TestMonitoringNamesTheServersMetrics: every metric the alert rules and
// the Grafana dashboard in deployments/monitoring query is one this server
// exports, so a renamed metric cannot leave an alert silent.
func TestMonitoringNamesTheServersMetrics(t *testing.T) {
	db := dbtest.One(t)
	h := newHarness(t, db, func(c *config.Config) { c.RateLimit, c.RateLimitBurst = 60, 1 })
	for range 2 {
		h.do(request{url: "/api/v1/regions", as: anonymous})
	}
	h.do(request{url: "/readyz", as: anonymous})
	metrics := h.get("/metrics").Body.String()
	notFromTheServer := map[string]string{
		"innomunich_backup_last_success_timestamp_seconds": "written by the cron backup script for the node exporter's textfile collector",
		"innomunich_jobs": "reported only while the queue holds jobs (api/jobs_test.go checks it)",
	}
	var sources []string
	for _, f := range []string{"alerts.yaml", "dashboard.json"} {
		raw, err := os.ReadFile(filepath.Join("..", "deployments", "monitoring", f))
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, string(raw))
	}
	seen := map[string]bool{}
	for _, name := range regexp.MustCompile(`\b(?:innomunich|go_sql|process)_[a-z_]+\b`).FindAllString(strings.Join(sources, "\n"), -1) {
		if seen[name] || notFromTheServer[name] != "" {
			continue
		}
		seen[name] = true
		if !regexp.MustCompile(`(?m)^` + name + `[{ ]`).MatchString(metrics) {
			t.Errorf("deployments/monitoring queries %s, which /metrics does not have", name)
		}
	}
	if len(seen) < 5 {
		t.Errorf("found only %d metric names in deployments/monitoring", len(seen))
	}
}
