package api_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/apikey"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/user"
)

const principalPassword = "principal password 1"

// callers is every kind of caller the authorization table covers.
type callers struct {
	bearer map[string]string // name → Authorization header
	orgA   string
	orgB   string
}

var callerNames = []string{"admin", "coordinator", "member of A", "member of B", "viewer", "key coordinator", "key member of A", "key viewer", "key without read", "anonymous"}

func (h *harness) callers() callers {
	h.t.Helper()
	orgA, orgB := h.newOrganisation("Member A Biotech GmbH", "DE").ID, h.newOrganisation("メンバーB製薬株式会社", "JP").ID
	admin := setupCtx()
	mkUser := func(role string, org *string) string {
		u, _, err := user.Create(admin, h.db, user.New{Email: fmt.Sprintf("%s-%s@example.org", role, randomSuffix()), DisplayName: role, Role: role, OrganisationID: org, Password: principalPassword})
		if err != nil {
			h.t.Fatal(err)
		}
		return h.bearer(u)
	}
	mkKey := func(role string, org *string, scopes ...string) string {
		_, secret, err := apikey.Create(admin, h.db, apikey.New{Name: role + " key", Role: role, OrganisationID: org, Scopes: scopes, ExpiresAt: time.Now().Add(24 * time.Hour)})
		if err != nil {
			h.t.Fatal(err)
		}
		return "Bearer " + secret
	}
	return callers{orgA: orgA, orgB: orgB, bearer: map[string]string{
		"admin":            mkUser(auth.RoleAdmin, nil),
		"coordinator":      mkUser(auth.RoleCoordinator, nil),
		"member of A":      mkUser(auth.RoleMember, &orgA),
		"member of B":      mkUser(auth.RoleMember, &orgB),
		"viewer":           mkUser(auth.RoleViewer, nil),
		"key coordinator":  mkKey(auth.RoleCoordinator, nil, auth.Scopes...),
		"key member of A":  mkKey(auth.RoleMember, &orgA, auth.Scopes...),
		"key viewer":       mkKey(auth.RoleViewer, nil, auth.ScopeRead),
		"key without read": mkKey(auth.RoleCoordinator, nil, auth.ScopeWriteOrganisations),
		"anonymous":        anonymous,
	}}
}

func (h *harness) auditCount() int64 {
	var n int64
	if err := h.db.Conn(context.Background()).Table("audit_events").Count(&n).Error; err != nil {
		h.t.Fatal(err)
	}
	return n
}

// writeCase is one write endpoint: how to build a fresh request for a
// caller, which callers may make it, and how many audit events an allowed
// one leaves (1 unless said).
type writeCase struct {
	name    string
	request func(h *harness, caller string) request
	allowed []string
	events  int
}

// checkWrites runs every case as every kind of caller: allowed callers
// succeed and leave their audit events, others get 403 (401 when
// anonymous) and change nothing.
func (h *harness) checkWrites(t *testing.T, cs callers, cases []writeCase) {
	t.Helper()
	for _, wc := range cases {
		for _, caller := range callerNames {
			t.Run(wc.name+" as "+caller, func(t *testing.T) {
				r := wc.request(h, caller)
				r.as = cs.bearer[caller]
				before := h.auditCount()
				rec := h.do(r)
				allowed := slices.Contains(wc.allowed, caller)
				switch {
				case allowed && (rec.Code < 200 || rec.Code > 299):
					t.Fatalf("allowed caller got %d: %s", rec.Code, rec.Body.String())
				case !allowed && caller == "anonymous" && rec.Code != 401:
					t.Fatalf("anonymous got %d, want 401", rec.Code)
				case !allowed && caller != "anonymous" && rec.Code != 403:
					t.Fatalf("got %d, want 403: %s", rec.Code, rec.Body.String())
				}
				want := before
				if allowed {
					want += int64(max(wc.events, 1))
				}
				if got := h.auditCount(); got != want {
					t.Errorf("audit events went from %d to %d, want %d", before, got, want)
				}
			})
		}
	}
}

func adminsOnly() []string { return []string{"admin"} }

func users() []string {
	return []string{"admin", "coordinator", "member of A", "member of B", "viewer"}
}

