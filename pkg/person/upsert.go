package person

import (
	"context"
	"errors"
	"maps"
	"strings"
	"time"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/extid"
	"github.com/innomunich/platform/pkg/opt"
)

// upsertAttempts bounds the retries of an upsert that lost the race for
// its external id to a concurrent one (whose person then exists).
const upsertAttempts = 4

// Upsert creates or updates the person that system knows by id, for a
// partner's nightly sync: absent fields keep their value, and a repeated
// upsert changes nothing and keeps the version. With version, the person
// must exist at that version (412 otherwise). created says whether a new
// person was made.
func Upsert(ctx context.Context, db *database.DB, system, id string, version *int, in Patch) (p Person, created bool, err error) {
	if err := extid.CheckAddress(auth.From(ctx), system, id); err != nil {
		return Person{}, false, err
	}
	if in.ExternalIDs.Null {
		return Person{}, false, apperr.Fields{{Field: "external_ids", Message: "cannot be null here: the person keeps the id they are addressed by"}}.Err()
	}
	in.ExternalIDs.Set = true
	in.ExternalIDs.Value = maps.Clone(in.ExternalIDs.Value)
	if in.ExternalIDs.Value == nil {
		in.ExternalIDs.Value = map[string]*string{}
	}
	in.ExternalIDs.Value[system] = &id
	for attempt := 1; ; attempt++ {
		var personID string
		err = db.WithTx(ctx, func(ctx context.Context) error {
			if personID, err = externalIDs.Find(ctx, db, system, id); err != nil {
				return err
			}
			if personID != "" {
				_, err := update(ctx, db, personID, version, in, true)
				return err
			}
			if version != nil {
				return apperr.New(apperr.PreconditionFailed, "No person has the external id %s of %s, so If-Match names none", id, system)
			}
			n, err := Create(ctx, db, in.person())
			personID, created = n.ID, true
			return err
		})
		// A lost race (the unique index took the id; without If-Match, the
		// person changed between reading and writing): the other writer's
		// person is committed now, and another attempt updates them.
		if (errors.Is(err, extid.ErrTaken) || version == nil && apperr.Is(err, apperr.PreconditionFailed)) && attempt < upsertAttempts {
			created = false
			continue // the other writer's person exists now: update them
		}
		if err != nil {
			return Person{}, false, err
		}
		p, err = Get(ctx, db, personID)
		return p, created, err
	}
}

// person is the new person a patch describes.
func (in Patch) person() Person {
	var p Person
	for dst, f := range map[*string]opt.Field[string]{
		&p.OrganisationID: in.OrganisationID, &p.GivenName: in.GivenName, &p.FamilyName: in.FamilyName,
		&p.GivenNameLocal: in.GivenNameLocal, &p.FamilyNameLocal: in.FamilyNameLocal, &p.GivenNameKana: in.GivenNameKana,
		&p.FamilyNameKana: in.FamilyNameKana, &p.Position: in.Position, &p.Email: in.Email, &p.Phone: in.Phone,
	} {
		if f.Set {
			*dst = f.Value
		}
	}
	if in.Languages.Set {
		p.Languages = strings.Join(in.Languages.Value, " ")
	}
	if in.ConsentAt.Set && !in.ConsentAt.Null {
		t := in.ConsentAt.Value.UTC().Truncate(time.Microsecond)
		p.ConsentAt = &t
	}
	p.ExternalIDs = extid.Merge(nil, in.ExternalIDs.Value)
	return p
}
