package audit

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/page"
	"gorm.io/gorm"
)

// The change feed is fed from Record: every event about an entity type
// whose Rule says Feed also writes a row to the changes table, in the same
// transaction, holding the record's audit view after the change (its full
// state, not the diff). So the feed has exactly the changes that
// committed, each once, and a new entity type appears in it by setting
// Feed in the Rule it registers. Readers see a row on the terms of the
// same Rule as the audit log: only records they may read, without the
// fields Hidden names (a person's e-mail and phone).
//
// Order. On SQLite writers are serialised, so seq is the commit order. On
// PostgreSQL a seq taken inside a transaction may become visible after a
// higher one, so each row also carries its transaction's id (xid) and a
// reader returns only rows of transactions older than the oldest still
// running (pg_snapshot_xmin): those are committed or rolled back for
// good, and no row can appear below them later. The feed's order is
// (xid, seq); a cursor is such a position.

// Feed actions, as the feed names them.
const (
	Created = "created"
	Updated = "updated"
	Deleted = "deleted"
)

// change is one row of the changes table.
type change struct {
	Seq        int64 `gorm:"primaryKey;autoIncrement"`
	Xid        int64 `gorm:"->"` // set by the database: the writing transaction
	EntityType string
	EntityID   string
	Action     string
	Version    int
	OccurredAt time.Time
	Data       *string
}

func (change) TableName() string { return "changes" }

// ChangeEvent is one event of the feed.
type ChangeEvent struct {
	Cursor     string
	Type       string
	ID         string
	Action     string
	Version    int
	OccurredAt time.Time
	// Data is the record's state after the change as the caller may see
	// it, nil for a tombstone (deleted, or a person since erased).
	Data map[string]any
}

// FeedTypes lists the entity types of the feed, sorted.
func FeedTypes() []string {
	var out []string
	for t, r := range rules {
		if r.Feed {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out
}

// feedAction names an audit action as the feed does: renewals, merges and
// the like are updates of the record.
func feedAction(action string) string {
	switch action {
	case Create:
		return Created
	case Delete:
		return Deleted
	default:
		return Updated
	}
}

// recordChange writes the feed row of an event, if its type is in the feed.
func recordChange(ctx context.Context, db *database.DB, e Event, after any) error {
	if !rules[e.EntityType].Feed {
		return nil
	}
	row := change{EntityType: e.EntityType, EntityID: e.EntityID, Action: feedAction(e.Action), Version: e.Version, OccurredAt: e.OccurredAt}
	if after != nil && e.Action != Delete {
		if m := asMap(after); len(m) > 0 {
			raw, err := json.Marshal(m)
			if err != nil {
				return err
			}
			s := string(raw)
			row.Data = &s
		}
	}
	return db.Conn(ctx).Create(&row).Error
}

// position is a place in the feed: (xid, seq).
type position struct{ xid, seq int64 }

func (p position) String() string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(p.xid, 10) + "." + strconv.FormatInt(p.seq, 10)))
}

func parsePosition(s string) (position, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return position{}, false
	}
	x, sq, ok := strings.Cut(string(raw), ".")
	if !ok {
		return position{}, false
	}
	xid, err1 := strconv.ParseInt(x, 10, 64)
	seq, err2 := strconv.ParseInt(sq, 10, 64)
	if err1 != nil || err2 != nil || xid < 0 || seq < 0 {
		return position{}, false
	}
	return position{xid, seq}, true
}

// before reports whether p comes before q in the feed.
func (p position) before(q position) bool {
	return p.xid < q.xid || (p.xid == q.xid && p.seq < q.seq)
}

// FeedQuery asks for one page of the feed.
type FeedQuery struct {
	After string   // a cursor the feed returned, "" for the start of the retained feed
	Types []string // entity types, all of the feed's when empty
	Limit int
}

// FeedLimits of a page: the one limit rule of every list.
const (
	FeedDefaultLimit = page.DefaultLimit
	FeedMaxLimit     = page.MaxLimit
)

// ParseCursor checks a cursor's form (BadRequest when it is none the feed returned).
func ParseCursor(s string) error {
	if s == "" {
		return nil
	}
	if _, ok := parsePosition(s); !ok {
		return apperr.New(apperr.BadRequest, "after is not a cursor the change feed returned")
	}
	return nil
}

