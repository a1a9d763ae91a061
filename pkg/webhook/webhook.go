// Package webhook owns webhook subscriptions and their deliveries: every
// event of the change feed (pkg/audit, the same event GET /changes
// returns, with the data its subscription's owner may see) is posted to
// each active subscription that asks for its type, signed as the
// Standard Webhooks specification says, in feed order, through the job
// queue (pkg/jobs). A subscription follows the feed with its own cursor;
// a delivery that fails is retried with exponential backoff, the events
// after it waiting, until it succeeds or the subscription has failed for
// a day, when it is disabled and its owner told. Subscriptions belong to
// an admin or to an API key with the webhooks:manage scope; keys see only
// their own.
package webhook

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/page"
)

// SecretPrefix starts every signing secret, as Standard Webhooks has it;
// the rest is the base64 of the HMAC key.
const SecretPrefix = "whsec_"

// Subscription is a webhook subscription.
type Subscription struct {
	ID             string
	OwnerType      string // auth.KindUser or auth.KindAPIKey
	OwnerID        string
	URL            string
	EventTypes     string // space-separated feed types; "" for all
	Description    string
	Active         bool
	DisabledReason *string
	Secret         string
	FeedCursor     string
	Attempt        int
	FailingSince   *time.Time
	NextAttemptAt  *time.Time
	LeaseUntil     *time.Time
	LeaseToken     *string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (Subscription) TableName() string { return "webhook_subscriptions" }

// Types returns the subscribed event types; empty for all.
func (s Subscription) Types() []string { return strings.Fields(s.EventTypes) }

// Wants reports whether the subscription takes events of the type.
func (s Subscription) Wants(t string) bool {
	return s.EventTypes == "" || slices.Contains(s.Types(), t)
}

// view is what the audit log records: never the secret.
type view struct {
	URL            string   `json:"url"`
	EventTypes     []string `json:"event_types"`
	Description    string   `json:"description"`
	Active         bool     `json:"active"`
	DisabledReason *string  `json:"disabled_reason"`
	OwnerType      string   `json:"owner_type"`
	OwnerID        string   `json:"owner_id"`
}

func (s Subscription) view() view {
	return view{URL: s.URL, EventTypes: s.Types(), Description: s.Description, Active: s.Active,
		DisabledReason: s.DisabledReason, OwnerType: s.OwnerType, OwnerID: s.OwnerID}
}

const noun = "webhook"

// Only admins read the subscriptions' events in the audit log.
func init() { audit.Register("webhook", audit.Rule{}) }

// canManage: admins, and API keys with the webhooks:manage scope (for
// their own subscriptions).
func canManage(p auth.Principal) error {
	if p.IsAdmin() || (p.Kind == auth.KindAPIKey && slices.Contains(p.Scopes, auth.ScopeWebhooksManage)) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "Webhooks are managed by admins and by API keys with the webhooks:manage scope")
}

// mine narrows a query to what the caller may see: everything for an
// admin, its own subscriptions for a key.
func mine(p auth.Principal) (string, []any) {
	if p.IsAdmin() {
		return "1 = 1", nil
	}
	return "owner_type = ? AND owner_id = ?", []any{p.Kind, p.ID}
}

func newSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return SecretPrefix + base64.StdEncoding.EncodeToString(b), nil
}

// New is what a caller gives to subscribe.
type New struct {
	URL         string
	EventTypes  []string
	Description string
	Active      *bool
}

// Service manages subscriptions; Guard checks their URLs.
type Service struct {
	DB    *database.DB
	Guard Guard
}

func (sv *Service) check(bad *apperr.Fields, s Subscription) {
	if err := sv.Guard.CheckURL(s.URL); err != nil || len(s.URL) > 2000 {
		msg := "must be an https URL of at most 2000 characters"
		if err != nil {
			msg = strings.TrimPrefix(err.Error(), ErrRefused.Error()+": ")
		}
		bad.Add("url", "%s", msg)
	}
	known := audit.FeedTypes()
	for _, t := range s.Types() {
		if !slices.Contains(known, t) {
			bad.Add("event_types", "%q is not one of %s", t, strings.Join(known, ", "))
		}
	}
	if len([]rune(s.Description)) > 500 {
		bad.Add("description", "must be at most 500 characters")
	}
}

