package webhook_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/jobs"
	"github.com/innomunich/platform/pkg/mail"
	"github.com/innomunich/platform/pkg/notify"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/user"
	"github.com/innomunich/platform/pkg/webhook"
	"github.com/riverqueue/river"
	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

const thing = "webhook_test_thing"

func init() { audit.Register(thing, audit.Rule{Readable: audit.Everyone, Feed: true}) }

var loopback = webhook.Guard{AllowPrivate: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}}

// receiver is a real HTTPS endpoint that checks every delivery's
// signature with the Standard Webhooks reference library.
type receiver struct {
	t   *testing.T
	srv *httptest.Server
	mu  sync.Mutex
	wh  *standardwebhooks.Webhook
	// status answers the n-th request (from 1); nil: 204.
	status func(n int) int
	n      int
	got    []webhook.Event
	ids    []string
	bad    int
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{t: t}
	r.srv = httptest.NewTLSServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.n++
	if r.wh == nil || r.wh.Verify(body, req.Header) != nil {
		r.bad++
		http.Error(w, "bad signature", http.StatusBadRequest)
		return
	}
	code := http.StatusNoContent
	if r.status != nil {
		code = r.status(r.n)
	}
	if code < 300 {
		var e webhook.Event
		if err := json.Unmarshal(body, &e); err != nil {
			r.t.Errorf("a body that is no event: %s", body)
		}
		r.got = append(r.got, e)
		r.ids = append(r.ids, req.Header.Get("webhook-id"))
	}
	w.WriteHeader(code)
	_, _ = io.WriteString(w, strings.Repeat("x", 3000))
}

func (r *receiver) trust(secret string) {
	wh, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		r.t.Fatal(err)
	}
	r.mu.Lock()
	r.wh = wh
	r.mu.Unlock()
}

func (r *receiver) events() []webhook.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]webhook.Event(nil), r.got...)
}

type env struct {
	db    *database.DB
	admin context.Context
	sv    *webhook.Service
	d     *webhook.Dispatcher
	rcv   *receiver
}

func newEnv(t *testing.T, db *database.DB) *env {
	ctx := context.Background()
	if _, err := user.EnsureAdmin(ctx, db, "admin@innomunich.example", "correct horse battery staple 42"); err != nil {
		t.Fatal(err)
	}
	us, err := user.Active(ctx, db, "", auth.RoleAdmin)
	if err != nil || len(us) != 1 {
		t.Fatal(us, err)
	}
	rcv := newReceiver(t)
	d := &webhook.Dispatcher{DB: db, Guard: loopback, Transport: rcv.srv.Client().Transport.(*http.Transport),
		Backoff: []time.Duration{20 * time.Millisecond}, RetryFor: time.Hour}
	return &env{db: db, admin: auth.With(ctx, us[0].Principal()), sv: &webhook.Service{DB: db, Guard: loopback}, d: d, rcv: rcv}
}

// workers runs a River client with the webhook workers (and mail kept in
// the outbox) until the test ends.
func (e *env) workers(t *testing.T, db *database.DB, d *webhook.Dispatcher) *jobs.Client {
	t.Helper()
	ws := river.NewWorkers()
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
	d.Notifier = notify.New(db, mail.NewMailer(q, mail.Config{From: "InnoMuNiCH <noreply@innomunich.example>"}), "https://innomunich.example")
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, stop := context.WithTimeout(context.Background(), 10*time.Second)
		defer stop()
		_ = q.Shutdown(ctx)
	})
	return q
}

