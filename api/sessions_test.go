package api_test

import (
	"fmt"
	"net"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/innomunich/platform/api"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/config"
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

func TestAccessTokensDieWithTheirSession(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		// Sessions kept in memory for long: the instance that ends one must forget it.
		h := newHarness(t, db, func(c *config.Config) { c.SessionCheckTTL = time.Minute })
		const email, pw = "kenji@example.org", "first password 1"
		u := h.createUser(auth.RoleCoordinator, email, pw, nil)
		me := func(tok tokens) int { return h.status(request{url: "/api/v1/me", as: "Bearer " + tok.AccessToken}) }
		version := func() string { return fmt.Sprintf(`"%d"`, decode[userBody](t, h.get("/api/v1/users/"+u.ID)).Version) }

		// Logout ends that sign-in's access tokens, not the others'.
		_, laptop := h.login(email, pw)
		_, phone := h.login(email, pw)
		if code := me(laptop); code != 200 {
			t.Fatalf("a fresh access token: %d", code)
		}
		h.do(request{method: "POST", url: "/api/v1/auth/logout", as: anonymous, body: map[string]string{"refresh_token": laptop.RefreshToken}})
		if code := me(laptop); code != 401 {
			t.Errorf("the access token of a signed-out session: %d, want 401", code)
		}
		if code := me(phone); code != 200 {
			t.Errorf("another session's access token after logout: %d, want 200", code)
		}
		// Another instance that reads sessions on every request (TTL 0) refuses it too.
		cfg, _ := config.Load(func(string) string { return "" })
		cfg.SessionCheckTTL = 0
		instance2 := api.New(api.Deps{DB: db, Keys: h.keys, Config: cfg, Version: "test"})
		req := httptest.NewRequest("GET", "/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+laptop.AccessToken)
		rec := httptest.NewRecorder()
		instance2.ServeHTTP(rec, req)
		if rec.Code != 401 {
			t.Errorf("the signed-out session's access token on another instance with INNOMUNICH_SESSION_CHECK_TTL=0: %d, want 401", rec.Code)
		}

		// A role change ends every access token; refreshing gives one with the new role.
		if rec := h.do(request{method: "PATCH", url: "/api/v1/users/" + u.ID, headers: map[string]string{"If-Match": version()}, body: map[string]any{"role": "viewer"}}); rec.Code != 200 {
			t.Fatalf("role change: %d %s", rec.Code, rec.Body.String())
		}
		if code := me(phone); code != 401 {
			t.Errorf("an access token from before a role change: %d, want 401", code)
		}
		code, phone := h.refresh(phone.RefreshToken)
		if rec := h.do(request{url: "/api/v1/me", as: "Bearer " + phone.AccessToken}); code != 200 || !contains(rec, `"role":"viewer"`) {
			t.Errorf("refresh after a role change: %d, then /me %d %s", code, rec.Code, rec.Body.String())
		}

		// Changing one's password ends every access token, the one used included.
		_, other := h.login(email, pw)
		if code := h.status(request{method: "POST", url: "/api/v1/me/password", as: "Bearer " + phone.AccessToken,
			body: map[string]string{"current_password": pw, "new_password": "second password 2"}}); code != 204 {
			t.Fatalf("password change: %d", code)
		}
		if me(phone) != 401 || me(other) != 401 {
			t.Errorf("access tokens after a password change: %d and %d, want 401", me(phone), me(other))
		}

		// So does an admin's reset.
		_, s := h.login(email, "second password 2")
		if code := h.status(request{method: "POST", url: "/api/v1/users/" + u.ID + "/password-reset", body: map[string]any{}}); code != 200 {
			t.Fatalf("reset: %d", code)
		}
		if code := me(s); code != 401 {
			t.Errorf("an access token after an admin's password reset: %d, want 401", code)
		}
	})
}

// from sends a request as if from the client address ip, through the proxy
// the harness trusts (throttledHarness).
func from(ip string, r request) request {
	r.headers = map[string]string{"X-Forwarded-For": ip}
	return r
}

// throttledHarness trusts the test requests' peer as a proxy, so that a
// request names its client address in X-Forwarded-For.
func throttledHarness(t *testing.T, db *database.DB) *harness {
	return newHarness(t, db, func(c *config.Config) {
		_, n, _ := net.ParseCIDR("192.0.2.1/32") // httptest's peer
		c.TrustedProxies = []*net.IPNet{n}
	})
}

