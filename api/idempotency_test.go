package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/idempotency"
)

// storedKeys is everything the idempotency store holds, as text.
func (h *harness) storedKeys() string {
	h.t.Helper()
	var rows []idempotency.Record
	if err := h.db.Conn(context.Background()).Find(&rows).Error; err != nil {
		h.t.Fatal(err)
	}
	return fmt.Sprintf("%+v", rows)
}

func withKey(k string) map[string]string { return map[string]string{"Idempotency-Key": k} }

// TestIdempotencyNeverStoresNorReplaysASecret: the answers that hand out an
// API key's secret, a set-password token or a refresh token, and the
// requests that carry a password, leave nothing of the secret in the
// idempotency store, and a retry with the same key is a 409 that says why
// instead of showing the secret again.
func TestIdempotencyNeverStoresNorReplaysASecret(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		const password = "a long enough password 1"
		u := h.createUser(auth.RoleViewer, "secret-holder@example.org", password, nil)
		_, signIn := h.login("secret-holder@example.org", password)
		for _, c := range []struct {
			name   string
			req    request
			secret func(body string) string // reads the secret the first answer hands out
		}{
			{"API key", request{method: "POST", url: "/api/v1/api-keys", body: map[string]any{"name": "sync", "role": "viewer", "scopes": []string{"read"},
				"expires_at": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)}}, field("secret")},
			{"user with a set-password token", request{method: "POST", url: "/api/v1/users", body: map[string]any{"email": "token@example.org", "display_name": "T", "role": "viewer"}}, field("set_password_token")},
			{"refresh", request{method: "POST", url: "/api/v1/auth/refresh", as: anonymous, body: map[string]any{"refresh_token": signIn.RefreshToken}}, field("refresh_token")},
			{"sign-in", request{method: "POST", url: "/api/v1/auth/login", as: anonymous, body: map[string]any{"email": "secret-holder@example.org", "password": password}}, field("refresh_token")},
			{"password reset", request{method: "POST", url: "/api/v1/users/" + u.ID + "/password-reset", headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{}}, field("set_password_token")},
		} {
			t.Run(c.name, func(t *testing.T) {
				c.req.headers = mergeHeaders(c.req.headers, withKey("secret-"+c.name))
				first := h.do(c.req)
				if first.Code >= 300 {
					t.Fatalf("first: %d %s", first.Code, first.Body.String())
				}
				secret := c.secret(first.Body.String())
				if secret == "" {
					t.Fatalf("the first answer carries no secret: %s", first.Body.String())
				}
				stored := h.storedKeys()
				for _, s := range []string{secret, password, signIn.RefreshToken} {
					if strings.Contains(stored, s) {
						t.Errorf("the idempotency store holds a secret %.12s…: %s", s, stored)
					}
				}
				retry := h.do(c.req)
				if retry.Code != 409 || !strings.Contains(retry.Body.String(), "shown only once") || strings.Contains(retry.Body.String(), secret) {
					t.Errorf("retry: %d %s, want 409 saying the secret is shown only once", retry.Code, retry.Body.String())
				}
			})
		}
	})
}

// field reads a string field of a JSON body.
func field(name string) func(string) string {
	return func(body string) string {
		_, rest, ok := strings.Cut(body, `"`+name+`":"`)
		if !ok {
			return ""
		}
		v, _, _ := strings.Cut(rest, `"`)
		return v
	}
}

func mergeHeaders(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// TestErasingAPersonForgetsTheirStoredResponses: once a person is deleted,
// the stored answer to the request that created them (with their e-mail
// and phone) is gone from the idempotency store and is not replayed.
func TestErasingAPersonForgetsTheirStoredResponses(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		org := h.newOrganisation("Erasure Biotech GmbH", "DE").ID
		create := request{method: "POST", url: "/api/v1/people", headers: withKey("create-erased"),
			body: map[string]any{"organisation_id": org, "family_name": "Erased", "email": "erased.person@example.org", "phone": "+49 89 555 0199"}}
		first := h.do(create)
		if first.Code != 201 {
			t.Fatalf("create: %d %s", first.Code, first.Body.String())
		}
		id := field("id")(first.Body.String())
		if !strings.Contains(h.storedKeys(), "erased.person@example.org") {
			t.Fatal("the test needs the answer stored first")
		}
		if code := h.status(request{method: "DELETE", url: "/api/v1/people/" + id, headers: map[string]string{"If-Match": `"1"`}}); code != 204 {
			t.Fatalf("delete: %d", code)
		}
		if stored := h.storedKeys(); strings.Contains(stored, "erased.person@example.org") || strings.Contains(stored, id) {
			t.Errorf("the erased person's data stays in the idempotency store: %s", stored)
		}
		if retry := h.do(create); retry.Header().Get("Idempotent-Replayed") == "true" || strings.Contains(retry.Body.String(), id) {
			t.Errorf("a retry replays the erased person: %d %s", retry.Code, retry.Body.String())
		}
	})
}