func (e *env) subscribe(t *testing.T) webhook.Subscription {
	t.Helper()
	s, secret, err := e.sv.Create(e.admin, webhook.New{URL: e.rcv.srv.URL + "/hook", EventTypes: []string{thing}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, webhook.SecretPrefix) {
		t.Fatalf("secret %q", secret)
	}
	e.rcv.trust(secret)
	return s
}

// changes writes n changes of things, each in its own transaction.
func changes(t *testing.T, db *database.DB, n int) []string {
	t.Helper()
	ctx := auth.With(context.Background(), auth.System("webhook test"))
	var ids []string
	for i := range n {
		id := uuid.Must(uuid.NewV7()).String()
		ids = append(ids, id)
		if err := db.WithTx(ctx, func(ctx context.Context) error {
			return audit.Record(ctx, db, audit.Create, thing, id, 1, nil, map[string]any{"n": i})
		}); err != nil {
			t.Fatal(err)
		}
	}
	return ids
}

// eventually polls cond until it holds or the deadline passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// feed is what the change feed shows an admin of the things.
func feed(t *testing.T, e *env) []audit.ChangeEvent {
	t.Helper()
	var out []audit.ChangeEvent
	after := ""
	for {
		evs, next, more, err := audit.Changes(e.admin, e.db, audit.FeedQuery{After: after, Types: []string{thing}, Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, evs...)
		after = next
		if !more {
			return out
		}
	}
}

func deliveries(t *testing.T, e *env, id string) []webhook.Delivery {
	t.Helper()
	p, err := webhook.DeliverySort.Parse(page.Params{Limit: "200"})
	if err != nil {
		t.Fatal(err)
	}
	rows, _, err := e.sv.Deliveries(e.admin, id, p)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestDispatchIsQueuedOnlyWhenSomethingIsDue: the dispatcher looks for
// work every poll interval, but writes its job only when a subscription
// has an event waiting, so an idle instance writes nothing.
func TestDispatchIsQueuedOnlyWhenSomethingIsDue(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		if got := webhook.DispatchJob(e.d); got != nil {
			t.Fatalf("no subscription: queued %v", got)
		}
		e.subscribe(t)
		if got := webhook.DispatchJob(e.d); got != nil {
			t.Fatalf("subscribed, nothing changed since: queued %v", got)
		}
		changes(t, db, 1)
		// On PostgreSQL the feed shows a change once no older transaction
		// on the server is still open (other tests' may be).
		eventually(t, "a job queued for the change", func() bool { return webhook.DispatchJob(e.d) != nil })
		e.workers(t, db, e.d)
		eventually(t, "the change delivered", func() bool { return len(e.rcv.events()) == 1 })
		eventually(t, "nothing due after the delivery", func() bool { return webhook.DispatchJob(e.d) == nil })
	})
}

// TestDeliveriesAreSignedInOrderAndRetried: every change after the
// subscription reaches the receiver once, in feed order, signed so that
// the reference library accepts it; a receiver that fails gets the same
// event again (same webhook-id) until it answers, the later events
// waiting; the log keeps each attempt with its code and the first KiB.
func TestDeliveriesAreSignedInOrderAndRetried(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		s := e.subscribe(t)
		// The 2nd and 3rd requests fail.
		e.rcv.status = func(n int) int {
			if n == 2 || n == 3 {
				return http.StatusServiceUnavailable
			}
			return http.StatusOK
		}
		ids := changes(t, db, 6)
		e.workers(t, db, e.d)
		eventually(t, "six deliveries", func() bool { return len(e.rcv.events()) >= 6 })
		got := e.rcv.events()
		all := feed(t, e)
		want := all[len(all)-6:]
		if len(got) != 6 {
			t.Fatalf("received %d events, want 6", len(got))
		}
		for i, g := range got {
			if g.ID != ids[i] || g.Cursor != want[i].Cursor || g.Action != "created" || g.Type != thing || g.Data["n"] != float64(i) {
				t.Errorf("event %d: %+v, want %s at %s", i, g, ids[i], want[i].Cursor)
			}
			if e.rcv.ids[i] != webhook.MessageID(g.Cursor) {
				t.Errorf("webhook-id %s", e.rcv.ids[i])
			}
		}
		if e.rcv.bad != 0 {
			t.Errorf("%d deliveries failed the reference library's verification", e.rcv.bad)
		}
		// The receiver has the event before the delivery's transaction commits.
		eventually(t, "the log", func() bool { return len(deliveries(t, e, s.ID)) >= 8 })
		log := deliveries(t, e, s.ID)
		if len(log) != 8 {
			t.Fatalf("log has %d deliveries, want 6 and 2 failures", len(log))
		}
		failed := 0
		for _, d := range log {
			if d.Status == webhook.Failed {
				failed++
				if d.ResponseCode == nil || *d.ResponseCode != 503 || d.EntityID != ids[1] {
					t.Errorf("failure %+v", d)
				}
			}
			if len(d.ResponseBody) != webhook.KeptResponse {
				t.Errorf("kept %d bytes of the answer, want %d", len(d.ResponseBody), webhook.KeptResponse)
			}
		}
		if failed != 2 || log[0].Status != webhook.Succeeded || log[0].Attempt != 1 {
			t.Errorf("log %+v", log)
		}

		// Manual redelivery sends the same event again, and logs it.
		var first webhook.Delivery
		for _, d := range log {
			if d.EntityID == ids[0] {
				first = d
			}
		}
		q := e.workers(t, db, &webhook.Dispatcher{DB: db, Guard: loopback, Transport: e.d.Transport})
		if err := e.sv.RequestRedelivery(e.admin, q, s.ID, first.ID); err != nil {
			t.Fatal(err)
		}
		eventually(t, "the redelivery", func() bool { return len(e.rcv.events()) == 7 })
		if g := e.rcv.events()[6]; g.ID != ids[0] || e.rcv.ids[6] != first.MessageID {
			t.Errorf("redelivered %+v", g)
		}
		eventually(t, "the redelivery's log", func() bool { return len(deliveries(t, e, s.ID)) == 9 })
		if d := deliveries(t, e, s.ID)[0]; !d.Manual || d.Status != webhook.Succeeded {
			t.Errorf("redelivery logged as %+v", d)
		}
	})
}

