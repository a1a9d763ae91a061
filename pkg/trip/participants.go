package trip

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
)

func authFrom(ctx context.Context) auth.Principal { return auth.From(ctx) }

// Participation statuses.
const (
	Confirmed  = "confirmed"
	Waitlisted = "waitlisted"
	Withdrawn  = "cancelled"
)

// Participant is one registration of a person for a trip.
type Participant struct {
	ID             string
	TripID         string
	PersonID       string
	OrganisationID string
	Status         string
	RegisteredAt   time.Time
	CancelledAt    *time.Time
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// Position is the place on the waitlist (1 is next), 0 otherwise;
	// derived, so the positions never have gaps.
	Position int `gorm:"-"`
}

func (Participant) TableName() string { return "trip_participants" }

type participantView struct {
	PersonID       string `json:"person_id"`
	OrganisationID string `json:"organisation_id"`
	Status         string `json:"status"`
}

// canRegister: coordinators register anyone; members (and member keys)
// the people of their own organisation; keys need write:trips.
func canRegister(p auth.Principal, orgID string) error {
	if !p.Allows(auth.ScopeWriteTrips) {
		return apperr.New(apperr.Forbidden, "This API key lacks the write:trips scope")
	}
	if p.IsCoordinator() || (p.Role == auth.RoleMember && p.OrganisationID != "" && p.OrganisationID == orgID) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "You may register only people of your own organisation")
}

// Registrant is who registers: a person and the organisation they
// belong to, as the person package reads them (person.RegisterForTrip).
type Registrant struct{ PersonID, OrganisationID string }

// Register signs a person up. Seats are confirmed up to the capacity, then
// the person waits in registration order. It holds under concurrency: the
// trip row is locked for the transaction, so registrations take turns.
func Register(ctx context.Context, db *database.DB, tripID string, who Registrant) (Participant, error) {
	var out Participant
	err := db.WithTx(ctx, func(ctx context.Context) error {
		t, err := lock(ctx, db, tripID)
		if err != nil {
			return err
		}
		if err := canRegister(auth.From(ctx), who.OrganisationID); err != nil {
			return err
		}
		now := database.Now()
		if t.Status != RegistrationOpen {
			return apperr.New(apperr.Conflict, "Registration is not open for this trip (status %s)", t.Status)
		}
		if t.RegistrationDeadline != nil && !now.Before(*t.RegistrationDeadline) {
			return apperr.New(apperr.Conflict, "The registration deadline has passed")
		}
		var active int64
		if err := db.Conn(ctx).Model(&Participant{}).Where("trip_id = ? AND person_id = ? AND status <> ?", tripID, who.PersonID, Withdrawn).Count(&active).Error; err != nil {
			return err
		}
		if active > 0 {
			return apperr.New(apperr.Conflict, "This person is registered for the trip already")
		}
		status := Confirmed
		if t.Capacity != nil {
			var confirmed int64
			if err := db.Conn(ctx).Model(&Participant{}).Where("trip_id = ? AND status = ?", tripID, Confirmed).Count(&confirmed).Error; err != nil {
				return err
			}
			if confirmed >= int64(*t.Capacity) {
				status = Waitlisted
			}
		}
		out = Participant{ID: uuid.Must(uuid.NewV7()).String(), TripID: tripID, PersonID: who.PersonID, OrganisationID: who.OrganisationID,
			Status: status, RegisteredAt: now, Version: 1, CreatedAt: now, UpdatedAt: now}
		if err := db.Conn(ctx).Create(&out).Error; err != nil {
			if database.IsDuplicate(err) {
				return apperr.New(apperr.Conflict, "This person is registered for the trip already")
			}
			return err
		}
		return audit.Record(ctx, db, "register", "trip_participant", out.ID, out.Version, nil, participantView{who.PersonID, who.OrganisationID, status})
	})
	if err != nil {
		return Participant{}, err
	}
	return participant(ctx, db, tripID, out.ID)
}

// Cancel withdraws a registration. A freed seat goes to the first person
// waiting, in the same transaction. The news is the cancellation and the
// promotions it caused.
func Cancel(ctx context.Context, db *database.DB, tripID, id string, version int) ([]News, error) {
	var news []News
	err := db.WithTx(ctx, func(ctx context.Context) error {
		t, err := lock(ctx, db, tripID)
		if err != nil {
			return err
		}
		before, err := participant(ctx, db, tripID, id)
		if err != nil {
			return err
		}
		if err := canRegister(auth.From(ctx), before.OrganisationID); err != nil {
			return err
		}
		if err := database.CheckVersion("registration", before.Version, version); err != nil {
			return err
		}
		if before.Status == Withdrawn {
			return apperr.New(apperr.Conflict, "The registration is cancelled already")
		}
		now := database.Now()
		v, err := db.UpdateVersioned(ctx, "trip_participants", "registration", id, version, map[string]any{"status": Withdrawn, "cancelled_at": now})
		if err != nil {
			return err
		}
		if err := audit.Record(ctx, db, "cancel", "trip_participant", id, v, participantView{before.PersonID, before.OrganisationID, before.Status}, participantView{before.PersonID, before.OrganisationID, Withdrawn}); err != nil {
			return err
		}
		after := before
		after.Status, after.CancelledAt, after.Version, after.Position = Withdrawn, &now, v, 0
		promoted, err := fillSeats(ctx, db, t)
		news = append([]News{{What: NewsCancelled, Participant: after}}, promoted...)
		return err
	})
	if err != nil {
		return nil, err
	}
	return news, nil
}

