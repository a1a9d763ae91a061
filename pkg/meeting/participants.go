package meeting

import (
	"context"
	"slices"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/trip"
)

type participantView struct {
	PersonID       string   `json:"person_id"`
	OrganisationID string   `json:"organisation_id"`
	Role           string   `json:"role"`
	SessionIDs     []string `json:"session_ids"`
}

func (p Participant) view() participantView {
	return participantView{p.PersonID, p.OrganisationID, p.Role, p.SessionIDs}
}

// Participants returns who can meet at a trip: the confirmed participants
// of the trip (as pkg/trip has them) and the hosts, each with the sessions
// they are available in. A delegate who has stated nothing yet has
// version 1 and no sessions.
func Participants(ctx context.Context, db *database.DB, tripID string) ([]Participant, error) {
	regs, err := trip.Participants(ctx, db, tripID)
	if err != nil {
		return nil, err
	}
	var rows []Participant
	if err := db.Conn(ctx).Where("trip_id = ?", tripID).Order("created_at, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	byPerson := map[string]Participant{}
	for _, r := range rows {
		byPerson[r.PersonID] = r
	}
	var out []Participant
	for _, r := range regs {
		if r.Status != trip.Confirmed {
			continue
		}
		p, ok := byPerson[r.PersonID]
		if !ok {
			p = Participant{TripID: tripID, PersonID: r.PersonID, Version: 1, CreatedAt: r.RegisteredAt, UpdatedAt: r.RegisteredAt}
		}
		// A host who registered since is a delegate now, with the same row.
		p.Role, p.OrganisationID = Delegate, r.OrganisationID
		out = append(out, p)
		delete(byPerson, r.PersonID)
	}
	for _, r := range rows {
		if _, ok := byPerson[r.PersonID]; ok && r.Role == Host {
			out = append(out, r)
		}
	}
	avail, err := availability(ctx, db, tripID)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].SessionIDs = avail[out[i].PersonID]
		if out[i].SessionIDs == nil {
			out[i].SessionIDs = []string{}
		}
	}
	return out, nil
}

// availability maps person → the sessions they are available in, in time order.
func availability(ctx context.Context, db *database.DB, tripID string) (map[string][]string, error) {
	var rows []struct{ PersonID, SessionID string }
	if err := db.Conn(ctx).Table("meeting_availability AS a").Select("a.person_id, a.session_id").
		Joins("JOIN meeting_sessions s ON s.id = a.session_id").Where("a.trip_id = ?", tripID).
		Order("a.person_id, s.starts_at, s.id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, r := range rows {
		out[r.PersonID] = append(out[r.PersonID], r.SessionID)
	}
	return out, nil
}

// ParticipantOf returns the meeting participant for the person at the
// trip, or NotFound when they are neither a confirmed participant nor a host.
func ParticipantOf(ctx context.Context, db *database.DB, tripID, personID string) (Participant, error) {
	list, err := Participants(ctx, db, tripID)
	if err != nil {
		return Participant{}, err
	}
	for _, p := range list {
		if p.PersonID == personID {
			return p, nil
		}
	}
	return Participant{}, apperr.New(apperr.NotFound, "Person %s does not take part in the meetings of this trip (not a confirmed participant or host)", personID)
}

// AddHost adds a person of an organisation visited or present as a
// meeting participant, without a seat on the trip.
func AddHost(ctx context.Context, db *database.DB, tripID, personID string) (Participant, error) {
	if err := canManage(auth.From(ctx)); err != nil {
		return Participant{}, err
	}
	var out Participant
	err := db.WithTx(ctx, func(ctx context.Context) error {
		if _, err := getTrip(ctx, db, tripID); err != nil {
			return err
		}
		org, err := person.OrganisationOf(ctx, db, personID)
		if apperr.Is(err, apperr.NotFound) {
			return apperr.Fields{{Field: "person_id", Message: "is not a person in the directory"}}.Err()
		}
		if err != nil {
			return err
		}
		if _, err := ParticipantOf(ctx, db, tripID, personID); err == nil {
			return apperr.New(apperr.Conflict, "This person takes part in the meetings of the trip already")
		}
		now := database.Now()
		out = Participant{ID: uuid.Must(uuid.NewV7()).String(), TripID: tripID, PersonID: personID, OrganisationID: org, Role: Host,
			Version: 1, CreatedAt: now, UpdatedAt: now, SessionIDs: []string{}}
		if err := db.WithTx(ctx, func(ctx context.Context) error { return db.Conn(ctx).Omit("SessionIDs").Create(&out).Error }); err != nil {
			if database.IsDuplicate(err) {
				// a delegate's availability row: they are a participant already
				return apperr.New(apperr.Conflict, "This person takes part in the meetings of the trip already")
			}
			return err
		}
		return audit.Record(ctx, db, audit.Create, "meeting_participant", out.ID, out.Version, nil, out.view())
	})
	return out, err
}

