package main

import (
	"bufio"
	"context"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/innomunich/platform/api"
	"github.com/innomunich/platform/pkg/apikey"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/config"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/demo"
	"github.com/xuri/excelize/v2"
)

// reportServer is the real API on the demo data, with an API key holding
// reports:read and one holding only read.
type reportServer struct {
	url, key, readOnlyKey string
}

func startReportServer(t *testing.T) reportServer {
	t.Helper()
	db := dbtest.One(t)
	admin := auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: "01a229c0-0000-7000-8000-00000000ad01", Name: "test setup", Role: auth.RoleAdmin})
	if _, err := demo.Seed(admin, db); err != nil {
		t.Fatal(err)
	}
	newKey := func(scopes ...string) string {
		_, secret, err := apikey.Create(admin, db, apikey.New{Name: "reporting script", Role: auth.RoleViewer, Scopes: scopes, ExpiresAt: time.Now().Add(24 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		return secret
	}
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.SPADir = t.TempDir()
	srv := httptest.NewServer(api.New(api.Deps{DB: db, Config: cfg, Version: "test"}))
	t.Cleanup(srv.Close)
	return reportServer{url: srv.URL, key: newKey(auth.ScopeReadReports), readOnlyKey: newKey(auth.ScopeRead)}
}

func TestReportClientFetchesAnXLSX(t *testing.T) {
	s := startReportServer(t)
	out := filepath.Join(t.TempDir(), "report.xlsx")
	var stderr strings.Builder
	err := run(context.Background(), []string{"report", "--server", s.url, "--period", "FY2026", "--format", "xlsx", "--lang", "ja", "--out", out},
		env(map[string]string{"INNOMUNICH_API_KEY": s.key}), io.Discard, &stderr)
	if err != nil {
		t.Fatalf("report: %v (stderr %q)", err, stderr.String())
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatalf("the file does not open as XLSX: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) < 10 || sheets[0] != "概要" || !slices.Contains(sheets, "種別の協定") {
		t.Errorf("sheets %q, want the Japanese summary and a sheet per table", sheets)
	}
	if title, _ := f.GetCellValue("概要", "A1"); !strings.Contains(title, "2026年度") {
		t.Errorf("summary title %q, want the fiscal year 2026年度", title)
	}
	if !strings.Contains(stderr.String(), "wrote "+out) {
		t.Errorf("stderr %q, want it to say what it wrote", stderr.String())
	}
}

func TestReportClientSaysWhatIsWrong(t *testing.T) {
	s := startReportServer(t)
	closed := httptest.NewServer(nil)
	closed.Close()
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		key  string
		args []string
		want []string
	}{
		{"wrong key", "imk_not-a-key", []string{"--server", s.url, "--period", "2026"}, []string{"rejected the API key", "401", "INNOMUNICH_API_KEY"}},
		{"key without reports:read", s.readOnlyKey, []string{"--server", s.url, "--period", "2026"}, []string{"may not read reports", "403", "reports:read"}},
		{"wrong period", s.key, []string{"--server", s.url, "--period", "2026-27"}, []string{"400", "period", "must be a budget year such as 2025"}},
		{"csv without a table", s.key, []string{"--server", s.url, "--period", "2026", "--format", "csv"}, []string{"400", "table", "is required"}},
		{"unreachable server", s.key, []string{"--server", closed.URL, "--period", "2026"}, []string{"cannot reach the server at " + closed.URL}},
		{"no key", "", []string{"--server", s.url, "--period", "2026"}, []string{"INNOMUNICH_API_KEY", "reports:read"}},
		{"no server", s.key, []string{"--period", "2026"}, []string{"--server is required"}},
		{"not a URL", s.key, []string{"--server", "platform.example", "--period", "2026"}, []string{"not an http(s) address"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_")+".xlsx")
			err := run(context.Background(), append([]string{"report", "--out", out}, c.args...), env(map[string]string{"INNOMUNICH_API_KEY": c.key}), io.Discard, io.Discard)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q lacks %q", err, w)
				}
			}
			if _, statErr := os.Stat(out); statErr == nil {
				t.Error("a failed report left a file behind")
			}
		})
	}
}

// The example scripts of docs/reporting.md marked as tested run against
// a started server, with the innomunich binary on PATH: this test binary,
// which runs main when INNOMUNICH_TEST_AS_BINARY is set (TestMain). A
// `go build` of its own compiled the whole program again where the tests
// run under the race detector (161 of the PostgreSQL pass's seconds).
func TestReportingDocExamples(t *testing.T) {
	if _, err := exec.LookPath("jq"); err != nil {
		t.Fatal("the curl example needs jq (apt-get install jq)")
	}
	s := startReportServer(t)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	if err := os.Symlink(self, filepath.Join(bin, "innomunich")); err != nil {
		t.Fatal(err)
	}
	scripts := testedScripts(t, "../../docs/reporting.md")
	if len(scripts) != 2 {
		t.Fatalf("docs/reporting.md has %d tested sh blocks, want the 2 examples", len(scripts))
	}
	wants := [][]string{
		{"report-2026.xlsx", "report-FY2026-ja.xlsx", "report-2026.zip"},
		{"Period: 2026-01-01 to 2026-12-31 (Europe/Berlin)", "Trips held: ", "Agreements signed: ", "Kind of agreement"},
	}
	for i, script := range scripts {
		dir := t.TempDir()
		cmd := exec.Command("bash", "-c", script)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
			"INNOMUNICH_SERVER="+s.url, "INNOMUNICH_API_KEY="+s.key, "INNOMUNICH_TEST_AS_BINARY=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("example %d failed: %v\n%s\n--- script:\n%s", i+1, err, out, script)
		}
		for _, w := range wants[i] {
			if !strings.Contains(string(out), w) {
				t.Errorf("example %d printed\n%s\nwithout %q", i+1, out, w)
			}
		}
		if i == 0 {
			for _, name := range []string{"report-2026.xlsx", "report-FY2026-ja.xlsx"} {
				f, err := excelize.OpenFile(filepath.Join(dir, name))
				if err != nil {
					t.Errorf("%s does not open: %v", name, err)
					continue
				}
				f.Close()
			}
		}
	}
}

// testedScripts returns the ```sh blocks that follow a "<!-- tested -->" line.
func testedScripts(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var scripts []string
	var block *strings.Builder
	tested := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case block != nil && line == "```":
			scripts = append(scripts, block.String())
			block = nil
		case block != nil:
			block.WriteString(line + "\n")
		case strings.TrimSpace(line) == "<!-- tested -->":
			tested = true
		case tested && line == "```sh":
			block, tested = &strings.Builder{}, false
		case strings.TrimSpace(line) != "":
			tested = false
		}
	}
	return scripts
}
