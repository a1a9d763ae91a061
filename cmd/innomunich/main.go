// Command innomunich is the InnoMuNiCH Cooperation Platform: the HTTP
// server and the commands that prepare its database.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/innomunich/platform/api"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/config"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/demo"
	"github.com/innomunich/platform/pkg/gen"
	"github.com/innomunich/platform/pkg/idempotency"
	"github.com/innomunich/platform/pkg/telemetry"
	"github.com/innomunich/platform/pkg/user"
	"go.opentelemetry.io/otel/trace"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "innomunich:", err)
		}
		os.Exit(exitCode(err))
	}
}

// exitCode: 1 when something failed, 2 when the command refused to act
// and changed nothing (a database newer than this binary, a restore onto
// data without --force).
func exitCode(err error) int {
	if errors.Is(err, database.ErrRefused) {
		return 2
	}
	return 1
}

const usage = `Usage: innomunich <command> [flags]

Commands:
  serve [--demo]            migrate the database and serve the API and web app,
                            and work background jobs (INNOMUNICH_WORKERS=0: API only)
  worker                    migrate the database and work background jobs only
  migrate up|down|status    apply, roll back one, or list database migrations
  seed --demo               add the demo data set
  gen --orgs N [--seed S]   add a synthetic data set of N organisations (load tests)
  report --server URL --period FY2025 [--format xlsx] [--out FILE]
                            fetch the report of a period from a running server
                            (the API key comes from INNOMUNICH_API_KEY)
  backup --out FILE         write a consistent backup of the database while it
                            is in use (PostgreSQL: needs pg_dump)
  restore [--force] FILE    load a backup into an empty database (--force:
                            replace what the database holds)
  version                   print the version and the schema version it migrates to

Exit status: 0 done, 1 failed, 2 refused (nothing was changed).

Configuration comes from the environment; see README.md.
`

// run is the whole program; main only wires it to the process.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "version", "--version":
		fmt.Fprintln(stdout, "innomunich", version)
		fmt.Fprintln(stdout, "schema version", database.LatestVersion())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	case "report":
		// The reporting client talks to a remote server: no database,
		// no server configuration.
		return reportCmd(ctx, args, getenv, stdout, stderr)
	case "serve", "worker", "migrate", "seed", "gen", "backup", "restore":
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}

	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	logger := newLogger(cfg, stderr)
	switch cmd {
	case "serve":
		return serve(ctx, cfg, logger, args, stdout)
	case "worker":
		return work(ctx, cfg, logger, stdout)
	case "migrate":
		return migrate(ctx, cfg, logger, args, stdout)
	case "gen":
		return generate(ctx, cfg, logger, args, stdout, stderr)
	case "backup":
		return backup(ctx, cfg, logger, args, stdout, stderr)
	case "restore":
		return restore(ctx, cfg, args, stdout, stderr)
	default:
		return seed(ctx, cfg, logger, args, stdout)
	}
}

// newLogger writes cfg's format; a line logged with a context carries its
// request_id, trace_id and caller id (pkg/telemetry).
func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(telemetry.LogHandler(slog.NewJSONHandler(w, opts)))
	}
	return slog.New(telemetry.LogHandler(slog.NewTextHandler(w, opts)))
}

// startTracing exports spans when the configuration turns tracing on
// (OTEL_ variables), with SQL spans from db; it returns the provider (nil
// when off) and the function that flushes what is left at exit.
func startTracing(ctx context.Context, cfg config.Config, db *database.DB, logger *slog.Logger) (trace.TracerProvider, func(), error) {
	tp, shutdown, err := telemetry.Setup(ctx, cfg.Tracing, version)
	if err != nil {
		return nil, nil, err
	}
	flush := func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := shutdown(sctx); err != nil {
			logger.Warn("flushing traces", "error", err.Error())
		}
	}
	if tp != nil {
		if err := db.Trace(tp); err != nil {
			flush()
			return nil, nil, err
		}
		logger.Info("tracing: exporting spans over OTLP/HTTP")
	}
	return tp, flush, nil
}

