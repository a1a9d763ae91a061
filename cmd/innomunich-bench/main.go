// Command innomunich-bench is the load test behind `make bench`: for each
// scale it generates (or reuses) a data set on PostgreSQL, starts
// bin/innomunich serve on a copy of it, drives each scenario from its own
// connections, and records throughput, latency percentiles, errors, the
// server's resident memory and the SQL statements per request (from the
// server's /metrics). It prints the results and writes them into
// docs/performance.md. It runs beside the server, as a separate process.
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	_ "github.com/glebarez/go-sqlite" // the SQLite data sets
	"github.com/innomunich/platform/pkg/auth"
	_ "github.com/jackc/pgx/v5/stdlib"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "innomunich-bench:", err)
		}
		os.Exit(1)
	}
}

// config is the command line.
type config struct {
	bin, admin, doc, gobench, workdir string
	scales, sqliteScales              []int
	sqliteConns                       int
	pocketbase, runDB                 string
	peerScale, peerConns              int
	seed                              uint64
	conns                             int
	warmup, duration                  time.Duration
	only                              *regexp.Regexp
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("innomunich-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	scales := fs.String("scales", "10000,1000000", "organisation counts to test on PostgreSQL, comma-separated ('' for none)")
	sqliteScales := fs.String("sqlite", "", "organisation counts to test on SQLite (the embedded default), comma-separated")
	fs.IntVar(&c.sqliteConns, "sqlite-conns", 4, "concurrent connections on SQLite")
	fs.StringVar(&c.pocketbase, "pocketbase", "", "PocketBase binary (go install github.com/pocketbase/pocketbase/examples/base) for the peer comparison; '' leaves it out")
	fs.IntVar(&c.peerScale, "peer-scale", 20000, "organisations for the peer comparison (a SQLite data set)")
	fs.IntVar(&c.peerConns, "peer-conns", 16, "concurrent connections in the peer comparison")
	fs.StringVar(&c.runDB, "run-db", "innomunich_bench_run", "name of the PostgreSQL copy each run serves (dropped before and after)")
	fs.StringVar(&c.bin, "bin", "bin/innomunich", "the server binary")
	fs.StringVar(&c.admin, "pg", "postgres://innomunich_bench:innomunich_bench@127.0.0.1:5433/postgres?sslmode=disable", "PostgreSQL URL of a role that may create databases (.ci/bench makes it)")
	fs.StringVar(&c.doc, "doc", "docs/performance.md", "document whose results section is rewritten ('' for none)")
	fs.StringVar(&c.gobench, "gobench", "", "output of go test -bench to include in the document")
	fs.StringVar(&c.workdir, "workdir", "var/bench", "folder for logs, keys and results")
	fs.Uint64Var(&c.seed, "seed", 1, "seed of the generated data")
	fs.IntVar(&c.conns, "conns", 32, "concurrent connections")
	fs.DurationVar(&c.warmup, "warmup", 2*time.Second, "unrecorded load before each scenario")
	fs.DurationVar(&c.duration, "duration", 10*time.Second, "recorded load per scenario")
	dataOnly := fs.Bool("data-only", false, "only generate (or find) the data sets")
	only := fs.String("only", "", "run only the scenarios whose name matches this regular expression")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var err error
	if c.scales, err = parseScales("--scales", *scales); err != nil {
		return err
	}
	if c.sqliteScales, err = parseScales("--sqlite", *sqliteScales); err != nil {
		return err
	}
	if c.only, err = regexp.Compile(*only); err != nil {
		return fmt.Errorf("--only: %w", err)
	}
	if c.conns < 1 || c.duration <= 0 || c.warmup < 0 {
		return errors.New("--conns must be positive, --duration positive and --warmup not negative")
	}
	if err := os.MkdirAll(c.workdir, 0o750); err != nil {
		return err
	}
	if *dataOnly {
		admin, err := sql.Open("pgx", c.admin)
		if err != nil {
			return err
		}
		defer admin.Close()
		for _, n := range c.scales {
			if _, err := ensureDataSet(ctx, c, admin, dataSetName(n, c.seed), n, stdout); err != nil {
				return err
			}
		}
		for _, n := range c.sqliteScales {
			if _, _, err := ensureSQLiteDataSet(ctx, c, n, stdout); err != nil {
				return err
			}
		}
		return nil
	}
	rep := report{Machine: machine(ctx, c.admin), Conns: c.conns, SQLiteConns: c.sqliteConns, Duration: c.duration.String(), Seed: c.seed}
	type run struct {
		n      int
		engine string
	}
	var runs []run
	for _, n := range c.sqliteScales {
		runs = append(runs, run{n, "sqlite"})
	}
	for _, n := range c.scales {
		runs = append(runs, run{n, "postgres"})
	}
	for _, r := range runs {
		var s scaleResult
		var err error
		if r.engine == "sqlite" {
			s, err = runSQLiteScale(ctx, c, r.n, stdout)
		} else {
			s, err = runScale(ctx, c, r.n, stdout)
		}
		if err != nil {
			return fmt.Errorf("%d organisations on %s: %w", r.n, r.engine, err)
		}
		rep.Scales = append(rep.Scales, s)
		b, _ := json.MarshalIndent(s, "", "  ")
		if err := os.WriteFile(filepath.Join(c.workdir, fmt.Sprintf("results-%s-%d.json", r.engine, r.n)), b, 0o644); err != nil {
			return err
		}
	}
	if c.pocketbase != "" {
		if rep.Peer, err = runPeer(ctx, c, c.peerScale, c.peerConns, stdout); err != nil {
			return fmt.Errorf("peer comparison: %w", err)
		}
		rep.PeerScale, rep.PeerConns = c.peerScale, c.peerConns
	}
	if len(rep.Scales) == 0 {
		if len(rep.Peer) == 0 {
			return errors.New("nothing to run: give --scales, --sqlite or --pocketbase")
		}
		fmt.Fprint(stdout, peerMarkdown(rep.PeerScale, rep.PeerConns, rep.Peer))
		return nil
	}
	if c.gobench != "" {
		b, err := os.ReadFile(c.gobench)
		if err != nil {
			return err
		}
		rep.GoBench = string(b)
	}
	text := rep.markdown()
	fmt.Fprintln(stdout)
	fmt.Fprint(stdout, text)
	if c.doc == "" {
		return nil
	}
	return writeSection(c.doc, text)
}

// scaleResult is everything measured at one scale.
type scaleResult struct {
	Engine     string   `json:"engine"`
	Conns      int      `json:"conns"`
	Orgs       int      `json:"orgs"`
	GenSeconds float64  `json:"gen_seconds"`
	DBSizeMB   float64  `json:"db_size_mb"`
	HWMMB      float64  `json:"server_vmhwm_mb"`
	LoadBefore string   `json:"load_before"`
	LoadAfter  string   `json:"load_after"`
	Results    []result `json:"results"`
}

func runScale(ctx context.Context, c config, n int, stdout io.Writer) (scaleResult, error) {
	out := scaleResult{Engine: "postgres", Conns: c.conns, Orgs: n}
	admin, err := sql.Open("pgx", c.admin)
	if err != nil {
		return out, err
	}
	defer admin.Close()
	tmpl := dataSetName(n, c.seed)
	if out.GenSeconds, err = ensureDataSet(ctx, c, admin, tmpl, n, stdout); err != nil {
		return out, err
	}
	// Each run works on a copy, so the writes of one run never change the next.
	runDB := c.runDB
	if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+runDB+" WITH (FORCE)"); err != nil {
		return out, err
	}
	fmt.Fprintf(stdout, "bench: copying the data set of %d organisations\n", n)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+runDB+" TEMPLATE "+tmpl); err != nil {
		return out, err
	}
	defer admin.ExecContext(context.WithoutCancel(ctx), "DROP DATABASE IF EXISTS "+runDB+" WITH (FORCE)") //nolint:errcheck
	// The server creates the admin it is given only when there are no
	// accounts; a data set that was once served by hand has one.
	if err := withoutAccounts(ctx, withDatabase(c.admin, runDB)); err != nil {
		return out, err
	}
	var size int64
	if err := admin.QueryRowContext(ctx, "SELECT pg_database_size($1)", runDB).Scan(&size); err == nil {
		out.DBSizeMB = float64(size) / (1 << 20)
	}

	srv, err := startServer(ctx, c, withDatabase(c.admin, runDB), n)
	if err != nil {
		return out, err
	}
	defer srv.stop()
	return drivingAll(ctx, c, srv, out, c.conns, stdout)
}

