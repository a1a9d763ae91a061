package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// report is a whole run, as the document shows it.
type report struct {
	Machine     string
	Conns       int
	SQLiteConns int
	Duration    string
	Seed        uint64
	Scales      []scaleResult
	// Peer is the comparison with PocketBase, if run.
	Peer                 []peerResult
	PeerScale, PeerConns int
	GoBench              string
}

// machine describes where the run happened.
func machine(ctx context.Context, admin string) string {
	cpu := "?"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "model name") {
				cpu = strings.TrimSpace(strings.SplitN(l, ":", 2)[1])
				break
			}
		}
	}
	mem := 0.0
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb float64
		fmt.Sscanf(strings.TrimPrefix(strings.SplitN(string(b), "\n", 2)[0], "MemTotal:"), "%f", &kb)
		mem = kb / (1 << 20)
	}
	pg := "?"
	if db, err := sql.Open("pgx", admin); err == nil {
		_ = db.QueryRowContext(ctx, "SHOW server_version").Scan(&pg)
		db.Close()
	}
	commit := "?"
	if b, err := exec.Command("git", "describe", "--always", "--dirty").Output(); err == nil {
		commit = strings.TrimSpace(string(b))
	}
	return fmt.Sprintf("%s UTC; %d cores (%s), %.0f GiB memory; PostgreSQL %s; %s; commit %s",
		time.Now().UTC().Format("2006-01-02 15:04"), runtime.NumCPU(), cpu, mem, pg, runtime.Version(), commit)
}

func (r report) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Run: %s. Load generator on the same machine, %d connections on PostgreSQL and %d on SQLite, %s per scenario after a warm-up, seed %d.\n\n",
		r.Machine, r.Conns, r.SQLiteConns, r.Duration, r.Seed)
	b.WriteString("| data set | generated in | database size | server peak RSS (VmHWM) | load average before → after |\n|---|---|---|---|---|\n")
	for _, s := range r.Scales {
		fmt.Fprintf(&b, "| %s organisations | %.0f s | %.0f MB | %.0f MB | %s → %s |\n", s.label(), s.GenSeconds, s.DBSizeMB, s.HWMMB, s.LoadBefore, s.LoadAfter)
	}
	b.WriteString("\n| scenario | target p99 |")
	for _, s := range r.Scales {
		fmt.Fprintf(&b, " %s: req/s | p50 | p95 | p99 ms | errors | statements/req |", s.label())
	}
	b.WriteString("\n|---|---|")
	b.WriteString(strings.Repeat("---|---|---|---|---|---|", len(r.Scales)))
	b.WriteString("\n")
	for i, res := range r.Scales[0].Results {
		target := "–"
		if res.TargetMS > 0 {
			target = fmt.Sprintf("%.0f ms", res.TargetMS)
		}
		fmt.Fprintf(&b, "| %s | %s |", res.Name, target)
		for _, s := range r.Scales {
			x := s.Results[i]
			fmt.Fprintf(&b, " %.0f | %.1f | %.1f | **%.1f** | %d | %.1f |", x.RPS, x.P50, x.P95, x.P99, x.Errors, x.StmtsPerReq)
		}
		b.WriteString("\n")
	}
	b.WriteString("\n" + r.verdicts())
	b.WriteString("\n" + r.ratios())
	if len(r.Peer) > 0 {
		b.WriteString(peerMarkdown(r.PeerScale, r.PeerConns, r.Peer))
	}
	if r.GoBench != "" {
		b.WriteString("\nGo benchmarks of the hot paths (`go test -bench`):\n\n```\n")
		for _, l := range strings.Split(r.GoBench, "\n") {
			if strings.HasPrefix(l, "Benchmark") || strings.HasPrefix(l, "cpu:") || strings.HasPrefix(l, "pkg:") {
				b.WriteString(l + "\n")
			}
		}
		b.WriteString("```\n")
	}
	return b.String()
}

