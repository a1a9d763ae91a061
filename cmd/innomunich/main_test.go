package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func TestVersionAndUsage(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"version"}, env(nil), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "innomunich ") {
		t.Errorf("version printed %q", out.String())
	}
	var errOut bytes.Buffer
	if err := run(context.Background(), []string{"frobnicate"}, env(nil), io.Discard, &errOut); err == nil || !strings.Contains(errOut.String(), "Usage") {
		t.Errorf("unknown command: err %v, stderr %q; want an error and the usage", err, errOut.String())
	}
}

func TestInvalidConfigurationIsNamed(t *testing.T) {
	err := run(context.Background(), []string{"serve"}, env(map[string]string{
		"INNOMUNICH_LOG_FORMAT": "xml", "INNOMUNICH_CORS_ORIGINS": "*", "DATABASE_URL": "mysql://x",
	}), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "INNOMUNICH_LOG_FORMAT") || !strings.Contains(err.Error(), "INNOMUNICH_CORS_ORIGINS") {
		t.Errorf("err = %v, want both bad settings named", err)
	}
}

// lines is an io.Writer that hands every complete line to a channel.
type lines struct {
	mu  sync.Mutex
	buf bytes.Buffer
	ch  chan string
}

func newLines() *lines { return &lines{ch: make(chan string, 100)} }

func (l *lines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	for {
		line, err := l.buf.ReadString('\n')
		if err != nil {
			l.buf.WriteString(line)
			return len(p), nil
		}
		l.ch <- strings.TrimSuffix(line, "\n")
	}
}

// waitFor returns the first line containing substr.
func (l *lines) waitFor(t *testing.T, substr string) string {
	t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case line := <-l.ch:
			if strings.Contains(line, substr) {
				return line
			}
		case <-timeout:
			t.Fatalf("no output line containing %q", substr)
		}
	}
}

// instance is a serve command running in the test process.
type instance struct {
	out      *lines
	url      string
	finished chan struct{}
	err      error // what run returned, once finished is closed
	cancel   context.CancelFunc
}

// stop sends the stop signal and waits for run to return.
func (in *instance) stop() error {
	in.cancel()
	<-in.finished
	return in.err
}

// startServe runs serve and waits until it listens.
func startServe(t *testing.T, vars map[string]string, args ...string) *instance {
	t.Helper()
	in := launch(t, vars, args...)
	in.waitListening(t)
	return in
}

// launch runs serve without waiting; call waitListening from the test goroutine.
func launch(t *testing.T, vars map[string]string, args ...string) *instance {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	in := &instance{out: newLines(), finished: make(chan struct{}), cancel: cancel}
	vars["INNOMUNICH_ADDR"] = "127.0.0.1:0"
	go func() {
		defer close(in.finished)
		in.err = run(ctx, append([]string{"serve"}, args...), env(vars), in.out, io.Discard)
	}()
	t.Cleanup(func() { _ = in.stop() })
	return in
}

func (in *instance) waitListening(t *testing.T) {
	t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case line := <-in.out.ch:
			if i := strings.Index(line, " on http://"); i >= 0 {
				in.url = line[i+4:]
				return
			}
		case <-in.finished:
			t.Fatalf("serve ended before listening: %v", in.err)
		case <-timeout:
			t.Fatal("serve did not start listening")
		}
	}
}

