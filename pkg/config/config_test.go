package config_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/config"
)

func TestDefaultsAreSafe(t *testing.T) {
	c, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.DatabaseURL != "sqlite:var/innomunich.db" || len(c.CORSOrigins) != 0 || len(c.TrustedProxies) != 0 {
		t.Errorf("defaults = %+v", c)
	}
}

func TestSettingsAreReadAndChecked(t *testing.T) {
	vars := map[string]string{
		"INNOMUNICH_CORS_ORIGINS":     "https://app.innomunich.example, http://localhost:5173",
		"INNOMUNICH_TRUSTED_PROXIES":  "10.0.0.0/8, 127.0.0.1",
		"INNOMUNICH_LOG_LEVEL":        "debug",
		"INNOMUNICH_LOG_FORMAT":       "json",
		"INNOMUNICH_ADMIN_PASSWORD":   "s3cret-value-xyz",
		"DATABASE_URL":                "postgres://innomunich:hunter2@db:5432/innomunich",
		"INNOMUNICH_SHUTDOWN_TIMEOUT": "10s",
	}
	c, err := config.Load(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	if len(c.CORSOrigins) != 2 || c.CORSOrigins[1] != "http://localhost:5173" || len(c.TrustedProxies) != 2 {
		t.Errorf("lists: %v %v", c.CORSOrigins, c.TrustedProxies)
	}
	if got := c.RedactedDatabaseURL(); strings.Contains(got, "hunter2") {
		t.Errorf("redacted URL %q shows the password", got)
	}

	bad := map[string]string{
		"INNOMUNICH_CORS_ORIGINS":    "*",
		"INNOMUNICH_TRUSTED_PROXIES": "everyone",
		"INNOMUNICH_LOG_LEVEL":       "loud",
		"INNOMUNICH_DB_MAX_CONNS":    "0",
	}
	_, err = config.Load(func(k string) string { return bad[k] })
	for k := range bad {
		if err == nil || !strings.Contains(err.Error(), k) {
			t.Errorf("error %v does not name %s", err, k)
		}
	}
}

func TestRateLimitIsReadAndChecked(t *testing.T) {
	c, err := config.Load(func(k string) string {
		return map[string]string{"INNOMUNICH_RATE_LIMIT": "0", "INNOMUNICH_RATE_LIMIT_BURST": "10"}[k]
	})
	if err != nil || c.RateLimit != 0 || c.RateLimitBurst != 10 {
		t.Errorf("rate limit 0 (none), burst 10: %+v %v", c, err)
	}
	_, err = config.Load(func(k string) string {
		return map[string]string{"INNOMUNICH_RATE_LIMIT": "-1", "INNOMUNICH_RATE_LIMIT_BURST": "0"}[k]
	})
	if err == nil || !strings.Contains(err.Error(), "INNOMUNICH_RATE_LIMIT ") || !strings.Contains(err.Error(), "INNOMUNICH_RATE_LIMIT_BURST") {
		t.Errorf("error %v does not name both variables", err)
	}
}

func TestTimeoutsHaveDefaultsAndAreChecked(t *testing.T) {
	c, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if c.RequestTimeout != 15*time.Second || c.ExportTimeout != 5*time.Minute || c.DBConnectTimeout != 30*time.Second ||
		c.DBStatementTimeout != 30*time.Second || c.DBLockTimeout != 5*time.Second {
		t.Errorf("default timeouts: request %s, export %s, connect %s, statement %s, lock %s",
			c.RequestTimeout, c.ExportTimeout, c.DBConnectTimeout, c.DBStatementTimeout, c.DBLockTimeout)
	}
	bad := map[string]string{
		"INNOMUNICH_REQUEST_TIMEOUT":      "soon",
		"INNOMUNICH_EXPORT_TIMEOUT":       "0s",
		"INNOMUNICH_DB_CONNECT_TIMEOUT":   "-1s",
		"INNOMUNICH_DB_STATEMENT_TIMEOUT": "30",
	}
	_, err = config.Load(func(k string) string { return bad[k] })
	for k := range bad {
		if err == nil || !strings.Contains(err.Error(), k) {
			t.Errorf("error %v does not name %s", err, k)
		}
	}
	// A lock wait that outlasts the request would leave the caller
	// without an answer while it waits.
	_, err = config.Load(func(k string) string {
		return map[string]string{"INNOMUNICH_REQUEST_TIMEOUT": "5s", "INNOMUNICH_DB_LOCK_TIMEOUT": "10s"}[k]
	})
	if err == nil || !strings.Contains(err.Error(), "INNOMUNICH_DB_LOCK_TIMEOUT must be shorter") {
		t.Errorf("lock timeout longer than the request's: %v", err)
	}
}

func TestMailSettingsAreCheckedAndTheSMTPPasswordIsNeverLogged(t *testing.T) {
	vars := map[string]string{
		"INNOMUNICH_SMTP_URL":   "smtp://mailer:hunter2@mail.example.org:587",
		"INNOMUNICH_MAIL_FROM":  "InnoMuNiCH <noreply@innomunich.example>",
		"INNOMUNICH_PUBLIC_URL": "https://innomunich.example/",
		"INNOMUNICH_WORKERS":    "0",
	}
	c, err := config.Load(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.Workers != 0 || c.PublicURL != "https://innomunich.example" || c.SMTPURL != vars["INNOMUNICH_SMTP_URL"] {
		t.Errorf("mail settings = %d %q %q", c.Workers, c.PublicURL, c.SMTPURL)
	}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("serving", "config", c)
	if strings.Contains(logged.String(), "hunter2") || !strings.Contains(logged.String(), "mail.example.org") {
		t.Errorf("logged config: %s", logged.String())
	}

	bad := map[string]string{
		"INNOMUNICH_SMTP_URL":   "mail.example.org:587",
		"INNOMUNICH_PUBLIC_URL": "innomunich.example",
		"INNOMUNICH_WORKERS":    "-1",
	}
	_, err = config.Load(func(k string) string { return bad[k] })
	for k := range bad {
		if err == nil || !strings.Contains(err.Error(), k) {
			t.Errorf("error %v does not name %s", err, k)
		}
	}
}

func TestWebhookSettingsAreReadAndChecked(t *testing.T) {
	env := map[string]string{"INNOMUNICH_WEBHOOK_ALLOW_HTTP": "true", "INNOMUNICH_WEBHOOK_ALLOW_PRIVATE": " 127.0.0.0/8, ::1 ,10.1.2.3/8"}
	c, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if !c.WebhookAllowHTTP || len(c.WebhookAllowPrivate) != 3 || c.WebhookAllowPrivate[1].String() != "::1/128" ||
		c.WebhookAllowPrivate[2].String() != "10.0.0.0/8" || c.WebhookPoll != time.Second {
		t.Errorf("%+v", c)
	}
	d, _ := config.Load(func(string) string { return "" })
	if d.WebhookAllowHTTP || d.WebhookAllowPrivate != nil {
		t.Errorf("defaults allow %v %v", d.WebhookAllowHTTP, d.WebhookAllowPrivate)
	}
	env = map[string]string{"INNOMUNICH_WEBHOOK_ALLOW_HTTP": "maybe", "INNOMUNICH_WEBHOOK_ALLOW_PRIVATE": "10.0.0.0/33"}
	_, err = config.Load(func(k string) string { return env[k] })
	if err == nil || !strings.Contains(err.Error(), "INNOMUNICH_WEBHOOK_ALLOW_HTTP") || !strings.Contains(err.Error(), "10.0.0.0/33") {
		t.Errorf("bad settings: %v", err)
	}
}

func TestMetricsTokenAndTracingAreReadAndChecked(t *testing.T) {
	load := func(vars map[string]string) (config.Config, error) {
		return config.Load(func(k string) string { return vars[k] })
	}
	c, err := load(nil)
	if err != nil || c.MetricsToken != "" || c.Tracing {
		t.Fatalf("by default /metrics is open and tracing off: %+v %v", c, err)
	}
	if _, err := load(map[string]string{"INNOMUNICH_METRICS_TOKEN": "short"}); err == nil || !strings.Contains(err.Error(), "INNOMUNICH_METRICS_TOKEN") {
		t.Errorf("a short token: %v", err)
	}
	token := "0123456789abcdef0123456789abcdef"
	c, err = load(map[string]string{"INNOMUNICH_METRICS_TOKEN": token})
	if err != nil || c.MetricsToken != token {
		t.Fatalf("token: %v", err)
	}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("serving", "config", c)
	if strings.Contains(logged.String(), token) {
		t.Error("the metrics token was logged")
	}
	for vars, want := range map[*map[string]string]bool{
		{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}:                                 true,
		{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"}:                true,
		{"OTEL_TRACES_EXPORTER": "otlp"}:                                                         true,
		{"OTEL_TRACES_EXPORTER": "none", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}: false,
		{"OTEL_SDK_DISABLED": "true", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}:    false,
		{"OTEL_EXPORTER_OTLP_ENDPOINT": ""}:                                                      false,
	} {
		c, err := load(*vars)
		if err != nil || c.Tracing != want {
			t.Errorf("%v: tracing %v, want %v (%v)", *vars, c.Tracing, want, err)
		}
	}
	if _, err := load(map[string]string{"OTEL_TRACES_EXPORTER": "zipkin"}); err == nil || !strings.Contains(err.Error(), "OTEL_TRACES_EXPORTER") {
		t.Errorf("an exporter this server lacks: %v", err)
	}
}
