package api_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

type tokens struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token"`
}

type userBody struct {
	ID               string  `json:"id"`
	Email            string  `json:"email"`
	Role             string  `json:"role"`
	DisplayName      string  `json:"display_name"`
	OrganisationID   *string `json:"organisation_id"`
	Disabled         bool    `json:"disabled"`
	Version          int     `json:"version"`
	SetPasswordToken string  `json:"set_password_token"`
}

// createUser makes an account through the API with a password.
func (h *harness) createUser(role, email, password string, org *string) userBody {
	h.t.Helper()
	body := map[string]any{"email": email, "display_name": "Person " + role, "role": role, "password": password}
	if org != nil {
		body["organisation_id"] = *org
	}
	rec := h.do(request{method: "POST", url: "/api/v1/users", body: body})
	if rec.Code != 201 {
		h.t.Fatalf("create %s: %d %s", email, rec.Code, rec.Body.String())
	}
	return decode[userBody](h.t, rec)
}

func (h *harness) login(email, password string) (int, tokens) {
	h.t.Helper()
	rec := h.do(request{method: "POST", url: "/api/v1/auth/login", as: anonymous, body: map[string]string{"email": email, "password": password}})
	if rec.Code != 200 {
		return rec.Code, tokens{}
	}
	return rec.Code, decode[tokens](h.t, rec)
}

func (h *harness) refresh(token string) (int, tokens) {
	h.t.Helper()
	rec := h.do(request{method: "POST", url: "/api/v1/auth/refresh", as: anonymous, body: map[string]string{"refresh_token": token}})
	if rec.Code != 200 {
		return rec.Code, tokens{}
	}
	return rec.Code, decode[tokens](h.t, rec)
}

func (h *harness) status(r request) int {
	h.t.Helper()
	return h.do(r).Code
}

func TestSignInRefreshRotationAndLogout(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		const pw = "大阪と川崎のパスフレーズ"
		h.createUser(auth.RoleCoordinator, "Anna.Berger@BioM.example", pw, nil)

		code, first := h.login("anna.berger@biom.example", pw) // e-mail is case-insensitive
		if code != 200 || first.TokenType != "Bearer" || first.ExpiresIn != 900 || !strings.HasPrefix(first.RefreshToken, "imr_") {
			t.Fatalf("login: %d %+v", code, first)
		}
		me := h.do(request{url: "/api/v1/me", as: "Bearer " + first.AccessToken})
		if me.Code != 200 || !strings.Contains(me.Body.String(), `"role":"coordinator"`) {
			t.Fatalf("/me: %d %s", me.Code, me.Body.String())
		}

		code, second := h.refresh(first.RefreshToken)
		if code != 200 || second.RefreshToken == first.RefreshToken {
			t.Fatalf("refresh: %d, rotated %v", code, second.RefreshToken != first.RefreshToken)
		}
		// Reusing the rotated token revokes the whole family, the new token too.
		if code, _ := h.refresh(first.RefreshToken); code != 401 {
			t.Errorf("reusing a rotated refresh token: %d, want 401", code)
		}
		if code, _ := h.refresh(second.RefreshToken); code != 401 {
			t.Errorf("the family's newest token after reuse was detected: %d, want 401", code)
		}

		_, third := h.login("anna.berger@biom.example", pw)
		if rec := h.do(request{method: "POST", url: "/api/v1/auth/logout", as: anonymous, body: map[string]string{"refresh_token": third.RefreshToken}}); rec.Code != 204 {
			t.Fatalf("logout: %d", rec.Code)
		}
		if code, _ := h.refresh(third.RefreshToken); code != 401 {
			t.Errorf("refresh after logout: %d, want 401", code)
		}
		if code, _ := h.refresh("imr_made-up"); code != 401 {
			t.Errorf("refresh with a made-up token: %d, want 401", code)
		}

		jwks := h.do(request{url: "/.well-known/jwks.json", as: anonymous})
		header := strings.Split(first.AccessToken, ".")[0]
		tok, _, err := jwt.NewParser().ParseUnverified(first.AccessToken, jwt.MapClaims{})
		if err != nil || !strings.Contains(jwks.Body.String(), fmt.Sprint(tok.Header["kid"])) || tok.Header["alg"] != "EdDSA" {
			t.Errorf("JWKS %s does not list the token's kid (header %s)", jwks.Body.String(), header)
		}
	})
}