// TestPersistentFailureDisablesAndTellsTheOwner: when the event at the
// head fails for longer than RetryFor, the subscription is disabled, the
// owner gets a mail, and the events wait; switched on again it goes on
// where it stopped.
func TestPersistentFailureDisablesAndTellsTheOwner(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		e.d.RetryFor = 300 * time.Millisecond
		s := e.subscribe(t)
		var down sync.Mutex
		failing := true
		e.rcv.status = func(int) int {
			down.Lock()
			defer down.Unlock()
			if failing {
				return http.StatusInternalServerError
			}
			return http.StatusOK
		}
		ids := changes(t, db, 3)
		e.workers(t, db, e.d)
		eventually(t, "the subscription disabled", func() bool {
			got, err := e.sv.Get(e.admin, s.ID)
			return err == nil && !got.Active
		})
		got, _ := e.sv.Get(e.admin, s.ID)
		if got.DisabledReason == nil || !strings.Contains(*got.DisabledReason, "500") || got.Version != s.Version+1 {
			t.Errorf("disabled as %+v", got)
		}
		for _, d := range deliveries(t, e, s.ID) {
			if d.EntityID != ids[0] || d.Status != webhook.Failed {
				t.Errorf("a later event was tried while the first failed: %+v", d)
			}
		}
		eventually(t, "the owner's mail", func() bool {
			var n int64
			db.Conn(context.Background()).Table("mail_outbox").Where("subject LIKE ?", "%Webhook%disabled%").Count(&n)
			return n == 1
		})

		down.Lock()
		failing = false
		down.Unlock()
		if _, err := e.sv.Update(e.admin, s.ID, got.Version, webhook.Patch{Active: opt.Of(true)}); err != nil {
			t.Fatal(err)
		}
		eventually(t, "the waiting events", func() bool { return len(e.rcv.events()) == 3 })
		for i, g := range e.rcv.events() {
			if g.ID != ids[i] {
				t.Errorf("event %d is %s, want %s", i, g.ID, ids[i])
			}
		}
	})
}