// fillSeats confirms waiting people, first come first served, while seats
// are free, and returns the news of each promotion. Callers hold the
// trip's lock.
func fillSeats(ctx context.Context, db *database.DB, t Trip) ([]News, error) {
	var news []News
	for {
		if t.Capacity != nil {
			var confirmed int64
			if err := db.Conn(ctx).Model(&Participant{}).Where("trip_id = ? AND status = ?", t.ID, Confirmed).Count(&confirmed).Error; err != nil {
				return nil, err
			}
			if confirmed >= int64(*t.Capacity) {
				return news, nil
			}
		}
		var first Participant
		err := db.Conn(ctx).Where("trip_id = ? AND status = ?", t.ID, Waitlisted).Order("registered_at, id").Take(&first).Error
		if database.IsNotFound(err) {
			return news, nil
		}
		if err != nil {
			return nil, err
		}
		v, err := db.UpdateVersioned(ctx, "trip_participants", "registration", first.ID, first.Version, map[string]any{"status": Confirmed})
		if err != nil {
			return nil, err
		}
		if err := audit.Record(ctx, db, "promote", "trip_participant", first.ID, v, participantView{first.PersonID, first.OrganisationID, Waitlisted}, participantView{first.PersonID, first.OrganisationID, Confirmed}); err != nil {
			return nil, err
		}
		first.Status, first.Version = Confirmed, v
		news = append(news, News{What: NewsPromoted, Participant: first})
	}
}

func participant(ctx context.Context, db *database.DB, tripID, id string) (Participant, error) {
	p, err := database.Get[Participant](ctx, db, "registration", id)
	if err == nil && p.TripID != tripID {
		return Participant{}, apperr.New(apperr.NotFound, "No registration %s on this trip", id)
	}
	if err != nil {
		return p, err
	}
	list := []Participant{p}
	if err := withPositions(ctx, db, tripID, list); err != nil {
		return p, err
	}
	return list[0], nil
}

// Participants returns a trip's registrations in registration order, with
// waitlist positions.
func Participants(ctx context.Context, db *database.DB, tripID string) ([]Participant, error) {
	if _, err := database.Get[Trip](ctx, db, "trip", tripID); err != nil {
		return nil, err
	}
	var list []Participant
	if err := db.Conn(ctx).Where("trip_id = ?", tripID).Order("registered_at, id").Find(&list).Error; err != nil {
		return nil, err
	}
	return list, withPositions(ctx, db, tripID, list)
}

// withPositions numbers the waiting registrations 1, 2, 3, … in order.
func withPositions(ctx context.Context, db *database.DB, tripID string, list []Participant) error {
	var waiting []string
	if err := db.Conn(ctx).Model(&Participant{}).Where("trip_id = ? AND status = ?", tripID, Waitlisted).Order("registered_at, id").Pluck("id", &waiting).Error; err != nil {
		return err
	}
	pos := map[string]int{}
	for i, id := range waiting {
		pos[id] = i + 1
	}
	for i := range list {
		list[i].Position = pos[list[i].ID]
	}
	return nil
}

// WithdrawPerson cancels every active registration of a person who is
// being deleted, giving their seats to the people waiting. The caller has
// already been allowed to delete the person. The news is the promotions
// only: the person, whose data goes with them, hears nothing.
func WithdrawPerson(ctx context.Context, db *database.DB, personID string) ([]News, error) {
	var regs []Participant
	if err := db.Conn(ctx).Where("person_id = ? AND status <> ?", personID, Withdrawn).Find(&regs).Error; err != nil {
		return nil, err
	}
	var news []News
	for _, r := range regs {
		t, err := lock(ctx, db, r.TripID)
		if err != nil {
			return nil, err
		}
		v, err := db.UpdateVersioned(ctx, "trip_participants", "registration", r.ID, r.Version, map[string]any{"status": Withdrawn, "cancelled_at": database.Now()})
		if err != nil {
			return nil, err
		}
		if err := audit.Record(ctx, db, "cancel", "trip_participant", r.ID, v, participantView{r.PersonID, r.OrganisationID, r.Status}, participantView{r.PersonID, r.OrganisationID, Withdrawn}); err != nil {
			return nil, err
		}
		promoted, err := fillSeats(ctx, db, t)
		if err != nil {
			return nil, err
		}
		news = append(news, promoted...)
	}
	return news, nil
}