func normTypes(ts []string) string {
	var out []string
	for _, t := range ts {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(slices.Compact(slices.Sorted(slices.Values(out))), " ")
}

// Create subscribes the caller and returns the subscription with its
// secret, which is shown this once. It follows the feed from now on.
func (sv *Service) Create(ctx context.Context, in New) (Subscription, string, error) {
	p := auth.From(ctx)
	if err := canManage(p); err != nil {
		return Subscription{}, "", err
	}
	secret, err := newSecret()
	if err != nil {
		return Subscription{}, "", err
	}
	now := database.Now()
	s := Subscription{
		ID: uuid.Must(uuid.NewV7()).String(), OwnerType: p.Kind, OwnerID: p.ID, URL: strings.TrimSpace(in.URL),
		EventTypes: normTypes(in.EventTypes), Description: strings.TrimSpace(in.Description), Active: in.Active == nil || *in.Active,
		Secret: secret, Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	var bad apperr.Fields
	sv.check(&bad, s)
	if err := bad.Err(); err != nil {
		return Subscription{}, "", err
	}
	err = sv.DB.WithTx(ctx, func(ctx context.Context) error {
		head, err := audit.Head(ctx, sv.DB)
		if err != nil {
			return err
		}
		s.FeedCursor = head
		if err := sv.DB.Conn(ctx).Create(&s).Error; err != nil {
			return err
		}
		return audit.Record(ctx, sv.DB, audit.Create, "webhook", s.ID, s.Version, nil, s.view())
	})
	return s, secret, err
}

// Get returns a subscription the caller may see.
func (sv *Service) Get(ctx context.Context, id string) (Subscription, error) {
	p := auth.From(ctx)
	if err := canManage(p); err != nil {
		return Subscription{}, err
	}
	return sv.load(ctx, p, id)
}

func (sv *Service) load(ctx context.Context, p auth.Principal, id string) (Subscription, error) {
	where, args := mine(p)
	var s Subscription
	err := sv.DB.Conn(ctx).Where("id = ?", id).Where(where, args...).Take(&s).Error
	if database.IsNotFound(err) {
		return s, apperr.New(apperr.NotFound, "No webhook with id %s", id)
	}
	return s, err
}

// Sort is the subscription list's order.
var Sort = page.Spec{
	Default: "-created_at",
	Fields:  []page.Field{{Name: "created_at", Column: "created_at", Kind: page.Time}},
}

// List returns one page of the subscriptions the caller may see.
func (sv *Service) List(ctx context.Context, pg page.Page) ([]Subscription, *string, error) {
	p := auth.From(ctx)
	if err := canManage(p); err != nil {
		return nil, nil, err
	}
	where, args := mine(p)
	var rows []Subscription
	if err := pg.Find(sv.DB.Conn(ctx).Model(&Subscription{}).Where(where, args...), &rows); err != nil {
		return nil, nil, err
	}
	items, next := page.Finish(pg, rows, func(s Subscription, _ string) page.Key { return page.Key{Value: s.CreatedAt, ID: s.ID} })
	return items, next, nil
}

// Patch changes a subscription. Setting active on a disabled one starts
// it again at the event it stopped at.
type Patch struct {
	URL         opt.Field[string]
	EventTypes  opt.Field[[]string]
	Description opt.Field[string]
	Active      opt.Field[bool]
}

// Update applies a patch based on version.
func (sv *Service) Update(ctx context.Context, id string, version int, in Patch) (Subscription, error) {
	p := auth.From(ctx)
	if err := canManage(p); err != nil {
		return Subscription{}, err
	}
	var out Subscription
	err := sv.DB.WithTx(ctx, func(ctx context.Context) error {
		before, err := sv.load(ctx, p, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion(noun, before.Version, version); err != nil {
			return err
		}
		after := before
		set := map[string]any{}
		if in.URL.Set {
			after.URL = strings.TrimSpace(in.URL.Value)
			set["url"] = after.URL
		}
		if in.EventTypes.Set {
			after.EventTypes = normTypes(in.EventTypes.Value)
			set["event_types"] = after.EventTypes
		}
		if in.Description.Set {
			after.Description = strings.TrimSpace(in.Description.Value)
			set["description"] = after.Description
		}
		if in.Active.Set && in.Active.Value != before.Active {
			after.Active = in.Active.Value
			set["active"] = after.Active
			if after.Active { // a fresh start for the event at the head
				after.DisabledReason, after.Attempt, after.FailingSince, after.NextAttemptAt = nil, 0, nil, nil
				set["disabled_reason"], set["attempt"], set["failing_since"], set["next_attempt_at"] = nil, 0, nil, nil
			}
		}
		var bad apperr.Fields
		sv.check(&bad, after)
		if err := bad.Err(); err != nil {
			return err
		}
		if len(set) == 0 {
			out = before
			return nil
		}
		if after.Version, err = sv.DB.UpdateVersioned(ctx, "webhook_subscriptions", noun, id, version, set); err != nil {
			return err
		}
		out = after
		return audit.Record(ctx, sv.DB, audit.Update, "webhook", id, after.Version, before.view(), after.view())
	})
	return out, err
}

// RotateSecret gives the subscription a new signing secret, returned
// this once; deliveries are signed with it from now on.
func (sv *Service) RotateSecret(ctx context.Context, id string, version int) (Subscription, string, error) {
	p := auth.From(ctx)
	if err := canManage(p); err != nil {
		return Subscription{}, "", err
	}
	secret, err := newSecret()
	if err != nil {
		return Subscription{}, "", err
	}
	var out Subscription
	err = sv.DB.WithTx(ctx, func(ctx context.Context) error {
		before, err := sv.load(ctx, p, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion(noun, before.Version, version); err != nil {
			return err
		}
		out = before
		out.Secret = secret
		if out.Version, err = sv.DB.UpdateVersioned(ctx, "webhook_subscriptions", noun, id, version, map[string]any{"secret": secret}); err != nil {
			return err
		}
		return audit.Record(ctx, sv.DB, "rotate_secret", "webhook", id, out.Version, nil, nil)
	})
	return out, secret, err
}

// Delete removes a subscription and its delivery log.
func (sv *Service) Delete(ctx context.Context, id string, version int) error {
	p := auth.From(ctx)
	if err := canManage(p); err != nil {
		return err
	}
	return sv.DB.WithTx(ctx, func(ctx context.Context) error {
		before, err := sv.load(ctx, p, id)
		if err != nil {
			return err
		}
		if err := sv.DB.DeleteVersioned(ctx, "webhook_subscriptions", noun, id, version, database.Referrers{}); err != nil {
			return err
		}
		return audit.Record(ctx, sv.DB, audit.Delete, "webhook", id, version, before.view(), nil)
	})
}
