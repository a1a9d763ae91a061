package api_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/api"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/config"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/user"
)

// harness drives the real router on a real database. Requests carry the
// admin's access token unless they say otherwise.
type harness struct {
	t       *testing.T
	handler http.Handler
	db      *database.DB
	keys    *auth.Keys
	signKey ed25519.PrivateKey // the key behind keys, to forge tokens in tests
	admin   string             // bearer token of an admin
}

// anonymous as request.as sends no Authorization header.
const anonymous = "-"

func newHarness(t *testing.T, db *database.DB, configure ...func(*config.Config)) *harness {
	t.Helper()
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.SPADir = t.TempDir() // no web app unless a test writes one
	// Tests send bursts as one caller; TestRateLimit… sets a limit of its own.
	cfg.RateLimit, cfg.RateLimitBurst = 1_000_000, 1_000_000
	// Every request reads its session, so that a request's statements do
	// not depend on what an earlier one left in memory.
	cfg.SessionCheckTTL = 0
	for _, f := range configure {
		f(&cfg)
	}
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	keys, err := auth.NewKeys(priv)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, handler: agreesWithSpec(t, api.New(api.Deps{DB: db, Keys: keys, Config: cfg, Version: "test"})), db: db, keys: keys, signKey: priv}
	h.admin = h.bearer(h.newUser(auth.RoleAdmin, nil))
	return h
}

// newUser creates an account directly in the domain (no password: it gets
// a set-password token instead, which keeps tests free of slow hashing).
func (h *harness) newUser(role string, org *string) user.User {
	h.t.Helper()
	ctx := setupCtx()
	u, _, err := user.Create(ctx, h.db, user.New{
		Email: fmt.Sprintf("%s-%s@example.org", role, randomSuffix()), DisplayName: "Test " + role, Role: role, OrganisationID: org,
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return u
}

// bearer is an Authorization header value for the user, of a sign-in of
// its own in the user's current session epoch.
func (h *harness) bearer(u user.User) string {
	h.t.Helper()
	cur, err := user.ByID(context.Background(), h.db, u.ID)
	if err != nil {
		h.t.Fatal(err)
	}
	tok, err := h.keys.Issue(auth.Session{UserID: u.ID, ID: uuid.Must(uuid.NewV7()).String(), Epoch: cur.SessionEpoch}, time.Now())
	if err != nil {
		h.t.Fatal(err)
	}
	return "Bearer " + tok
}

var suffix atomic.Int64

func randomSuffix() string { return fmt.Sprint(suffix.Add(1)) }

// request is one call: method, URL, optional JSON body and headers.
type request struct {
	method  string
	url     string
	body    any // string or []byte are sent as they are; anything else as JSON
	headers map[string]string
	as      string // Authorization header; "" is the admin, anonymous none
}

func (h *harness) do(r request) *httptest.ResponseRecorder {
	h.t.Helper()
	var body io.Reader
	switch b := r.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			h.t.Fatal(err)
		}
		body = bytes.NewReader(raw)
	}
	method := r.method
	if method == "" {
		method = http.MethodGet
	}
	req := httptest.NewRequest(method, r.url, body)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	switch r.as {
	case "":
		req.Header.Set("Authorization", h.admin)
	case anonymous:
	default:
		req.Header.Set("Authorization", r.as)
	}
	for k, v := range r.headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.handler.ServeHTTP(rec, req)
	return rec
}

func (h *harness) get(url string) *httptest.ResponseRecorder {
	h.t.Helper()
	return h.do(request{url: url})
}

// scenario is one row of a scenario table: a request and what its caller sees.
type scenario struct {
	name        string
	req         request
	wantStatus  int
	wantType    string            // Content-Type prefix
	wantBody    []string          // fragments the body contains
	wantNotBody []string          // fragments it must not contain
	wantHeaders map[string]string // exact values
}

func (h *harness) run(scenarios []scenario) {
	h.t.Helper()
	for _, sc := range scenarios {
		h.t.Run(sc.name, func(t *testing.T) {
			rec := h.do(sc.req)
			if rec.Code != sc.wantStatus {
				t.Fatalf("%s %s: status %d, want %d; body: %s", sc.req.method, sc.req.url, rec.Code, sc.wantStatus, rec.Body.String())
			}
			if ct := rec.Header().Get("Content-Type"); sc.wantType != "" && !strings.HasPrefix(ct, sc.wantType) {
				t.Errorf("Content-Type %q, want %q", ct, sc.wantType)
			}
			for _, frag := range sc.wantBody {
				if !strings.Contains(rec.Body.String(), frag) {
					t.Errorf("body lacks %q: %s", frag, rec.Body.String())
				}
			}
			for _, frag := range sc.wantNotBody {
				if strings.Contains(rec.Body.String(), frag) {
					t.Errorf("body contains %q: %s", frag, rec.Body.String())
				}
			}
			for k, v := range sc.wantHeaders {
				if got := rec.Header().Get(k); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

// problem is the RFC 9457 body of an error response.
type problem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail"`
	Instance  string `json:"instance"`
	RequestID string `json:"request_id"`
	Errors    []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"errors"`
}

func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %s: %v", rec.Body.String(), err)
	}
	return v
}

// setupCtx acts as an admin that exists only to arrange a test.
func setupCtx() context.Context {
	return auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: "01a229c0-0000-7000-8000-00000000ad01", Name: "test setup", Role: auth.RoleAdmin})
}

// newOrganisation adds an organisation directly in the domain.
func (h *harness) newOrganisation(name, country string) organisation.Organisation {
	h.t.Helper()
	o, err := organisation.Create(setupCtx(), h.db, organisation.Organisation{Name: name, Kind: "biotech", Country: country}, true)
	if err != nil {
		h.t.Fatal(err)
	}
	return o
}
