package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// The peer comparison (issue 20): PocketBase, a single-binary Go backend on
// SQLite, serves the same organisations with the same fields and indexes,
// and both servers answer the same five requests one after the other:
// a first page by name, a page of the most recently changed, a filtered
// page (country and kind), a Latin and a Japanese search. PocketBase is
// installed with `go install github.com/pocketbase/pocketbase/examples/base`
// (.ci/bench does it) and given with --pocketbase.

// peerScenario is one request on both servers.
type peerScenario struct {
	Name       string
	Ours, Peer string
}

func peerScenarios() []peerScenario {
	const pb = "/api/collections/organisations/records?perPage=50&skipTotal=1&"
	f := func(filter string) string { return "filter=" + url.QueryEscape(filter) }
	return []peerScenario{
		{"first page (by name)", "/api/v1/organisations", pb + "sort=name_sort,id&" + f("archived=false")},
		{"sorted page (most recently changed)", "/api/v1/organisations?sort=-updated_at", pb + "sort=-updated_at,-id&" + f("archived=false")},
		{"filtered page (country=JP, kind=pharma)", "/api/v1/organisations?country=JP&kind=pharma", pb + "sort=name_sort,id&" + f("archived=false && country='JP' && kind='pharma'")},
		{"search, Latin (huber)", "/api/v1/organisations?q=huber", pb + "sort=name_sort,id&" + f("archived=false && (name~'huber' || city~'huber')")},
		{"search, Japanese (大阪)", "/api/v1/organisations?q=" + url.QueryEscape("大阪"), pb + "sort=name_sort,id&" + f("archived=false && (name_local~'大阪' || name_kana~'大阪' || city~'大阪')")},
	}
}

// peerResult is one scenario on both servers.
type peerResult struct {
	Name       string  `json:"name"`
	OursRPS    float64 `json:"ours_rps"`
	OursP99    float64 `json:"ours_p99_ms"`
	PeerRPS    float64 `json:"peer_rps"`
	PeerP99    float64 `json:"peer_p99_ms"`
	OursErrors int     `json:"ours_errors"`
	PeerErrors int     `json:"peer_errors"`
}

// peerOrg is what both servers hold of an organisation.
type peerOrg struct {
	Name, NameLocal, NameKana, ShortName, Kind, Country, Region, City, Website string
	Email, Phone, DescriptionDE, DescriptionEN, DescriptionJA                  string
	Employees                                                                  int64
	SME, Archived                                                              bool
	NameSort, KanaSort, UpdatedAt                                              string
}

func runPeer(ctx context.Context, c config, n int, conns int, stdout io.Writer) ([]peerResult, error) {
	tmpl, _, err := ensureSQLiteDataSet(ctx, c, n, stdout)
	if err != nil {
		return nil, err
	}
	dir, err := filepath.Abs(filepath.Join(c.workdir, fmt.Sprintf("pocketbase_%d_%d", n, c.seed)))
	if err != nil {
		return nil, err
	}
	const email, password = "bench@example.org", "peer-bench-Lantern-41"
	if _, err := os.Stat(filepath.Join(dir, "complete")); err != nil {
		if err := loadPocketBase(ctx, c, tmpl, dir, email, password, stdout); err != nil {
			return nil, fmt.Errorf("pocketbase: %w", err)
		}
	}
	pb, err := startPocketBase(ctx, c, dir)
	if err != nil {
		return nil, err
	}
	pbc := newClient(pb.url, conns)
	var auth struct {
		Token string `json:"token"`
	}
	if _, err := pbc.must(ctx, 200, "POST", "/api/collections/users/auth-with-password", map[string]string{"identity": email, "password": password}, &auth); err != nil {
		pb.stop()
		return nil, err
	}
	pbc.token = auth.Token
	var peer []result
	for _, s := range peerScenarios() {
		path := s.Peer
		peer = append(peer, drive(ctx, pbc, nil, scenario{s.Name, "peer", 0, get(func(*fixture, *rand.Rand) string { return path })}, conns, c.warmup, c.duration, pb.rss))
		fmt.Fprintf(stdout, "bench: pocketbase %-40s %7.0f req/s  p99 %6.1f ms  errors %d\n", s.Name, peer[len(peer)-1].RPS, peer[len(peer)-1].P99, peer[len(peer)-1].Errors)
	}
	pb.stop()

	runFile := filepath.Join(filepath.Dir(tmpl), "sqlite_peer.db")
	defer func() {
		for _, suffix := range []string{"", "-wal", "-shm", ".migrate-lock"} {
			_ = os.Remove(runFile + suffix)
		}
	}()
	if err := copyFile(tmpl, runFile); err != nil {
		return nil, err
	}
	if err := withoutAccountsSQLite(ctx, runFile); err != nil {
		return nil, err
	}
	srv, err := startServer(ctx, c, "sqlite:"+runFile, n)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	cl := newClient(srv.url, conns)
	if err := cl.login(ctx, srv.email, srv.password); err != nil {
		return nil, err
	}
	var out []peerResult
	for i, s := range peerScenarios() {
		path := s.Ours
		r := drive(ctx, cl, nil, scenario{s.Name, "peer", 0, get(func(*fixture, *rand.Rand) string { return path })}, conns, c.warmup, c.duration, srv.rss)
		fmt.Fprintf(stdout, "bench: innomunich %-40s %7.0f req/s  p99 %6.1f ms  errors %d\n", s.Name, r.RPS, r.P99, r.Errors)
		out = append(out, peerResult{Name: s.Name, OursRPS: r.RPS, OursP99: r.P99, OursErrors: r.Errors, PeerRPS: peer[i].RPS, PeerP99: peer[i].P99, PeerErrors: peer[i].Errors})
	}
	return out, nil
}

