package api

import (
	"encoding/json"
	"time"

	"github.com/innomunich/platform/pkg/audit"
	"github.com/labstack/echo/v4"
)

// Actor is who caused an audit event. name (a user's e-mail, a key's name)
// is empty for callers who may not read that user or key.
type Actor struct {
	Type string `json:"type" enums:"user,api_key,system"`
	ID   string `json:"id"`
	Name string `json:"name" example:"coordinator@biom.example"`
} // @name Actor

// AuditEvent is one recorded change.
type AuditEvent struct {
	ID         string    `json:"id" format:"uuid"`
	OccurredAt time.Time `json:"occurred_at" format:"date-time"`
	Actor      Actor     `json:"actor"`
	Action     string    `json:"action" example:"update"`
	EntityType string    `json:"entity_type" example:"user"`
	EntityID   string    `json:"entity_id"`
	// EntityName names the record in the caller's language (a person's
	// name in its order, a title); empty where the record is gone, its
	// type has no name, or the caller may not read it (another
	// organisation's draft opportunity).
	EntityName string `json:"entity_name" example:"Osaka BioHeadquarters"`
	Version    int    `json:"version" example:"2"`
	// Changes maps each changed field to its value before and after.
	Changes   map[string]Change `json:"changes"`
	RequestID string            `json:"request_id"`
} // @name AuditEvent

// Change is a field's value before and after a change (null where it had none).
type Change struct {
	Before any `json:"before" extensions:"x-nullable"`
	After  any `json:"after" extensions:"x-nullable"`
} // @name Change

func auditOut(e audit.Event) AuditEvent {
	changes := map[string]Change{}
	_ = json.Unmarshal([]byte(e.Changes), &changes)
	return AuditEvent{ID: e.ID, OccurredAt: e.OccurredAt, Actor: Actor{Type: e.ActorType, ID: e.ActorID, Name: e.ActorName},
		Action: e.Action, EntityType: e.EntityType, EntityID: e.EntityID, EntityName: e.EntityName, Version: e.Version, Changes: changes, RequestID: e.RequestID}
}

// listAuditEvents godoc
//
//	@Summary		List audit events, newest first
//	@Description	For admins, coordinators and viewers. Each caller reads only the events about records it may read, with only the fields it sees on the record itself: a person's email and phone only where the caller sees them on the person, users' events only for admins and the user themselves, API keys' only for admins. An actor's name is empty where the caller may not read that user or key.
//	@Tags			audit
//	@Produce		json
//	@Security		bearer
//	@Param			entity_type	query		string	false	"e.g. user, api_key, organisation"
//	@Param			entity_id	query		string	false	"Id of the changed record"	format(uuid)
//	@Param			actor		query		string	false	"Id of the user or API key"	format(uuid)
//	@Param			records		query		bool	false	"Only changes to the directory's records (organisations, people, agreements, trips, projects, opportunities): no sign-ins, users, keys or settings"
//	@Param			from		query		string	false	"Occurred at or after (RFC 3339)"	format(date-time)
//	@Param			to			query		string	false	"Occurred before (RFC 3339)"	format(date-time)
//	@Param			limit		query		int		false	"Page size, 1–200"	default(50)
//	@Param			cursor		query		string	false	"next_cursor of the previous page"
//	@Param			sort		query		string	false	"occurred_at or -occurred_at"	default(-occurred_at)
//	@Success		200			{object}	List[AuditEvent]
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Router			/api/v1/audit-events [get]
func (s *server) listAuditEvents(c echo.Context) error {
	q := newQuery(c, "entity_type", "entity_id", "actor", "from", "to", "records")
	f := audit.Filter{EntityType: q.str("entity_type"), EntityID: q.id("entity_id"), Actor: q.id("actor"), From: q.instant("from"), To: q.instant("to")}
	if b := q.boolean("records"); b != nil {
		f.Records = *b
	}
	pg := q.page(audit.Sort)
	if err := q.err(); err != nil {
		return err
	}
	rows, next, err := audit.List(c.Request().Context(), s.DB, f, pg)
	if err != nil {
		return err
	}
	return writeList(c, newList(rows, next, auditOut))
}