// TestAuthorizationTable runs every write endpoint as every kind of caller:
// allowed callers succeed and leave exactly one audit event, others get 403
// (401 when anonymous) and change nothing.
func TestAuthorizationTable(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers()
		freshUser := func(h *harness) user.User { return h.newUser(auth.RoleViewer, nil) }
		freshKey := func(h *harness) apikey.Key {
			ctx := setupCtx()
			k, _, err := apikey.Create(ctx, h.db, apikey.New{Name: "target", Role: auth.RoleViewer, Scopes: []string{auth.ScopeRead}, ExpiresAt: time.Now().Add(time.Hour)})
			if err != nil {
				h.t.Fatal(err)
			}
			return k
		}
		ifMatch := func(v int) map[string]string { return map[string]string{"If-Match": fmt.Sprintf(`"%d"`, v)} }
		// Admins and keys with webhooks:manage (both keys of the table
		// hold every scope) manage webhooks, a key only its own: the
		// target is the caller's own where it may have one, else an
		// admin's.
		hookManagers := []string{"admin", "key coordinator", "key member of A"}
		ownHook := func(h *harness, caller string) (string, int) {
			as := h.admin
			if slices.Contains(hookManagers, caller) {
				as = cs.bearer[caller]
			}
			rec := h.do(request{method: "POST", url: "/api/v1/webhooks", as: as, body: map[string]any{"url": "https://hooks.example.org/in"}})
			if rec.Code != 201 {
				h.t.Fatalf("webhook: %d %s", rec.Code, rec.Body.String())
			}
			w := decode[struct {
				ID      string `json:"id"`
				Version int    `json:"version"`
			}](h.t, rec)
			return w.ID, w.Version
		}
		cases := []writeCase{
			{name: "create user", allowed: adminsOnly(), request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/users", body: map[string]any{"email": "n" + randomSuffix() + "@example.org", "display_name": "N", "role": "viewer"}}
			}},
			{name: "change user", allowed: adminsOnly(), request: func(h *harness, _ string) request {
				u := freshUser(h)
				return request{method: "PATCH", url: "/api/v1/users/" + u.ID, headers: ifMatch(u.Version), body: map[string]any{"display_name": "Changed"}}
			}},
			{name: "delete user", allowed: adminsOnly(), request: func(h *harness, _ string) request {
				u := freshUser(h)
				return request{method: "DELETE", url: "/api/v1/users/" + u.ID, headers: ifMatch(u.Version)}
			}},
			{name: "reset password", allowed: adminsOnly(), request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/users/" + freshUser(h).ID + "/password-reset", body: map[string]any{}}
			}},
			{name: "create API key", allowed: adminsOnly(), request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/api-keys", body: map[string]any{"name": "k", "role": "viewer", "scopes": []string{"read"}, "expires_at": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)}}
			}},
			{name: "change API key", allowed: adminsOnly(), request: func(h *harness, _ string) request {
				k := freshKey(h)
				return request{method: "PATCH", url: "/api/v1/api-keys/" + k.ID, headers: ifMatch(k.Version), body: map[string]any{"name": "renamed"}}
			}},
			{name: "revoke API key", allowed: adminsOnly(), request: func(h *harness, _ string) request {
				k := freshKey(h)
				return request{method: "DELETE", url: "/api/v1/api-keys/" + k.ID, headers: ifMatch(k.Version)}
			}},
			{name: "create webhook", allowed: hookManagers, request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/webhooks", body: map[string]any{"url": "https://hooks.example.org/in", "event_types": []string{"organisation"}}}
			}},
			{name: "change webhook", allowed: hookManagers, request: func(h *harness, caller string) request {
				id, v := ownHook(h, caller)
				return request{method: "PATCH", url: "/api/v1/webhooks/" + id, headers: ifMatch(v), body: map[string]any{"active": false}}
			}},
			{name: "rotate webhook secret", allowed: hookManagers, request: func(h *harness, caller string) request {
				id, v := ownHook(h, caller)
				return request{method: "POST", url: "/api/v1/webhooks/" + id + "/rotate-secret", headers: ifMatch(v)}
			}},
			{name: "delete webhook", allowed: hookManagers, request: func(h *harness, caller string) request {
				id, v := ownHook(h, caller)
				return request{method: "DELETE", url: "/api/v1/webhooks/" + id, headers: ifMatch(v)}
			}},
			{name: "freeze report", allowed: []string{"admin", "coordinator"}, request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/reports", body: map[string]any{"period": "FY2025"}}
			}},
			{name: "change own profile", allowed: users(), request: func(h *harness, caller string) request {
				v := 1
				if rec := h.do(request{url: "/api/v1/me", as: cs.bearer[caller]}); rec.Code == 200 {
					v = decode[struct {
						User userBody `json:"user"`
					}](h.t, rec).User.Version
				}
				return request{method: "PATCH", url: "/api/v1/me", headers: ifMatch(v), body: map[string]any{"locale": "ja"}}
			}},
			{name: "change own notification settings", allowed: users(), request: func(h *harness, caller string) request {
				v := "1"
				if rec := h.do(request{url: "/api/v1/me/notifications", as: cs.bearer[caller]}); rec.Code == 200 {
					v = strings.Trim(rec.Header().Get("ETag"), `"`)
				}
				return request{method: "PATCH", url: "/api/v1/me/notifications", headers: map[string]string{"If-Match": `"` + v + `"`}, body: map[string]any{"milestone_due": false}}
			}},
			{name: "save a view", allowed: users(), request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/views", body: map[string]any{"list": "people", "name": "View " + randomSuffix(), "query": "q=sato"}}
			}},
			{name: "change own password", allowed: users(), request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/me/password", body: map[string]any{"current_password": principalPassword, "new_password": principalPassword}}
			}},
		}
		h.checkWrites(t, cs, cases)
		cs = h.callers() // changing their own passwords above ended the users' access tokens

		reads := []struct {
			url     string
			allowed []string
		}{
			{"/api/v1/regions", []string{"admin", "coordinator", "member of A", "member of B", "viewer", "key coordinator", "key member of A", "key viewer"}},
			{"/api/v1/users", adminsOnly()},
			{"/api/v1/api-keys", adminsOnly()},
			{"/api/v1/webhooks", []string{"admin", "key coordinator", "key member of A"}},
			{"/api/v1/audit-events", []string{"admin", "coordinator", "viewer", "key coordinator", "key viewer"}},
			{"/api/v1/changes", []string{"admin", "coordinator", "member of A", "member of B", "viewer", "key coordinator", "key member of A", "key viewer"}},
			{"/api/v1/summary", []string{"admin", "coordinator", "member of A", "member of B", "viewer", "key coordinator", "key member of A", "key viewer"}},
			{"/api/v1/search?q=%E5%B1%B1%E7%94%B0%20%E5%A4%AA%E9%83%8E", []string{"admin", "coordinator", "member of A", "member of B", "viewer", "key coordinator", "key member of A", "key viewer"}},
			{"/api/v1/me", []string{"admin", "coordinator", "member of A", "member of B", "viewer", "key coordinator", "key member of A", "key viewer"}},
			{"/api/v1/me/notifications", users()},
			{"/api/v1/views?list=people", users()},
			// Reports: coordinators, admins, viewers; keys with reports:read
			// ("key member of A" holds it, but members read no reports).
			{"/api/v1/reports/kpis?period=2025", []string{"admin", "coordinator", "viewer", "key coordinator"}},
			{"/api/v1/reports", []string{"admin", "coordinator", "viewer", "key coordinator"}},
		}
		for _, rd := range reads {
			for _, caller := range callerNames {
				allowed := false
				for _, a := range rd.allowed {
					allowed = allowed || a == caller
				}
				want := 403
				switch {
				case allowed:
					want = 200
				case caller == "anonymous":
					want = 401
				}
				if got := h.status(request{url: rd.url, as: cs.bearer[caller]}); got != want {
					t.Errorf("GET %s as %s: %d, want %d", rd.url, caller, got, want)
				}
			}
		}
	})
}