// TestTwoInstancesDeliverEachEventOnce: two workers on one PostgreSQL
// database, each with its own River client, deliver every event once per
// subscription, in order.
func TestTwoInstancesDeliverEachEventOnce(t *testing.T) {
	if !containsPostgres(dbtest.Engines(t)) {
		t.Skip("needs TEST_DATABASE_URL")
	}
	url := dbtest.URL(t, database.Postgres)
	open := func() *database.DB {
		db, err := database.Open(context.Background(), url, database.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(db.Close)
		return db
	}
	db1, db2 := open(), open()
	e := newEnv(t, db1)
	s1 := e.subscribe(t)
	r2 := newReceiver(t)
	s2, secret2, err := e.sv.Create(e.admin, webhook.New{URL: r2.srv.URL, EventTypes: []string{thing}})
	if err != nil {
		t.Fatal(err)
	}
	r2.trust(secret2)
	// One client trusts both test servers' certificates.
	tr := e.rcv.srv.Client().Transport.(*http.Transport).Clone()
	tr.TLSClientConfig.RootCAs.AddCert(r2.srv.Certificate())
	e.workers(t, db1, &webhook.Dispatcher{DB: db1, Guard: loopback, Transport: tr})
	e.workers(t, db2, &webhook.Dispatcher{DB: db2, Guard: loopback, Transport: tr})
	const n = 40
	ids := changes(t, db1, n/2)
	ids = append(ids, changes(t, db2, n/2)...)
	for _, r := range []*receiver{e.rcv, r2} {
		eventually(t, "every event", func() bool { return len(r.events()) >= n })
	}
	// Let any duplicate arrive: both instances have gone idle once the
	// log holds n deliveries for each subscription.
	for _, s := range []webhook.Subscription{s1, s2} {
		eventually(t, "the log", func() bool { return len(deliveries(t, e, s.ID)) >= n })
	}
	for _, r := range []*receiver{e.rcv, r2} {
		got := r.events()
		if len(got) != n {
			t.Errorf("received %d events, want %d", len(got), n)
		}
		for i := range min(len(got), n) {
			if got[i].ID != ids[i] {
				t.Errorf("event %d is %s, want %s", i, got[i].ID, ids[i])
				break
			}
		}
	}
	for _, s := range []webhook.Subscription{s1, s2} {
		if l := deliveries(t, e, s.ID); len(l) != n {
			t.Errorf("log of %s has %d deliveries, want %d", s.ID, len(l), n)
		}
	}
}

func containsPostgres(es []database.Engine) bool {
	for _, e := range es {
		if e == database.Postgres {
			return true
		}
	}
	return false
}

// TestARefusedTargetIsAFailedDelivery: a host name that resolves to
// loopback, without an allowed range, is refused at connect time; the
// receiver gets nothing and the log says why.
func TestARefusedTargetIsAFailedDelivery(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		port := e.rcv.srv.URL[strings.LastIndex(e.rcv.srv.URL, ":"):]
		s, secret, err := e.sv.Create(e.admin, webhook.New{URL: "https://localhost" + port + "/hook", EventTypes: []string{thing}})
		if err != nil {
			t.Fatal(err)
		}
		e.rcv.trust(secret)
		e.d.Guard = webhook.Guard{}
		changes(t, db, 1)
		e.workers(t, db, e.d)
		eventually(t, "a failed delivery", func() bool { return len(deliveries(t, e, s.ID)) > 0 })
		d := deliveries(t, e, s.ID)[0]
		if d.Status != webhook.Failed || d.ResponseCode != nil || !strings.Contains(d.Error, "refused") {
			t.Errorf("logged %+v", d)
		}
		e.rcv.mu.Lock()
		defer e.rcv.mu.Unlock()
		if e.rcv.n != 0 {
			t.Errorf("the receiver got %d requests", e.rcv.n)
		}
	})
}
