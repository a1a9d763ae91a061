package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apikey"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/notify"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/user"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"
)

// How deliveries work. Each subscription follows the feed with its own
// cursor rather than having a row per event written at change time: a
// change costs nothing more however many subscribers there are, a new
// subscription needs no backfill, and "in order" is simply "one event
// after the other along the cursor". A periodic job (the River leader's,
// every Poll) looks for active subscriptions with an event after their
// cursor and queues one deliver job for each (unique by subscription). The
// deliver job claims its subscription with a conditional UPDATE — a row
// lock — that sets a lease; only the lease holder delivers, and it
// advances the cursor in the same transaction that logs the delivery, on
// the condition that it still holds the lease. So two instances never
// deliver the same event of a subscription twice, and the transaction
// is short: the HTTP call happens between the claim and the commit, not
// inside a transaction (SQLite's single writer is never held up by a slow
// receiver). A process that dies after the receiver answered but before
// the commit leaves the event to be sent again when the lease runs out,
// with the same webhook-id, which is what receivers deduplicate on.

// Delivery is one attempt to deliver an event, as the log keeps it.
type Delivery struct {
	ID             string
	SubscriptionID string
	MessageID      string
	EventCursor    string
	EventType      string
	EntityID       string
	Action         string
	Attempt        int
	Manual         bool
	Status         string // succeeded or failed
	ResponseCode   *int
	LatencyMs      int
	ResponseBody   string
	Error          string
	CreatedAt      time.Time
}

func (Delivery) TableName() string { return "webhook_deliveries" }

// Outcomes of a delivery.
const (
	Succeeded = "succeeded"
	Failed    = "failed"
)

// Event is the body of a delivery: the change feed's event, field for
// field as GET /api/v1/changes returns it.
type Event struct {
	Cursor     string         `json:"cursor"`
	Type       string         `json:"type"`
	ID         string         `json:"id"`
	Action     string         `json:"action"`
	Version    int            `json:"version"`
	OccurredAt time.Time      `json:"occurred_at"`
	Data       map[string]any `json:"data"`
}

func eventOf(e audit.ChangeEvent) Event {
	return Event{Cursor: e.Cursor, Type: e.Type, ID: e.ID, Action: e.Action, Version: e.Version, OccurredAt: e.OccurredAt, Data: e.Data}
}

// MessageID is the webhook-id of an event's deliveries: the same for each
// attempt and redelivery, so receivers can drop a repeat.
func MessageID(cursor string) string { return "evt_" + cursor }

// Sign returns the webhook-signature header value for a message:
// "v1," and the base64 HMAC-SHA256 of "id.timestamp.body" under the
// secret's key.
func Sign(secret, msgID string, ts time.Time, body []byte) (string, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, SecretPrefix))
	if err != nil {
		return "", fmt.Errorf("webhook secret: %w", err)
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msgID + "." + strconv.FormatInt(ts.Unix(), 10) + "."))
	m.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil)), nil
}

// DefaultBackoff are the waits after the first, second, … failure of an
// event; the last repeats. DefaultRetryFor is how long an event is
// retried before the subscription is disabled.
var DefaultBackoff = []time.Duration{10 * time.Second, time.Minute, 5 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour, 4 * time.Hour}

const (
	DefaultRetryFor = 24 * time.Hour
	DefaultPoll     = time.Second
	defaultBatch    = 50
)

// Dispatcher delivers the feed's events to the subscriptions.
type Dispatcher struct {
	DB    *database.DB
	Guard Guard
	// Transport is the HTTP transport the guarded client is built on; nil
	// for the default (tests set their TLS roots here).
	Transport *http.Transport
	// Notifier tells a disabled subscription's owner; nil tells no one.
	Notifier *notify.Notifier
	Backoff  []time.Duration
	RetryFor time.Duration
	// Lease is how long a claim holds without renewal.
	Lease time.Duration
	// Batch is how many events are read from the feed at once.
	Batch int

	// client is built once, on first use, by whichever worker comes first.
	clientOnce sync.Once
	client     *http.Client
}

func (d *Dispatcher) httpClient() *http.Client {
	d.clientOnce.Do(func() { d.client = d.Guard.Client(d.Transport) })
	return d.client
}

func (d *Dispatcher) backoff(attempt int) time.Duration {
	b := d.Backoff
	if len(b) == 0 {
		b = DefaultBackoff
	}
	return b[min(attempt, len(b))-1]
}

func (d *Dispatcher) retryFor() time.Duration {
	if d.RetryFor > 0 {
		return d.RetryFor
	}
	return DefaultRetryFor
}