// drivingAll runs every scenario against a started server.
func drivingAll(ctx context.Context, c config, srv *server, out scaleResult, conns int, stdout io.Writer) (scaleResult, error) {
	n := out.Orgs
	cl := newClient(srv.url, conns)
	if err := cl.login(ctx, srv.email, srv.password); err != nil {
		return out, err
	}
	f, err := cl.prepare(ctx)
	if err != nil {
		return out, err
	}
	out.LoadBefore = loadavg()
	for _, s := range scenarios() {
		if !c.only.MatchString(s.Name) {
			continue
		}
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
		r := drive(ctx, cl, f, s, conns, c.warmup, c.duration, srv.rss)
		fmt.Fprintf(stdout, "bench: %-8s %8d orgs  %-40s %7.0f req/s  p50 %6.1f  p95 %6.1f  p99 %6.1f ms  errors %d  statements/req %.1f  RSS %.0f MB\n",
			out.Engine, n, r.Name, r.RPS, r.P50, r.P95, r.P99, r.Errors, r.StmtsPerReq, r.RSSMB)
		out.Results = append(out.Results, r)
	}
	out.LoadAfter = loadavg()
	out.HWMMB = srv.hwm()
	return out, nil
}

func parseScales(flag, list string) ([]int, error) {
	var out []int
	for _, s := range strings.Split(list, ",") {
		if strings.TrimSpace(s) == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1000 {
			return nil, fmt.Errorf("%s: %q is not a count of at least 1000 organisations", flag, s)
		}
		out = append(out, n)
	}
	return out, nil
}

