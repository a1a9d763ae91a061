package api_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

func TestGuessablePasswordsAre422WithReasonCode(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		create := func(pw string) request {
			return request{method: "POST", url: "/api/v1/users", body: map[string]any{"email": "kenji.tanaka@example.org", "display_name": "Kenji Tanaka", "role": "viewer", "password": pw}}
		}
		h.run([]scenario{
			{name: "repeated letters", req: create("aaaaaaaaaa"), wantStatus: 422, wantBody: []string{`"field":"password"`, `"code":"password_repeat"`, "stronger"}},
			{name: "repeated digits", req: create("0000000000"), wantStatus: 422, wantBody: []string{`"code":"password_repeat"`}},
			{name: "keyboard walk", req: create("1q2w3e4r5t6y"), wantStatus: 422, wantBody: []string{`"code":"password_common"`}},
			{name: "own e-mail", req: create("kenji.tanaka@example.org"), wantStatus: 422, wantBody: []string{`"code":"password_personal"`, "e-mail"}},
			{name: "product name", req: create("innomunich2026"), wantStatus: 422, wantBody: []string{`"code":"password_personal"`}},
			{name: "a passphrase is fine", req: create("correct horse battery staple"), wantStatus: 201},
		})

		u := h.createUser(auth.RoleViewer, "anna.berger@example.org", "first password 1", nil)
		_, s := h.login("anna.berger@example.org", "first password 1")
		if rec := h.do(request{method: "POST", url: "/api/v1/me/password", as: "Bearer " + s.AccessToken,
			body: map[string]string{"current_password": "first password 1", "new_password": "anna.berger@example.org"}}); rec.Code != 422 || !contains(rec, `"field":"new_password"`, `"code":"password_personal"`) {
			t.Errorf("changing to one's own e-mail: %d %s, want 422 password_personal", rec.Code, rec.Body.String())
		}
		if rec := h.do(request{method: "POST", url: fmt.Sprintf("/api/v1/users/%s/password-reset", u.ID), body: map[string]string{"password": "Anna.Berger@example.org"}}); rec.Code != 422 || !contains(rec, `"code":"password_personal"`) {
			t.Errorf("an admin resetting to the user's e-mail: %d %s, want 422 password_personal", rec.Code, rec.Body.String())
		}
	})
}

// contains reports whether the response body has every fragment.
func contains(rec *httptest.ResponseRecorder, frags ...string) bool {
	for _, f := range frags {
		if !strings.Contains(rec.Body.String(), f) {
			return false
		}
	}
	return true
}
