package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

const reportUsage = `Usage: innomunich report --server URL (--period 2025|FY2025 | --from DATE --to DATE) [flags]

Fetches the network's report (the KPIs of a period) from a running server
with an API key holding the reports:read scope, read from INNOMUNICH_API_KEY.

Flags:
`

// reportCmd is the reporting client: it runs against a remote server, so
// it needs no database and no configuration but the API key.
func reportCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, reportUsage)
		fs.PrintDefaults()
	}
	server := fs.String("server", getenv("INNOMUNICH_SERVER"), "the server's address, such as https://platform.example (default $INNOMUNICH_SERVER)")
	period := fs.String("period", "", "a German budget year (2025) or a Japanese fiscal year (FY2025, April to March)")
	from := fs.String("from", "", "the first day of a custom period, YYYY-MM-DD (with --to)")
	to := fs.String("to", "", "the last day of a custom period, YYYY-MM-DD (with --from)")
	format := fs.String("format", "xlsx", "xlsx, zip (a CSV per table), csv (one table, see --table) or json")
	table := fs.String("table", "", "with --format csv: the table's key, such as trips_by_kind")
	lang := fs.String("lang", "de", "the language of sheet, column and code names: de, en or ja")
	out := fs.String("out", "", `the file to write ("-": standard output; default report-PERIOD.FORMAT)`)
	timeout := fs.Duration("timeout", 2*time.Minute, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("report: unexpected argument %q", fs.Arg(0))
	}
	key := strings.TrimSpace(getenv("INNOMUNICH_API_KEY"))
	switch {
	case *server == "":
		return errors.New("report: --server is required (the platform's address, such as https://platform.example)")
	case key == "":
		return errors.New("report: set INNOMUNICH_API_KEY to an API key with the reports:read scope (an admin creates one under Admin → API keys)")
	case *period == "" && *from == "" && *to == "":
		return errors.New("report: give --period (2025 or FY2025) or --from and --to")
	}
	base, err := url.Parse(strings.TrimRight(*server, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return fmt.Errorf("report: --server %q is not an http(s) address such as https://platform.example", *server)
	}
	q := url.Values{}
	for name, v := range map[string]string{"period": *period, "from": *from, "to": *to, "format": *format, "table": *table, "lang": *lang} {
		if v != "" {
			q.Set(name, v)
		}
	}
	u := base.JoinPath("/api/v1/reports/kpis")
	u.RawQuery = q.Encode()

	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("User-Agent", "innomunich-report/"+version)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("report: cannot reach the server at %s: %w", base, unwrapURLError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return responseError(resp)
	}

	name := *out
	if name == "" {
		p := *period
		if p == "" {
			p = *from + "_" + *to
		}
		ext := *format
		if *table != "" {
			p += "-" + *table
		}
		name = "report-" + p + "." + ext
	}
	if name == "-" {
		_, err := io.Copy(stdout, resp.Body)
		return err
	}
	n, err := writeFileAtomically(name, resp.Body)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	fmt.Fprintf(stderr, "wrote %s (%d bytes)\n", name, n)
	return nil
}

// responseError turns a failed response into a message that says what to
// do, with the server's problem detail.
func responseError(resp *http.Response) error {
	var p struct {
		Title  string `json:"title"`
		Detail string `json:"detail"`
		Errors []struct {
			Field   string `json:"field"`
			Message string `json:"message"`
		} `json:"errors"`
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	_ = json.Unmarshal(body, &p)
	detail := p.Title
	if p.Detail != "" {
		detail += ": " + p.Detail
	}
	for _, e := range p.Errors {
		detail += fmt.Sprintf("; %s %s", e.Field, e.Message)
	}
	if detail == "" {
		detail = strings.TrimSpace(string(body))
	}
	switch resp.StatusCode {
	case http.StatusUnauthorized:
		return fmt.Errorf("report: the server rejected the API key (401 %s): check INNOMUNICH_API_KEY — the key may be mistyped, revoked or expired", detail)
	case http.StatusForbidden:
		return fmt.Errorf("report: the API key may not read reports (403 %s): it needs the reports:read scope", detail)
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return fmt.Errorf("report: the server refused the request (%d %s)", resp.StatusCode, detail)
	case http.StatusNotFound:
		return fmt.Errorf("report: the server has no report endpoint at %s (404): is --server the platform's address?", resp.Request.URL.Redacted())
	default:
		return fmt.Errorf("report: the server answered %s (%s)", resp.Status, detail)
	}
}

// unwrapURLError drops the "Get "…": " prefix that repeats the address.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// writeFileAtomically writes r to name through a temporary file beside
// it, so a failed download never leaves half a report behind.
func writeFileAtomically(name string, r io.Reader) (int64, error) {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".report-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name())
	n, err := io.Copy(tmp, r)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return n, err
	}
	return n, os.Rename(tmp.Name(), name)
}