func TestWrongCredentialsAnswerAlikeAndAreThrottled(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		h.createUser(auth.RoleViewer, "auditor@example.org", "a long good password", nil)
		strip := func(body string) string { // request ids differ, nothing else may
			return body[:strings.Index(body, `"request_id"`)]
		}
		unknown := h.do(request{method: "POST", url: "/api/v1/auth/login", as: anonymous, body: map[string]string{"email": "nobody@example.org", "password": "whatever-it-is"}})
		wrong := h.do(request{method: "POST", url: "/api/v1/auth/login", as: anonymous, body: map[string]string{"email": "auditor@example.org", "password": "whatever-it-is"}})
		if unknown.Code != 401 || wrong.Code != 401 || strip(unknown.Body.String()) != strip(wrong.Body.String()) {
			t.Errorf("unknown user %d %s / wrong password %d %s: want identical 401s", unknown.Code, unknown.Body, wrong.Code, wrong.Body)
		}
		for range 4 {
			h.login("auditor@example.org", "still wrong!!")
		}
		rec := h.do(request{method: "POST", url: "/api/v1/auth/login", as: anonymous, body: map[string]string{"email": "auditor@example.org", "password": "a long good password"}})
		if rec.Code != 429 || rec.Header().Get("Retry-After") == "" {
			t.Errorf("sign-in after 5 failures, even with the right password: %d Retry-After %q, want 429 with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
		}
		// Per address: many accounts from one client. X-Forwarded-For is not
		// trusted without configured proxies, so changing it does not help.
		for i := range 30 {
			h.do(request{method: "POST", url: "/api/v1/auth/login", as: anonymous, headers: map[string]string{"X-Forwarded-For": fmt.Sprintf("198.51.100.%d", i)},
				body: map[string]string{"email": fmt.Sprintf("guess%d@example.org", i), "password": "guessing-password"}})
		}
		h.createUser(auth.RoleViewer, "fresh@example.org", "another good password", nil)
		if code, _ := h.login("fresh@example.org", "another good password"); code != 429 {
			t.Errorf("sign-in from an address with 30 failures: %d, want 429", code)
		}
	})
}

// signed makes a token with the given method, key and claims.
func signed(t *testing.T, method jwt.SigningMethod, key any, kid string, claims jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, claims)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestForgedAndBrokenTokensAre401(t *testing.T) {
	h := newHarness(t, dbtest.One(t))
	u := h.newUser(auth.RoleCoordinator, nil)
	good := strings.TrimPrefix(h.bearer(u), "Bearer ")
	parsed, _, _ := jwt.NewParser().ParseUnverified(good, jwt.MapClaims{})
	kid := parsed.Header["kid"].(string)
	now := time.Now()
	claims := func(mut func(jwt.MapClaims)) jwt.MapClaims {
		c := jwt.MapClaims{"iss": auth.Issuer, "aud": auth.Audience, "sub": u.ID, "iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix(), "jti": "x1"}
		if mut != nil {
			mut(c)
		}
		return c
	}
	_, otherKey, _ := ed25519.GenerateKey(rand.Reader)
	jwks := decode[struct {
		Keys []struct{ X string } `json:"keys"`
	}](t, h.get("/.well-known/jwks.json"))
	_, refresh := func() (int, tokens) {
		h.createUser(auth.RoleViewer, "viewer@example.org", "viewer password 1", nil)
		return h.login("viewer@example.org", "viewer password 1")
	}()

	none := signed(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, kid, claims(nil))
	cases := map[string]string{
		"alg none":                    none,
		"HS256 keyed with public key": signed(t, jwt.SigningMethodHS256, []byte(jwks.Keys[0].X), kid, claims(nil)),
		"signed by another key":       signed(t, jwt.SigningMethodEdDSA, otherKey, kid, claims(nil)),
		"wrong issuer":                signed(t, jwt.SigningMethodEdDSA, otherKey, kid, claims(func(c jwt.MapClaims) { c["iss"] = "evil" })),
		"no exp":                      signedWithServerKey(t, h, kid, claims(func(c jwt.MapClaims) { delete(c, "exp") })),
		"expired":                     signedWithServerKey(t, h, kid, claims(func(c jwt.MapClaims) { c["exp"] = now.Add(-time.Hour).Unix() })),
		"wrong audience":              signedWithServerKey(t, h, kid, claims(func(c jwt.MapClaims) { c["aud"] = "another-api" })),
		"wrong issuer, right key":     signedWithServerKey(t, h, kid, claims(func(c jwt.MapClaims) { c["iss"] = "evil" })),
		"no jti":                      signedWithServerKey(t, h, kid, claims(func(c jwt.MapClaims) { delete(c, "jti") })),
		"refresh token as bearer":     refresh.RefreshToken,
		"garbage":                     "not.a.token",
		"tampered payload":            tamper(good),
	}
	for name, tok := range cases {
		rec := h.do(request{url: "/api/v1/me", as: "Bearer " + tok})
		if rec.Code != 401 || rec.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("%s: %d, want 401 with WWW-Authenticate", name, rec.Code)
		}
	}
	if rec := h.do(request{url: "/api/v1/me", as: "Bearer " + good}); rec.Code != 200 {
		t.Errorf("the good token: %d", rec.Code)
	}
	if rec := h.do(request{url: "/api/v1/regions", as: anonymous}); rec.Code != 401 {
		t.Errorf("regions without a token: %d, want 401", rec.Code)
	}
}

