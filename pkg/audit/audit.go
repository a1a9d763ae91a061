// Package audit owns the audit log: who changed what, when, from which
// request, with the before and after of every changed field. Events are
// written in the transaction of the change they record, so there is never
// a change without its event or an event without its change.
package audit

import (
	"context"
	"encoding/json"
	"reflect"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/page"
)

// Actions.
const (
	Create = "create"
	Update = "update"
	Delete = "delete"
)

// Change is the before and after of one field.
type Change struct {
	Before any `json:"before"`
	After  any `json:"after"`
}

// Event is one audit record.
type Event struct {
	ID         string
	OccurredAt time.Time
	ActorType  string
	ActorID    string
	ActorName  string
	Action     string
	EntityType string
	EntityID   string
	Version    int
	Changes    string // JSON object: field → Change
	RequestID  string
	// EntityName names the record for the reader (List fills it where the
	// owning package says how: Rule.Names); "" for a record gone.
	EntityName string `gorm:"-"`
}

// TableName is the events' table.
func (Event) TableName() string { return "audit_events" }

type requestIDKey struct{}

// WithRequestID returns ctx carrying the request id that events record.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID is the request id ctx carries, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// Record writes an event for the principal in ctx. before and after are
// the entity's audit views (structs with JSON tags and no secrets); either
// is nil for a create or delete. Only fields that differ are kept.
func Record(ctx context.Context, db *database.DB, action, entityType, entityID string, version int, before, after any) error {
	changes, err := json.Marshal(Diff(before, after))
	if err != nil {
		return err
	}
	p := auth.From(ctx)
	kind := p.Kind
	if kind == "" {
		kind = auth.KindSystem
	}
	rid, _ := ctx.Value(requestIDKey{}).(string)
	e := Event{
		ID: uuid.Must(uuid.NewV7()).String(), OccurredAt: database.Now(),
		ActorType: kind, ActorID: p.ID, ActorName: p.Name,
		Action: action, EntityType: entityType, EntityID: entityID, Version: version,
		Changes: string(changes), RequestID: rid,
	}
	if err := db.Conn(ctx).Create(&e).Error; err != nil {
		return err
	}
	return recordChange(ctx, db, e, after)
}

// Diff returns the fields whose JSON values differ between two views.
func Diff(before, after any) map[string]Change {
	b, a := asMap(before), asMap(after)
	out := map[string]Change{}
	for k, av := range a {
		if bv, ok := b[k]; !ok || !reflect.DeepEqual(bv, av) {
			out[k] = Change{Before: b[k], After: av}
		}
	}
	for k, bv := range b {
		if _, ok := a[k]; !ok {
			out[k] = Change{Before: bv, After: nil}
		}
	}
	return out
}

func asMap(v any) map[string]any {
	m := map[string]any{}
	if v == nil || (reflect.ValueOf(v).Kind() == reflect.Pointer && reflect.ValueOf(v).IsNil()) {
		return m
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return m
	}
	_ = json.Unmarshal(raw, &m)
	return m
}

// Filter narrows the event list.
type Filter struct {
	EntityType string
	EntityID   string
	Actor      string
	From, To   *time.Time
	// Records keeps the changes to the directory's records (the types
	// of the change feed): not sign-ins, users, keys or settings.
	Records bool
}

// Sort orders events, newest first by default.
var Sort = page.Spec{
	Default: "-occurred_at",
	Fields:  []page.Field{{Name: "occurred_at", Column: "occurred_at", Kind: page.Time}},
}

// List returns one page of the events the caller may read, each showing
// only what the caller may see of its record (see Rule).
func List(ctx context.Context, db *database.DB, f Filter, p page.Page) ([]Event, *string, error) {
	c := auth.From(ctx)
	if err := canRead(c); err != nil {
		return nil, nil, err
	}
	q := db.Conn(ctx).Model(&Event{})
	if !c.IsAdmin() {
		where, args := readable(c)
		q = q.Where(where, args...)
	}
	if f.EntityType != "" {
		q = q.Where("entity_type = ?", f.EntityType)
	}
	if f.Records {
		q = q.Where("entity_type IN ?", FeedTypes())
	}
	if f.EntityID != "" {
		q = q.Where("entity_id = ?", f.EntityID)
	}
	if f.Actor != "" {
		q = q.Where("actor_id = ?", f.Actor)
	}
	if f.From != nil {
		q = q.Where("occurred_at >= ?", f.From.UTC())
	}
	if f.To != nil {
		q = q.Where("occurred_at < ?", f.To.UTC())
	}
	var rows []Event
	if err := p.Find(q, &rows); err != nil {
		return nil, nil, err
	}
	items, next := page.Finish(p, rows, func(e Event, _ string) page.Key { return page.Key{Value: e.OccurredAt, ID: e.ID} })
	if !c.IsAdmin() {
		if err := redact(ctx, db, c, items); err != nil {
			return nil, nil, err
		}
	}
	if err := name(ctx, db, c.Locale, items); err != nil {
		return nil, nil, err
	}
	return items, next, nil
}

// Erase empties the changes of every event about the entity, so that the
// log keeps that it existed and what was done to it, not its data (a
// person's erasure); its change-feed events become tombstones.
func Erase(ctx context.Context, db *database.DB, entityType, entityID string) error {
	if err := db.Conn(ctx).Model(&Event{}).Where("entity_type = ? AND entity_id = ?", entityType, entityID).Update("changes", "{}").Error; err != nil {
		return err
	}
	return eraseChanges(ctx, db, entityType, entityID)
}

// Entry is one event for RecordAll.
type Entry struct {
	Action, EntityType, EntityID string
	Version                      int
	Before, After                any
}

// RecordAll writes many events at once, as Record would one by one, for
// an operation that changes many records in one go (a coordinator's
// "schedule all" of a trip's meetings).
func RecordAll(ctx context.Context, db *database.DB, entries []Entry) error {
	if len(entries) == 0 {
		return nil
	}
	p := auth.From(ctx)
	kind := p.Kind
	if kind == "" {
		kind = auth.KindSystem
	}
	rid, _ := ctx.Value(requestIDKey{}).(string)
	now := database.Now()
	rows := make([][]any, len(entries))
	for i, en := range entries {
		changes, err := json.Marshal(Diff(en.Before, en.After))
		if err != nil {
			return err
		}
		rows[i] = []any{uuid.Must(uuid.NewV7()).String(), now, kind, p.ID, p.Name, en.Action, en.EntityType, en.EntityID, en.Version, string(changes), rid}
	}
	return db.InsertValues(ctx, "audit_events", []string{"id", "occurred_at", "actor_type", "actor_id", "actor_name", "action", "entity_type",
		"entity_id", "version", "changes", "request_id"}, rows)
}
