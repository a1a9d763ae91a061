package validate

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

// compose is the part of docker-compose.yml this test reads; the rest is
// left to Docker.
type compose struct {
	Services map[string]struct {
		Build       any               `json:"build"`
		Image       string            `json:"image"`
		Command     []string          `json:"command"`
		Environment map[string]string `json:"environment"`
		DependsOn   map[string]any    `json:"depends_on"`
	} `json:"services"`
}

// TestComposeStartsTheWholePlatform: PostgreSQL, the API, the worker and
// Mailpit, with the mail settings, and only variables the server reads.
func TestComposeStartsTheWholePlatform(t *testing.T) {
	var c compose
	if err := yaml.Unmarshal([]byte(read(t, "../../docker-compose.yml")), &c); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"app", "worker", "db", "mailpit"} {
		if _, ok := c.Services[name]; !ok {
			t.Errorf("no %s service", name)
		}
	}
	app, worker := c.Services["app"], c.Services["worker"]
	if !slices.Equal(app.Command, []string{"serve"}) || !slices.Equal(worker.Command, []string{"worker"}) {
		t.Errorf("app runs serve and worker runs worker: %v, %v", app.Command, worker.Command)
	}
	if app.Environment["INNOMUNICH_WORKERS"] != "0" {
		t.Error("the app leaves the jobs to the worker: INNOMUNICH_WORKERS=0")
	}
	if n, err := strconv.Atoi(worker.Environment["INNOMUNICH_WORKERS"]); err != nil || n < 1 {
		t.Error("the worker needs INNOMUNICH_WORKERS > 0")
	}
	if app.Image == "" || worker.Image != app.Image || worker.Build == nil {
		t.Error("the worker runs the app's image, built (not pulled) under the same name")
	}
	known := configVariables(t)
	for name, s := range c.Services {
		if name == "db" || name == "mailpit" {
			continue
		}
		for k := range s.Environment {
			if !known[k] {
				t.Errorf("service %s sets %s, which the server does not read", name, k)
			}
		}
		for _, k := range []string{"DATABASE_URL", "INNOMUNICH_SMTP_URL", "INNOMUNICH_MAIL_FROM", "INNOMUNICH_PUBLIC_URL"} {
			if s.Environment[k] == "" {
				t.Errorf("service %s lacks %s", name, k)
			}
		}
		if !strings.HasPrefix(s.Environment["INNOMUNICH_SMTP_URL"], "smtp://mailpit:1025") {
			t.Errorf("service %s must send mail to Mailpit, got %q", name, s.Environment["INNOMUNICH_SMTP_URL"])
		}
		if _, ok := s.DependsOn["db"]; !ok {
			t.Errorf("service %s must wait for the database", name)
		}
	}
}

// TestDockerfile: every file a COPY takes from the context exists, the
// runtime stage is last and not root, and the backup stage is there.
func TestDockerfile(t *testing.T) {
	src := read(t, "../Dockerfile")
	var stages []string
	var user string
	from := regexp.MustCompile(`(?i)^FROM\s+(\S+)(?:\s+AS\s+(\S+))?`)
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if m := from.FindStringSubmatch(line); m != nil {
			stages = append(stages, m[2])
			user = ""
			if strings.HasSuffix(m[1], ":latest") {
				t.Errorf("%s: pin the base image", line)
			}
			continue
		}
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		switch strings.ToUpper(fields[0]) {
		case "USER":
			user = fields[1]
		case "COPY":
			args := fields[1:]
			if slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, "--from=") }) {
				continue
			}
			args = slices.DeleteFunc(args, func(a string) bool { return strings.HasPrefix(a, "--") })
			for _, s := range args[:len(args)-1] {
				if _, err := os.Stat(filepath.Join("../..", s)); err != nil {
					t.Errorf("COPY %s: not in the repository", s)
				}
			}
		}
	}
	if !slices.Contains(stages, "backup") {
		t.Error("no backup stage (the nightly CronJob's image)")
	}
	if user == "" || user == "root" || strings.HasPrefix(user, "0") {
		t.Errorf("the last stage (the default target) must run as a non-root user, runs as %q", user)
	}
	if !strings.Contains(read(t, "../../.dockerignore"), "frontend/node_modules") {
		t.Error(".dockerignore must keep frontend/node_modules out of the build context")
	}
}
