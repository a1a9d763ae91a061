package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

// TestMain lets the test binary stand in for the innomunich binary: the
// cluster test starts it again as real `serve` processes, which it can
// kill, and the reporting examples run it as `innomunich report`, without
// a separate `go build`.
func TestMain(m *testing.M) {
	if os.Getenv("INNOMUNICH_TEST_AS_BINARY") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// process is one `innomunich serve` running as a process of its own.
type process struct {
	addr   string
	vars   map[string]string
	cmd    *exec.Cmd
	exited chan struct{}
	stderr *tailBuffer
}

// tailBuffer keeps the last few KiB a process wrote, for failure messages.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if len(b.buf) > 8192 {
		b.buf = b.buf[len(b.buf)-8192:]
	}
	return len(p), nil
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// start runs the process and returns once it listens.
func (p *process) start(t *testing.T) {
	t.Helper()
	p.spawn(t)()
}

// spawn runs the process and returns a function that waits until it
// listens (to be called on the test's goroutine).
func (p *process) spawn(t *testing.T) (waitListening func()) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "serve")
	cmd.Env = append(os.Environ(), "INNOMUNICH_TEST_AS_BINARY=1", "INNOMUNICH_ADDR="+p.addr)
	for k, v := range p.vars {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out := newLines()
	p.stderr = &tailBuffer{}
	cmd.Stdout, cmd.Stderr = out, p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p.cmd, p.exited = cmd, make(chan struct{})
	go func() { _ = cmd.Wait(); close(p.exited) }()
	return func() {
		t.Helper()
		timeout := time.After(2 * time.Minute)
		for {
			select {
			case line := <-out.ch:
				if strings.Contains(line, " on http://") {
					return
				}
			case <-p.exited:
				t.Fatalf("serve on %s ended before listening: %s", p.addr, p.stderr)
			case <-timeout:
				t.Fatalf("serve on %s did not start listening within 2 minutes: %s", p.addr, p.stderr)
			}
		}
	}
}

// kill ends the process at once (SIGKILL: no graceful shutdown).
func (p *process) kill(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-p.exited
}

// stop ends the process gracefully.
func (p *process) stop() {
	select {
	case <-p.exited:
		return
	default:
	}
	_ = p.cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.exited:
	case <-time.After(time.Minute):
		_ = p.cmd.Process.Kill()
		<-p.exited
	}
}

type bodyKey struct{}

// roundRobin is the load balancer: httputil.ReverseProxy over the
// instances in turn, passing a request on to the next instance when one
// does not accept the connection (it is down).
type roundRobin struct {
	backends []string // host:port
	next     atomic.Uint64
	tr       *http.Transport
	skipped  atomic.Int64 // connections refused by a dead instance
}

func (rr *roundRobin) RoundTrip(req *http.Request) (*http.Response, error) {
	body, _ := req.Context().Value(bodyKey{}).([]byte)
	start := rr.next.Add(1)
	var lastErr error
	for i := range rr.backends {
		out := req.Clone(req.Context())
		out.URL.Scheme, out.URL.Host = "http", rr.backends[(start+uint64(i))%uint64(len(rr.backends))]
		out.Host = out.URL.Host
		out.Body, out.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
		if len(body) == 0 {
			out.Body = http.NoBody
		}
		resp, err := rr.tr.RoundTrip(out)
		var op *net.OpError
		if err != nil && errors.As(err, &op) && op.Op == "dial" {
			rr.skipped.Add(1)
			lastErr = err
			continue
		}
		return resp, err
	}
	return nil, lastErr
}

func newProxy(t *testing.T, backends []string) (*roundRobin, string) {
	rr := &roundRobin{backends: backends, tr: &http.Transport{MaxIdleConnsPerHost: 32, DisableCompression: true}}
	rp := &httputil.ReverseProxy{
		Rewrite:   func(pr *httputil.ProxyRequest) { pr.SetXForwarded() },
		Transport: rr,
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			w.WriteHeader(http.StatusBadGateway) // the instance died while answering
		},
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		rp.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), bodyKey{}, body)))
	})}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close(); rr.tr.CloseIdleConnections() })
	return rr, "http://" + ln.Addr().String()
}

