package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

// ruleFile mirrors Prometheus' rule file format (rulefmt), so that a
// misspelt field fails the strict decoding even without promtool.
type ruleFile struct {
	Groups []struct {
		Name     string `json:"name"`
		Interval string `json:"interval,omitempty"`
		Rules    []struct {
			Record        string            `json:"record,omitempty"`
			Alert         string            `json:"alert,omitempty"`
			Expr          string            `json:"expr"`
			For           string            `json:"for,omitempty"`
			KeepFiringFor string            `json:"keep_firing_for,omitempty"`
			Labels        map[string]string `json:"labels,omitempty"`
			Annotations   map[string]string `json:"annotations,omitempty"`
		} `json:"rules"`
	} `json:"groups"`
}

const monitoringDir = "../monitoring"

// promtool returns the path of promtool, or skips the test where it is
// missing (it is Debian's prometheus package; .ci/run installs it, and in
// CI its absence fails).
func promtool(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("promtool")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("promtool is missing: apt-get install prometheus (.ci/run does)")
		}
		t.Skip("promtool is missing (apt-get install prometheus); the rules' PromQL is not checked")
	}
	return path
}

func runPromtool(t *testing.T, args ...string) {
	t.Helper()
	cmd := exec.Command(promtool(t), args...)
	cmd.Dir = monitoringDir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("promtool %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func TestAlertRulesDecodeStrictlyAndCoverTheIssue(t *testing.T) {
	var f ruleFile
	if err := yaml.UnmarshalStrict([]byte(read(t, filepath.Join(monitoringDir, "alerts.yaml"))), &f); err != nil {
		t.Fatal(err)
	}
	alerts := map[string]string{}
	for _, g := range f.Groups {
		for _, r := range g.Rules {
			if (r.Alert == "") == (r.Record == "") || strings.TrimSpace(r.Expr) == "" {
				t.Errorf("group %s: a rule names either an alert or a record, and has an expr: %+v", g.Name, r)
			}
			if r.Alert == "" {
				continue
			}
			if s := r.Labels["severity"]; s != "critical" && s != "warning" {
				t.Errorf("alert %s: severity %q, want critical or warning", r.Alert, s)
			}
			if r.Annotations["summary"] == "" || r.Annotations["description"] == "" {
				t.Errorf("alert %s needs a summary and a description", r.Alert)
			}
			alerts[r.Alert] = r.Expr
		}
	}
	// What the issue asks for, by what each alert watches.
	for what, metric := range map[string]string{
		"error rate":   `code=~"5.."`,
		"p99 latency":  "p99",
		"readyz":       `url="/readyz"`,
		"job failures": `state="discarded"`,
		"backup age":   "kube_cronjob_status_last_successful_time",
	} {
		found := false
		for _, expr := range alerts {
			found = found || strings.Contains(expr, metric)
		}
		if !found {
			t.Errorf("no alert on the %s (an expr with %s)", what, metric)
		}
	}
}

func TestAlertRulesPassPromtool(t *testing.T) {
	runPromtool(t, "check", "rules", "alerts.yaml")
	runPromtool(t, "test", "rules", "alerts_test.yaml")
}

type dashboard struct {
	Title      string `json:"title"`
	UID        string `json:"uid"`
	Templating struct {
		List []struct {
			Name string `json:"name"`
			Type string `json:"type"`
		} `json:"list"`
	} `json:"templating"`
	Panels []struct {
		ID         int    `json:"id"`
		Title      string `json:"title"`
		Datasource struct {
			UID string `json:"uid"`
		} `json:"datasource"`
		GridPos struct{ X, Y, W, H int } `json:"gridPos"`
		Targets []struct {
			Expr string `json:"expr"`
		} `json:"targets"`
	} `json:"panels"`
}

// TestDashboard: the JSON loads, its panels use the datasource variable,
// do not overlap, and every query is valid PromQL (promtool checks them
// as the expressions of recording rules).
func TestDashboard(t *testing.T) {
	raw := []byte(read(t, filepath.Join(monitoringDir, "dashboard.json")))
	var d dashboard
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	if d.UID == "" || d.Title == "" || len(d.Panels) == 0 {
		t.Fatal("a dashboard needs a uid, a title and panels")
	}
	var exprs []string
	ids := map[int]bool{}
	cells := map[[2]int]string{}
	for _, p := range d.Panels {
		if ids[p.ID] {
			t.Errorf("panel id %d twice", p.ID)
		}
		ids[p.ID] = true
		if p.Datasource.UID != "${datasource}" {
			t.Errorf("panel %q: use the ${datasource} variable, not a fixed data source", p.Title)
		}
		for x := p.GridPos.X; x < p.GridPos.X+p.GridPos.W; x++ {
			for y := p.GridPos.Y; y < p.GridPos.Y+p.GridPos.H; y++ {
				if other, ok := cells[[2]int{x, y}]; ok {
					t.Fatalf("panels %q and %q overlap", p.Title, other)
				}
				cells[[2]int{x, y}] = p.Title
			}
		}
		if p.GridPos.X+p.GridPos.W > 24 {
			t.Errorf("panel %q is wider than the grid", p.Title)
		}
		if len(p.Targets) == 0 {
			t.Errorf("panel %q has no query", p.Title)
		}
		for _, tg := range p.Targets {
			exprs = append(exprs, tg.Expr)
		}
	}
	// promtool parses PromQL: each query becomes a recording rule.
	var rules bytes.Buffer
	rules.WriteString("groups:\n  - name: dashboard\n    rules:\n")
	for i, e := range exprs {
		q, _ := json.Marshal(e)
		fmt.Fprintf(&rules, "      - record: dashboard_query_%d\n        expr: %s\n", i, q)
	}
	file := filepath.Join(t.TempDir(), "dashboard-queries.yaml")
	if err := os.WriteFile(file, rules.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	runPromtool(t, "check", "rules", file)
}