// verdicts checks the targets at the largest scale against the smallest.
func (r report) verdicts() string {
	large := r.Scales[len(r.Scales)-1]
	small := large
	for _, s := range r.Scales {
		if s.Engine == large.Engine {
			small = s
			break
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Targets at %s organisations:\n\n| target | measured | met |\n|---|---|---|\n", large.label())
	mark := func(ok bool) string {
		if ok {
			return "yes"
		}
		return "**no**"
	}
	byName := map[string]result{}
	for _, x := range large.Results {
		byName[x.Name] = x
		if x.TargetMS > 0 {
			fmt.Fprintf(&b, "| %s p99 < %.0f ms | %.1f ms | %s |\n", x.Name, x.TargetMS, x.P99, mark(x.P99 < x.TargetMS))
		}
	}
	first, deep := byName["list organisations, first page"], byName["list organisations, deep cursor pages"]
	fmt.Fprintf(&b, "| deep cursor pages as fast as the first (p99 within 1.2×) | %.1f vs %.1f ms | %s |\n", deep.P99, first.P99, mark(deep.P99 <= 1.2*first.P99))
	peak := large.HWMMB
	for _, s := range r.Scales {
		peak = max(peak, s.HWMMB)
	}
	fmt.Fprintf(&b, "| server RSS < 150 MB | peak %.0f MB | %s |\n", peak, mark(peak < 150))
	errs := 0
	for _, s := range r.Scales {
		for _, x := range s.Results {
			errs += x.Errors
		}
	}
	fmt.Fprintf(&b, "| no errors | %d | %s |\n", errs, mark(errs == 0))
	if small.Orgs != large.Orgs {
		for i, x := range large.Results {
			if x.TargetMS == 0 {
				continue
			}
			s := small.Results[i]
			ratio := x.P99 / max(s.P99, 0.001)
			fmt.Fprintf(&b, "| %s: p99 at %s within 1.5× of %s | %.1f / %.1f ms = %.2f× (p50 %.2f×) | %s |\n",
				x.Name, count(large.Orgs), count(small.Orgs), x.P99, s.P99, ratio, x.P50/max(s.P50, 0.001), mark(ratio <= 1.5))
		}
	}
	return b.String()
}

func (s scaleResult) label() string {
	e := "PostgreSQL"
	if s.Engine == "sqlite" {
		e = "SQLite"
	}
	return e + " " + count(s.Orgs)
}

// ratios relates every documented sort and filter, and the dashboard
// summary, to the default first page of organisations at the same scale
// (issue 20: at most 1.5× its cost).
func (r report) ratios() string {
	var b strings.Builder
	b.WriteString("Cost of each documented sort and filter relative to the default first page of the same list (its req/s ÷ req/s; the summary against the organisations' first page; target ≤ 1.5×):\n\n| list |")
	for _, s := range r.Scales {
		fmt.Fprintf(&b, " %s: req/s | p99 ms | cost |", s.label())
	}
	b.WriteString("\n|---|" + strings.Repeat("---|---|---|", len(r.Scales)) + "\n")
	// baseline is the scenario of the list's default first page.
	baseline := func(s scaleResult, name string) result {
		list, _, _ := strings.Cut(name, "?")
		for _, x := range s.Results {
			if list != "organisations" && x.Name == list && x.Kind == ratioKind {
				return x
			}
		}
		for _, x := range s.Results {
			if x.Name == "list organisations, first page" {
				return x
			}
		}
		return result{}
	}
	for i, res := range r.Scales[0].Results {
		if res.Kind != ratioKind && res.Kind != "summary" {
			continue
		}
		fmt.Fprintf(&b, "| %s |", res.Name)
		for _, s := range r.Scales {
			x := s.Results[i]
			cost := baseline(s, x.Name).RPS / max(x.RPS, 0.001)
			mark := ""
			if cost > 1.5 {
				mark = " **over**"
			}
			fmt.Fprintf(&b, " %.0f | %.1f | %.2f×%s |", x.RPS, x.P99, cost, mark)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func count(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

const (
	beginMark = "<!-- bench:results -->"
	endMark   = "<!-- /bench:results -->"
)

// writeSection replaces the results between the markers of doc, keeping
// everything written around them by hand.
func writeSection(doc, text string) error {
	b, err := os.ReadFile(doc)
	if err != nil {
		return fmt.Errorf("%s: %w (it needs the markers %s and %s)", doc, err, beginMark, endMark)
	}
	s := string(b)
	i, j := strings.Index(s, beginMark), strings.Index(s, endMark)
	if i < 0 || j < i {
		return fmt.Errorf("%s lacks the markers %s and %s", doc, beginMark, endMark)
	}
	s = s[:i+len(beginMark)] + "\n" + text + s[j:]
	return os.WriteFile(doc, []byte(s), 0o644)
}
