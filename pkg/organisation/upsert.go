package organisation

import (
	"context"
	"errors"
	"maps"
	"strings"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/extid"
)

// upsertAttempts bounds the retries of an upsert that lost a race to a
// concurrent one.
const upsertAttempts = 5

// retryUpsert says whether an upsert may have lost a race that another
// attempt wins, because the other writer's record is committed now: the
// unique index took the external id or an identifier, the duplicate check
// saw the other's new record, or (without If-Match) the record changed
// between reading and writing it. On SQLite, which serialises writers,
// none of these happen.
func retryUpsert(err error, version *int) bool {
	switch {
	case errors.Is(err, extid.ErrTaken), errors.Is(err, errRaced):
		return true
	case apperr.Is(err, apperr.Conflict):
		return true // a real duplicate answers the same again
	case version == nil && apperr.Is(err, apperr.PreconditionFailed):
		return true
	}
	return false
}

// Upsert creates or updates the organisation that system knows by id: a
// partner's nightly sync is a loop of these. The organisation is the one
// carrying the external id; failing that, the one sharing an identifier
// with in (it gains the external id); failing that, a new one, subject to
// the duplicate check (409 duplicate_of). An organisation matched by
// identifier that system knows by another id already is 409 too (the
// partner has a duplicate). Absent fields keep their value.
// A repeated upsert changes nothing and keeps the version. With version,
// the organisation must exist at that version (412 otherwise).
// created says whether a new organisation was made.
func Upsert(ctx context.Context, db *database.DB, system, id string, version *int, in Patch) (o Organisation, created bool, err error) {
	if err := extid.CheckAddress(auth.From(ctx), system, id); err != nil {
		return Organisation{}, false, err
	}
	if in.ExternalIDs.Null {
		return Organisation{}, false, apperr.Fields{{Field: "external_ids", Message: "cannot be null here: the organisation keeps the id it is addressed by"}}.Err()
	}
	in.ExternalIDs.Set = true
	in.ExternalIDs.Value = maps.Clone(in.ExternalIDs.Value)
	if in.ExternalIDs.Value == nil {
		in.ExternalIDs.Value = map[string]*string{}
	}
	in.ExternalIDs.Value[system] = &id
	for attempt := 1; ; attempt++ {
		var orgID string
		err = db.WithTx(ctx, func(ctx context.Context) error {
			orgID, err = externalIDs.Find(ctx, db, system, id)
			if err != nil {
				return err
			}
			if orgID == "" {
				var probe Organisation
				in.apply(&probe)
				probe.normalise()
				var field string
				if orgID, _, field, err = byIdentifier(ctx, db, probe); err != nil {
					return err
				}
				if orgID != "" {
					// The same organisation, unless system knows it by
					// another id already: then system has a duplicate.
					ids, err := externalIDs.One(ctx, db, orgID)
					if err != nil {
						return err
					}
					if other, ok := ids[system]; ok && other != id {
						return apperr.New(apperr.Conflict, "The organisation with this %s is %s in %s already", strings.TrimPrefix(field, "identifiers."), other, system).
							With("duplicate_of", orgID).With("field", field)
					}
				}
			}
			if orgID != "" {
				_, err := update(ctx, db, orgID, version, in, true)
				return err
			}
			if version != nil {
				return apperr.New(apperr.PreconditionFailed, "No organisation has the external id %s of %s, so If-Match names none", id, system)
			}
			var n Organisation
			in.apply(&n)
			n, err = Create(ctx, db, n, false)
			orgID, created = n.ID, true
			return err
		})
		if retryUpsert(err, version) && attempt < upsertAttempts {
			created = false
			continue
		}
		if err != nil {
			return Organisation{}, false, err
		}
		o, err = Get(ctx, db, orgID)
		return o, created, err
	}
}