// RemoveHost removes a host who has no open or scheduled meeting.
func RemoveHost(ctx context.Context, db *database.DB, tripID, personID string, version int) error {
	if err := canManage(auth.From(ctx)); err != nil {
		return err
	}
	return db.WithTx(ctx, func(ctx context.Context) error {
		var p Participant
		err := db.Conn(ctx).Where("trip_id = ? AND person_id = ? AND role = ?", tripID, personID, Host).Take(&p).Error
		if database.IsNotFound(err) {
			return apperr.New(apperr.NotFound, "No host %s on this trip", personID)
		}
		if err != nil {
			return err
		}
		if err := database.CheckVersion("meeting participant", p.Version, version); err != nil {
			return err
		}
		var n int64
		if err := db.Conn(ctx).Model(&Meeting{}).Where("trip_id = ? AND status IN ? AND (requester_person_id = ? OR receiver_person_id = ?)",
			tripID, []string{Requested, Accepted}, personID, personID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return apperr.New(apperr.Conflict, "The host has %d open or scheduled meetings; cancel them first", n)
		}
		if err := db.Conn(ctx).Exec("DELETE FROM meeting_availability WHERE trip_id = ? AND person_id = ?", tripID, personID).Error; err != nil {
			return err
		}
		if err := db.DeleteVersioned(ctx, "meeting_participants", "meeting participant", p.ID, version, database.Referrers{}); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Delete, "meeting_participant", p.ID, p.Version, p.view(), nil)
	})
}

// SetAvailability states the sessions a participant is available in,
// replacing what they stated before. Coordinators set it for anyone,
// members for their own organisation's people. Meetings already scheduled
// stay where they are.
func SetAvailability(ctx context.Context, db *database.DB, tripID, personID string, version int, sessionIDs []string) (Participant, error) {
	var out Participant
	err := db.WithTx(ctx, func(ctx context.Context) error {
		before, err := ParticipantOf(ctx, db, tripID, personID)
		if err != nil {
			return err
		}
		if err := canActFor(auth.From(ctx), before.OrganisationID, "state availability"); err != nil {
			return err
		}
		if err := database.CheckVersion("meeting participant", before.Version, version); err != nil {
			return err
		}
		sessions, err := Sessions(ctx, db, tripID)
		if err != nil {
			return err
		}
		var ids []string
		var bad apperr.Fields
		for _, s := range sessions {
			if slices.Contains(sessionIDs, s.ID) {
				ids = append(ids, s.ID)
			}
		}
		for _, id := range sessionIDs {
			if !slices.ContainsFunc(sessions, func(s Session) bool { return s.ID == id }) {
				bad.Add("session_ids", "%q is not a meeting session of this trip", id)
			}
		}
		if err := bad.Err(); err != nil {
			return err
		}
		after := before
		after.SessionIDs = ids
		if after.SessionIDs == nil {
			after.SessionIDs = []string{}
		}
		if before.ID == "" {
			// A delegate's first statement: the row appears with version
			// 2, so that a second first statement based on version 1 is
			// stale (the unique index on trip and person refuses it).
			now := database.Now()
			after.ID, after.Version, after.CreatedAt, after.UpdatedAt = uuid.Must(uuid.NewV7()).String(), 2, now, now
			err := db.WithTx(ctx, func(ctx context.Context) error { return db.Conn(ctx).Omit("SessionIDs").Create(&after).Error })
			if database.IsDuplicate(err) {
				return database.Stale("meeting participant", 2)
			}
			if err != nil {
				return err
			}
		} else {
			if after.Version, err = db.UpdateVersioned(ctx, "meeting_participants", "meeting participant", before.ID, version, nil); err != nil {
				return err
			}
			after.UpdatedAt = database.Now()
		}
		if err := db.Conn(ctx).Exec("DELETE FROM meeting_availability WHERE trip_id = ? AND person_id = ?", tripID, personID).Error; err != nil {
			return err
		}
		for _, id := range ids {
			if err := db.Conn(ctx).Exec("INSERT INTO meeting_availability (session_id, person_id, trip_id) VALUES (?, ?, ?)", id, personID, tripID).Error; err != nil {
				return err
			}
		}
		out = after
		return audit.Record(ctx, db, audit.Update, "meeting_participant", after.ID, after.Version, before.view(), after.view())
	})
	return out, err
}