// runSQLiteScale is runScale on the embedded default: the data set is a
// SQLite file generated once into the work folder, each run serves a copy.
func runSQLiteScale(ctx context.Context, c config, n int, stdout io.Writer) (scaleResult, error) {
	out := scaleResult{Engine: "sqlite", Conns: c.sqliteConns, Orgs: n}
	tmpl, secs, err := ensureSQLiteDataSet(ctx, c, n, stdout)
	if err != nil {
		return out, err
	}
	out.GenSeconds = secs
	runFile := filepath.Join(filepath.Dir(tmpl), "sqlite_run.db")
	for _, suffix := range []string{"", "-wal", "-shm", ".migrate-lock"} {
		_ = os.Remove(runFile + suffix)
	}
	defer func() {
		for _, suffix := range []string{"", "-wal", "-shm", ".migrate-lock"} {
			_ = os.Remove(runFile + suffix)
		}
	}()
	if err := copyFile(tmpl, runFile); err != nil {
		return out, err
	}
	db, err := sql.Open("sqlite", runFile)
	if err != nil {
		return out, err
	}
	_, err = db.ExecContext(ctx, "DELETE FROM refresh_tokens; DELETE FROM api_keys; DELETE FROM users")
	db.Close()
	if err != nil {
		return out, err
	}
	if fi, err := os.Stat(runFile); err == nil {
		out.DBSizeMB = float64(fi.Size()) / (1 << 20)
	}
	srv, err := startServer(ctx, c, "sqlite:"+runFile, n)
	if err != nil {
		return out, err
	}
	defer srv.stop()
	return drivingAll(ctx, c, srv, out, c.sqliteConns, stdout)
}

// ensureSQLiteDataSet generates the SQLite file of a scale once into the
// work folder; later runs reuse it.
func ensureSQLiteDataSet(ctx context.Context, c config, n int, stdout io.Writer) (string, float64, error) {
	tmpl, err := filepath.Abs(filepath.Join(c.workdir, fmt.Sprintf("sqlite_%d_%d.db", n, c.seed)))
	if err != nil {
		return "", 0, err
	}
	if _, err := os.Stat(tmpl); err == nil {
		fmt.Fprintf(stdout, "bench: reusing %s\n", tmpl)
		return tmpl, 0, nil
	}
	fmt.Fprintf(stdout, "bench: generating %d organisations into %s\n", n, tmpl)
	start := time.Now()
	part := tmpl + ".part"
	_ = os.Remove(part)
	cmd := exec.CommandContext(ctx, c.bin, "gen", "--orgs", strconv.Itoa(n), "--seed", strconv.FormatUint(c.seed, 10))
	cmd.Env = append(os.Environ(), "DATABASE_URL=sqlite:"+part)
	cmd.Stdout, cmd.Stderr = stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", 0, fmt.Errorf("generate: %w", err)
	}
	secs := time.Since(start).Seconds()
	return tmpl, secs, os.Rename(part, tmpl)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func dataSetName(n int, seed uint64) string { return fmt.Sprintf("innomunich_bench_%d_%d", n, seed) }

