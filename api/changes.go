package api

import (
	"slices"
	"strings"
	"time"

	"github.com/innomunich/platform/pkg/audit"
	"github.com/labstack/echo/v4"
)

// ChangeEvent is one change of a record in the change feed; a webhook
// delivery carries the same event.
type ChangeEvent struct {
	// Cursor is this event's position: pass it as after to read on from here.
	Cursor     string    `json:"cursor" example:"MTIzNC41Njc"`
	Type       string    `json:"type" enums:"organisation,person,agreement,trip,project,opportunity" example:"organisation"`
	ID         string    `json:"id" format:"uuid"`
	Action     string    `json:"action" enums:"created,updated,deleted"`
	Version    int       `json:"version" example:"3"`
	OccurredAt time.Time `json:"occurred_at" format:"date-time"`
	// Data is the record's state after the change, as the audit log shows
	// it and with only the fields the caller may see; null for a tombstone
	// (a deleted record, or any event of an erased person).
	// An object of the record's fields (any JSON values), or null.
	Data any `json:"data" extensions:"x-nullable"`
} // @name ChangeEvent

// ChangeFeed is one page of the change feed.
type ChangeFeed struct {
	Items []ChangeEvent `json:"items"`
	// NextCursor is where to read on: store it and pass it as after.
	// Never null; the same as after when there was nothing new.
	NextCursor string `json:"next_cursor"`
	// HasMore says more events are waiting: read on at once rather than
	// after the polling interval.
	HasMore bool `json:"has_more"`
} // @name ChangeFeed

func changeOut(e audit.ChangeEvent) ChangeEvent {
	out := ChangeEvent{Cursor: e.Cursor, Type: e.Type, ID: e.ID, Action: e.Action, Version: e.Version, OccurredAt: e.OccurredAt}
	if e.Data != nil {
		out.Data = e.Data
	}
	return out
}

// listChanges godoc
//
//	@Summary		Read the change feed
//	@Description	The changes of organisations, people, agreements, trips, projects and opportunities in commit order, for integrations that keep a copy in sync. Store next_cursor and pass it as after on the next poll: you never miss a change and never see one twice. Each event's data is the record after the change with only what the caller may see of it (a person's email and phone only where the caller sees them on the person); a deleted record, and every event of an erased person, is a tombstone with data null. The feed keeps changes for 90 days (INNOMUNICH_CHANGES_RETENTION); a cursor from before that answers 410: resync from the lists and start again without a cursor. Needs the read scope.
//	@Tags			changes
//	@Produce		json
//	@Security		bearer
//	@Param			after	query		string	false	"next_cursor (or an event's cursor) of an earlier read; omitted: from the oldest change kept"
//	@Param			types	query		string	false	"Comma-separated entity types, e.g. organisation,person; all when omitted"
//	@Param			limit	query		int		false	"Events at most, 1–200"	default(50)
//	@Success		200		{object}	ChangeFeed
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		410		{object}	Problem
//	@Router			/api/v1/changes [get]
func (s *server) listChanges(c echo.Context) error {
	q := newQuery(c, "after", "types")
	for _, name := range []string{"cursor", "sort"} {
		if c.QueryParams().Has(name) {
			q.bad.Add(name, "is not a parameter of this endpoint; the feed continues with after")
		}
	}
	feed := audit.FeedQuery{After: q.str("after"), Limit: audit.FeedDefaultLimit}
	if err := audit.ParseCursor(feed.After); err != nil {
		q.bad.Add("after", "is not a cursor the change feed returned")
	}
	known := audit.FeedTypes()
	for _, t := range strings.Split(q.str("types"), ",") {
		if t = strings.TrimSpace(t); t == "" {
			continue
		}
		if !slices.Contains(known, t) {
			q.bad.Add("types", "must be a comma-separated list of %s", strings.Join(known, ", "))
			break
		}
		if !slices.Contains(feed.Types, t) {
			feed.Types = append(feed.Types, t)
		}
	}
	feed.Limit = q.limit(audit.FeedDefaultLimit, audit.FeedMaxLimit)
	if err := q.err(); err != nil {
		return err
	}
	events, next, more, err := audit.Changes(c.Request().Context(), s.DB, feed)
	if err != nil {
		return err
	}
	out := ChangeFeed{Items: make([]ChangeEvent, len(events)), NextCursor: next, HasMore: more}
	for i, e := range events {
		out.Items[i] = changeOut(e)
	}
	return writeList(c, out)
}