// openDB connects within INNOMUNICH_DB_CONNECT_TIMEOUT, or until ctx (the
// stop signal) ends. Only the server (serving true) bounds statements and
// lock waits: the other commands are run by hand and may take long on a
// large database.
func openDB(ctx context.Context, cfg config.Config, logger *slog.Logger, serving bool) (*database.DB, error) {
	opt := database.Options{MaxOpenConns: cfg.DBMaxConns, Logger: logger, ConnectTimeout: cfg.DBConnectTimeout}
	if serving {
		opt.StatementTimeout, opt.LockTimeout = cfg.DBStatementTimeout, cfg.DBLockTimeout
	}
	db, err := database.Open(ctx, cfg.DatabaseURL, opt)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", cfg.RedactedDatabaseURL(), err)
	}
	return db, nil
}

func migrate(ctx context.Context, cfg config.Config, logger *slog.Logger, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return errors.New("usage: innomunich migrate up|down|status")
	}
	db, err := openDB(ctx, cfg, logger, false)
	if err != nil {
		return err
	}
	defer db.Close()
	switch args[0] {
	case "up":
		applied, err := db.MigrateUp(ctx)
		if err != nil {
			return err
		}
		if len(applied) == 0 {
			fmt.Fprintln(stdout, "database is up to date")
		}
		for _, name := range applied {
			fmt.Fprintln(stdout, "applied", name)
		}
	case "down":
		name, err := db.MigrateDown(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, "rolled back", name)
	case "status":
		states, err := db.MigrationStatus(ctx)
		if err != nil {
			return err
		}
		for _, s := range states {
			state := "pending"
			if s.Applied {
				state = "applied"
			}
			fmt.Fprintf(stdout, "%-8s %s\n", state, s.Name)
		}
	default:
		return fmt.Errorf("unknown migrate command %q: use up, down or status", args[0])
	}
	return nil
}

func seed(ctx context.Context, cfg config.Config, logger *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	withDemo := fs.Bool("demo", false, "add the demo data set")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !*withDemo {
		return errors.New("usage: innomunich seed --demo (reference data comes with the migrations)")
	}
	db, err := openDB(ctx, cfg, logger, false)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.MigrateUp(ctx); err != nil {
		return err
	}
	sum, err := demo.Seed(ctx, db)
	if err != nil {
		return err
	}
	printSummary(stdout, "demo data added", sum)
	return nil
}

// generate adds a synthetic data set (pkg/gen) to a migrated database.
func generate(ctx context.Context, cfg config.Config, logger *slog.Logger, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	orgs := fs.Int("orgs", 0, "number of organisations; people ×2, agreements ×0.1, trips ×0.02 and projects ×0.1 follow")
	seed := fs.Uint64("seed", 1, "random seed: the same seed and size give the same data")
	quiet := fs.Bool("quiet", false, "print only the summary")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 || *orgs < 1 || *orgs > gen.MaxOrgs {
		return fmt.Errorf("usage: innomunich gen --orgs N [--seed S], N from 1 to %d", gen.MaxOrgs)
	}
	db, err := openDB(ctx, cfg, logger, false)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.MigrateUp(ctx); err != nil {
		return err
	}
	start := time.Now()
	opt := gen.Options{Orgs: *orgs, Seed: *seed}
	if !*quiet {
		opt.Progress = func(table string, done, total int) {
			fmt.Fprintf(stderr, "\r%-14s %d/%d  %s ", table, done, total, time.Since(start).Round(time.Second))
			if done == total {
				fmt.Fprintln(stderr)
			}
		}
	}
	sum, err := gen.Generate(ctx, db, opt)
	if err != nil {
		return err
	}
	printSummary(stdout, "generated", demo.Summary(sum))
	fmt.Fprintf(stdout, "took %s\n", time.Since(start).Round(100*time.Millisecond))
	return nil
}

func printSummary(w io.Writer, label string, sum demo.Summary) {
	if len(sum) == 0 {
		fmt.Fprintln(w, label+": nothing")
		return
	}
	kinds := make([]string, 0, len(sum))
	for k := range sum {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%d %s", sum[k], k)
	}
	fmt.Fprintln(w, label+":", strings.Join(parts, ", "))
}