func (d *Dispatcher) lease() time.Duration {
	if d.Lease > 0 {
		return d.Lease
	}
	return 3*Timeout + 30*time.Second
}

// DispatchArgs is the periodic job that finds work.
type DispatchArgs struct{}

func (DispatchArgs) Kind() string { return "webhook_dispatch" }
func (DispatchArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: liveStates}}
}

// DeliverArgs delivers a subscription's waiting events in order.
type DeliverArgs struct {
	SubscriptionID string `json:"subscription_id"`
}

func (DeliverArgs) Kind() string { return "webhook_deliver" }
func (DeliverArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: liveStates}}
}

// RedeliverArgs sends a logged delivery's event again.
type RedeliverArgs struct {
	DeliveryID string `json:"delivery_id"`
}

func (RedeliverArgs) Kind() string { return "webhook_redeliver" }

// liveStates: a job is unique while it waits or runs, not once done.
var liveStates = []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
	rivertype.JobStateRetryable, rivertype.JobStateScheduled}

type dispatchWorker struct {
	river.WorkerDefaults[DispatchArgs]
	d *Dispatcher
}

func (w *dispatchWorker) Work(ctx context.Context, _ *river.Job[DispatchArgs]) error {
	ids, err := w.d.Due(ctx)
	if err != nil || len(ids) == 0 {
		return err
	}
	client := river.ClientFromContext[*sql.Tx](ctx)
	params := make([]river.InsertManyParams, len(ids))
	for i, id := range ids {
		params[i] = river.InsertManyParams{Args: DeliverArgs{SubscriptionID: id}}
	}
	_, err = client.InsertMany(ctx, params)
	return err
}

type deliverWorker struct {
	river.WorkerDefaults[DeliverArgs]
	d *Dispatcher
}

func (w *deliverWorker) Timeout(*river.Job[DeliverArgs]) time.Duration { return w.d.lease() }

func (w *deliverWorker) Work(ctx context.Context, job *river.Job[DeliverArgs]) error {
	// When a batch is done and more events wait, the next dispatch
	// queues the subscription again (this job is still running, so an
	// insert now would be taken for a duplicate).
	_, err := w.d.Deliver(ctx, job.Args.SubscriptionID)
	return err
}

type redeliverWorker struct {
	river.WorkerDefaults[RedeliverArgs]
	d *Dispatcher
}

func (w *redeliverWorker) Work(ctx context.Context, job *river.Job[RedeliverArgs]) error {
	_, err := w.d.Redeliver(ctx, job.Args.DeliveryID)
	return err
}

// Register adds the workers.
func Register(ws *river.Workers, d *Dispatcher) {
	river.AddWorker(ws, &dispatchWorker{d: d})
	river.AddWorker(ws, &deliverWorker{d: d})
	river.AddWorker(ws, &redeliverWorker{d: d})
}

// Periodic is the job that looks for work every poll interval. It is
// inserted only when a subscription has something to deliver (or the look
// failed, so that the job reports why): looking is a read, and an idle
// instance writes nothing. A job row written, taken and finished every
// second made each of SQLite's connections drop its page cache as often,
// which cost the embedded default 15–40 % of its throughput on searches,
// filtered lists and gets (four clients, docs/performance.md). When work is
// due, the job looks again (Due) and queues the deliveries.
func (d *Dispatcher) Periodic(poll time.Duration) []*river.PeriodicJob {
	if poll <= 0 {
		poll = DefaultPoll
	}
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(poll), d.dispatchJob, &river.PeriodicJobOpts{ID: DispatchArgs{}.Kind(), RunOnStart: true}),
	}
}

// lookTimeout bounds the look for due subscriptions when the schedule
// comes round: River's periodic jobs wait for it.
const lookTimeout = 2 * time.Second

// dispatchJob is the periodic job when something is due, nil otherwise.
func (d *Dispatcher) dispatchJob() (river.JobArgs, *river.InsertOpts) {
	ctx, cancel := context.WithTimeout(context.Background(), lookTimeout)
	defer cancel()
	if ids, err := d.Due(ctx); err == nil && len(ids) == 0 {
		return nil, nil
	}
	return DispatchArgs{}, nil
}