// TestReplayRechecksTheCaller: the stored 201 is not shown again to a
// caller whose role was lowered (403), to a disabled user (401), or to a
// revoked API key (401).
func TestReplayRechecksTheCaller(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		org := func(name string) map[string]any {
			return map[string]any{"name": name, "kind": "biotech", "country": "DE"}
		}
		change := func(id string, patch map[string]any) {
			t.Helper()
			u := decode[userBody](t, h.get("/api/v1/users/"+id))
			if rec := h.do(request{method: "PATCH", url: "/api/v1/users/" + id, headers: map[string]string{"If-Match": fmt.Sprint(u.Version)}, body: patch}); rec.Code != 200 {
				t.Fatalf("change user: %d %s", rec.Code, rec.Body.String())
			}
		}

		lowered := h.newUser(auth.RoleCoordinator, nil)
		req := request{method: "POST", url: "/api/v1/organisations", as: h.bearer(lowered), headers: withKey("lowered"), body: org("Lowered Role GmbH")}
		if code := h.status(req); code != 201 {
			t.Fatalf("first: %d", code)
		}
		change(lowered.ID, map[string]any{"role": "viewer"})
		// The role change ended the old session; the user signs in again,
		// now as a viewer, and retries with the same key.
		req.as = h.bearer(lowered)
		if rec := h.do(req); rec.Code != 403 || rec.Header().Get("Idempotent-Replayed") != "" {
			t.Errorf("replay after the role was lowered: %d %s, want 403", rec.Code, rec.Body.String())
		}

		disabled := h.newUser(auth.RoleCoordinator, nil)
		req = request{method: "POST", url: "/api/v1/organisations", as: h.bearer(disabled), headers: withKey("disabled"), body: org("Disabled User GmbH")}
		if code := h.status(req); code != 201 {
			t.Fatalf("first: %d", code)
		}
		change(disabled.ID, map[string]any{"disabled": true})
		if code := h.status(req); code != 401 {
			t.Errorf("replay to a disabled user: %d, want 401", code)
		}

		rec := h.do(request{method: "POST", url: "/api/v1/api-keys", body: map[string]any{"name": "revoked", "role": "coordinator", "scopes": auth.Scopes,
			"expires_at": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)}})
		key := decode[struct {
			ID      string `json:"id"`
			Secret  string `json:"secret"`
			Version int    `json:"version"`
		}](t, rec)
		req = request{method: "POST", url: "/api/v1/organisations", as: "Bearer " + key.Secret, headers: withKey("revoked"), body: org("Revoked Key GmbH")}
		if code := h.status(req); code != 201 {
			t.Fatalf("first: %d", code)
		}
		if code := h.status(request{method: "DELETE", url: "/api/v1/api-keys/" + key.ID, headers: map[string]string{"If-Match": fmt.Sprint(key.Version)}}); code != 204 {
			t.Fatalf("revoke: %d", code)
		}
		if code := h.status(req); code != 401 {
			t.Errorf("replay to a revoked key: %d, want 401", code)
		}
	})
}

// TestCrashedIdempotencyClaimExpires: a key whose request died after
// claiming it (as a killed service leaves it: claimed, never finished,
// nothing done) answers 409 only until the request deadline; a retry after
// it runs the request, and the next retry finds that one record.
func TestCrashedIdempotencyClaimExpires(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		me := decode[struct {
			User userBody `json:"user"`
		}](t, h.get("/api/v1/me")).User
		body := []byte(`{"name":"Crash Recovery GmbH","kind":"biotech","country":"DE"}`)
		sum := sha256.Sum256(body)
		crashed := func(key string, at time.Time) {
			t.Helper()
			err := db.Conn(context.Background()).Exec(`INSERT INTO idempotency_keys (caller, key, method, path, request_hash, claim, fingerprint, created_at)
VALUES (?, ?, 'POST', '/api/v1/organisations', ?, 'a run that died', 'user', ?)`, "user:"+me.ID, key, hex.EncodeToString(sum[:]), at).Error
			if err != nil {
				t.Fatal(err)
			}
		}
		req := func(key string) request {
			return request{method: "POST", url: "/api/v1/organisations", headers: withKey(key), body: body}
		}

		crashed("just-died", database.Now())
		if rec := h.do(req("just-died")); rec.Code != 409 || !strings.Contains(rec.Body.String(), "in progress") {
			t.Errorf("retry within the deadline: %d %s, want 409 in progress", rec.Code, rec.Body.String())
		}

		crashed("died-long-ago", database.Now().Add(-idempotency.DefaultDeadline-time.Second))
		first := h.do(req("died-long-ago"))
		if first.Code != 201 || first.Header().Get("Idempotent-Replayed") != "" {
			t.Fatalf("retry after the deadline: %d %s, want the request to run", first.Code, first.Body.String())
		}
		again := h.do(req("died-long-ago"))
		if again.Code != 201 || again.Header().Get("Idempotent-Replayed") != "true" || again.Body.String() != first.Body.String() {
			t.Errorf("next retry: %d %s, want the same record replayed", again.Code, again.Body.String())
		}
		if n := h.organisationCount(); n != 1 {
			t.Errorf("%d organisations, want 1", n)
		}
	})
}

// TestIdempotentRequestThatFailsInTheDatabaseAnswersItsProblem: with an
// Idempotency-Key the request runs inside the key's transaction; a write
// the database refuses (a region code taken) is still the 409 it is without
// a key, stored and replayed, not a 500 from a transaction PostgreSQL
// refuses to continue.
func TestIdempotentRequestThatFailsInTheDatabaseAnswersItsProblem(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		req := request{method: "POST", url: "/api/v1/regions", headers: withKey("taken-code"),
			body: map[string]any{"code": "osaka", "country": "JP", "name": map[string]string{"en": "Osaka again"}}}
		first := h.do(req)
		if first.Code != 409 {
			t.Fatalf("a taken code: %d %s, want 409", first.Code, first.Body.String())
		}
		if again := h.do(req); again.Code != 409 || again.Header().Get("Idempotent-Replayed") != "true" {
			t.Errorf("retry: %d %s, want the 409 replayed", again.Code, again.Body.String())
		}
	})
}
