// Package config reads the server's settings from the environment. Every
// setting has a safe default; secrets are never part of what LogValue shows.
package config

import (
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config holds every setting. The README documents each variable.
type Config struct {
	Addr            string        // INNOMUNICH_ADDR
	DatabaseURL     string        // DATABASE_URL
	AdminEmail      string        // INNOMUNICH_ADMIN_EMAIL
	AdminPassword   string        // INNOMUNICH_ADMIN_PASSWORD (secret)
	CORSOrigins     []string      // INNOMUNICH_CORS_ORIGINS, comma-separated
	LogLevel        slog.Level    // INNOMUNICH_LOG_LEVEL
	LogFormat       string        // INNOMUNICH_LOG_FORMAT: text or json
	SPADir          string        // INNOMUNICH_SPA_DIR
	TrustedProxies  []*net.IPNet  // INNOMUNICH_TRUSTED_PROXIES, comma-separated CIDRs
	DBMaxConns      int           // INNOMUNICH_DB_MAX_CONNS
	ShutdownTimeout time.Duration // INNOMUNICH_SHUTDOWN_TIMEOUT
	JWTKeyFile      string        // INNOMUNICH_JWT_KEY_FILE
	RateLimit       int           // INNOMUNICH_RATE_LIMIT: requests a minute per caller and instance; 0 is none
	RateLimitBurst  int           // INNOMUNICH_RATE_LIMIT_BURST
	SessionCheckTTL time.Duration // INNOMUNICH_SESSION_CHECK_TTL: how long an instance trusts what it read about a user's sessions

	RequestTimeout     time.Duration // INNOMUNICH_REQUEST_TIMEOUT
	ExportTimeout      time.Duration // INNOMUNICH_EXPORT_TIMEOUT: CSV export and import
	DBConnectTimeout   time.Duration // INNOMUNICH_DB_CONNECT_TIMEOUT
	DBStatementTimeout time.Duration // INNOMUNICH_DB_STATEMENT_TIMEOUT
	DBLockTimeout      time.Duration // INNOMUNICH_DB_LOCK_TIMEOUT
	ChangesRetention   time.Duration // INNOMUNICH_CHANGES_RETENTION: how long the change feed keeps changes

	Workers   int    // INNOMUNICH_WORKERS: jobs worked at once; 0 = API only
	SMTPURL   string // INNOMUNICH_SMTP_URL (secret: may hold a password); "" keeps mail in the outbox
	MailFrom  string // INNOMUNICH_MAIL_FROM
	PublicURL string // INNOMUNICH_PUBLIC_URL: the web app's address, for links in e-mails

	WebhookAllowHTTP    bool           // INNOMUNICH_WEBHOOK_ALLOW_HTTP: webhooks may use plain http
	WebhookAllowPrivate []netip.Prefix // INNOMUNICH_WEBHOOK_ALLOW_PRIVATE: comma-separated CIDRs webhooks may reach although internal
	WebhookPoll         time.Duration  // INNOMUNICH_WEBHOOK_POLL: how often workers look for events to deliver

	MetricsToken string // INNOMUNICH_METRICS_TOKEN (secret): "" leaves /metrics open
	// Tracing is on when OTEL_TRACES_EXPORTER is otlp, or when it is unset
	// and OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
	// names a collector; OTEL_SDK_DISABLED=true turns it off. The
	// OpenTelemetry SDK reads the other OTEL_ variables itself.
	Tracing bool
}

// Default database: a file under var/ in the working directory.
const DefaultDatabaseURL = "sqlite:var/innomunich.db"

// Load reads the configuration through getenv and reports every invalid
// value at once.
func Load(getenv func(string) string) (Config, error) {
	get := func(key, def string) string {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			return v
		}
		return def
	}
	c := Config{
		Addr:          get("INNOMUNICH_ADDR", ":8080"),
		DatabaseURL:   get("DATABASE_URL", DefaultDatabaseURL),
		AdminEmail:    get("INNOMUNICH_ADMIN_EMAIL", ""),
		AdminPassword: getenv("INNOMUNICH_ADMIN_PASSWORD"),
		LogFormat:     get("INNOMUNICH_LOG_FORMAT", "text"),
		SPADir:        get("INNOMUNICH_SPA_DIR", "frontend/dist"),
		JWTKeyFile:    get("INNOMUNICH_JWT_KEY_FILE", ""),
		SMTPURL:       get("INNOMUNICH_SMTP_URL", ""),
		MailFrom:      get("INNOMUNICH_MAIL_FROM", "InnoMuNiCH <noreply@localhost>"),
		PublicURL:     strings.TrimRight(get("INNOMUNICH_PUBLIC_URL", "http://localhost:8080"), "/"),
	}
	var problems []string
	for _, o := range splitList(getenv("INNOMUNICH_CORS_ORIGINS")) {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") || o == "*" {
			problems = append(problems, fmt.Sprintf("INNOMUNICH_CORS_ORIGINS: %q is not an origin like https://app.example.org", o))
			continue
		}
		c.CORSOrigins = append(c.CORSOrigins, u.Scheme+"://"+u.Host)
	}
	if err := c.LogLevel.UnmarshalText([]byte(get("INNOMUNICH_LOG_LEVEL", "info"))); err != nil {
		problems = append(problems, "INNOMUNICH_LOG_LEVEL must be debug, info, warn or error")
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		problems = append(problems, "INNOMUNICH_LOG_FORMAT must be text or json")
	}
	for _, p := range splitList(getenv("INNOMUNICH_TRUSTED_PROXIES")) {
		if !strings.Contains(p, "/") {
			if ip := net.ParseIP(p); ip != nil && ip.To4() != nil {
				p += "/32"
			} else {
				p += "/128"
			}
		}
		_, n, err := net.ParseCIDR(p)
		if err != nil {
			problems = append(problems, fmt.Sprintf("INNOMUNICH_TRUSTED_PROXIES: %q is not an address or CIDR range", p))
			continue
		}
		c.TrustedProxies = append(c.TrustedProxies, n)
	}
	n, err := strconv.Atoi(get("INNOMUNICH_DB_MAX_CONNS", "10"))
	if err != nil || n < 1 || n > 1000 {
		problems = append(problems, "INNOMUNICH_DB_MAX_CONNS must be a whole number from 1 to 1000")
	}
	c.DBMaxConns = n
	d, err := time.ParseDuration(get("INNOMUNICH_SHUTDOWN_TIMEOUT", "30s"))
	if err != nil || d < 0 {
		problems = append(problems, "INNOMUNICH_SHUTDOWN_TIMEOUT must be a duration such as 30s")
	}
	c.ShutdownTimeout = d
	if c.RateLimit, err = strconv.Atoi(get("INNOMUNICH_RATE_LIMIT", "600")); err != nil || c.RateLimit < 0 || c.RateLimit > 1_000_000 {
		problems = append(problems, "INNOMUNICH_RATE_LIMIT must be a whole number from 0 (no limit) to 1000000 requests a minute")
	}
	if c.RateLimitBurst, err = strconv.Atoi(get("INNOMUNICH_RATE_LIMIT_BURST", "120")); err != nil || c.RateLimitBurst < 1 || c.RateLimitBurst > 1_000_000 {
		problems = append(problems, "INNOMUNICH_RATE_LIMIT_BURST must be a whole number from 1 to 1000000")
	}
	if c.SessionCheckTTL, err = time.ParseDuration(get("INNOMUNICH_SESSION_CHECK_TTL", "500ms")); err != nil || c.SessionCheckTTL < 0 || c.SessionCheckTTL > time.Minute {
		problems = append(problems, "INNOMUNICH_SESSION_CHECK_TTL must be a duration from 0s to 1m")
	}
	for _, t := range []struct {
		key, def string
		dst      *time.Duration
	}{
		{"INNOMUNICH_REQUEST_TIMEOUT", "15s", &c.RequestTimeout},
		{"INNOMUNICH_EXPORT_TIMEOUT", "5m", &c.ExportTimeout},
		{"INNOMUNICH_DB_CONNECT_TIMEOUT", "30s", &c.DBConnectTimeout},
		{"INNOMUNICH_DB_STATEMENT_TIMEOUT", "30s", &c.DBStatementTimeout},
		{"INNOMUNICH_DB_LOCK_TIMEOUT", "5s", &c.DBLockTimeout},
		{"INNOMUNICH_CHANGES_RETENTION", "2160h", &c.ChangesRetention}, // 90 days
	} {
		d, err := time.ParseDuration(get(t.key, t.def))
		if err != nil || d <= 0 {
			problems = append(problems, t.key+" must be a positive duration such as "+t.def)
		}
		*t.dst = d
	}
	// A lock wait must end before the request does, so that the caller
	// learns it was the lock (503) rather than nothing at all.
	if c.DBLockTimeout >= c.RequestTimeout && c.RequestTimeout > 0 {
		problems = append(problems, "INNOMUNICH_DB_LOCK_TIMEOUT must be shorter than INNOMUNICH_REQUEST_TIMEOUT")
	}
	w, err := strconv.Atoi(get("INNOMUNICH_WORKERS", "4"))
	if err != nil || w < 0 || w > 100 {
		problems = append(problems, "INNOMUNICH_WORKERS must be a whole number from 0 (API only) to 100")
	}
	c.Workers = w
	// The SMTP URL's details are checked by pkg/mail at start; here only
	// what can be said without repeating it (it may hold a password).
	if u, err := url.Parse(c.SMTPURL); c.SMTPURL != "" && (err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "") {
		problems = append(problems, "INNOMUNICH_SMTP_URL must look like smtp://user:pass@host:587 or smtps://user:pass@host")
	}
	c.MetricsToken = get("INNOMUNICH_METRICS_TOKEN", "")
	if c.MetricsToken != "" && len(c.MetricsToken) < 16 {
		problems = append(problems, "INNOMUNICH_METRICS_TOKEN must be at least 16 characters (openssl rand -hex 32)")
	}
	endpoint := get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", get("OTEL_EXPORTER_OTLP_ENDPOINT", ""))
	switch exporter := get("OTEL_TRACES_EXPORTER", ""); {
	case strings.EqualFold(get("OTEL_SDK_DISABLED", ""), "true"), exporter == "none":
	case exporter == "otlp", exporter == "" && endpoint != "":
		c.Tracing = true
	case exporter == "": // off by default
	default:
		problems = append(problems, fmt.Sprintf("OTEL_TRACES_EXPORTER %q is not supported: use otlp (OTLP over HTTP) or none", exporter))
	}
	if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		problems = append(problems, "INNOMUNICH_PUBLIC_URL must be an address like https://innomunich.example.org")
	}
	switch strings.ToLower(get("INNOMUNICH_WEBHOOK_ALLOW_HTTP", "false")) {
	case "true", "1", "yes":
		c.WebhookAllowHTTP = true
	case "false", "0", "no":
	default:
		problems = append(problems, "INNOMUNICH_WEBHOOK_ALLOW_HTTP must be true or false")
	}
	for _, p := range splitList(getenv("INNOMUNICH_WEBHOOK_ALLOW_PRIVATE")) {
		if !strings.Contains(p, "/") {
			if a, err := netip.ParseAddr(p); err == nil {
				c.WebhookAllowPrivate = append(c.WebhookAllowPrivate, netip.PrefixFrom(a, a.BitLen()))
				continue
			}
		}
		n, err := netip.ParsePrefix(p)
		if err != nil {
			problems = append(problems, fmt.Sprintf("INNOMUNICH_WEBHOOK_ALLOW_PRIVATE: %q is not an address or CIDR range", p))
			continue
		}
		c.WebhookAllowPrivate = append(c.WebhookAllowPrivate, n.Masked())
	}
	if c.WebhookPoll, err = time.ParseDuration(get("INNOMUNICH_WEBHOOK_POLL", "1s")); err != nil || c.WebhookPoll < 10*time.Millisecond || c.WebhookPoll > time.Hour {
		problems = append(problems, "INNOMUNICH_WEBHOOK_POLL must be a duration from 10ms to 1h")
	}
	if len(problems) > 0 {
		return Config{}, fmt.Errorf("invalid configuration:\n  %s", strings.Join(problems, "\n  "))
	}
	return c, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// RedactedDatabaseURL is DATABASE_URL without its password, for logs.