func TestAPIKeysWorkUntilRevokedAndShowTheirSecretOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		rec := h.do(request{method: "POST", url: "/api/v1/api-keys", body: map[string]any{
			"name": "Osaka partner sync", "role": "viewer", "scopes": []string{"read"}, "expires_at": time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339),
		}})
		if rec.Code != 201 {
			t.Fatalf("create key: %d %s", rec.Code, rec.Body.String())
		}
		k := decode[struct {
			ID      string `json:"id"`
			Secret  string `json:"secret"`
			Prefix  string `json:"prefix"`
			Version int    `json:"version"`
		}](t, rec)
		if !strings.HasPrefix(k.Secret, "imk_") || !strings.HasPrefix(k.Secret, k.Prefix) {
			t.Fatalf("secret %q prefix %q", k.Secret, k.Prefix)
		}
		me := h.do(request{url: "/api/v1/me", as: "Bearer " + k.Secret})
		if me.Code != 200 || !strings.Contains(me.Body.String(), `"kind":"api_key"`) || !strings.Contains(me.Body.String(), `"scopes":["read"]`) {
			t.Fatalf("/me with the key: %d %s", me.Code, me.Body.String())
		}
		got := h.get("/api/v1/api-keys/" + k.ID)
		if strings.Contains(got.Body.String(), k.Secret) || strings.Contains(got.Body.String(), `"last_used_at":null`) {
			t.Errorf("key after use: %s; want no secret and a last_used_at", got.Body.String())
		}
		if code := h.status(request{method: "POST", url: "/api/v1/users", as: "Bearer " + k.Secret, body: map[string]any{"email": "x@example.org", "display_name": "x", "role": "viewer"}}); code != 403 {
			t.Errorf("viewer key creating a user: %d, want 403", code)
		}
		h.run([]scenario{
			{name: "admin role is not for keys", req: request{method: "POST", url: "/api/v1/api-keys", body: map[string]any{"name": "x", "role": "admin", "scopes": []string{"read"}, "expires_at": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)}}, wantStatus: 422, wantBody: []string{`"field":"role"`}},
			{name: "unknown scope", req: request{method: "POST", url: "/api/v1/api-keys", body: map[string]any{"name": "x", "role": "viewer", "scopes": []string{"write:everything"}, "expires_at": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)}}, wantStatus: 422, wantBody: []string{`"field":"scopes"`}},
			{name: "expiry in the past", req: request{method: "POST", url: "/api/v1/api-keys", body: map[string]any{"name": "x", "role": "viewer", "scopes": []string{"read"}, "expires_at": "2020-01-01T00:00:00Z"}}, wantStatus: 422, wantBody: []string{`"field":"expires_at"`}},
		})
		if code := h.status(request{method: "DELETE", url: "/api/v1/api-keys/" + k.ID, headers: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, k.Version)}}); code != 204 {
			t.Fatalf("revoke: %d", code)
		}
		if code := h.status(request{url: "/api/v1/me", as: "Bearer " + k.Secret}); code != 401 {
			t.Errorf("revoked key: %d, want 401 at once", code)
		}
		if code := h.status(request{url: "/api/v1/me", as: "Bearer imk_madeup"}); code != 401 {
			t.Errorf("made-up key: %d, want 401", code)
		}
	})
}