// signedWithServerKey signs with the server's own key, so a token differs
// from a good one only in the claims the case changes.
func signedWithServerKey(t *testing.T, h *harness, kid string, claims jwt.MapClaims) string {
	t.Helper()
	return signed(t, jwt.SigningMethodEdDSA, h.signKey, kid, claims)
}

func tamper(tok string) string {
	parts := strings.Split(tok, ".")
	parts[1] = parts[1][:len(parts[1])-2] + "xx"
	return strings.Join(parts, ".")
}

func TestPasswordChangeDisableAndResetEndSessions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		u := h.createUser(auth.RoleCoordinator, "kenji@example.org", "first password 1", nil)
		_, s1 := h.login("kenji@example.org", "first password 1")
		bearer := "Bearer " + s1.AccessToken

		if code := h.status(request{method: "POST", url: "/api/v1/me/password", as: bearer, body: map[string]string{"current_password": "wrong one here", "new_password": "second password 2"}}); code != 422 {
			t.Errorf("password change with a wrong current password: %d, want 422", code)
		}
		if code := h.status(request{method: "POST", url: "/api/v1/me/password", as: bearer, body: map[string]string{"current_password": "first password 1", "new_password": "password123"}}); code != 422 {
			t.Errorf("changing to a common password: %d, want 422", code)
		}
		if code := h.status(request{method: "POST", url: "/api/v1/me/password", as: bearer, body: map[string]string{"current_password": "first password 1", "new_password": "second password 2"}}); code != 204 {
			t.Fatalf("password change: %d", code)
		}
		if code, _ := h.refresh(s1.RefreshToken); code != 401 {
			t.Errorf("refresh after password change: %d, want 401", code)
		}
		if code, _ := h.login("kenji@example.org", "first password 1"); code != 401 {
			t.Errorf("old password after change: %d", code)
		}
		_, s2 := h.login("kenji@example.org", "second password 2")

		// Disabling stops the access token at once.
		rec := h.do(request{method: "PATCH", url: "/api/v1/users/" + u.ID, headers: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, u.Version+1)}, body: map[string]any{"disabled": true}})
		if rec.Code != 200 {
			t.Fatalf("disable: %d %s", rec.Code, rec.Body.String())
		}
		if code := h.status(request{url: "/api/v1/me", as: "Bearer " + s2.AccessToken}); code != 401 {
			t.Errorf("a disabled user's access token: %d, want 401", code)
		}
		if code, _ := h.refresh(s2.RefreshToken); code != 401 {
			t.Errorf("a disabled user's refresh token: %d, want 401", code)
		}

		// Reset without a password gives a one-time token that sets one.
		v := decode[userBody](t, h.get("/api/v1/users/"+u.ID)).Version
		h.do(request{method: "PATCH", url: "/api/v1/users/" + u.ID, headers: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, v)}, body: map[string]any{"disabled": false}})
		reset := h.do(request{method: "POST", url: "/api/v1/users/" + u.ID + "/password-reset", body: map[string]any{}})
		token := decode[userBody](t, reset).SetPasswordToken
		if reset.Code != 200 || !strings.HasPrefix(token, "ims_") {
			t.Fatalf("reset: %d %s", reset.Code, reset.Body.String())
		}
		set := func() int {
			return h.status(request{method: "POST", url: "/api/v1/auth/set-password", as: anonymous, body: map[string]string{"token": token, "password": "third password 3"}})
		}
		if code := set(); code != 204 {
			t.Fatalf("set password: %d", code)
		}
		if code := set(); code != 401 {
			t.Errorf("the one-time token a second time: %d, want 401", code)
		}
		if code, _ := h.login("kenji@example.org", "third password 3"); code != 200 {
			t.Errorf("sign-in with the password set by token: %d", code)
		}
	})
}