// Changes returns the next events of the feed after q.After that the
// caller may read, in feed order, the cursor to continue from (q.After
// when there is nothing new) and whether more events are waiting. A
// cursor from before the retained window is Gone: changes after it were
// pruned, so the consumer must resync from the lists.
func Changes(ctx context.Context, db *database.DB, q FeedQuery) ([]ChangeEvent, string, bool, error) {
	c := auth.From(ctx)
	after, err := horizon(ctx, db) // without a cursor: from the oldest change kept
	if err != nil {
		return nil, "", false, err
	}
	if q.After != "" {
		var ok bool
		if after, ok = parsePosition(q.After); !ok {
			return nil, "", false, apperr.New(apperr.BadRequest, "after is not a cursor the change feed returned")
		}
	}
	types := q.Types
	if len(types) == 0 {
		types = FeedTypes()
	}
	limit := q.Limit
	if limit <= 0 {
		limit = FeedDefaultLimit
	}
	tx := db.Conn(ctx).Model(&change{}).Select("seq, xid, entity_type, entity_id, action, version, occurred_at, data").
		Where("entity_type IN ?", types)
	order := "xid, seq"
	if db.Engine == database.Postgres {
		// Stop before the oldest transaction still running: it may yet
		// commit rows below those of transactions that committed already.
		tx = tx.Where("(xid, seq) > (?, ?)", after.xid, after.seq).
			Where("xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
	} else {
		// xid is always 0 here: seq alone, along the primary key.
		tx = tx.Where("seq > ?", after.seq)
		order = "seq"
	}
	if !c.IsAdmin() {
		where, args := readable(c)
		tx = tx.Where(where, args...)
	}
	var rows []change
	if err := tx.Order(order).Limit(limit + 1).Find(&rows).Error; err != nil {
		return nil, "", false, err
	}
	// The horizon is read after the rows: a prune that committed before
	// the rows were read is seen here, one that commits later removed
	// nothing from what was read.
	pruned, err := horizon(ctx, db)
	if err != nil {
		return nil, "", false, err
	}
	if after.before(pruned) {
		return nil, "", false, apperr.New(apperr.Gone,
			"Changes after this cursor are older than the feed keeps and were pruned; resync from the lists (GET each list, optionally with updated_since) and start the feed again without a cursor").
			With("resync", true)
	}
	more := len(rows) > limit
	if more {
		rows = rows[:limit]
	}
	next := after.String()
	if len(rows) > 0 {
		last := rows[len(rows)-1]
		next = position{last.Xid, last.Seq}.String()
	}
	out, err := render(ctx, db, c, rows)
	return out, next, more, err
}

// horizon is the newest position retention removed, (0, 0) before any.
func horizon(ctx context.Context, db *database.DB) (position, error) {
	var pruned []struct{ Xid, Seq int64 }
	if err := db.Conn(ctx).Table("changes_pruned").Select("xid, seq").Find(&pruned).Error; err != nil || len(pruned) == 0 {
		return position{}, err
	}
	return position{pruned[0].Xid, pruned[0].Seq}, nil
}

// render turns rows into events, without what the caller may not see.
func render(ctx context.Context, db *database.DB, c auth.Principal, rows []change) ([]ChangeEvent, error) {
	hidden := map[string]map[string][]string{}
	if !c.IsAdmin() {
		byType := map[string][]string{}
		for _, r := range rows {
			if rules[r.EntityType].Hidden != nil && r.Data != nil && !slices.Contains(byType[r.EntityType], r.EntityID) {
				byType[r.EntityType] = append(byType[r.EntityType], r.EntityID)
			}
		}
		for t, ids := range byType {
			h, err := rules[t].Hidden(ctx, db, c, ids)
			if err != nil {
				return nil, err
			}
			hidden[t] = h
		}
	}
	out := make([]ChangeEvent, len(rows))
	for i, r := range rows {
		e := ChangeEvent{Cursor: position{r.Xid, r.Seq}.String(), Type: r.EntityType, ID: r.EntityID,
			Action: r.Action, Version: r.Version, OccurredAt: r.OccurredAt.UTC()}
		if r.Data != nil {
			if err := json.Unmarshal([]byte(*r.Data), &e.Data); err != nil {
				return nil, fmt.Errorf("change %d: %w", r.Seq, err)
			}
			for _, f := range hidden[r.EntityType][r.EntityID] {
				delete(e.Data, f)
			}
		}
		out[i] = e
	}
	return out, nil
}

// Prune removes the feed's changes that occurred before cutoff, as a
// prefix of the feed: everything up to the newest such change goes, so
// that a consumer is either still in the window or learns (410) that it
// is not. It returns how many rows went.
func Prune(ctx context.Context, db *database.DB, cutoff time.Time) (int64, error) {
	var n int64
	err := db.WithTx(ctx, func(ctx context.Context) error {
		var last change
		q := db.Conn(ctx).Model(&change{}).Select("xid, seq").Where("occurred_at < ?", cutoff.UTC()).Order("xid DESC, seq DESC").Limit(1)
		if db.Engine == database.Postgres {
			// Only below the readers' horizon: a transaction still
			// running may yet commit a row there.
			q = q.Where("xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
		}
		if err := q.Find(&last).Error; err != nil || last.Seq == 0 {
			return err
		}
		res := db.Conn(ctx).Where("(xid, seq) <= (?, ?)", last.Xid, last.Seq).Delete(&change{})
		if res.Error != nil {
			return res.Error
		}
		n = res.RowsAffected
		// One row, replaced: the newest position pruned.
		if err := db.Conn(ctx).Exec("DELETE FROM changes_pruned").Error; err != nil {
			return err
		}
		return db.Conn(ctx).Exec("INSERT INTO changes_pruned (id, xid, seq) VALUES (1, ?, ?)", last.Xid, last.Seq).Error
	})
	return n, err
}

// eraseChanges drops the data of every feed row about the entity: they
// stay as tombstones (a person's erasure).
func eraseChanges(ctx context.Context, db *database.DB, entityType, entityID string) error {
	return db.Conn(ctx).Model(&change{}).Where("entity_type = ? AND entity_id = ?", entityType, entityID).
		Session(&gorm.Session{}).Update("data", nil).Error
}

// Head returns a cursor from which the feed yields only changes that
// commit from now on (and, on PostgreSQL, possibly some of the
// transactions still running at this moment, which commit around it):
// where a new follower of the feed (a webhook subscription) starts.
func Head(ctx context.Context, db *database.DB) (string, error) {
	if db.Engine == database.Postgres {
		// Every transaction from the oldest still running on comes after it.
		var xmin int64
		if err := db.Conn(ctx).Raw("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint").Scan(&xmin).Error; err != nil {
			return "", err
		}
		return position{max(xmin-1, 0), 1<<63 - 1}.String(), nil
	}
	var seq *int64
	if err := db.Conn(ctx).Model(&change{}).Select("max(seq)").Scan(&seq).Error; err != nil {
		return "", err
	}
	p := position{}
	if seq != nil {
		p.seq = *seq
	}
	return p.String(), nil
}

// ChangeAt returns the event at a cursor as the caller may see it now
// (a person erased since is a tombstone): a webhook's redelivery. It is
// NotFound when the event was pruned or the caller may not read it.
func ChangeAt(ctx context.Context, db *database.DB, cursor string) (ChangeEvent, error) {
	p, ok := parsePosition(cursor)
	if !ok {
		return ChangeEvent{}, apperr.New(apperr.BadRequest, "not a cursor the change feed returned")
	}
	c := auth.From(ctx)
	tx := db.Conn(ctx).Model(&change{}).Select("seq, xid, entity_type, entity_id, action, version, occurred_at, data").
		Where("xid = ? AND seq = ?", p.xid, p.seq)
	if !c.IsAdmin() {
		where, args := readable(c)
		tx = tx.Where(where, args...)
	}
	var rows []change
	if err := tx.Limit(1).Find(&rows).Error; err != nil {
		return ChangeEvent{}, err
	}
	if len(rows) == 0 {
		return ChangeEvent{}, apperr.New(apperr.NotFound, "The change is no longer in the feed")
	}
	out, err := render(ctx, db, c, rows)
	if err != nil {
		return ChangeEvent{}, err
	}
	return out[0], nil
}