func TestAuditLogRecordsChangesWithoutSecrets(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		u := h.createUser(auth.RoleCoordinator, "audited@example.org", "audited password 1", nil)
		rid := "audit-check-1"
		h.do(request{method: "PATCH", url: "/api/v1/users/" + u.ID, headers: map[string]string{"If-Match": `"1"`, "X-Request-Id": rid}, body: map[string]any{"display_name": "Audited Person", "locale": "de"}})
		h.login("audited@example.org", "audited password 1")
		h.do(request{method: "POST", url: "/api/v1/api-keys", body: map[string]any{"name": "k", "role": "viewer", "scopes": []string{"read"}, "expires_at": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)}})

		rec := h.get("/api/v1/audit-events?entity_type=user&entity_id=" + u.ID)
		events := decode[struct {
			Items []struct {
				Action    string                      `json:"action"`
				Version   int                         `json:"version"`
				RequestID string                      `json:"request_id"`
				Actor     struct{ Type, Name string } `json:"actor"`
				Changes   map[string]struct{ Before, After any }
			} `json:"items"`
		}](t, rec).Items
		if len(events) != 3 || events[0].Action != "sign_in" || events[1].Action != "update" || events[2].Action != "create" {
			t.Fatalf("events newest first: %s", rec.Body.String())
		}
		upd := events[1]
		if upd.RequestID != rid || upd.Version != 2 || upd.Actor.Type != "user" || len(upd.Changes) != 2 ||
			upd.Changes["display_name"].After != "Audited Person" || upd.Changes["locale"].Before != "en" {
			t.Errorf("update event: %+v", upd)
		}
		all := h.get("/api/v1/audit-events?limit=200").Body.String()
		for _, secret := range []string{"argon2", "imk_", "ims_", "imr_", "password_hash", "audited password"} {
			if strings.Contains(all, secret) {
				t.Errorf("the audit log contains %q", secret)
			}
		}
		if code := h.status(request{url: "/api/v1/audit-events?from=yesterday"}); code != 400 {
			t.Errorf("bad from: %d, want 400", code)
		}
	})
}