func (c Config) RedactedDatabaseURL() string {
	u, err := url.Parse(c.DatabaseURL)
	if err != nil || u.User == nil {
		return c.DatabaseURL
	}
	return u.Redacted()
}

// RedactedSMTPURL is INNOMUNICH_SMTP_URL without its password, for logs;
// "outbox" when mail is kept in the database.
func (c Config) RedactedSMTPURL() string {
	if c.SMTPURL == "" {
		return "outbox"
	}
	u, err := url.Parse(c.SMTPURL)
	if err != nil {
		return "(invalid)"
	}
	return u.Redacted()
}

// LogValue keeps secrets out of logs when the config is logged.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("addr", c.Addr),
		slog.String("database", c.RedactedDatabaseURL()),
		slog.Any("cors_origins", c.CORSOrigins),
		slog.String("spa_dir", c.SPADir),
		slog.Int("db_max_conns", c.DBMaxConns),
		slog.Duration("request_timeout", c.RequestTimeout),
		slog.Duration("db_lock_timeout", c.DBLockTimeout),
		slog.Int("workers", c.Workers),
		slog.String("smtp", c.RedactedSMTPURL()),
		slog.String("mail_from", c.MailFrom),
		slog.String("public_url", c.PublicURL),
		slog.Bool("webhook_allow_http", c.WebhookAllowHTTP),
		slog.Any("webhook_allow_private", c.WebhookAllowPrivate),
		slog.Bool("metrics_token", c.MetricsToken != ""),
		slog.Bool("tracing", c.Tracing),
	)
}