// ownerOf returns the principal the subscription's events are rendered
// for: its owner as it is now.
func ownerOf(ctx context.Context, db *database.DB, s Subscription) (auth.Principal, error) {
	switch s.OwnerType {
	case auth.KindUser:
		u, err := user.ByID(ctx, db, s.OwnerID)
		if err != nil {
			return auth.Principal{}, err
		}
		if u.Disabled {
			return auth.Principal{}, apperr.New(apperr.Gone, "The owner's account is disabled")
		}
		return u.Principal(), nil
	case auth.KindAPIKey:
		k, err := apikey.Live(ctx, db, s.OwnerID)
		if err != nil {
			return auth.Principal{}, err
		}
		return k.Principal(), nil
	}
	return auth.Principal{}, fmt.Errorf("webhook %s: unknown owner type %q", s.ID, s.OwnerType)
}

// nextEvents returns the subscription's next events as its owner sees them.
func nextEvents(ctx context.Context, db *database.DB, owner auth.Principal, s Subscription, limit int) ([]audit.ChangeEvent, error) {
	events, _, _, err := audit.Changes(auth.With(ctx, owner), db, audit.FeedQuery{After: s.FeedCursor, Types: s.Types(), Limit: limit})
	return events, err
}

// Due returns the active subscriptions, not claimed and not waiting for
// a retry, that have an event to deliver.
func (d *Dispatcher) Due(ctx context.Context) ([]string, error) {
	now := database.Now()
	var subs []Subscription
	if err := d.DB.Conn(ctx).Where("active AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND (lease_until IS NULL OR lease_until < ?)", now, now).
		Order("id").Find(&subs).Error; err != nil {
		return nil, err
	}
	var out []string
	for _, s := range subs {
		owner, err := ownerOf(ctx, d.DB, s)
		if err != nil {
			out = append(out, s.ID) // the deliver job disables it
			continue
		}
		events, err := nextEvents(ctx, d.DB, owner, s, 1)
		if err != nil || len(events) > 0 {
			out = append(out, s.ID)
		}
	}
	return out, nil
}

// claim takes the subscription's lease if it is free and due; the
// UPDATE's row lock makes one claimant win.
func (d *Dispatcher) claim(ctx context.Context, id string) (Subscription, string, bool, error) {
	now := database.Now()
	token := uuid.NewString()
	res := d.DB.Conn(ctx).Model(&Subscription{}).
		Where("id = ? AND active AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND (lease_until IS NULL OR lease_until < ?)", id, now, now).
		Updates(map[string]any{"lease_until": now.Add(d.lease()), "lease_token": token})
	if res.Error != nil || res.RowsAffected == 0 {
		return Subscription{}, "", false, res.Error
	}
	s, err := database.Get[Subscription](ctx, d.DB, noun, id)
	return s, token, err == nil, err
}

func (d *Dispatcher) release(ctx context.Context, id, token string) error {
	return d.DB.Conn(ctx).Model(&Subscription{}).Where("id = ? AND lease_token = ?", id, token).
		Updates(map[string]any{"lease_until": nil, "lease_token": nil}).Error
}

var errLostLease = errors.New("webhook: the subscription's lease was lost")

// Deliver sends the subscription's waiting events, in order, until one
// fails, none is left or a batch is done; more says events are waiting.
func (d *Dispatcher) Deliver(ctx context.Context, id string) (more bool, err error) {
	s, token, ok, err := d.claim(ctx, id)
	if err != nil || !ok {
		return false, err
	}
	released := false
	defer func() {
		if !released {
			if rerr := d.release(context.WithoutCancel(ctx), id, token); err == nil {
				err = rerr
			}
		}
	}()
	owner, err := ownerOf(ctx, d.DB, s)
	if err != nil {
		var ae *apperr.Error
		if !errors.As(err, &ae) || ae.Code == apperr.Internal {
			return false, err
		}
		released = true
		return false, d.disable(ctx, s, token, "The owner can no longer receive events: "+ae.Message)
	}
	batch := d.Batch
	if batch <= 0 {
		batch = defaultBatch
	}
	// Deliver until nothing waits, one fails, or half the lease is used
	// (then the next dispatch queues the subscription again).
	budget := time.Now().Add(d.lease() / 2)
	for time.Now().Before(budget) {
		events, err := nextEvents(ctx, d.DB, owner, s, batch)
		if apperr.Is(err, apperr.Gone) {
			released = true
			return false, d.disable(ctx, s, token, "The subscription fell behind the change feed's retention; resync from the lists and re-enable it")
		}
		if err != nil || len(events) == 0 {
			return false, err
		}
		for _, ev := range events {
			del := d.send(ctx, s, ev, s.Attempt+1, false)
			ok, err := d.record(ctx, &s, token, ev, del)
			if err != nil || !ok {
				released = true // record released it, or lost it
				return false, err
			}
		}
	}
	return true, nil
}