func withoutAccountsSQLite(ctx context.Context, file string) error {
	db, err := sql.Open("sqlite", file)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "DELETE FROM refresh_tokens; DELETE FROM api_keys; DELETE FROM users")
	return err
}

// loadPocketBase makes PocketBase's data folder once: the organisations
// collection with our list's fields and indexes, a user, and the
// organisations of the SQLite data set.
func loadPocketBase(ctx context.Context, c config, tmpl, dir, email, password string, stdout io.Writer) error {
	_ = os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	su := exec.CommandContext(ctx, c.pocketbase, "superuser", "upsert", email, password, "--dir", dir, "--automigrate=false",
		"--migrationsDir", filepath.Join(dir, "pb_migrations"))
	if b, err := su.CombinedOutput(); err != nil {
		return fmt.Errorf("superuser: %v: %s", err, b)
	}
	pb, err := startPocketBase(ctx, c, dir)
	if err != nil {
		return err
	}
	defer pb.stop()
	admin := newClient(pb.url, 8)
	var auth struct {
		Token string `json:"token"`
	}
	if _, err := admin.must(ctx, 200, "POST", "/api/collections/_superusers/auth-with-password", map[string]string{"identity": email, "password": password}, &auth); err != nil {
		return err
	}
	admin.token = auth.Token
	text := func(name string) map[string]any { return map[string]any{"name": name, "type": "text"} }
	signedIn := "@request.auth.id != ''"
	collection := map[string]any{
		"name": "organisations", "type": "base", "listRule": signedIn, "viewRule": signedIn,
		"fields": []map[string]any{text("name"), text("name_local"), text("name_kana"), text("short_name"), text("kind"), text("country"),
			text("region"), text("city"), text("website"), text("email"), text("phone"), {"name": "employees", "type": "number"},
			text("description_de"), text("description_en"), text("description_ja"), {"name": "sme", "type": "bool"}, {"name": "archived", "type": "bool"},
			text("name_sort"), text("kana_sort"), {"name": "updated_at", "type": "date"}},
		// The indexes this server has for the same requests (migrations 00004, 00008, 00022).
		"indexes": []string{
			"CREATE INDEX organisations_archived_name_idx ON organisations (archived, name_sort, id)",
			"CREATE INDEX organisations_live_updated_idx ON organisations (archived, updated_at, id)",
			"CREATE INDEX organisations_live_country_kind_idx ON organisations (archived, country, kind, name_sort, id)",
		},
	}
	if _, err := admin.must(ctx, 200, "POST", "/api/collections", collection, nil); err != nil {
		return err
	}
	if _, err := admin.must(ctx, 200, "POST", "/api/collections/users/records", map[string]any{"email": email, "password": password, "passwordConfirm": password, "verified": true}, nil); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", tmpl+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT COALESCE(name, ''), COALESCE(name_local, ''), COALESCE(name_kana, ''), COALESCE(short_name, ''), COALESCE(kind, ''), COALESCE(country, ''), COALESCE(region, ''), COALESCE(city, ''), COALESCE(website, ''), COALESCE(email, ''), COALESCE(phone, ''), COALESCE(employees, 0),
		COALESCE(description_de, ''), COALESCE(description_en, ''), COALESCE(description_ja, ''), sme, archived, name_sort, kana_sort, updated_at
		FROM organisations`)
	if err != nil {
		return err
	}
	var orgs []peerOrg
	for rows.Next() {
		var o peerOrg
		var updated any
		if err := rows.Scan(&o.Name, &o.NameLocal, &o.NameKana, &o.ShortName, &o.Kind, &o.Country, &o.Region, &o.City, &o.Website, &o.Email, &o.Phone, &o.Employees,
			&o.DescriptionDE, &o.DescriptionEN, &o.DescriptionJA, &o.SME, &o.Archived,
			&o.NameSort, &o.KanaSort, &updated); err != nil {
			rows.Close()
			return err
		}
		switch v := updated.(type) {
		case time.Time:
			o.UpdatedAt = v.UTC().Format("2006-01-02 15:04:05.000Z")
		case string:
			t, err := time.Parse("2006-01-02 15:04:05.999999999-07:00", v)
			if err != nil {
				rows.Close()
				return fmt.Errorf("updated_at %q: %w", v, err)
			}
			o.UpdatedAt = t.UTC().Format("2006-01-02 15:04:05.000Z")
		}
		orgs = append(orgs, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "bench: loading %d organisations into PocketBase\n", len(orgs))
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	next := make(chan peerOrg)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for o := range next {
				body := map[string]any{"name": o.Name, "name_local": o.NameLocal, "name_kana": o.NameKana, "short_name": o.ShortName, "kind": o.Kind,
					"country": o.Country, "region": o.Region, "city": o.City, "website": o.Website, "email": o.Email, "phone": o.Phone,
					"employees": o.Employees, "description_de": o.DescriptionDE, "description_en": o.DescriptionEN, "description_ja": o.DescriptionJA, "sme": o.SME, "archived": o.Archived,
					"name_sort": o.NameSort, "kana_sort": o.KanaSort, "updated_at": o.UpdatedAt}
				if _, err := admin.must(ctx, 200, "POST", "/api/collections/organisations/records", body, nil); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, o := range orgs {
		next <- o
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return os.WriteFile(filepath.Join(dir, "complete"), []byte(strconv.Itoa(len(orgs))), 0o644)
}

type pbServer struct {
	cmd  *exec.Cmd
	url  string
	done chan error
}

func startPocketBase(ctx context.Context, c config, dir string) (*pbServer, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	s := &pbServer{url: "http://127.0.0.1:" + strconv.Itoa(port), done: make(chan error, 1)}
	log, err := os.Create(filepath.Join(c.workdir, "pocketbase.log"))
	if err != nil {
		return nil, err
	}
	// Without automigrate: the collection made over the API stays in the
	// data folder instead of becoming a migration file beside it.
	s.cmd = exec.Command(c.pocketbase, "serve", "--http", "127.0.0.1:"+strconv.Itoa(port), "--dir", dir, "--automigrate=false",
		"--migrationsDir", filepath.Join(dir, "pb_migrations"))
	s.cmd.Stdout, s.cmd.Stderr = log, log
	if err := s.cmd.Start(); err != nil {
		log.Close()
		return nil, err
	}
	go func() { s.done <- s.cmd.Wait(); log.Close() }()
	cl := newClient(s.url, 1)
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if r, err := cl.do(ctx, "GET", "/api/health", nil, nil); err == nil && r.status == 200 {
			return s, nil
		}
		select {
		case err := <-s.done:
			return nil, fmt.Errorf("pocketbase stopped before it was ready (%v); see %s", err, log.Name())
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, errors.New("pocketbase not ready after 2 minutes")
		}
	}
}

func (s *pbServer) stop() {
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

func (s *pbServer) rss() float64 { return procStatus(s.cmd.Process.Pid, "VmRSS:") }

// peerMarkdown is the comparison's table.
func peerMarkdown(n, conns int, rs []peerResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nPeer comparison: PocketBase and this server on SQLite, the same %s organisations with the same list fields and indexes, a signed-in user on both sides, %d connections, one server after the other (target: ours ≥ PocketBase's throughput in every scenario):\n\n", count(n), conns)
	b.WriteString("| scenario | innomunich req/s | p99 ms | PocketBase req/s | p99 ms | ours ÷ PocketBase |\n|---|---|---|---|---|---|\n")
	for _, r := range rs {
		mark := ""
		if r.OursRPS < r.PeerRPS {
			mark = " **below**"
		}
		fmt.Fprintf(&b, "| %s | %.0f | %.1f | %.0f | %.1f | %.2f×%s |\n", r.Name, r.OursRPS, r.OursP99, r.PeerRPS, r.PeerP99, r.OursRPS/max(r.PeerRPS, 0.001), mark)
	}
	return b.String()
}