func serve(ctx context.Context, cfg config.Config, logger *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	withDemo := fs.Bool("demo", false, "add the demo data set when the database is new")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDB(ctx, cfg, logger, true)
	if err != nil {
		return err
	}
	defer db.Close()
	applied, err := db.MigrateUp(ctx)
	if err != nil {
		return err
	}
	if len(applied) > 0 {
		logger.Info("migrated database", "applied", len(applied))
	}
	boot, err := user.EnsureAdmin(ctx, db, cfg.AdminEmail, cfg.AdminPassword)
	if err != nil {
		return err
	}
	var seeded demo.Summary
	if boot.Created && *withDemo { // a new, empty database
		if seeded, err = demo.Seed(ctx, db); err != nil {
			return err
		}
	}

	keys, err := loadKeys(cfg, logger)
	if err != nil {
		return err
	}
	tp, flushTraces, err := startTracing(ctx, cfg, db, logger)
	if err != nil {
		return err
	}
	defer flushTraces()
	q, err := newJobs(cfg, db, logger, cfg.Workers)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           api.New(api.Deps{DB: db, Keys: keys, Jobs: q, Logger: logger, Config: cfg, Version: version, Tracer: tp}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      5 * time.Minute, // exports stream for a while
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(stdout, "InnoMuNiCH Cooperation Platform %s on %s\n", version, displayURL(ln.Addr()))
	if seeded != nil {
		printSummary(stdout, "demo data added", seeded)
	}
	switch {
	case boot.Created && boot.Password != "":
		fmt.Fprintf(stdout, "First admin login: %s / %s  (shown only now; change it after signing in)\n", boot.Email, boot.Password)
	case boot.Created:
		fmt.Fprintf(stdout, "First admin login: %s with the password from INNOMUNICH_ADMIN_PASSWORD\n", boot.Email)
	}
	logger.Info("serving", "config", cfg)

	go prune(ctx, db, logger)
	if err := startJobs(ctx, cfg, q, logger); err != nil {
		return err
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		stopJobs(context.Background(), q, logger)
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	// Requests first (they may queue jobs), then the jobs, in one timeout.
	defer stopJobs(sctx, q, logger)
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// prune removes expired idempotency keys and sign-in throttle entries at
// start and then hourly, until ctx ends. Several instances may prune at
// once; the deletes are idempotent.
func prune(ctx context.Context, db *database.DB, logger *slog.Logger) {
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		now := database.Now()
		if _, err := idempotency.Prune(ctx, db, now); err != nil && ctx.Err() == nil {
			logger.Warn("pruning idempotency keys", "error", err.Error())
		}
		if _, err := user.PruneThrottle(ctx, db, now); err != nil && ctx.Err() == nil {
			logger.Warn("pruning sign-in throttle", "error", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// loadKeys reads the token-signing keys from INNOMUNICH_JWT_KEY_FILE. In
// development, without that file, a key is generated once and kept beside
// the SQLite database (or under var/ for PostgreSQL), so sign-ins survive
// a restart; a throwaway database gets a throwaway key.
func loadKeys(cfg config.Config, logger *slog.Logger) (*auth.Keys, error) {
	if cfg.JWTKeyFile != "" {
		return auth.LoadKeyFile(cfg.JWTKeyFile, false)
	}
	t, err := database.ParseURL(cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	if t.Memory {
		return auth.GenerateKeys(), nil
	}
	path := filepath.Join("var", "jwt-ed25519.pem")
	if t.Engine == database.SQLite {
		path = filepath.Join(filepath.Dir(t.Path), "jwt-ed25519.pem")
	} else {
		logger.Warn("INNOMUNICH_JWT_KEY_FILE is not set; using a generated key in var/ (set it in production, the same file on every instance)")
	}
	return auth.LoadKeyFile(path, true)
}

func displayURL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "localhost"
	}
	return fmt.Sprintf("http://%s", net.JoinHostPort(host, fmt.Sprint(tcp.Port)))
}