func TestUsersAreManagedByAdminsWithConcurrencyAndIdempotency(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		created := h.do(request{method: "POST", url: "/api/v1/users", body: map[string]any{"email": "yamada@example.jp", "display_name": "山田 太郎", "role": "viewer", "locale": "ja"}})
		if created.Code != 201 || !strings.HasPrefix(created.Header().Get("Location"), "/api/v1/users/") || created.Header().Get("ETag") != `"1"` {
			t.Fatalf("create: %d %v %s", created.Code, created.Header(), created.Body.String())
		}
		u := decode[userBody](t, created)
		if !strings.HasPrefix(u.SetPasswordToken, "ims_") || u.DisplayName != "山田 太郎" {
			t.Errorf("created user: %+v", u)
		}
		h.run([]scenario{
			{name: "duplicate e-mail in other case is 409", req: request{method: "POST", url: "/api/v1/users", body: map[string]any{"email": "YAMADA@example.jp", "display_name": "x", "role": "viewer"}}, wantStatus: 409},
			{name: "invalid fields are named", req: request{method: "POST", url: "/api/v1/users", body: map[string]any{"email": "not-an-address", "display_name": "", "role": "owner", "locale": "fr"}}, wantStatus: 422,
				wantBody: []string{`"field":"email"`, `"field":"display_name"`, `"field":"role"`, `"field":"locale"`}},
			{name: "members need an organisation", req: request{method: "POST", url: "/api/v1/users", body: map[string]any{"email": "m@example.org", "display_name": "M", "role": "member"}}, wantStatus: 422, wantBody: []string{`"field":"organisation_id"`}},
			{name: "a common password is refused", req: request{method: "POST", url: "/api/v1/users", body: map[string]any{"email": "p@example.org", "display_name": "P", "role": "viewer", "password": "qwertyuiop"}}, wantStatus: 422, wantBody: []string{"common"}},
			{name: "setting version is an unknown field", req: request{method: "POST", url: "/api/v1/users", body: map[string]any{"email": "v@example.org", "display_name": "V", "role": "viewer", "version": 7}}, wantStatus: 400, wantBody: []string{`"field":"version"`}},
			{name: "PATCH without If-Match is 428", req: request{method: "PATCH", url: "/api/v1/users/" + u.ID, body: map[string]any{"display_name": "x"}}, wantStatus: 428},
			{name: "PATCH with a stale If-Match is 412 with the current version", req: request{method: "PATCH", url: "/api/v1/users/" + u.ID, headers: map[string]string{"If-Match": `"9"`}, body: map[string]any{"display_name": "x"}}, wantStatus: 412, wantBody: []string{`"current_version":1`}},
			{name: "PATCH with a malformed If-Match is 400", req: request{method: "PATCH", url: "/api/v1/users/" + u.ID, headers: map[string]string{"If-Match": "yesterday"}, body: map[string]any{"display_name": "x"}}, wantStatus: 400},
			{name: "a PATCH may not set the e-mail", req: request{method: "PATCH", url: "/api/v1/users/" + u.ID, headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{"email": "x@example.org"}}, wantStatus: 400, wantBody: []string{`"field":"email"`}},
			{name: "malformed id is 404", req: request{url: "/api/v1/users/not-a-uuid"}, wantStatus: 404},
			{name: "unknown id is 404", req: request{url: "/api/v1/users/01a229c0-0000-7000-8000-000000000000"}, wantStatus: 404},
			{name: "DELETE without If-Match is 428", req: request{method: "DELETE", url: "/api/v1/users/" + u.ID}, wantStatus: 428},
			{name: "users listed by role", req: request{url: "/api/v1/users?role=viewer"}, wantStatus: 200, wantBody: []string{"yamada@example.jp"}, wantNotBody: []string{`"role":"admin"`}},
			// A search's % and _ are characters, not a LIKE pattern's.
			{name: "users searched by part of the address", req: request{url: "/api/v1/users?q=mada@"}, wantStatus: 200, wantBody: []string{"yamada@example.jp"}},
			{name: "a % in a search is a %", req: request{url: "/api/v1/users?q=%25"}, wantStatus: 200, wantBody: []string{`"items":[]`}},
			{name: "an _ in a search is an _", req: request{url: "/api/v1/users?q=ya_ada"}, wantStatus: 200, wantBody: []string{`"items":[]`}},
		})

		// Twenty concurrent PATCHes based on the same version: one wins.
		const n = 20
		codes := make([]int, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i] = h.do(request{method: "PATCH", url: "/api/v1/users/" + u.ID, headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{"display_name": fmt.Sprintf("Writer %d", i)}}).Code
			}()
		}
		wg.Wait()
		winner, ok, stale := -1, 0, 0
		for i, c := range codes {
			switch c {
			case 200:
				ok++
				winner = i
			case 412:
				stale++
			}
		}
		if ok != 1 || stale != n-1 {
			t.Fatalf("20 concurrent PATCHes: %d × 200, %d × 412 (codes %v); want 1 and 19", ok, stale, codes)
		}
		stored := decode[userBody](t, h.get("/api/v1/users/"+u.ID))
		if stored.DisplayName != fmt.Sprintf("Writer %d", winner) || stored.Version != 2 {
			t.Errorf("stored %q version %d, want the winner's Writer %d at version 2", stored.DisplayName, stored.Version, winner)
		}

		// Idempotency-Key: the answer carries a set-password token, shown
		// only once, so a retry is refused rather than replayed; another
		// caller's key is separate.
		body := map[string]any{"email": "retry@example.org", "display_name": "Retry", "role": "viewer"}
		key := map[string]string{"Idempotency-Key": "create-retry-1"}
		a := h.do(request{method: "POST", url: "/api/v1/users", headers: key, body: body})
		b := h.do(request{method: "POST", url: "/api/v1/users", headers: key, body: body})
		if a.Code != 201 || b.Code != 409 || !strings.Contains(b.Body.String(), "shown only once") {
			t.Errorf("retry with the same key: %d/%d %s, want 201 and 409 shown only once", a.Code, b.Code, b.Body.String())
		}
		other := h.bearer(h.newUser(auth.RoleAdmin, nil))
		body["email"] = "retry2@example.org"
		if code := h.status(request{method: "POST", url: "/api/v1/users", as: other, headers: key, body: body}); code != 201 {
			t.Errorf("another caller with the same key: %d, want its own 201", code)
		}
	})
}

func TestLastAdminCannotBeRemoved(t *testing.T) {
	db := dbtest.One(t)
	h := newHarness(t, db)
	// The harness made the only admin.
	me := decode[struct {
		User userBody `json:"user"`
	}](t, h.get("/api/v1/me")).User
	rec := h.do(request{method: "PATCH", url: "/api/v1/users/" + me.ID, headers: map[string]string{"If-Match": fmt.Sprint(me.Version)}, body: map[string]any{"role": "viewer"}})
	if rec.Code != 409 {
		t.Errorf("demoting the last admin: %d %s, want 409", rec.Code, rec.Body.String())
	}
	if code := h.status(request{method: "DELETE", url: "/api/v1/users/" + me.ID, headers: map[string]string{"If-Match": fmt.Sprint(me.Version)}}); code != 409 {
		t.Errorf("deleting the last admin: %d, want 409", code)
	}
}
