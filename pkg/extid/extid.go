// Package extid holds the rules and the queries that external ids share:
// the ids partner regions' systems (CRMs, company databases) give to
// records of the directory, {"osaka-bhq": "OB-1234"}. It owns no table:
// each owning package keeps its records' ids in a table of its own
// (organisation_external_ids, person_external_ids) with a unique index on
// (system, external_id), and passes that table here, as reference does for
// focus areas.
package extid

import (
	"context"
	"regexp"
	"slices"
	"unicode/utf8"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
)

// MaxLength is the longest external id, in characters.
const MaxLength = 200

// MaxSystems is how many systems one record may carry ids of.
const MaxSystems = 20

var systemShape = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// ValidSystem reports whether name is a system name: a lowercase slug of
// at most 50 characters such as osaka-bhq.
func ValidSystem(name string) bool { return len(name) <= 50 && systemShape.MatchString(name) }

// ValidID reports whether id may be an external id: 1 to MaxLength
// characters, no control characters, not only spaces.
func ValidID(id string) bool {
	n := utf8.RuneCountInString(id)
	if n < 1 || n > MaxLength || !utf8.ValidString(id) {
		return false
	}
	blank := true
	for _, r := range id {
		if r < 0x20 || r == 0x7f {
			return false
		}
		if r != ' ' {
			blank = false
		}
	}
	return !blank
}

// Check adds a field error (external_ids.<system>) for each bad entry.
func Check(bad *apperr.Fields, ids map[string]string) {
	if len(ids) > MaxSystems {
		bad.Add("external_ids", "may name at most %d systems", MaxSystems)
	}
	for _, system := range slices.Sorted(mapKeys(ids)) {
		if !ValidSystem(system) {
			bad.Add("external_ids", "%q is not a system name: lowercase letters, digits and single dashes, such as osaka-bhq", system)
		} else if !ValidID(ids[system]) {
			bad.Add("external_ids."+system, "must be 1 to %d characters without control characters", MaxLength)
		}
	}
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// CheckWriter is the rule for API keys restricted to one external system
// (auth.Principal.ExternalSystem): they may add, change or remove only that
// system's ids. before and after are a record's ids around a change.
func CheckWriter(p auth.Principal, before, after map[string]string) error {
	if p.ExternalSystem == "" {
		return nil
	}
	for _, m := range []map[string]string{before, after} {
		for system := range m {
			if system != p.ExternalSystem && before[system] != after[system] {
				return apperr.New(apperr.Forbidden, "This API key writes only the external ids of %s, not of %s", p.ExternalSystem, system)
			}
		}
	}
	return nil
}

// Table names where an owning package keeps its ids.
type Table struct {
	Name  string // e.g. organisation_external_ids
	Owner string // the column naming the record, e.g. organisation_id
	Noun  string // what a record is called in messages, e.g. organisation
}

type row struct {
	Owner      string
	System     string
	ExternalID string
}

// Of loads the ids of the records in one query.
func (t Table) Of(ctx context.Context, db *database.DB, owners []string) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	if len(owners) == 0 {
		return out, nil
	}
	var rows []row
	err := db.Conn(ctx).Table(t.Name).Select(t.Owner+" AS owner, system, external_id").Where(t.Owner+" IN ?", owners).Find(&rows).Error
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if out[r.Owner] == nil {
			out[r.Owner] = map[string]string{}
		}
		out[r.Owner][r.System] = r.ExternalID
	}
	return out, nil
}

// One loads the ids of one record.
func (t Table) One(ctx context.Context, db *database.DB, owner string) (map[string]string, error) {
	m, err := t.Of(ctx, db, []string{owner})
	if err != nil {
		return nil, err
	}
	if m[owner] == nil {
		return map[string]string{}, nil
	}
	return m[owner], nil
}

// Find returns the record that carries id in system, "" if none does.
func (t Table) Find(ctx context.Context, db *database.DB, system, id string) (string, error) {
	var owners []string
	err := db.Conn(ctx).Table(t.Name).Where("system = ? AND external_id = ?", system, id).Limit(1).Pluck(t.Owner, &owners).Error
	if err != nil || len(owners) == 0 {
		return "", err
	}
	return owners[0], nil
}

// Set makes ids the external ids of owner. An id another record carries
// already is 409 naming that record (other_id); the unique index decides
// between concurrent writers, whose loser gets ErrTaken.
func (t Table) Set(ctx context.Context, db *database.DB, owner string, before, ids map[string]string) error {
	for system, id := range ids {
		if before[system] == id {
			continue
		}
		other, err := t.Find(ctx, db, system, id)
		if err != nil {
			return err
		}
		if other != "" && other != owner {
			return apperr.New(apperr.Conflict, "The external id %s of %s belongs to another %s already", id, system, t.Noun).
				With("other_id", other).With("field", "external_ids."+system)
		}
	}
	for system, id := range before {
		if now, ok := ids[system]; !ok || now != id {
			if err := db.Conn(ctx).Exec("DELETE FROM "+t.Name+" WHERE "+t.Owner+" = ? AND system = ?", owner, system).Error; err != nil {
				return err
			}
		}
	}
	for _, system := range slices.Sorted(mapKeys(ids)) {
		if before[system] == ids[system] {
			continue
		}
		err := db.Conn(ctx).Exec("INSERT INTO "+t.Name+" ("+t.Owner+", system, external_id) VALUES (?, ?, ?)", owner, system, ids[system]).Error
		if database.IsDuplicate(err) {
			return ErrTaken
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// ErrTaken says that a concurrent transaction gave the external id to
// another record first: a caller that upserts tries again, and finds it.
var ErrTaken = apperr.New(apperr.Conflict, "The external id was given to another record at the same moment; try again")

// Move gives the ids of record from to record to, for a merge: each system
// that to has no id of yet. It returns how many moved; the rest stay with
// from.
func (t Table) Move(ctx context.Context, db *database.DB, from, to string) (int64, error) {
	res := db.Conn(ctx).Exec("UPDATE "+t.Name+" SET "+t.Owner+" = ? WHERE "+t.Owner+" = ? AND system NOT IN (SELECT system FROM "+t.Name+" WHERE "+t.Owner+" = ?)", to, from, to)
	return res.RowsAffected, res.Error
}

// Equal reports whether two sets of ids are the same.
func Equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// Merge applies a merge patch (nil value = remove) to ids.
func Merge(ids map[string]string, patch map[string]*string) map[string]string {
	out := map[string]string{}
	for k, v := range ids {
		out[k] = v
	}
	for k, v := range patch {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = *v
		}
	}
	return out
}

// CheckAddress checks the system and id of an upsert's address, and
// that a key restricted to one system writes that system's ids.
func CheckAddress(p auth.Principal, system, id string) error {
	var bad apperr.Fields
	if !ValidSystem(system) {
		bad.Add("system", "must be a system name: lowercase letters, digits and single dashes, such as osaka-bhq")
	}
	if !ValidID(id) {
		bad.Add("id", "must be 1 to %d characters without control characters", MaxLength)
	}
	if err := bad.Err(); err != nil {
		return err
	}
	if p.ExternalSystem != "" && p.ExternalSystem != system {
		return apperr.New(apperr.Forbidden, "This API key writes only the external ids of %s, not of %s", p.ExternalSystem, system)
	}
	return nil
}
