package audit

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
)

// A Rule is what the package owning an entity type says a caller may read
// of the events about it: the same rule as for the record itself, so that
// the log never shows more than the record does. Admins read every event
// whole; an entity type without a rule is for admins only.
type Rule struct {
	// Readable says about which records of the type the caller may read
	// events: all of them, or only those with the ids (none when nil).
	Readable func(c auth.Principal) (all bool, ids []string)
	// Hidden returns, for records of the type with the ids, the fields of
	// their events the caller may not see (a person's e-mail). Nil hides
	// nothing.
	Hidden func(ctx context.Context, db *database.DB, c auth.Principal, ids []string) (map[string][]string, error)
	// Feed puts the type's changes into the change feed (GET /changes),
	// read on the terms of Readable and Hidden.
	Feed bool
	// Names names records of the type with the ids for a reader of
	// locale (a person's name in its order, an agreement's title); records
	// gone are absent. Nil leaves events unnamed.
	Names func(ctx context.Context, db *database.DB, locale string, ids []string) (map[string]string, error)
}

// ColumnNames is the Names of records named by one column of their table.
func ColumnNames(table, column string) func(ctx context.Context, db *database.DB, locale string, ids []string) (map[string]string, error) {
	return func(ctx context.Context, db *database.DB, _ string, ids []string) (map[string]string, error) {
		var rows []struct{ ID, Name string }
		if err := db.Conn(ctx).Table(table).Select("id, "+column+" AS name").Where("id IN ?", ids).Find(&rows).Error; err != nil {
			return nil, err
		}
		out := make(map[string]string, len(rows))
		for _, r := range rows {
			out[r.ID] = r.Name
		}
		return out, nil
	}
}

// name fills the events' EntityName, one query per entity type.
func name(ctx context.Context, db *database.DB, locale string, events []Event) error {
	ids := map[string][]string{}
	for _, e := range events {
		if rules[e.EntityType].Names != nil && !slices.Contains(ids[e.EntityType], e.EntityID) {
			ids[e.EntityType] = append(ids[e.EntityType], e.EntityID)
		}
	}
	names := map[string]map[string]string{}
	for t, list := range ids {
		n, err := rules[t].Names(ctx, db, locale, list)
		if err != nil {
			return err
		}
		names[t] = n
	}
	for i := range events {
		events[i].EntityName = names[events[i].EntityType][events[i].EntityID]
	}
	return nil
}

// Everyone is the Readable of records every caller reads whole.
func Everyone(auth.Principal) (bool, []string) { return true, nil }

var rules = map[string]Rule{}

// Register sets the rule for the events about an entity type. Each owning
// package registers its types when it is loaded.
func Register(entityType string, r Rule) { rules[entityType] = r }

// canRead: the log is for admins, coordinators and viewers (and API keys
// with those roles).
func canRead(c auth.Principal) error {
	if c.Role != auth.RoleAdmin && c.Role != auth.RoleCoordinator && c.Role != auth.RoleViewer {
		return apperr.New(apperr.Forbidden, "The audit log is for admins, coordinators and viewers")
	}
	return nil
}

// readable is the condition on events that the caller may read.
func readable(c auth.Principal) (string, []any) {
	types := make([]string, 0, len(rules))
	for t := range rules {
		types = append(types, t)
	}
	slices.Sort(types)
	var all []string
	var parts []string
	var args []any
	for _, t := range types {
		if rules[t].Readable == nil {
			continue
		}
		every, ids := rules[t].Readable(c)
		switch {
		case every:
			all = append(all, t)
		case len(ids) > 0:
			parts = append(parts, "(entity_type = ? AND entity_id IN ?)")
			args = append(args, t, ids)
		}
	}
	if len(all) > 0 {
		parts = append(parts, "entity_type IN ?")
		args = append(args, all)
	}
	if len(parts) == 0 {
		return "1 = 0", nil
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

// mayRead reports whether the caller may read the record of the type with the id.
func mayRead(c auth.Principal, entityType, id string) bool {
	r := rules[entityType]
	if r.Readable == nil {
		return false
	}
	all, ids := r.Readable(c)
	return all || slices.Contains(ids, id)
}

// redact removes from the events what the caller may not see of their
// records, and the names of actors (a user's e-mail, a key's name) the
// caller may not read.
func redact(ctx context.Context, db *database.DB, c auth.Principal, events []Event) error {
	byType := map[string][]string{}
	for _, e := range events {
		if rules[e.EntityType].Hidden != nil && !slices.Contains(byType[e.EntityType], e.EntityID) {
			byType[e.EntityType] = append(byType[e.EntityType], e.EntityID)
		}
	}
	hidden := map[string]map[string][]string{}
	for t, ids := range byType {
		h, err := rules[t].Hidden(ctx, db, c, ids)
		if err != nil {
			return err
		}
		hidden[t] = h
	}
	for i := range events {
		e := &events[i]
		if e.ActorType != auth.KindSystem && !mayRead(c, e.ActorType, e.ActorID) {
			e.ActorName = ""
		}
		fields := hidden[e.EntityType][e.EntityID]
		if len(fields) == 0 {
			continue
		}
		var changes map[string]json.RawMessage
		if err := json.Unmarshal([]byte(e.Changes), &changes); err != nil {
			return err
		}
		for _, f := range fields {
			delete(changes, f)
		}
		raw, err := json.Marshal(changes)
		if err != nil {
			return err
		}
		e.Changes = string(raw)
	}
	return nil
}