// unknown reports an answer that says nothing about whether a write
// happened: no answer, the proxy's 502, or 503.
func unknown(r reply, err error) bool {
	return err != nil || r.status == http.StatusBadGateway || r.status == http.StatusServiceUnavailable
}

// clusterStats counts what the workload saw.
type clusterStats struct {
	requests, unknowns, inProgress, signIns, edits, conflicts, created, replays, registered, refusedDuplicates atomic.Int64
}

// TestThreeInstancesBehindALoadBalancer runs three serve processes on one
// PostgreSQL database behind a round-robin proxy and a mixed workload
// (sign-ins, edits with If-Match, creations and trip registrations with
// Idempotency-Key and their retries, sign-outs), kills one instance with
// SIGKILL in the middle and starts it again. No acknowledged write is
// lost, no retry writes twice, nobody is registered twice, and a session
// that was signed out is refused by every instance within a second.
func TestThreeInstancesBehindALoadBalancer(t *testing.T) {
	if os.Getenv("TEST_DATABASE_URL") == "" {
		dbtest.Engines(t) // fails under CI=true
		t.Skip("needs PostgreSQL (TEST_DATABASE_URL)")
	}
	ctx := context.Background()
	dbURL := dbtest.EmptyURL(t, database.Postgres)
	keyFile := filepath.Join(t.TempDir(), "jwt.pem")
	if _, err := auth.LoadKeyFile(keyFile, true); err != nil {
		t.Fatal(err)
	}
	vars := opsVars(dbURL)
	vars["INNOMUNICH_JWT_KEY_FILE"] = keyFile
	vars["INNOMUNICH_LOG_LEVEL"] = "error"
	vars["INNOMUNICH_DB_MAX_CONNS"] = "8"
	// INNOMUNICH_SESSION_CHECK_TTL keeps its default (500ms): an instance
	// trusts what it read about a user's sessions for half a second, so a
	// sign-out reaches every instance within a second.

	procs := make([]*process, 3)
	addrs := make([]string, 3)
	waits := make([]func(), 3)
	for i := range procs {
		addrs[i] = freeAddr(t)
		procs[i] = &process{addr: addrs[i], vars: vars}
		// All three at once: they migrate once, under the advisory lock.
		waits[i] = procs[i].spawn(t)
		t.Cleanup(procs[i].stop)
	}
	for _, wait := range waits {
		wait()
	}
	var wg sync.WaitGroup
	rr, front := newProxy(t, addrs)

	// Setup through the proxy: the coordinators who work, an organisation
	// whose people register, a trip, the organisations they edit.
	admin := signIn(t, front, testAdminEmail, testAdminPassword)
	var home struct{ ID string }
	admin.must(t, 201, "POST", "/api/v1/organisations", map[string]any{"name": "Cluster Home GmbH", "kind": "biotech", "country": "DE"}, nil).decode(t, &home)
	const workers, rounds, shared = 6, 20, 3
	type account struct{ email, password string }
	accounts := make([]account, workers)
	for w := range accounts {
		accounts[w] = account{fmt.Sprintf("coordinator%d@cluster.example", w), fmt.Sprintf("Koordination im Verbund Nummer %d!", w)}
		admin.must(t, 201, "POST", "/api/v1/users", map[string]any{"email": accounts[w].email, "display_name": fmt.Sprintf("Coordinator %d", w), "role": "coordinator", "password": accounts[w].password}, nil)
	}
	var trip struct{ ID string }
	admin.must(t, 201, "POST", "/api/v1/trips", map[string]any{"title": "Cluster delegation", "kind": "delegation_trip", "organiser_ids": []string{home.ID},
		"country": "JP", "regions": []string{"osaka"}, "cities": []string{"Osaka"}, "start_date": "2027-04-12", "end_date": "2027-04-16",
		"time_zone": "Asia/Tokyo", "status": "registration_open", "capacity": 1000}, nil).decode(t, &trip)
	people := make([]string, workers*rounds)
	for i := range people {
		var p struct{ ID string }
		admin.must(t, 201, "POST", "/api/v1/people", map[string]any{"organisation_id": home.ID, "family_name": fmt.Sprintf("Teilnehmer %d", i)}, nil).decode(t, &p)
		people[i] = p.ID
	}
	edited := make([]string, shared)
	for i := range edited {
		var o struct{ ID string }
		admin.must(t, 201, "POST", "/api/v1/organisations", map[string]any{"name": fmt.Sprintf("Shared Edit %d KK", i), "kind": "pharma", "country": "JP"}, nil).decode(t, &o)
		edited[i] = o.ID
	}

	var (
		stats        clusterStats
		mu           sync.Mutex
		failures     []string
		editAcked    = make([]int64, shared) // 200s per edited organisation
		editUnknown  = make([]int64, shared)
		createdByKey = map[string]string{} // Idempotency-Key → organisation id acknowledged
		registeredBy = map[string]string{} // person → participant id acknowledged
		revocations  []time.Duration
		progress     = make(chan struct{}, 10000)
	)
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(failures) < 20 {
			failures = append(failures, fmt.Sprintf(format, args...))
		}
	}
	done := func() {
		select {
		case progress <- struct{}{}:
		default:
		}
	}
	// send retries a request whose outcome is unknown (the instance died,
	// or a retry found the first still holding its key) until it has a
	// definite answer.
	send := func(c *apiClient, method, path string, body any, header map[string]string) (reply, bool) {
		deadline := time.Now().Add(2 * time.Minute)
		for {
			r, err := c.call(method, path, body, header)
			stats.requests.Add(1)
			inProgress := r.status == 409 && strings.Contains(string(r.body), "still in progress")
			if !unknown(r, err) && !inProgress {
				return r, true
			}
			if inProgress {
				stats.inProgress.Add(1)
			} else {
				stats.unknowns.Add(1)
			}
			if header["Idempotency-Key"] == "" || time.Now().After(deadline) {
				return r, false // not safe to repeat blindly: the caller decides
			}
			select {
			case <-time.After(100 * time.Millisecond): // poll again
			case <-ctx.Done():
			}
		}
	}
	login := func(w int) (*apiClient, string) {
		for attempt := 0; ; attempt++ {
			c := newClient(front)
			var tok struct {
				AccessToken  string `json:"access_token"`
				RefreshToken string `json:"refresh_token"`
			}
			r, ok := send(c, "POST", "/api/v1/auth/login", map[string]string{"email": accounts[w].email, "password": accounts[w].password}, nil)
			if !ok && attempt < 20 {
				continue // a sign-in is safe to repeat
			}
			if r.status != 200 || r.into(&tok) != nil {
				fail("sign-in of %s: %d %s", accounts[w].email, r.status, r.body)
				return nil, ""
			}
			stats.signIns.Add(1)
			c.token = tok.AccessToken
			return c, tok.RefreshToken
		}
	}

	restarted := make(chan struct{})
	start := time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, refresh := login(w)
			if c == nil {
				return
			}
			for i := range rounds {
				if i > 0 && i%4 == 0 {
					if c, refresh = login(w); c == nil {
						return
					}
				}
				// An edit of a shared organisation with the version just read.
				o := (w + i) % shared
				if r, ok := send(c, "GET", "/api/v1/organisations/"+edited[o], nil, nil); ok && r.status == 200 {
					etag := r.header.Get("ETag")
					r, err := c.call("PATCH", "/api/v1/organisations/"+edited[o], map[string]any{"city": fmt.Sprintf("Osaka %d-%d", w, i)}, map[string]string{"If-Match": etag})
					stats.requests.Add(1)
					mu.Lock()
					switch {
					case unknown(r, err):
						editUnknown[o]++
						stats.unknowns.Add(1)
					case r.status == 200:
						editAcked[o]++
						stats.edits.Add(1)
					case r.status == 412:
						stats.conflicts.Add(1)
					default:
						failures = append(failures, fmt.Sprintf("PATCH organisation: %d %s", r.status, r.body))
					}
					mu.Unlock()
				} else if ok {
					fail("GET organisation: %d %s", r.status, r.body)
				}

				// A creation with an Idempotency-Key, and a deliberate retry.
				key := fmt.Sprintf("create-%d-%d", w, i)
				body := map[string]any{"name": fmt.Sprintf("Cluster Created %d-%d GmbH", w, i), "kind": "biotech", "country": "DE"}
				var org struct{ ID string }
				if r, ok := send(c, "POST", "/api/v1/organisations", body, map[string]string{"Idempotency-Key": key}); ok && r.status == 201 && r.into(&org) == nil {
					stats.created.Add(1)
					mu.Lock()
					createdByKey[key] = org.ID
					mu.Unlock()
					again, ok := send(c, "POST", "/api/v1/organisations", body, map[string]string{"Idempotency-Key": key})
					var org2 struct{ ID string }
					if ok && again.status == 201 {
						_ = again.into(&org2)
					}
					if !ok || again.status != 201 || org2.ID != org.ID || again.header.Get("Idempotent-Replayed") != "true" {
						fail("retry of %s: %d replayed %q id %s, want the first answer (%s)", key, again.status, again.header.Get("Idempotent-Replayed"), org2.ID, org.ID)
					}
					stats.replays.Add(1)
				} else {
					fail("create %s: %d %s", key, r.status, r.body)
				}

				// A registration of one's own person, and one of the next
				// worker's: two coordinators registering one person.
				for j, person := range []string{people[w*rounds+i], people[((w+1)%workers)*rounds+i]} {
					key := fmt.Sprintf("register-%d-%d-%d", w, i, j)
					r, ok := send(c, "POST", "/api/v1/trips/"+trip.ID+"/participants", map[string]any{"person_id": person}, map[string]string{"Idempotency-Key": key})
					switch {
					case !ok:
						fail("registration %s: no definite answer", key)
					case r.status == 201:
						var p struct{ ID string }
						if err := r.into(&p); err != nil {
							fail("registration %s: %v", key, err)
							continue
						}
						stats.registered.Add(1)
						mu.Lock()
						if prev, dup := registeredBy[person]; dup {
							failures = append(failures, fmt.Sprintf("person %s registered twice: %s and %s", person, prev, p.ID))
						}
						registeredBy[person] = p.ID
						mu.Unlock()
					case r.status == 409 && strings.Contains(string(r.body), "registered for the trip already"):
						stats.refusedDuplicates.Add(1)
					default:
						fail("registration %s: %d %s", key, r.status, r.body)
					}
				}
				done()
				if i == rounds/2 {
					<-restarted // the second half runs on all three again
				}
			}

			// Sign out, and every instance refuses the token within a
			// second. First each instance sees the session alive.
			for _, a := range addrs {
				direct := &apiClient{base: "http://" + a, token: c.token, http: c.http}
				if r, err := direct.call("GET", "/api/v1/me", nil, nil); err != nil || r.status != 200 {
					fail("instance %s before the sign-out: %v %d", a, err, r.status)
				}
			}
			r, ok := send(newClient(front), "POST", "/api/v1/auth/logout", map[string]string{"refresh_token": refresh}, nil)
			if !ok || r.status != 204 {
				fail("sign-out: %d %s", r.status, r.body)
				return
			}
			out := time.Now()
			var slowest time.Duration
			for _, a := range addrs {
				direct := &apiClient{base: "http://" + a, token: c.token, http: c.http}
				for {
					sent := time.Now()
					r, err := direct.call("GET", "/api/v1/me", nil, nil)
					if err == nil && r.status == 401 {
						if d := sent.Sub(out); d > slowest {
							slowest = d
						}
						break
					}
					if sent.Sub(out) >= time.Second {
						fail("instance %s still accepts a signed-out token %s after the sign-out (%v %d)", a, sent.Sub(out).Round(time.Millisecond), err, r.status)
						break
					}
				}
			}
			mu.Lock()
			revocations = append(revocations, slowest)
			mu.Unlock()
		}()
	}

	// Kill one instance after a third of the rounds, start it again once
	// the others have carried the workload for a while.
	waitRounds := func(n int) {
		for range n {
			select {
			case <-progress:
			case <-time.After(5 * time.Minute):
				t.Fatal("the workload made no progress for 5 minutes")
			}
		}
	}
	waitRounds(workers * rounds / 3)
	beforeKill, healthyFor := stats.requests.Load(), time.Since(start)
	procs[1].kill(t)
	killedAt := time.Now()
	waitRounds(2 * workers)
	procs[1].start(t)
	downFor := time.Since(killedAt)
	close(restarted)
	wg.Wait()
	elapsed := time.Since(start)

	for _, f := range failures {
		t.Error(f)
	}

	// What was acknowledged is in the database, and nothing twice.
	db, err := database.Open(ctx, dbURL, database.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn := db.Conn(ctx)
	for o, id := range edited {
		var version int64
		if err := conn.Raw("SELECT version FROM organisations WHERE id = ?", id).Scan(&version).Error; err != nil {
			t.Fatal(err)
		}
		if changes := version - 1; changes < editAcked[o] || changes > editAcked[o]+editUnknown[o] {
			t.Errorf("organisation %d: %d changes saved, but %d were acknowledged (and %d unknown)", o, changes, editAcked[o], editUnknown[o])
		}
	}
	var createdRows int64
	conn.Raw("SELECT count(*) FROM organisations WHERE name LIKE 'Cluster Created %'").Scan(&createdRows)
	if createdRows != int64(len(createdByKey)) {
		t.Errorf("%d organisations created for %d acknowledged Idempotency-Keys: a retry wrote twice or a write was lost", createdRows, len(createdByKey))
	}
	for key, id := range createdByKey {
		var n int64
		conn.Raw("SELECT count(*) FROM organisations WHERE id = ?", id).Scan(&n)
		if n != 1 {
			t.Errorf("organisation %s acknowledged for %s is missing", id, key)
		}
	}
	var doubles int64
	conn.Raw("SELECT count(*) FROM (SELECT person_id FROM trip_participants WHERE trip_id = ? AND status <> 'cancelled' GROUP BY person_id HAVING count(*) > 1) d", trip.ID).Scan(&doubles)
	if doubles > 0 {
		t.Errorf("%d people are registered twice", doubles)
	}
	var active int64
	conn.Raw("SELECT count(*) FROM trip_participants WHERE trip_id = ? AND status <> 'cancelled'", trip.ID).Scan(&active)
	if active != int64(len(registeredBy)) || active != int64(len(people)) {
		t.Errorf("%d active registrations; %d acknowledged for %d people", active, len(registeredBy), len(people))
	}
	for person, id := range registeredBy {
		var n int64
		conn.Raw("SELECT count(*) FROM trip_participants WHERE id = ? AND person_id = ? AND status <> 'cancelled'", id, person).Scan(&n)
		if n != 1 {
			t.Errorf("acknowledged registration %s of %s is missing", id, person)
		}
	}
	var slowest time.Duration
	for _, d := range revocations {
		slowest = max(slowest, d)
	}
	t.Logf("3 instances, %d workers: %d requests in %s (%.0f/s; %.0f/s before the kill), %d without an answer (instance killed; retried), %d retries answered 409 'still in progress' (the killed instance's claim, until the request deadline), %d refused connections skipped by the proxy; "+
		"instance 2 down for %s; %d sign-ins, %d edits (%d If-Match conflicts), %d creations (%d replays), %d registrations (%d duplicates refused); "+
		"sign-out refused everywhere after at most %s",
		workers, stats.requests.Load(), elapsed.Round(100*time.Millisecond), float64(stats.requests.Load())/elapsed.Seconds(), float64(beforeKill)/healthyFor.Seconds(), stats.unknowns.Load(), stats.inProgress.Load(), rr.skipped.Load(),
		downFor.Round(100*time.Millisecond), stats.signIns.Load(), stats.edits.Load(), stats.conflicts.Load(), stats.created.Load(), stats.replays.Load(),
		stats.registered.Load(), stats.refusedDuplicates.Load(), slowest.Round(time.Millisecond))
}
