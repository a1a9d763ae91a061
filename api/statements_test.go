package api_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/database/dbtest"
)

// TestListsRunTheSameStatementsWhateverThePageSize guards against N+1
// queries: a page of 25 costs as many SQL statements as a page of 2.
func TestListsRunTheSameStatementsWhateverThePageSize(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			db, sent := dbtest.Recording(t, e)
			h := newHarness(t, db)
			newListData(t, h, 25)
			// The audit log names the records of a page with one statement
			// per entity type on it (audit.Rule.Names), so its pages are
			// compared within one type; across types, a page costs at most
			// one statement more per type it holds, never one per row.
			for _, path := range []string{"/api/v1/organisations", "/api/v1/people", "/api/v1/agreements", "/api/v1/trips", "/api/v1/projects", "/api/v1/users", "/api/v1/audit-events?entity_type=organisation"} {
				count := func(limit int) int {
					sent.Start()
					sep := "?"
					if strings.Contains(path, "?") {
						sep = "&"
					}
					rec := h.get(fmt.Sprintf("%s%slimit=%d", path, sep, limit))
					if rec.Code != 200 {
						t.Fatalf("%s: %d %s", path, rec.Code, rec.Body.String())
					}
					return len(sent.Stop())
				}
				small, large := count(2), count(25)
				if small == 0 || small != large {
					t.Errorf("%s: %d statements for a page of 2, %d for a page of 25", path, small, large)
				}
				t.Logf("%s: %d statements per page", path, large)
			}
			auditPage := func(limit int) (statements, types int) {
				sent.Start()
				rec := h.get(fmt.Sprintf("/api/v1/audit-events?limit=%d", limit))
				statements = len(sent.Stop())
				page := decode[struct {
					Items []struct {
						EntityType string `json:"entity_type"`
					} `json:"items"`
				}](t, rec)
				seen := map[string]bool{}
				for _, e := range page.Items {
					seen[e.EntityType] = true
				}
				return statements, len(seen)
			}
			small, _ := auditPage(2)
			large, types := auditPage(25)
			if small == 0 || large > small+types {
				t.Errorf("/api/v1/audit-events: %d statements for a page of 2, %d for a page of 25 holding %d entity types", small, large, types)
			}
		})
	}
}

// TestMetricsCountTheStatementsOfEachRequest checks the histogram of
// statements per request against the statements the database ran.
func TestMetricsCountTheStatementsOfEachRequest(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			db, sent := dbtest.Recording(t, e)
			h := newHarness(t, db)
			newListData(t, h, 3)
			var want int
			for _, path := range []string{"/api/v1/agreements?limit=2", "/api/v1/agreements?limit=3"} {
				sent.Start()
				if rec := h.get(path); rec.Code != 200 {
					t.Fatalf("%s: %d", path, rec.Code)
				}
				want += len(sent.Stop())
			}
			h.get("/api/v1/no-such-thing")
			metrics := h.get("/metrics").Body.String()
			for _, line := range []string{
				fmt.Sprintf(`innomunich_db_statements_per_request_sum{method="GET",route="/api/v1/agreements"} %d`, want),
				`innomunich_db_statements_per_request_count{method="GET",route="/api/v1/agreements"} 2`,
				`innomunich_db_statements_per_request_count{method="GET",route="unmatched"} 1`,
			} {
				if !strings.Contains(metrics, line+"\n") {
					t.Errorf("/metrics lacks %s; it has:\n%s", line, grepLines(metrics, "statements_per_request_(sum|count)"))
				}
			}
		})
	}
}

func grepLines(s, pattern string) string {
	re := regexp.MustCompile(pattern)
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if re.MatchString(l) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
