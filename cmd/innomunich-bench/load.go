package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/person"
)

// client talks to one server as the admin.
type client struct {
	base  string
	http  *http.Client
	token string
}

func newClient(base string, conns int) *client {
	return &client{base: base, http: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: conns * 2, MaxIdleConnsPerHost: conns * 2, MaxConnsPerHost: conns * 2, IdleConnTimeout: time.Minute,
	}}}
}

type response struct {
	status int
	body   []byte
	header http.Header
}

func (c *client) do(ctx context.Context, method, path string, body any, header map[string]string) (response, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return response{}, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return response{}, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return response{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return response{status: res.StatusCode, body: b, header: res.Header}, err
}

// must is do for setting up: anything but the wanted status is an error.
func (c *client) must(ctx context.Context, want int, method, path string, body any, out any) (response, error) {
	r, err := c.do(ctx, method, path, body, nil)
	if err != nil {
		return r, err
	}
	if r.status != want {
		return r, fmt.Errorf("%s %s: %d %s", method, path, r.status, r.body)
	}
	if out != nil {
		return r, json.Unmarshal(r.body, out)
	}
	return r, nil
}

func (c *client) login(ctx context.Context, email, password string) error {
	var t struct {
		AccessToken string `json:"access_token"`
	}
	if _, err := c.must(ctx, 200, "POST", "/api/v1/auth/login", map[string]string{"email": email, "password": password}, &t); err != nil {
		return err
	}
	c.token = t.AccessToken
	return nil
}

// cursorAt makes the cursor a list returns after a row with the key: a
// page deep in the list without paging there, through the list's own
// cursor code.
func cursorAt(spec page.Spec, sort string, key page.Key) string {
	p, err := spec.Parse(page.Params{Limit: "1", Sort: sort})
	if err != nil {
		panic(err)
	}
	_, next := page.Finish(p, []page.Key{key, key}, func(k page.Key, _ string) page.Key { return k })
	return url.QueryEscape(*next)
}

const zeroID = "00000000-0000-7000-8000-000000000000"

// fixture is what the scenarios draw on, read from the server first.
type fixture struct {
	orgs, people []string
	deep         []string // list URLs deep in the organisation list
	trips        []string // open for registration
}

func (c *client) prepare(ctx context.Context) (*fixture, error) {
	f := &fixture{}
	for _, letter := range []string{"b", "e", "h", "k", "m", "o", "r", "t", "w"} {
		f.deep = append(f.deep, "/api/v1/organisations?sort=name&cursor="+cursorAt(organisation.Sort, "name", page.Key{Value: letter, ID: zeroID}))
	}
	for _, kana := range []string{"イ", "カ", "サ", "ナ", "ヤ"} {
		f.deep = append(f.deep, "/api/v1/organisations?sort=-name_kana&cursor="+cursorAt(organisation.Sort, "-name_kana", page.Key{Value: kana, ID: zeroID}))
	}
	for year := 2013; year <= 2025; year += 3 {
		at := time.Date(year, 6, 1, 0, 0, 0, 0, time.UTC)
		f.deep = append(f.deep, "/api/v1/organisations?sort=created_at&cursor="+cursorAt(organisation.Sort, "created_at", page.Key{Value: at, ID: zeroID}))
	}
	var list struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	for _, d := range f.deep {
		if _, err := c.must(ctx, 200, "GET", d+"&limit=200", nil, &list); err != nil {
			return nil, err
		}
		for _, it := range list.Items {
			f.orgs = append(f.orgs, it.ID)
		}
	}
	for _, letter := range []string{"a", "b", "f", "h", "k", "m", "s", "w", "イ", "カ", "サ", "タ", "ナ", "マ", "ヤ"} {
		for _, sort := range []string{"name", "-name"} {
			path := "/api/v1/people?limit=200&sort=" + sort + "&cursor=" + cursorAt(person.Sort, sort, page.Key{Value: letter, ID: zeroID})
			if _, err := c.must(ctx, 200, "GET", path, nil, &list); err != nil {
				return nil, err
			}
			for _, it := range list.Items {
				f.people = append(f.people, it.ID)
			}
		}
	}
	slices.Sort(f.people)
	f.people = slices.Compact(f.people)
	slices.Sort(f.orgs) // the deep pages of different sorts overlap
	f.orgs = slices.Compact(f.orgs)
	if len(f.orgs) < 64 || len(f.people) < 64 {
		return nil, fmt.Errorf("the data set is too small: %d organisations and %d people found", len(f.orgs), len(f.people))
	}
	// Several trips, so that the pool of people lasts: once each person
	// has registered for one trip, they register for the next.
	start := time.Now().AddDate(0, 4, 0)
	deadline := start.AddDate(0, 0, -14)
	for n := range 8 {
		var trip struct {
			ID string `json:"id"`
		}
		if _, err := c.must(ctx, 201, "POST", "/api/v1/trips", map[string]any{
			"title": fmt.Sprintf("Load test delegation trip %d", n+1), "kind": "delegation_trip", "organiser_ids": []string{f.orgs[n]}, "country": "JP",
			"regions": []string{"osaka"}, "start_date": start.Format(time.DateOnly), "end_date": start.AddDate(0, 0, 5).Format(time.DateOnly),
			"time_zone": "Asia/Tokyo", "status": "registration_open", "capacity": 10000, "registration_deadline": deadline,
		}, &trip); err != nil {
			return nil, err
		}
		f.trips = append(f.trips, trip.ID)
	}
	return f, nil
}

// scenario is one kind of request driven at the server.
type scenario struct {
	Name   string
	Kind   string // list, get, search, patch, write: which target applies
	Target time.Duration
	// request makes and sends one request; worker w, its n-th request.
	request func(ctx context.Context, c *client, f *fixture, w, n int, r *rand.Rand) (time.Duration, bool)
}

// timed sends one request and reports its latency and whether it got want.
func timed(ctx context.Context, c *client, method, path string, body any, header map[string]string, want int) (time.Duration, bool, response) {
	t := time.Now()
	r, err := c.do(ctx, method, path, body, header)
	return time.Since(t), err == nil && r.status == want, r
}

func get(path func(f *fixture, r *rand.Rand) string) func(context.Context, *client, *fixture, int, int, *rand.Rand) (time.Duration, bool) {
	return func(ctx context.Context, c *client, f *fixture, _, _ int, r *rand.Rand) (time.Duration, bool) {
		d, ok, _ := timed(ctx, c, "GET", path(f, r), nil, nil, 200)
		return d, ok
	}
}

func oneOf(r *rand.Rand, list ...string) string { return list[r.IntN(len(list))] }

var etagRe = regexp.MustCompile(`"(\d+)"`)

func scenarios() []scenario {
	ms := time.Millisecond
	var created atomic.Int64
	var registered atomic.Int64
	var etags sync.Map // organisation id → ETag, one organisation per worker
	return slices.Concat([]scenario{
		{"list organisations, first page", "list", 20 * ms, get(func(*fixture, *rand.Rand) string { return "/api/v1/organisations" })},
		{"list organisations, deep cursor pages", "list", 20 * ms, get(func(f *fixture, r *rand.Rand) string { return f.deep[r.IntN(len(f.deep))] })},
		{"filtered lists", "list", 20 * ms, get(func(f *fixture, r *rand.Rand) string {
			return oneOf(r, "/api/v1/organisations?country=JP&kind=biotech", "/api/v1/organisations?country=DE&region=bavaria&sme=true",
				"/api/v1/organisations?focus_area=cell_gene_therapy&kind=pharma", "/api/v1/organisations?kind=government&sort=-updated_at",
				"/api/v1/people?organisation="+f.orgs[r.IntN(len(f.orgs))], "/api/v1/people?language=ja",
				"/api/v1/projects?phase=implementation&funder=bmbf", "/api/v1/trips?status=completed&country=JP",
				"/api/v1/agreements?kind=licence&sort=valid_until", "/api/v1/projects?partner="+f.orgs[r.IntN(len(f.orgs))])
		})},
		{"search q, Latin script", "search", 50 * ms, get(func(_ *fixture, r *rand.Rand) string {
			return oneOf(r, "/api/v1/organisations?q=", "/api/v1/organisations?q=", "/api/v1/people?q=", "/api/v1/agreements?q=") +
				url.QueryEscape(oneOf(r, "huber", "martinsried", "genomics", "tanaka", "kobe", "isar cell", "vaccines ag", "yamamoto", "neuro"))
		})},
		{"search q, Japanese script", "search", 50 * ms, get(func(_ *fixture, r *rand.Rand) string {
			return oneOf(r, "/api/v1/organisations?q=", "/api/v1/organisations?q=", "/api/v1/people?q=") +
				url.QueryEscape(oneOf(r, "大阪", "創薬", "細胞治療", "オオサカ", "やまだ", "川崎", "免疫", "殿町", "佐藤 花子", "ゲノム"))
		})},
		{"dashboard summary", "summary", 20 * ms, get(func(*fixture, *rand.Rand) string { return "/api/v1/summary" })},
		{"get organisation by id", "get", 20 * ms, get(func(f *fixture, r *rand.Rand) string { return "/api/v1/organisations/" + f.orgs[r.IntN(len(f.orgs))] })},
		{"agreements by status", "list", 20 * ms, get(func(_ *fixture, r *rand.Rand) string {
			return "/api/v1/agreements?status=" + oneOf(r, "active", "expiring", "expired", "terminated", "draft")
		})},
	}, sortsAndFilters(), []scenario{
		{"create organisation", "write", 0, func(ctx context.Context, c *client, _ *fixture, _, _ int, r *rand.Rand) (time.Duration, bool) {
			n := created.Add(1)
			name := fmt.Sprintf("Loadtest %s %d %s GmbH", oneOf(r, "Isar", "Alpen", "Donau"), n, strconv.FormatInt(time.Now().UnixNano(), 36))
			d, ok, _ := timed(ctx, c, "POST", "/api/v1/organisations", map[string]any{"name": name, "kind": "biotech", "country": "DE",
				"region": "bavaria", "focus_areas": []string{"immunomodulation"}}, nil, 201)
			return d, ok
		}},
		{"PATCH organisation with If-Match", "patch", 30 * ms, func(ctx context.Context, c *client, f *fixture, w, n int, r *rand.Rand) (time.Duration, bool) {
			id := f.orgs[len(f.orgs)-1-w]
			etag, known := etags.Load(id)
			if !known {
				res, err := c.do(ctx, "GET", "/api/v1/organisations/"+id, nil, nil)
				if err != nil || res.status != 200 {
					return 0, false
				}
				etag = res.header.Get("ETag")
			}
			d, ok, res := timed(ctx, c, "PATCH", "/api/v1/organisations/"+id, map[string]any{"city": fmt.Sprintf("Loadtest %d", n)},
				map[string]string{"If-Match": etag.(string)}, 200)
			if ok && etagRe.MatchString(res.header.Get("ETag")) {
				etags.Store(id, res.header.Get("ETag"))
			} else {
				etags.Delete(id)
			}
			return d, ok
		}},
		{"trip registration", "write", 0, func(ctx context.Context, c *client, f *fixture, _, _ int, _ *rand.Rand) (time.Duration, bool) {
			k := int(registered.Add(1) - 1)
			trip := f.trips[k/len(f.people)%len(f.trips)]
			d, ok, _ := timed(ctx, c, "POST", "/api/v1/trips/"+trip+"/participants", map[string]string{"person_id": f.people[k%len(f.people)]}, nil, 201)
			return d, ok
		}},
	})
}

// ratioKind marks the scenarios of one documented sort or filter each,
// whose cost the report relates to the default first page (issue 20:
// at most 1.5×).
const ratioKind = "sort/filter"

// sortsAndFilters is one scenario per documented sort and filter of the
// lists, each a first page.
func sortsAndFilters() []scenario {
	paths := []string{
		"/api/v1/organisations?sort=-updated_at", "/api/v1/organisations?sort=-created_at", "/api/v1/organisations?sort=name_kana",
		"/api/v1/organisations?sort=-name", "/api/v1/organisations?country=JP&kind=pharma", "/api/v1/organisations?country=DE",
		"/api/v1/organisations?region=bavaria", "/api/v1/organisations?kind=government", "/api/v1/organisations?focus_area=cell_gene_therapy",
		"/api/v1/organisations?sme=true", "/api/v1/organisations?archived=true", "/api/v1/organisations?sort=updated_at&updated_since=2026-11-01T00:00:00Z",
		"/api/v1/people", "/api/v1/people?sort=-updated_at", "/api/v1/people?sort=-created_at", "/api/v1/people?language=ja",
		"/api/v1/agreements", "/api/v1/agreements?sort=valid_until", "/api/v1/agreements?sort=-updated_at", "/api/v1/agreements?status=active",
		"/api/v1/agreements?kind=licence", "/api/v1/agreements?country=JP",
		"/api/v1/trips", "/api/v1/trips?sort=-updated_at", "/api/v1/trips?status=completed", "/api/v1/trips?kind=trade_fair",
		"/api/v1/projects", "/api/v1/projects?sort=title", "/api/v1/projects?sort=-updated_at", "/api/v1/projects?phase=implementation",
		"/api/v1/projects?funder=bmbf",
		"/api/v1/opportunities", "/api/v1/opportunities?sort=valid_until", "/api/v1/opportunities?sort=-updated_at",
		"/api/v1/opportunities?kind=business_request", "/api/v1/opportunities?country=JP",
	}
	out := make([]scenario, len(paths))
	for i, p := range paths {
		out[i] = scenario{strings.TrimPrefix(p, "/api/v1/"), ratioKind, 0, get(func(*fixture, *rand.Rand) string { return p })}
	}
	return out
}

// result is what one scenario measured.
type result struct {
	Name        string  `json:"name"`
	Kind        string  `json:"kind"`
	TargetMS    float64 `json:"target_ms"`
	Requests    int     `json:"requests"`
	Errors      int     `json:"errors"`
	RPS         float64 `json:"rps"`
	P50, P95    float64 // milliseconds
	P99         float64
	StmtsPerReq float64 `json:"statements_per_request"`
	RSSMB       float64 `json:"rss_mb"` // the server's largest resident set seen during the scenario
}

// drive runs a scenario on conns connections for warm-up and then for d,
// and measures the second part.
func drive(ctx context.Context, c *client, f *fixture, s scenario, conns int, warm, d time.Duration, rss func() float64) result {
	run := func(d time.Duration, record bool) ([]time.Duration, int, time.Duration) {
		ctx, cancel := context.WithTimeout(ctx, d)
		defer cancel()
		var mu sync.Mutex
		var all []time.Duration
		errors := 0
		var wg sync.WaitGroup
		start := time.Now()
		for w := range conns {
			wg.Go(func() {
				r := rand.New(rand.NewPCG(uint64(w), uint64(time.Now().UnixNano())))
				var mine []time.Duration
				bad := 0
				for n := 0; ctx.Err() == nil; n++ {
					lat, ok := s.request(ctx, c, f, w, n, r)
					if ctx.Err() != nil {
						break // cut off by the end of the run, not by the server
					}
					if ok {
						mine = append(mine, lat)
					} else {
						bad++
					}
				}
				mu.Lock()
				all, errors = append(all, mine...), errors+bad
				mu.Unlock()
			})
		}
		wg.Wait()
		return all, errors, time.Since(start)
	}
	run(warm, false)
	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			if v := uint64(rss() * 1024); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	before := statementTotals(ctx, c)
	lat, errs, took := run(d, true)
	after := statementTotals(ctx, c)
	close(stop)
	<-sampled
	slices.Sort(lat)
	pct := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000
	}
	res := result{Name: s.Name, Kind: s.Kind, TargetMS: float64(s.Target.Milliseconds()), Requests: len(lat) + errs, Errors: errs,
		RPS: float64(len(lat)+errs) / took.Seconds(), P50: pct(0.50), P95: pct(0.95), P99: pct(0.99), RSSMB: float64(peak.Load()) / 1024}
	if n := after[1] - before[1]; n > 0 {
		res.StmtsPerReq = (after[0] - before[0]) / n
	}
	return res
}

var metricLine = regexp.MustCompile(`^innomunich_db_statements_per_request_(sum|count)\{[^}]*\} (\S+)$`)

// statementTotals reads the sum and count of statements per request over
// every route from /metrics.
func statementTotals(ctx context.Context, c *client) [2]float64 {
	var out [2]float64
	r, err := c.do(ctx, "GET", "/metrics", nil, nil)
	if err != nil {
		return out
	}
	for _, line := range strings.Split(string(r.body), "\n") {
		m := metricLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		v, _ := strconv.ParseFloat(m[2], 64)
		if m[1] == "sum" {
			out[0] += v
		} else {
			out[1] += v
		}
	}
	return out
}
