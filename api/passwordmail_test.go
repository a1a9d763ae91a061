package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/innomunich/platform/api"
	"github.com/innomunich/platform/pkg/config"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/jobs"
	"github.com/innomunich/platform/pkg/mail"
	"github.com/innomunich/platform/pkg/mail/mailpittest"
	"github.com/riverqueue/river"
)

// withWorkers serves h's router with job workers that deliver mail as
// cfg says, and returns the job client.
func withWorkers(t *testing.T, h *harness, configure func(*config.Config)) *jobs.Client {
	t.Helper()
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.SPADir = t.TempDir()
	configure(&cfg)
	sender, err := mail.NewSender(h.db, mail.Config{SMTPURL: cfg.SMTPURL, From: cfg.MailFrom})
	if err != nil {
		t.Fatal(err)
	}
	ws := river.NewWorkers()
	mail.Register(ws, sender)
	q, err := jobs.New(h.db, jobs.Config{Concurrency: 2, Workers: ws, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = q.Shutdown(ctx)
	})
	h.handler = api.New(api.Deps{DB: h.db, Keys: h.keys, Jobs: q, Config: cfg, Version: "test"})
	return q
}

// mailTo waits for the n-th message to addr and returns it.
func mailTo(t *testing.T, pit *mailpittest.Server, addr string, n int) mailpittest.Message {
	t.Helper()
	var found []mailpittest.Summary
	mailpittest.Eventually(t, "mail to "+addr, func() bool {
		found = found[:0]
		for _, m := range pit.Messages() {
			if len(m.To) == 1 && m.To[0].Address == addr {
				found = append(found, m)
			}
		}
		return len(found) >= n
	})
	return pit.Message(found[0].ID) // newest first
}

var setPasswordLink = regexp.MustCompile(`(https?://\S+/set-password\?token=(\S+))`)

func tokenIn(t *testing.T, text string) string {
	t.Helper()
	m := setPasswordLink.FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no set-password link in %q", text)
	}
	return m[2]
}

func mailJobs(t *testing.T, q *jobs.Client) int {
	t.Helper()
	res, err := q.JobList(context.Background(), river.NewJobListParams().Kinds("mail_send").First(100).States(
		"available", "completed", "discarded", "retryable", "running", "scheduled", "pending", "cancelled"))
	if err != nil {
		t.Fatal(err)
	}
	return len(res.Jobs)
}

const strongPassword = "Kirschblüten über Osaka 2027!"

func TestAnInvitedUserGetsAMailInTheirLanguageAndSetsAPasswordWithItsLink(t *testing.T) {
	pit := mailpittest.Start(t)
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		withWorkers(t, h, func(c *config.Config) {
			c.SMTPURL, c.PublicURL = pit.SMTPURL(), "https://innomunich.example"
		})
		email := "hanako-" + randomSuffix() + "@example.jp"
		rec := h.do(request{method: http.MethodPost, url: "/api/v1/users", body: map[string]any{
			"email": email, "display_name": "山田 花子", "role": "viewer", "locale": "ja"}})
		if rec.Code != http.StatusCreated || strings.Contains(rec.Body.String(), "set_password_token") {
			t.Fatalf("create: %d %s, want 201 without the token (it is in the mail)", rec.Code, rec.Body.String())
		}
		m := mailTo(t, pit, email, 1)
		if m.Subject != mail.Catalogue("ja")["invitation.subject"] || m.To[0].Name != "山田 花子" || !strings.Contains(m.Text, "山田 花子 様") {
			t.Errorf("invitation: subject %q to %+v text %q", m.Subject, m.To, m.Text)
		}
		if !strings.HasPrefix(setPasswordLink.FindString(m.Text), "https://innomunich.example/set-password?token=") {
			t.Errorf("link in %q", m.Text)
		}
		token := tokenIn(t, m.Text)
		if rec := h.do(request{method: http.MethodPost, url: "/api/v1/auth/set-password", as: anonymous, body: map[string]string{"token": token, "password": strongPassword}}); rec.Code != http.StatusNoContent {
			t.Fatalf("set password with the mailed token: %d %s", rec.Code, rec.Body.String())
		}
		if rec := h.do(request{method: http.MethodPost, url: "/api/v1/auth/login", as: anonymous, body: map[string]string{"email": email, "password": strongPassword}}); rec.Code != http.StatusOK {
			t.Errorf("sign in with the new password: %d %s", rec.Code, rec.Body.String())
		}
	})
}

