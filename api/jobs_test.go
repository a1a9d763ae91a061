package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/config"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/riverqueue/river"
)

func TestAdminsSeeAFailedJobWithItsErrorAndRetryOrDiscardIt(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		// A mail server that is not there: port 1 refuses connections.
		q := withWorkers(t, h, func(c *config.Config) { c.SMTPURL = "smtp://127.0.0.1:1?tls=off" })
		failed, cancel := q.Subscribe(river.EventKindJobFailed)
		defer cancel()
		h.do(request{method: http.MethodPost, url: "/api/v1/users", body: map[string]any{
			"email": "invitee-" + randomSuffix() + "@example.org", "display_name": "Invitee", "role": "viewer"}})
		select {
		case <-failed:
		case <-time.After(30 * time.Second):
			t.Fatal("the invitation did not fail within 30 s")
		}
		// Stop working, so the job stays as it is while we look at it.
		ctx, stop := context.WithTimeout(context.Background(), 10*time.Second)
		defer stop()
		if err := q.Shutdown(ctx); err != nil {
			t.Fatal(err)
		}

		list := decode[struct {
			Items []struct {
				ID        int64  `json:"id"`
				Kind      string `json:"kind"`
				State     string `json:"state"`
				Attempt   int    `json:"attempt"`
				LastError string `json:"last_error"`
			} `json:"items"`
		}](t, h.get("/api/v1/jobs"))
		if len(list.Items) != 1 {
			t.Fatalf("%d jobs listed, want the failed invitation", len(list.Items))
		}
		job := list.Items[0]
		if job.Kind != "mail_send" || job.Attempt < 1 || !strings.Contains(job.LastError, "send mail via 127.0.0.1") || (job.State != "retryable" && job.State != "available") {
			t.Errorf("job %+v", job)
		}
		id := func(n int64) string { return "/api/v1/jobs/" + strconv.FormatInt(n, 10) }
		coordinator := h.bearer(h.newUser(auth.RoleCoordinator, nil))
		h.run([]scenario{
			{name: "the body never shows the message", req: request{url: "/api/v1/jobs"}, wantStatus: http.StatusOK, wantNotBody: []string{"set-password", "ims_"}},
			{name: "metrics count it", req: request{url: "/metrics", as: anonymous}, wantStatus: http.StatusOK, wantBody: []string{`innomunich_jobs{kind="mail_send",state="` + job.State + `"} 1`}},
			{name: "by state", req: request{url: "/api/v1/jobs?state=completed"}, wantStatus: http.StatusOK, wantBody: []string{`"items":[]`}},
			{name: "unknown state", req: request{url: "/api/v1/jobs?state=lost"}, wantStatus: http.StatusBadRequest},
			{name: "bad limit", req: request{url: "/api/v1/jobs?limit=500"}, wantStatus: http.StatusBadRequest},
			{name: "negative limit", req: request{url: "/api/v1/jobs?limit=-1"}, wantStatus: http.StatusBadRequest, wantBody: []string{`"limit"`}},
			{name: "limit beyond River's own bound", req: request{url: "/api/v1/jobs?limit=20000"}, wantStatus: http.StatusBadRequest, wantBody: []string{`"limit"`}},
			{name: "bad cursor", req: request{url: "/api/v1/jobs?cursor=nonsense"}, wantStatus: http.StatusBadRequest},
			{name: "coordinators may not", req: request{url: "/api/v1/jobs", as: coordinator}, wantStatus: http.StatusForbidden},
			{name: "nor retry", req: request{method: http.MethodPost, url: id(job.ID) + "/retry", as: coordinator}, wantStatus: http.StatusForbidden},
			{name: "retry now", req: request{method: http.MethodPost, url: id(job.ID) + "/retry"}, wantStatus: http.StatusOK, wantBody: []string{`"state":"available"`}},
			{name: "discard", req: request{method: http.MethodDelete, url: id(job.ID)}, wantStatus: http.StatusNoContent},
			{name: "gone", req: request{url: "/api/v1/jobs"}, wantStatus: http.StatusOK, wantBody: []string{`"items":[]`}},
			{name: "discard again", req: request{method: http.MethodDelete, url: id(job.ID)}, wantStatus: http.StatusNotFound},
			{name: "not a job id", req: request{method: http.MethodPost, url: "/api/v1/jobs/abc/retry"}, wantStatus: http.StatusNotFound},
			{name: "the audit log says an admin retried and discarded it", req: request{url: "/api/v1/audit-events?entity_type=job"}, wantStatus: http.StatusOK,
				wantBody: []string{`"action":"retry"`, `"action":"delete"`, `"entity_id":"` + fmt.Sprint(job.ID) + `"`}, wantNotBody: []string{"set-password", "ims_"}},
			{name: "which is for admins only", req: request{url: "/api/v1/audit-events?entity_type=job", as: coordinator}, wantStatus: http.StatusOK, wantBody: []string{`"items":[]`}},
		})
	})
}