func TestOwnerSignsInWhileAnAttackersAddressIsThrottled(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := throttledHarness(t, db)
		const email, pw = "admin.owner@example.org", "the owner's passphrase"
		h.createUser(auth.RoleAdmin, email, pw, nil)
		login := func(ip, password string) *httptest.ResponseRecorder {
			return h.do(from(ip, request{method: "POST", url: "/api/v1/auth/login", as: anonymous, body: map[string]string{"email": email, "password": password}}))
		}
		for range 5 {
			if rec := login("203.0.113.9", "a wrong guess 1"); rec.Code != 401 {
				t.Fatalf("a wrong guess: %d", rec.Code)
			}
		}
		if rec := login("203.0.113.9", pw); rec.Code != 429 || rec.Header().Get("Retry-After") == "" {
			t.Errorf("the guessing address, even with the right password: %d Retry-After %q, want 429 with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
		}
		if rec := login("198.51.100.7", pw); rec.Code != 200 {
			t.Errorf("the owner from another address: %d %s, want 200", rec.Code, rec.Body.String())
		}
		// Guesses spread over more addresses slow the account down, never lock it.
		for i := range 5 {
			login(fmt.Sprintf("203.0.113.%d", 20+i), "a wrong guess 2")
		}
		if rec := login("198.51.100.8", pw); rec.Code != 200 {
			t.Errorf("the owner after 10 failures from 6 addresses: %d %s, want 200", rec.Code, rec.Body.String())
		}
	})
}

func TestCurrentPasswordCheckIsThrottledLikeSignIn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := throttledHarness(t, db)
		const email, pw = "kenji@example.org", "first password 1"
		h.createUser(auth.RoleViewer, email, pw, nil)
		_, s := h.login(email, pw)
		change := func(current string) *httptest.ResponseRecorder {
			return h.do(from("203.0.113.9", request{method: "POST", url: "/api/v1/me/password", as: "Bearer " + s.AccessToken,
				body: map[string]string{"current_password": current, "new_password": "second password 2"}}))
		}
		for range 5 {
			if rec := change("a wrong guess 1"); rec.Code != 422 || !contains(rec, `"field":"current_password"`) {
				t.Fatalf("a wrong current password: %d %s", rec.Code, rec.Body.String())
			}
		}
		if rec := change(pw); rec.Code != 429 || rec.Header().Get("Retry-After") == "" {
			t.Errorf("after 5 wrong current passwords, even the right one: %d Retry-After %q, want 429 with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
		}
		// The same count as sign-ins: that address may not sign in to the account either.
		if rec := h.do(from("203.0.113.9", request{method: "POST", url: "/api/v1/auth/login", as: anonymous, body: map[string]string{"email": email, "password": pw}})); rec.Code != 429 {
			t.Errorf("sign-in from the guessing address: %d, want 429", rec.Code)
		}
	})
}

func TestRateLimitRefusesOneCallerWithHeadersAndSparesOthers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db, func(c *config.Config) { c.RateLimit, c.RateLimitBurst = 60, 3 })
		busy, calm := h.bearer(h.newUser(auth.RoleViewer, nil)), h.bearer(h.newUser(auth.RoleViewer, nil))
		for i := range 3 {
			rec := h.do(request{url: "/api/v1/regions", as: busy})
			if rec.Code != 200 || rec.Header().Get("RateLimit-Limit") != "3" || rec.Header().Get("RateLimit-Remaining") != fmt.Sprint(2-i) {
				t.Fatalf("request %d within the burst: %d, RateLimit-Limit %q, -Remaining %q", i+1, rec.Code, rec.Header().Get("RateLimit-Limit"), rec.Header().Get("RateLimit-Remaining"))
			}
		}
		rec := h.do(request{url: "/api/v1/regions", as: busy})
		if rec.Code != 429 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") || !contains(rec, `"status":429`) {
			t.Fatalf("beyond the burst: %d %s %s, want a 429 problem", rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
		}
		for _, hdr := range []string{"Retry-After", "RateLimit-Reset"} {
			if v := rec.Header().Get(hdr); v == "" || v == "0" {
				t.Errorf("429 header %s = %q, want seconds", hdr, v)
			}
		}
		if v := rec.Header().Get("RateLimit-Remaining"); v != "0" {
			t.Errorf("429 RateLimit-Remaining = %q, want 0", v)
		}
		if code := h.status(request{url: "/api/v1/regions", as: calm}); code != 200 {
			t.Errorf("another user meanwhile: %d, want 200", code)
		}
		// Without credentials the client address is the caller; a bad token counts there too.
		for range 3 {
			h.do(request{url: "/api/v1/regions", as: "Bearer not.a.token"})
		}
		if code := h.status(request{method: "POST", url: "/api/v1/auth/login", as: anonymous, body: map[string]string{"email": "x@example.org", "password": "whatever it is"}}); code != 429 {
			t.Errorf("sign-in from an address that spent its requests: %d, want 429", code)
		}
	})
}