// send posts one event and returns the delivery as logged.
func (d *Dispatcher) send(ctx context.Context, s Subscription, e audit.ChangeEvent, attempt int, manual bool) Delivery {
	del := Delivery{ID: uuid.Must(uuid.NewV7()).String(), SubscriptionID: s.ID, MessageID: MessageID(e.Cursor), EventCursor: e.Cursor,
		EventType: e.Type, EntityID: e.ID, Action: e.Action, Attempt: attempt, Manual: manual, Status: Failed}
	body, err := json.Marshal(eventOf(e))
	if err != nil {
		del.Error = err.Error()
		return del
	}
	ts := time.Now()
	sig, err := Sign(s.Secret, del.MessageID, ts, body)
	if err != nil {
		del.Error = err.Error()
		return del
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL, bytes.NewReader(body))
	if err != nil {
		del.Error = err.Error()
		return del
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "InnoMuNiCH-Webhooks/1")
	req.Header.Set("webhook-id", del.MessageID)
	req.Header.Set("webhook-timestamp", strconv.FormatInt(ts.Unix(), 10))
	req.Header.Set("webhook-signature", sig)
	start := time.Now()
	resp, err := d.httpClient().Do(req)
	if err != nil {
		del.LatencyMs = int(time.Since(start).Milliseconds())
		del.Error = describe(err)
		return del
	}
	del.ResponseBody = readLimited(resp.Body)
	_ = resp.Body.Close()
	del.LatencyMs = int(time.Since(start).Milliseconds())
	code := resp.StatusCode
	del.ResponseCode = &code
	if code >= 200 && code < 300 {
		del.Status = Succeeded
	} else {
		del.Error = "the receiver answered " + resp.Status
	}
	return del
}

func describe(err error) string {
	if errors.Is(err, ErrRefused) {
		var msg string
		for e := err; e != nil; e = errors.Unwrap(e) {
			if strings.HasPrefix(e.Error(), ErrRefused.Error()) {
				msg = e.Error()
			}
		}
		if msg != "" {
			return msg
		}
	}
	s := err.Error()
	if len(s) > 500 {
		s = s[:500]
	}
	return s
}

// record logs a delivery and moves the subscription on, if the caller
// still holds its lease: past the event when it succeeded, to its next
// attempt (or disabled) when it failed. ok says to go on with the next
// event.
func (d *Dispatcher) record(ctx context.Context, s *Subscription, token string, e audit.ChangeEvent, del Delivery) (bool, error) {
	now := database.Now()
	del.CreatedAt = now
	goOn := false
	err := d.DB.WithTx(ctx, func(ctx context.Context) error {
		set := map[string]any{}
		if del.Status == Succeeded {
			set = map[string]any{"feed_cursor": e.Cursor, "attempt": 0, "failing_since": nil, "next_attempt_at": nil, "lease_until": now.Add(d.lease())}
		} else {
			since := now
			if s.FailingSince != nil {
				since = *s.FailingSince
			}
			if now.Sub(since) >= d.retryFor() {
				if err := d.DB.Conn(ctx).Create(&del).Error; err != nil {
					return err
				}
				return d.disableTx(ctx, *s, token, fmt.Sprintf("Deliveries failed for %s; the last: %s", d.retryFor(), del.Error))
			}
			set = map[string]any{"attempt": del.Attempt, "failing_since": since, "next_attempt_at": now.Add(d.backoff(del.Attempt)),
				"lease_until": nil, "lease_token": nil}
		}
		res := d.DB.Conn(ctx).Model(&Subscription{}).Where("id = ? AND lease_token = ?", s.ID, token).Updates(set)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errLostLease
		}
		if err := d.DB.Conn(ctx).Create(&del).Error; err != nil {
			return err
		}
		if del.Status == Succeeded {
			s.FeedCursor, s.Attempt, s.FailingSince, s.NextAttemptAt = e.Cursor, 0, nil, nil
			goOn = true
		}
		return nil
	})
	if errors.Is(err, errLostLease) {
		return false, nil
	}
	return goOn, err
}

// disable stops a subscription and tells its owner.
func (d *Dispatcher) disable(ctx context.Context, s Subscription, token, reason string) error {
	return d.DB.WithTx(ctx, func(ctx context.Context) error { return d.disableTx(ctx, s, token, reason) })
}