// ensureDataSet makes the template database of a scale once; later runs
// reuse it. The comment on the database marks it complete and keeps how
// long generating took.
func ensureDataSet(ctx context.Context, c config, admin *sql.DB, name string, n int, stdout io.Writer) (float64, error) {
	var comment sql.NullString
	err := admin.QueryRowContext(ctx, "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1", name).Scan(&comment)
	if err == nil && strings.HasPrefix(comment.String, "complete ") {
		secs, _ := strconv.ParseFloat(strings.TrimPrefix(comment.String, "complete gen_seconds="), 64)
		fmt.Fprintf(stdout, "bench: reusing %s (generated in %.0f s)\n", name, secs)
		return secs, nil
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		return 0, err
	}
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return 0, err
	}
	fmt.Fprintf(stdout, "bench: generating %d organisations into %s\n", n, name)
	start := time.Now()
	cmd := exec.CommandContext(ctx, c.bin, "gen", "--orgs", strconv.Itoa(n), "--seed", strconv.FormatUint(c.seed, 10))
	cmd.Env = append(os.Environ(), "DATABASE_URL="+withDatabase(c.admin, name))
	cmd.Stdout, cmd.Stderr = stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("generate: %w", err)
	}
	secs := time.Since(start).Seconds()
	_, err = admin.ExecContext(ctx, fmt.Sprintf("COMMENT ON DATABASE %s IS 'complete gen_seconds=%.0f'", name, secs))
	return secs, err
}

// server is a running bin/innomunich serve.
type server struct {
	cmd             *exec.Cmd
	url             string
	email, password string
	done            chan error
}

func startServer(ctx context.Context, c config, dbURL string, n int) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	keyFile := filepath.Join(c.workdir, "jwt-ed25519.pem")
	if _, err := auth.LoadKeyFile(keyFile, true); err != nil {
		return nil, err
	}
	secret := make([]byte, 12)
	_, _ = rand.Read(secret)
	s := &server{url: "http://127.0.0.1:" + strconv.Itoa(port), email: "bench@example.org", password: hex.EncodeToString(secret), done: make(chan error, 1)}
	logFile, err := os.Create(filepath.Join(c.workdir, fmt.Sprintf("server-%d.log", n)))
	if err != nil {
		return nil, err
	}
	s.cmd = exec.Command(c.bin, "serve")
	s.cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL, "INNOMUNICH_ADDR=127.0.0.1:"+strconv.Itoa(port),
		"INNOMUNICH_ADMIN_EMAIL="+s.email, "INNOMUNICH_ADMIN_PASSWORD="+s.password, "INNOMUNICH_JWT_KEY_FILE="+keyFile,
		"INNOMUNICH_RATE_LIMIT=0") // one caller on 32 connections: measure the server, not its per-caller limit
	s.cmd.Stdout, s.cmd.Stderr = logFile, logFile
	if err := s.cmd.Start(); err != nil {
		logFile.Close()
		return nil, err
	}
	go func() { s.done <- s.cmd.Wait(); logFile.Close() }()
	// Ready when /readyz answers 200; give up when the process ends.
	cl := newClient(s.url, 1)
	deadline := time.Now().Add(5 * time.Minute)
	for {
		if r, err := cl.do(ctx, "GET", "/readyz", nil, nil); err == nil && r.status == 200 {
			return s, nil
		}
		select {
		case err := <-s.done:
			return nil, fmt.Errorf("server stopped before it was ready (%v); see %s", err, logFile.Name())
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, errors.New("server not ready after 5 minutes")
		}
	}
}

func (s *server) stop() {
	if s.cmd.ProcessState != nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// rss is the server's resident set in MB now, hwm its peak.
func (s *server) rss() float64 { return procStatus(s.cmd.Process.Pid, "VmRSS:") }
func (s *server) hwm() float64 { return procStatus(s.cmd.Process.Pid, "VmHWM:") }

func procStatus(pid int, field string) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, field) {
			kb, _ := strconv.ParseFloat(strings.Fields(line)[1], 64)
			return kb / 1024
		}
	}
	return 0
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func withDatabase(raw, name string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Path = "/" + name
	return u.String()
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:3], " ")
}

// withoutAccounts removes the user accounts of a copied data set, so that
// the server starts with the bench's own admin.
func withoutAccounts(ctx context.Context, dbURL string) error {
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "DELETE FROM refresh_tokens; DELETE FROM api_keys; DELETE FROM users")
	return err
}
