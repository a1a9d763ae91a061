package trip

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
)

// News is what a change did to one registration, for the people it
// concerns to hear about: the registered person and the users of their
// organisation (the trip_registration notification). This package says
// what happened; the caller tells them, in the change's transaction, so
// that they hear of it exactly when it commits.
type News struct {
	What string // one of the News… values
	// Participant is the registration after the change (Position for
	// NewsWaitlisted; Status confirmed or waitlisted for the trip's news).
	Participant Participant
}

// What happened to a registration.
const (
	NewsConfirmed     = "confirmed"      // registered with a seat
	NewsWaitlisted    = "waitlisted"     // registered on the waitlist
	NewsPromoted      = "promoted"       // moved up from the waitlist to a seat
	NewsCancelled     = "cancelled"      // the registration was cancelled
	NewsTripCancelled = "trip_cancelled" // the trip was called off
	NewsTripChanged   = "trip_changed"   // the trip's dates changed
)

// Registered is the news of a new registration: a seat or a place on the
// waitlist.
func Registered(p Participant) News {
	if p.Status == Waitlisted {
		return News{What: NewsWaitlisted, Participant: p}
	}
	return News{What: NewsConfirmed, Participant: p}
}

// tripNews is the news of a trip change for everyone registered: the
// trip called off, or its dates moved. A registration promoted by the same
// change already has its news (the promotion, with the new dates), unless
// the trip is called off, which is what everyone must hear.
func tripNews(ctx context.Context, db *database.DB, before, after Trip, promoted []News) ([]News, error) {
	cancelled := after.Status == Cancelled
	moved := after.StartDate != before.StartDate || after.EndDate != before.EndDate
	if before.Status == Cancelled || (!cancelled && !moved) {
		return promoted, nil
	}
	what := NewsTripChanged
	if cancelled {
		what = NewsTripCancelled
	}
	told := map[string]bool{}
	out := []News{}
	if !cancelled {
		for _, n := range promoted {
			told[n.Participant.ID] = true
		}
		out = append(out, promoted...)
	}
	var active []Participant
	if err := db.Conn(ctx).Where("trip_id = ? AND status <> ?", after.ID, Withdrawn).Order("registered_at, id").Find(&active).Error; err != nil {
		return nil, err
	}
	if err := withPositions(ctx, db, after.ID, active); err != nil {
		return nil, err
	}
	for _, p := range active {
		if !told[p.ID] {
			out = append(out, News{What: what, Participant: p})
		}
	}
	return out, nil
}