func (d *Dispatcher) disableTx(ctx context.Context, s Subscription, token, reason string) error {
	ctx = auth.With(ctx, auth.System("webhooks"))
	res := d.DB.Conn(ctx).Model(&Subscription{}).Where("id = ? AND lease_token = ?", s.ID, token).Updates(map[string]any{
		"active": false, "disabled_reason": reason, "lease_until": nil, "lease_token": nil,
		"version": gorm.Expr("version + 1"), "updated_at": database.Now(),
	})
	if res.Error != nil || res.RowsAffected == 0 {
		return res.Error
	}
	after := s
	after.Active, after.DisabledReason, after.Version = false, &reason, s.Version+1
	if err := audit.Record(ctx, d.DB, "disable", "webhook", s.ID, after.Version, s.view(), after.view()); err != nil {
		return err
	}
	return d.tellOwner(ctx, s, reason)
}

// tellOwner mails the owner (for a key, the admin who made it) that the
// subscription was disabled.
func (d *Dispatcher) tellOwner(ctx context.Context, s Subscription, reason string) error {
	if d.Notifier == nil {
		return nil
	}
	userID := s.OwnerID
	if s.OwnerType == auth.KindAPIKey {
		var createdBy []*string
		if err := d.DB.Conn(ctx).Table("api_keys").Where("id = ?", s.OwnerID).Pluck("created_by", &createdBy).Error; err != nil {
			return err
		}
		if len(createdBy) == 0 || createdBy[0] == nil {
			return nil
		}
		userID = *createdBy[0]
	}
	u, err := user.ByID(ctx, d.DB, userID)
	if apperr.Is(err, apperr.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = d.Notifier.Send(ctx, notify.Notification{Kind: NotifyKind, Template: "webhook_disabled",
		Data: map[string]string{"URL": s.URL, "Reason": reason}, Path: "/admin/webhooks", To: notify.UserRecipients([]user.User{u})})
	return err
}

// NotifyKind is the notification a disabled subscription's owner gets.
const NotifyKind = "webhook_disabled"

// Redeliver sends a logged delivery's event again, as its owner sees it
// now, and logs the new delivery; the subscription's cursor stays.
func (d *Dispatcher) Redeliver(ctx context.Context, deliveryID string) (Delivery, error) {
	old, err := database.Get[Delivery](ctx, d.DB, "delivery", deliveryID)
	if err != nil {
		return Delivery{}, err
	}
	s, err := database.Get[Subscription](ctx, d.DB, noun, old.SubscriptionID)
	if err != nil {
		return Delivery{}, err
	}
	owner, err := ownerOf(ctx, d.DB, s)
	if err != nil {
		return Delivery{}, err
	}
	e, err := audit.ChangeAt(auth.With(ctx, owner), d.DB, old.EventCursor)
	if err != nil {
		return Delivery{}, err
	}
	del := d.send(ctx, s, e, 1, true)
	del.CreatedAt = database.Now()
	return del, d.DB.Conn(ctx).Create(&del).Error
}

// DeliverySort orders a subscription's log, newest first.
var DeliverySort = page.Spec{
	Default: "-created_at",
	Fields:  []page.Field{{Name: "created_at", Column: "created_at", Kind: page.Time}},
}

// Deliveries returns one page of a subscription's delivery log.
func (sv *Service) Deliveries(ctx context.Context, id string, pg page.Page) ([]Delivery, *string, error) {
	if _, err := sv.Get(ctx, id); err != nil {
		return nil, nil, err
	}
	var rows []Delivery
	if err := pg.Find(sv.DB.Conn(ctx).Model(&Delivery{}).Where("subscription_id = ?", id), &rows); err != nil {
		return nil, nil, err
	}
	items, next := page.Finish(pg, rows, func(d Delivery, _ string) page.Key { return page.Key{Value: d.CreatedAt, ID: d.ID} })
	return items, next, nil
}

// Enqueuer inserts a job in the transaction in ctx (pkg/jobs' Client).
type Enqueuer interface {
	Enqueue(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error
}

// RequestRedelivery queues a delivery of the subscription's to be sent again.
func (sv *Service) RequestRedelivery(ctx context.Context, q Enqueuer, id, deliveryID string) error {
	if _, err := sv.Get(ctx, id); err != nil {
		return err
	}
	var n int64
	if err := sv.DB.Conn(ctx).Model(&Delivery{}).Where("id = ? AND subscription_id = ?", deliveryID, id).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return apperr.New(apperr.NotFound, "No delivery with id %s of this webhook", deliveryID)
	}
	return q.Enqueue(ctx, RedeliverArgs{DeliveryID: deliveryID}, nil)
}