func getStatus(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestServeCreatesTheFirstAdminAndStopsGracefully(t *testing.T) {
	url := dbtest.EmptyURL(t, database.SQLite)
	in := startServe(t, map[string]string{"DATABASE_URL": url}, "--demo")
	login := in.out.waitFor(t, "First admin login:")
	if !strings.Contains(login, "admin@localhost / ") || len(strings.TrimSpace(login[strings.Index(login, "/ ")+2:])) < 20 {
		t.Errorf("first admin line %q, want admin@localhost and a generated password", login)
	}
	for _, path := range []string{"/healthz", "/readyz", "/.well-known/jwks.json"} {
		if got := getStatus(t, in.url+path); got != 200 {
			t.Errorf("GET %s: %d", path, got)
		}
	}
	if err := in.stop(); err != nil {
		t.Errorf("serve returned %v after the stop signal, want a clean shutdown", err)
	}

	// A second start finds the admin and prints no password.
	again := startServe(t, map[string]string{"DATABASE_URL": url})
	if err := again.stop(); err != nil {
		t.Fatal(err)
	}
	for len(again.out.ch) > 0 {
		if line := <-again.out.ch; strings.Contains(line, "First admin") {
			t.Errorf("second start printed %q; the admin exists already", line)
		}
	}
}

func TestConfiguredAdminSignsInAndItsPasswordIsNeverPrinted(t *testing.T) {
	const email, password = "coordinator@biom.example", "秘密のパスフレーズです-2026"
	in := startServe(t, map[string]string{"DATABASE_URL": dbtest.EmptyURL(t, database.SQLite), "INNOMUNICH_ADMIN_EMAIL": email, "INNOMUNICH_ADMIN_PASSWORD": password})
	line := in.out.waitFor(t, "First admin login:")
	if strings.Contains(line, "秘密") || !strings.Contains(line, email) {
		t.Errorf("login line %q: want the e-mail and no password", line)
	}
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	resp, err := http.Post(in.url+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	if resp.StatusCode != 200 || tok.AccessToken == "" {
		t.Fatalf("sign-in with the configured admin: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest("GET", in.url+"/api/v1/regions", nil)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("regions with the admin's token: %d", resp.StatusCode)
	}
}

func TestTwoInstancesStartingTogetherMigrateOnce(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			url := dbtest.EmptyURL(t, e)
			// Instances behind one load balancer share their signing key.
			keyFile := filepath.Join(t.TempDir(), "jwt.pem")
			if _, err := auth.LoadKeyFile(keyFile, true); err != nil {
				t.Fatal(err)
			}
			vars := func() map[string]string {
				return map[string]string{"DATABASE_URL": url, "INNOMUNICH_JWT_KEY_FILE": keyFile}
			}
			both := []*instance{launch(t, vars()), launch(t, vars())}
			for _, in := range both {
				in.waitListening(t)
				if got := getStatus(t, in.url+"/readyz"); got != 200 {
					t.Errorf("%s/readyz: %d", in.url, got)
				}
			}
			db, err := database.Open(context.Background(), url, database.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var applied, admins int64
			db.Conn(context.Background()).Table("goose_db_version").Where("version_id > 0").Count(&applied)
			db.Conn(context.Background()).Table("users").Where("role = 'admin'").Count(&admins)
			states, _ := db.MigrationStatus(context.Background())
			if int(applied) != len(states) || admins != 1 {
				t.Errorf("%d migration rows for %d migrations and %d admins; want each migration once and one admin", applied, len(states), admins)
			}
		})
	}
}

func TestMigrateCommands(t *testing.T) {
	url := dbtest.EmptyURL(t, database.SQLite)
	vars := env(map[string]string{"DATABASE_URL": url})
	var out bytes.Buffer
	ctx := context.Background()
	if err := run(ctx, []string{"migrate", "status"}, vars, &out, io.Discard); err != nil || !strings.Contains(out.String(), "pending") {
		t.Fatalf("status on an empty database: %v %q", err, out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"migrate", "up"}, vars, &out, io.Discard); err != nil || !strings.Contains(out.String(), "applied 00001_reference_data.sql") {
		t.Fatalf("up: %v %q", err, out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"migrate", "down"}, vars, &out, io.Discard); err != nil || !strings.Contains(out.String(), "rolled back") {
		t.Fatalf("down: %v %q", err, out.String())
	}
	if err := run(ctx, []string{"migrate", "sideways"}, vars, io.Discard, io.Discard); err == nil {
		t.Error("migrate sideways: no error")
	}
	out.Reset()
	if err := run(ctx, []string{"seed", "--demo"}, vars, &out, io.Discard); err != nil || !strings.Contains(out.String(), "demo data") {
		t.Errorf("seed --demo: %v %q", err, out.String())
	}
}

// silentServer accepts TCP connections and never answers: a database
// behind a hung proxy or a half-dead host. started receives each
// connection accepted.
func silentServer(t *testing.T) (url string, started <-chan struct{}) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	accepted := make(chan struct{}, 100)
	var mu sync.Mutex
	var held []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c)
			mu.Unlock()
			accepted <- struct{}{}
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range held {
			c.Close()
		}
	})
	return "postgres://innomunich@" + ln.Addr().String() + "/innomunich?sslmode=disable", accepted
}

func TestStartGivesUpOnADatabaseThatNeverAnswers(t *testing.T) {
	url, _ := silentServer(t)
	done := make(chan error, 1)
	go func() {
		done <- run(context.Background(), []string{"serve"}, env(map[string]string{
			"DATABASE_URL": url, "INNOMUNICH_DB_CONNECT_TIMEOUT": "300ms", "INNOMUNICH_ADDR": "127.0.0.1:0",
		}), io.Discard, io.Discard)
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "did not answer within 300ms") || !strings.Contains(err.Error(), "INNOMUNICH_DB_CONNECT_TIMEOUT") {
			t.Errorf("serve returned %v, want it to say the database did not answer within the connect timeout", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve still connecting 30 s after a connect timeout of 300ms")
	}
}

func TestStopSignalEndsAHungConnectAtOnce(t *testing.T) {
	url, accepted := silentServer(t)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, env(map[string]string{
			"DATABASE_URL": url, "INNOMUNICH_DB_CONNECT_TIMEOUT": "1h", "INNOMUNICH_ADDR": "127.0.0.1:0",
		}), io.Discard, io.Discard)
	}()
	<-accepted // connecting, and waiting for an answer that never comes
	stop()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "stopped while connecting") {
			t.Errorf("serve returned %v, want it to say it stopped while connecting", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve still connecting 30 s after the stop signal")
	}
}

func TestWorkerRunsJobsOnlyAndStopsOnSignal(t *testing.T) {
	url := dbtest.EmptyURL(t, database.SQLite)
	err := run(context.Background(), []string{"worker"}, env(map[string]string{"DATABASE_URL": url, "INNOMUNICH_WORKERS": "0"}), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "INNOMUNICH_WORKERS=0") {
		t.Errorf("worker with no workers: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out, finished := newLines(), make(chan error, 1)
	go func() {
		finished <- run(ctx, []string{"worker"}, env(map[string]string{"DATABASE_URL": url}), out, io.Discard)
	}()
	out.waitFor(t, "worker dev working 4 jobs at once")
	cancel()
	if err := <-finished; err != nil {
		t.Errorf("worker returned %v after the stop signal, want a clean shutdown", err)
	}
}
