package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/jobs"
	"github.com/innomunich/platform/pkg/mail"
	"github.com/innomunich/platform/pkg/notify"
	"github.com/innomunich/platform/pkg/user"
	"github.com/riverqueue/river"
)

type settingsBody struct {
	Kinds []struct {
		Kind    string `json:"kind"`
		Enabled bool   `json:"enabled"`
	} `json:"kinds"`
}

func (b settingsBody) on(kind string) (on, listed bool) {
	for _, k := range b.Kinds {
		if k.Kind == kind {
			return k.Enabled, true
		}
	}
	return false, false
}

func TestUsersSwitchTheirNotificationsOnAndOff(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		coord := h.bearer(h.newUser(auth.RoleCoordinator, nil))
		rec := h.do(request{url: "/api/v1/me/notifications", as: coord})
		if rec.Code != 200 || rec.Header().Get("ETag") != `"1"` {
			t.Fatalf("GET: %d %s %s", rec.Code, rec.Header().Get("ETag"), rec.Body.String())
		}
		if on, listed := decode[settingsBody](t, rec).on("weekly_digest"); on || !listed {
			t.Errorf("the digest is opt-in for coordinators: on=%v listed=%v", on, listed)
		}
		v1 := map[string]string{"If-Match": `"1"`}
		patch := func(headers map[string]string, body string) request {
			return request{method: "PATCH", url: "/api/v1/me/notifications", as: coord, headers: headers, body: body}
		}
		h.run([]scenario{
			{name: "without If-Match", req: patch(nil, `{"weekly_digest": true}`), wantStatus: 428},
			{name: "unknown kind", req: patch(v1, `{"fax": true}`), wantStatus: 422, wantBody: []string{"fax"}},
			{name: "not a boolean", req: patch(v1, `{"weekly_digest": "yes"}`), wantStatus: 400},
			{name: "opt in", req: patch(v1, `{"weekly_digest": true}`), wantStatus: 200, wantBody: []string{`"kind":"weekly_digest","enabled":true`}, wantHeaders: map[string]string{"ETag": `"2"`}},
			{name: "stale", req: patch(v1, `{"weekly_digest": false}`), wantStatus: 412},
		})
		org := h.newOrganisation("Notified GmbH", "DE").ID
		member := h.bearer(h.newUser(auth.RoleMember, &org))
		if _, listed := decode[settingsBody](t, h.do(request{url: "/api/v1/me/notifications", as: member})).on("weekly_digest"); listed {
			t.Error("a member is offered the coordinators' digest")
		}
	})
}

// A mail client follows RFC 8058: it POSTs List-Unsubscribe=One-Click
// as a form to the address in the List-Unsubscribe header, without a
// sign-in; that kind of notification is off afterwards, the others stay.
func TestAMailClientUnsubscribesWithOneClick(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		u := h.newUser(auth.RoleCoordinator, nil)
		q, err := jobs.New(db, jobs.Config{})
		if err != nil {
			t.Fatal(err)
		}
		n := notify.New(db, mail.NewMailer(q, mail.Config{From: "noreply@innomunich.example"}), "https://innomunich.example")
		if _, err := n.Send(context.Background(), notify.Notification{Kind: "milestone_due", Template: "password_reset", Data: map[string]string{"Email": u.Email}, To: notify.UserRecipients([]user.User{u})}); err != nil {
			t.Fatal(err)
		}
		res, err := q.JobList(context.Background(), river.NewJobListParams().Kinds(mail.SendArgs{}.Kind()))
		if err != nil || len(res.Jobs) != 1 {
			t.Fatalf("queued: %v %v", res, err)
		}
		var args mail.SendArgs
		_ = json.Unmarshal(res.Jobs[0].EncodedArgs, &args)
		link, _ := url.Parse(strings.Trim(args.Message.Headers["List-Unsubscribe"], "<>"))

		req := httptest.NewRequest(http.MethodPost, link.RequestURI(), strings.NewReader("List-Unsubscribe=One-Click"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		h.handler.ServeHTTP(rec, req)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"kind":"milestone_due"`) {
			t.Fatalf("one click: %d %s", rec.Code, rec.Body.String())
		}
		st := decode[settingsBody](t, h.do(request{url: "/api/v1/me/notifications", as: h.bearer(u)}))
		if on, _ := st.on("milestone_due"); on {
			t.Error("milestone reminders are still on")
		}
		if on, _ := st.on("trip_registration"); !on {
			t.Error("unsubscribing from one kind switched off another")
		}
		h.run([]scenario{
			{name: "no token", req: request{method: "POST", url: "/api/v1/notifications/unsubscribe", as: anonymous}, wantStatus: 400},
			{name: "forged token", req: request{method: "POST", url: "/api/v1/notifications/unsubscribe?token=dXNlcjp4CndlZWtseV9kaWdlc3Q.00", as: anonymous}, wantStatus: 404},
		})
	})
}