// The interests' writes by every kind of caller: allowed callers succeed
// and leave their audit events, others get 403 (401 anonymous).
func TestInterestsAuthorization(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers()
		personA := h.newPerson(cs.orgA, "Huber")
		// An offer of B, which A's callers answer, and A's interests in it.
		offerB := h.createOpportunity("", offer(cs.orgB, nil))
		fresh := func(h *harness) interestBody {
			o := h.createOpportunity("", offer(cs.orgB, nil))
			return h.express("", o.ID, map[string]any{"organisation_id": cs.orgA, "person_id": personA, "message": "Interested"})
		}
		accepted := func(h *harness) interestBody {
			i := fresh(h)
			if rec := h.do(request{method: "POST", url: "/api/v1/interests/" + i.ID + "/accept", headers: ifMatch(1)}); rec.Code != 200 {
				h.t.Fatalf("accept: %d %s", rec.Code, rec.Body.String())
			}
			return h.interest("", i.ID)
		}
		interestedSide := []string{"admin", "coordinator", "member of A", "key coordinator", "key member of A"}
		ownerSide := []string{"admin", "coordinator", "member of B", "key coordinator"}
		h.checkWrites(t, cs, []writeCase{
			{name: "express interest", allowed: interestedSide, request: func(h *harness, _ string) request {
				o := h.createOpportunity("", offer(cs.orgB, nil))
				return request{method: "POST", url: "/api/v1/opportunities/" + o.ID + "/interests", body: map[string]any{"organisation_id": cs.orgA, "person_id": personA, "message": "Interested"}}
			}},
			{name: "accept", allowed: ownerSide, events: 2, request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/interests/" + fresh(h).ID + "/accept", headers: ifMatch(1)}
			}},
			{name: "decline", allowed: ownerSide, request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/interests/" + fresh(h).ID + "/decline", headers: ifMatch(1), body: map[string]any{"reason": "Not now"}}
			}},
			{name: "withdraw", allowed: interestedSide, request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/interests/" + fresh(h).ID + "/withdraw", headers: ifMatch(1)}
			}},
			{name: "pipeline step", allowed: ownerSide, request: func(h *harness, _ string) request {
				i := accepted(h)
				return request{method: "PATCH", url: "/api/v1/interests/" + i.ID, headers: ifMatch(i.Version), body: map[string]any{"status": "in_discussion"}}
			}},
		})
		// Who reads an interest between A and B: both sides and those who
		// read everything; not a key without read, nor anonymous.
		i := h.express("", offerB.ID, map[string]any{"organisation_id": cs.orgA, "person_id": personA, "message": "Interested"})
		for _, caller := range callerNames {
			want := 200
			switch caller {
			case "anonymous":
				want = 401
			case "key without read":
				want = 403
			}
			for _, url := range []string{"/api/v1/interests/" + i.ID, "/api/v1/interests", "/api/v1/interests/stages", "/api/v1/opportunities/" + offerB.ID + "/interests"} {
				if got := h.status(request{url: url, as: cs.bearer[caller]}); got != want {
					t.Errorf("%s GET %s: %d, want %d", caller, url, got, want)
				}
			}
		}
	})
}