func TestForgotPasswordMailsAOneTimeLinkAndAnswersTheSameForUnknownAddresses(t *testing.T) {
	pit := mailpittest.Start(t)
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		q := withWorkers(t, h, func(c *config.Config) { c.SMTPURL = pit.SMTPURL() })
		u := h.newUser("viewer", nil)
		// Every request comes from httptest's one client address.
		forgot := func(email string) *httptest.ResponseRecorder {
			return h.do(request{method: http.MethodPost, url: "/api/v1/auth/forgot-password", as: anonymous, body: map[string]string{"email": email}})
		}
		known, unknown := forgot(strings.ToUpper(u.Email)), forgot("nobody-"+randomSuffix()+"@example.org")
		if known.Code != http.StatusAccepted || unknown.Code != known.Code || unknown.Body.String() != known.Body.String() {
			t.Errorf("known address: %d %q; unknown: %d %q; want the same 202", known.Code, known.Body.String(), unknown.Code, unknown.Body.String())
		}
		m := mailTo(t, pit, u.Email, 1)
		if m.Subject != mail.Catalogue("en")["password_reset.subject"] {
			t.Errorf("subject %q", m.Subject)
		}
		// Asking again at once sends nothing more: one link per five minutes.
		forgot(u.Email)
		if n := mailJobs(t, q); n != 1 {
			t.Errorf("%d mails queued, want 1", n)
		}
		token := tokenIn(t, m.Text)
		set := func() int {
			return h.do(request{method: http.MethodPost, url: "/api/v1/auth/set-password", as: anonymous, body: map[string]string{"token": token, "password": strongPassword}}).Code
		}
		if got := set(); got != http.StatusNoContent {
			t.Fatalf("set password with the reset link: %d", got)
		}
		if got := set(); got != http.StatusUnauthorized {
			t.Errorf("the link used a second time: %d, want 401", got)
		}
		// One client address asking for many accounts is throttled.
		var last int
		for range 10 {
			last = forgot("nobody-" + randomSuffix() + "@example.org").Code
		}
		if last != http.StatusTooManyRequests {
			t.Errorf("the 13th request from one address: %d, want 429", last)
		}
	})
}

func TestWithoutSMTPTheInvitationIsKeptInTheOutboxAndTheTokenShown(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		q := withWorkers(t, h, func(*config.Config) {})
		done, cancel := q.Subscribe(river.EventKindJobCompleted)
		defer cancel()
		email := "anna-" + randomSuffix() + "@biom.example"
		rec := h.do(request{method: http.MethodPost, url: "/api/v1/users", body: map[string]any{
			"email": email, "display_name": "Anna Berger", "role": "viewer", "locale": "de"}})
		created := decode[struct {
			SetPasswordToken string `json:"set_password_token"`
		}](t, rec)
		if rec.Code != http.StatusCreated || created.SetPasswordToken == "" {
			t.Fatalf("create: %d %s, want 201 with the token", rec.Code, rec.Body.String())
		}
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatal("the invitation was not delivered to the outbox within 30 s")
		}
		h.run([]scenario{{name: "outbox", req: request{url: "/api/v1/outbox"}, wantStatus: http.StatusOK, wantBody: []string{
			`"subject":"` + mail.Catalogue("de")["invitation.subject"] + `"`, `"language":"de"`, `"kind":"invitation"`, email, created.SetPasswordToken}}})
	})
}

// The process dies between the commit and the sending: an API-only
// instance (an insert-only job client, no workers) creates the user and
// is gone; an instance with workers started afterwards (the restart)
// sends the invitation, once.
func TestAnInvitationCommittedByAnInstanceThatDiedIsSentOnceAfterRestart(t *testing.T) {
	pit := mailpittest.Start(t)
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cfg, err := config.Load(func(string) string { return "" })
		if err != nil {
			t.Fatal(err)
		}
		cfg.SPADir, cfg.SMTPURL = t.TempDir(), pit.SMTPURL()
		h.handler = api.New(api.Deps{DB: h.db, Keys: h.keys, Config: cfg, Version: "test"}) // Jobs nil: insert only
		email := "restart-" + randomSuffix() + "@example.org"
		if rec := h.do(request{method: http.MethodPost, url: "/api/v1/users", body: map[string]any{
			"email": email, "display_name": "Rita Restart", "role": "viewer", "locale": "de"}}); rec.Code != http.StatusCreated {
			t.Fatalf("create: %d %s", rec.Code, rec.Body.String())
		}
		q := withWorkers(t, h, func(c *config.Config) { c.SMTPURL = pit.SMTPURL() })
		if m := mailTo(t, pit, email, 1); m.Subject != mail.Catalogue("de")["invitation.subject"] {
			t.Errorf("subject %q", m.Subject)
		}
		mailpittest.Eventually(t, "the invitation's job completed", func() bool {
			res, err := q.JobList(context.Background(), river.NewJobListParams().Kinds("mail_send").States("completed"))
			return err == nil && len(res.Jobs) == 1
		})
		n := 0
		for _, m := range pit.Messages() {
			if m.To[0].Address == email {
				n++
			}
		}
		if n != 1 || mailJobs(t, q) != 1 {
			t.Errorf("the invitation arrived %d times from %d jobs, want once", n, mailJobs(t, q))
		}
	})
}
