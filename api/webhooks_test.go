package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/apikey"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/config"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/jobs"
	"github.com/innomunich/platform/pkg/mail"
	"github.com/innomunich/platform/pkg/webhook"
	"github.com/riverqueue/river"
	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

var testLoopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}

// partner is a partner region's receiver: a real HTTPS server that
// accepts only deliveries the Standard Webhooks reference library
// verifies with the secret it was given.
type partner struct {
	t      *testing.T
	srv    *httptest.Server
	mu     sync.Mutex
	wh     *standardwebhooks.Webhook
	events []changeBody
	bodies []string
	bad    int
}

func newPartner(t *testing.T) *partner {
	p := &partner{t: t}
	p.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.wh == nil || p.wh.Verify(body, r.Header) != nil {
			p.bad++
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var e changeBody
		if err := json.Unmarshal(body, &e); err != nil {
			t.Errorf("not an event: %s", body)
		}
		p.events = append(p.events, e)
		p.bodies = append(p.bodies, string(body))
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *partner) got() ([]changeBody, []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]changeBody(nil), p.events...), append([]string(nil), p.bodies...)
}

// webhookWorkers runs a worker instance (River with the webhook and mail
// workers) on the database until the test ends, as `innomunich worker` does.
func webhookWorkers(t *testing.T, db *database.DB, transport *http.Transport) {
	t.Helper()
	ws := river.NewWorkers()
	d := &webhook.Dispatcher{DB: db, Guard: webhook.Guard{AllowPrivate: testLoopback}, Transport: transport}
	webhook.Register(ws, d)
	sender, err := mail.NewSender(db, mail.Config{From: "InnoMuNiCH <noreply@innomunich.example>"})
	if err != nil {
		t.Fatal(err)
	}
	mail.Register(ws, sender)
	q, err := jobs.New(db, jobs.Config{Concurrency: 4, Workers: ws, Periodic: d.Periodic(50 * time.Millisecond), PollInterval: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, stop := context.WithTimeout(context.Background(), 10*time.Second)
		defer stop()
		_ = q.Shutdown(ctx)
	})
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestAPartnerRegionStaysInSync plays a partner region: its API key (a
// member key of organisation A, with read and webhooks:manage) subscribes
// a webhook; admins create, update, merge, erase and delete through the
// API; the partner's receiver gets exactly the change feed's events as
// the key reads them, in order, each signed, with tombstones, and never
// the contact data of a person of another organisation. Then it catches
// up from a stored cursor, by the feed and by the webhook after a pause.
func TestAPartnerRegionStaysInSync(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db, func(c *config.Config) { c.WebhookAllowPrivate = testLoopback })
		cs := h.callers()
		rcv := newPartner(t)
		webhookWorkers(t, db, rcv.srv.Client().Transport.(*http.Transport))

		_, keySecret, err := apikey.Create(setupCtx(), db, apikey.New{Name: "Osaka BHQ sync", Role: auth.RoleMember, OrganisationID: &cs.orgA,
			Scopes: []string{auth.ScopeRead, auth.ScopeWebhooksManage}, ExpiresAt: time.Now().Add(24 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		key := "Bearer " + keySecret
		rec := h.do(request{method: "POST", url: "/api/v1/webhooks", as: key, body: map[string]any{"url": rcv.srv.URL + "/innomunich", "description": "Osaka BHQ CRM"}})
		if rec.Code != 201 {
			t.Fatalf("subscribe: %d %s", rec.Code, rec.Body.String())
		}
		hook := decode[struct {
			ID      string `json:"id"`
			Secret  string `json:"secret"`
			Cursor  string `json:"cursor"`
			Version int    `json:"version"`
		}](t, rec)
		wh, err := standardwebhooks.NewWebhook(hook.Secret)
		if err != nil {
			t.Fatal(err)
		}
		rcv.mu.Lock()
		rcv.wh = wh
		rcv.mu.Unlock()
		if got := h.do(request{url: "/api/v1/webhooks/" + hook.ID, as: key}); got.Code != 200 || strings.Contains(got.Body.String(), hook.Secret) {
			t.Fatalf("the secret is shown again, or the key cannot read its webhook: %d", got.Code)
		}

		// The region's changes, through the API, as an admin.
		create := func(url string, body map[string]any) string {
			rec := h.do(request{method: "POST", url: url, body: body})
			if rec.Code != 201 {
				t.Fatalf("POST %s: %d %s", url, rec.Code, rec.Body.String())
			}
			return field("id")(rec.Body.String())
		}
		keep := create("/api/v1/organisations", map[string]any{"name": "Kansai Bio KK", "kind": "biotech", "country": "JP"})
		dup := create("/api/v1/organisations?allow_duplicate=true", map[string]any{"name": "Kansai Bio K.K.", "kind": "biotech", "country": "JP"})
		if code := h.status(request{method: "PATCH", url: "/api/v1/organisations/" + keep, headers: ifMatch(1), body: map[string]any{"website": "https://kansai-bio.example.jp"}}); code != 200 {
			t.Fatalf("update: %d", code)
		}
		inA := create("/api/v1/people", map[string]any{"organisation_id": cs.orgA, "family_name": "Aoki", "email": "aoki@member-a.example.org"})
		const secretEmail = "ishida@member-b.example.org"
		inB := create("/api/v1/people", map[string]any{"organisation_id": cs.orgB, "family_name": "Ishida", "email": secretEmail, "phone": "+81 6 5555 0100"})
		if code := h.status(request{method: "PATCH", url: "/api/v1/people/" + inB, headers: ifMatch(1), body: map[string]any{"given_name": "Rin"}}); code != 200 {
			t.Fatalf("update person: %d", code)
		}
		if code := h.status(request{method: "POST", url: "/api/v1/organisations/" + keep + "/merge", headers: ifMatch(2), body: map[string]any{"duplicate_id": dup}}); code != 200 {
			t.Fatalf("merge: %d", code)
		}
		if code := h.status(request{method: "DELETE", url: "/api/v1/people/" + inB, headers: ifMatch(2)}); code != 204 {
			t.Fatalf("erase: %d", code)
		}
		gone := create("/api/v1/organisations", map[string]any{"name": "Short-lived GmbH", "kind": "medtech", "country": "DE"})
		if code := h.status(request{method: "DELETE", url: "/api/v1/organisations/" + gone, headers: ifMatch(1)}); code != 204 {
			t.Fatalf("delete: %d", code)
		}

		// The feed as the key reads it, from where the subscription started.
		done := func(ev []changeBody) bool {
			d := eventsOf(ev, gone)
			return len(d) == 2 && d[1].Action == "deleted"
		}
		feed, _ := h.readFeed(key, hook.Cursor, done)
		waitFor(t, "every event at the receiver", func() bool { got, _ := rcv.got(); return len(got) >= len(feed) })
		got, bodies := rcv.got()
		if len(got) != len(feed) {
			t.Fatalf("the receiver got %d events, the feed has %d", len(got), len(feed))
		}
		for i := range feed {
			f, g := feed[i], got[i]
			if f.Cursor != g.Cursor || f.Type != g.Type || f.ID != g.ID || f.Action != g.Action || f.Version != g.Version {
				t.Errorf("event %d: received %+v, the feed has %+v", i, g, f)
			}
			// The erased person's earlier events became tombstones in the
			// feed after they were delivered; all else is the same.
			if f.ID != inB && !reflect.DeepEqual(f.Data, g.Data) {
				t.Errorf("event %d (%s %s): data %v, the feed has %v", i, f.Type, f.Action, g.Data, f.Data)
			}
			if f.ID == inB && f.Data != nil {
				t.Errorf("the feed still has data of the erased person: %v", f.Data)
			}
		}
		for _, b := range bodies {
			if strings.Contains(b, secretEmail) || strings.Contains(b, "5555 0100") {
				t.Errorf("a delivery carries contact data the key may not see: %s", b)
			}
		}
		rcv.mu.Lock()
		bad := rcv.bad
		rcv.mu.Unlock()
		if bad != 0 {
			t.Errorf("%d deliveries failed verification", bad)
		}
		for _, want := range []struct {
			id, action string
			n          int
		}{{keep, "updated", 3}, {dup, "updated", 2}, {inA, "created", 1}, {inB, "deleted", 3}, {gone, "deleted", 2}} {
			ev := eventsOf(got, want.id)
			if len(ev) != want.n || ev[len(ev)-1].Action != want.action {
				t.Errorf("%s: received %+v, want %d ending %s", want.id, ev, want.n, want.action)
				continue
			}
			if want.action == "deleted" && ev[len(ev)-1].Data != nil {
				t.Errorf("%s: the deletion is no tombstone: %v", want.id, ev[len(ev)-1].Data)
			}
		}
		if d := eventsOf(got, dup); len(d) == 2 && d[1].Data["archived"] != true {
			t.Errorf("the merged duplicate is not archived: %v", d[1].Data)
		}
		if a := eventsOf(got, inA); len(a) == 1 && a[0].Data["email"] != "aoki@member-a.example.org" {
			t.Errorf("the key's own organisation's person arrives without e-mail: %v", a[0].Data)
		}

		// Restart from a stored cursor: the partner processed up to the
		// merge and catches up from the feed with exactly the rest.
		stored := len(got) / 2
		rest, _ := h.readFeed(key, got[stored].Cursor, done)
		if len(rest) != len(got)-stored-1 {
			t.Fatalf("caught up %d events, want %d", len(rest), len(got)-stored-1)
		}
		for i, e := range rest {
			if e.Cursor != got[stored+1+i].Cursor {
				t.Errorf("catch-up event %d is %s, want %s", i, e.Cursor, got[stored+1+i].Cursor)
			}
		}

		// A paused webhook catches up where it stopped once switched on.
		if code := h.status(request{method: "PATCH", url: "/api/v1/webhooks/" + hook.ID, as: key, headers: ifMatch(hook.Version), body: map[string]any{"active": false}}); code != 200 {
			t.Fatalf("pause: %d", code)
		}
		if code := h.status(request{method: "PATCH", url: "/api/v1/organisations/" + keep, headers: ifMatch(3), body: map[string]any{"name": "Kansai Bio Holdings KK"}}); code != 200 {
			t.Fatalf("rename: %d", code)
		}
		if code := h.status(request{method: "PATCH", url: "/api/v1/webhooks/" + hook.ID, as: key, headers: ifMatch(hook.Version + 1), body: map[string]any{"active": true}}); code != 200 {
			t.Fatalf("resume: %d", code)
		}
		waitFor(t, "the change made while paused", func() bool { g, _ := rcv.got(); return len(g) == len(got)+1 })
		last, _ := rcv.got()
		if e := last[len(last)-1]; e.ID != keep || e.Version != 4 || e.Data["name"] != "Kansai Bio Holdings KK" {
			t.Errorf("after the pause: %+v", e)
		}

		// The delivery log, through the API, as the key.
		log := decode[struct {
			Items []struct {
				Status       string `json:"status"`
				ResponseCode *int   `json:"response_code"`
				MessageID    string `json:"message_id"`
			} `json:"items"`
		}](t, h.do(request{url: "/api/v1/webhooks/" + hook.ID + "/deliveries?limit=200", as: key}))
		if len(log.Items) < len(got) || log.Items[0].Status != "succeeded" || log.Items[0].ResponseCode == nil || *log.Items[0].ResponseCode != 204 {
			t.Errorf("log %+v", log.Items)
		}
		// Another key sees neither the webhook nor its log.
		if code := h.status(request{url: "/api/v1/webhooks/" + hook.ID, as: cs.bearer["key coordinator"]}); code != 404 {
			t.Errorf("another key reads the webhook: %d", code)
		}
	})
}
