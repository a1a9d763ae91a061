package meeting

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/trip"
)

// Request asks for a meeting: from a participant to another participant,
// or to an organisation present at the trip (whose people answer it and
// name who attends).
type Request struct {
	RequesterPersonID      string
	ReceiverPersonID       *string
	ReceiverOrganisationID *string
	Message                string
	OpportunityID          *string
	// Direct: a coordinator's meeting, accepted at once and scheduled.
	Direct bool
}

func (in Request) validate() error {
	var bad apperr.Fields
	if uuid.Validate(in.RequesterPersonID) != nil {
		bad.Add("requester_person_id", "must be a person id")
	}
	switch {
	case (in.ReceiverPersonID == nil) == (in.ReceiverOrganisationID == nil):
		bad.Add("receiver_person_id", "name either receiver_person_id or receiver_organisation_id")
	case in.ReceiverPersonID != nil && uuid.Validate(*in.ReceiverPersonID) != nil:
		bad.Add("receiver_person_id", "must be a person id")
	case in.ReceiverOrganisationID != nil && uuid.Validate(*in.ReceiverOrganisationID) != nil:
		bad.Add("receiver_organisation_id", "must be an organisation id")
	}
	if in.Direct && in.ReceiverPersonID == nil {
		bad.Add("receiver_person_id", "a direct meeting names the person met")
	}
	if utf8.RuneCountInString(in.Message) > 2000 {
		bad.Add("message", "must be at most 2000 characters")
	}
	if in.OpportunityID != nil && uuid.Validate(*in.OpportunityID) != nil {
		bad.Add("opportunity_id", "must be an opportunity id")
	}
	return bad.Err()
}

// bookingClosed tells whether participants may no longer book: the trip
// has sessions and the booking window of none is open.
func bookingClosed(ctx context.Context, db *database.DB, tripID string) (bool, error) {
	var sessions []Session
	if err := db.Conn(ctx).Where("trip_id = ?", tripID).Find(&sessions).Error; err != nil {
		return false, err
	}
	now := database.Now()
	return len(sessions) > 0 && !slices.ContainsFunc(sessions, func(s Session) bool { return s.BookingOpen(now) }), nil
}

// Create sends a meeting request (or, for a coordinator with Direct,
// creates an accepted meeting and schedules it).
func Create(ctx context.Context, db *database.DB, tripID string, in Request) (Meeting, error) {
	in.Message = strings.TrimSpace(in.Message)
	if err := in.validate(); err != nil {
		return Meeting{}, err
	}
	caller := auth.From(ctx)
	if in.Direct {
		if err := canManage(caller); err != nil {
			return Meeting{}, err
		}
	}
	var out Meeting
	err := db.WithTx(ctx, func(ctx context.Context) error {
		t, err := getTrip(ctx, db, tripID)
		if err != nil {
			return err
		}
		if t.Status == trip.Cancelled {
			return apperr.New(apperr.Conflict, "The trip is cancelled")
		}
		people, err := Participants(ctx, db, tripID)
		if err != nil {
			return err
		}
		find := func(id string) (Participant, bool) {
			i := slices.IndexFunc(people, func(p Participant) bool { return p.PersonID == id })
			if i < 0 {
				return Participant{}, false
			}
			return people[i], true
		}
		from, ok := find(in.RequesterPersonID)
		if !ok {
			return apperr.Fields{{Field: "requester_person_id", Message: "does not take part in the meetings of this trip"}}.Err()
		}
		if err := canActFor(caller, from.OrganisationID, "request meetings"); err != nil {
			return err
		}
		now := database.Now()
		m := Meeting{ID: uuid.Must(uuid.NewV7()).String(), TripID: tripID, RequesterPersonID: from.PersonID, RequesterOrganisationID: from.OrganisationID,
			Message: in.Message, OpportunityID: in.OpportunityID, Status: Requested, Direct: in.Direct, Version: 1, CreatedAt: now, UpdatedAt: now}
		if in.ReceiverPersonID != nil {
			to, ok := find(*in.ReceiverPersonID)
			if !ok {
				return apperr.Fields{{Field: "receiver_person_id", Message: "does not take part in the meetings of this trip"}}.Err()
			}
			m.ReceiverPersonID, m.ReceiverOrganisationID = &to.PersonID, to.OrganisationID
		} else {
			m.ReceiverOrganisationID = *in.ReceiverOrganisationID
			if !slices.ContainsFunc(people, func(p Participant) bool { return p.OrganisationID == m.ReceiverOrganisationID }) {
				return apperr.Fields{{Field: "receiver_organisation_id", Message: "has nobody taking part in the meetings of this trip"}}.Err()
			}
		}
		if m.ReceiverOrganisationID == m.RequesterOrganisationID {
			return apperr.Fields{{Field: "receiver_person_id", Message: "is of the requester's own organisation; meetings are between organisations"}}.Err()
		}
		if !caller.IsCoordinator() {
			closed, err := bookingClosed(ctx, db, tripID)
			if err != nil {
				return err
			}
			if closed {
				return apperr.New(apperr.Conflict, "Booking of meetings is closed for this trip")
			}
		}
		if m.OpportunityID != nil {
			// The opportunity the meeting is about, as its caller may read it
			// (a draft of another organisation is no opportunity to them).
			err := opportunity.CheckReadable(ctx, db, *m.OpportunityID)
			if apperr.Is(err, apperr.NotFound) {
				return apperr.Fields{{Field: "opportunity_id", Message: "is not an opportunity"}}.Err()
			}
			if err != nil {
				return err
			}
		}
		if err := checkDuplicate(ctx, db, m); err != nil {
			return err
		}
		if in.Direct {
			m.Status, m.AnsweredAt = Accepted, &now
			if err := placeMeeting(ctx, db, &m, false, "", -1); err != nil {
				return err
			}
		}
		if err := db.Conn(ctx).Create(&m).Error; err != nil {
			return err
		}
		out = m
		return audit.Record(ctx, db, audit.Create, "meeting", m.ID, m.Version, nil, m.view())
	})
	return out, err
}

// checkDuplicate refuses a second open request between the same two
// sides (in either direction).
func checkDuplicate(ctx context.Context, db *database.DB, m Meeting) error {
	q := db.Conn(ctx).Model(&Meeting{}).Where("trip_id = ? AND status IN ?", m.TripID, []string{Requested, Accepted})
	if m.ReceiverPersonID != nil {
		a, b := m.RequesterPersonID, *m.ReceiverPersonID
		q = q.Where("(requester_person_id = ? AND receiver_person_id = ?) OR (requester_person_id = ? AND receiver_person_id = ?)", a, b, b, a)
	} else {
		q = q.Where("requester_person_id = ? AND receiver_organisation_id = ? AND receiver_person_id IS NULL", m.RequesterPersonID, m.ReceiverOrganisationID)
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return apperr.New(apperr.Conflict, "There is an open meeting request between them already")
	}
	return nil
}

// Get returns a meeting of the trip the caller may read.
func Get(ctx context.Context, db *database.DB, tripID, id string) (Meeting, error) {
	m, err := database.Get[Meeting](ctx, db, "meeting", id)
	if err == nil && m.TripID != tripID {
		return Meeting{}, apperr.New(apperr.NotFound, "No meeting %s on this trip", id)
	}
	if err != nil {
		return m, err
	}
	if !canRead(auth.From(ctx), m) {
		return Meeting{}, apperr.New(apperr.Forbidden, "Members see only the meetings of their own organisation")
	}
	return m, nil
}

// load returns the meeting for a change based on version.
func load(ctx context.Context, db *database.DB, tripID, id string, version int) (Meeting, error) {
	m, err := Get(ctx, db, tripID, id)
	if err != nil {
		return m, err
	}
	return m, database.CheckVersion("meeting", m.Version, version)
}

// write stores a meeting's changed fields based on its version and records the event.
func write(ctx context.Context, db *database.DB, action string, before Meeting, after *Meeting, extra map[string]any) error {
	set := placementColumns(*after)
	set["status"], set["receiver_person_id"], set["video_link"], set["decline_reason"] = after.Status, after.ReceiverPersonID, after.VideoLink, after.DeclineReason
	set["cancel_reason"], set["no_show"], set["answered_at"], set["cancelled_at"] = after.CancelReason, after.NoShow, after.AnsweredAt, after.CancelledAt
	for k, v := range extra {
		set[k] = v
	}
	v, err := db.UpdateVersioned(ctx, "meetings", "meeting", before.ID, before.Version, set)
	if err != nil {
		return err
	}
	after.Version, after.UpdatedAt = v, database.Now()
	return audit.Record(ctx, db, action, "meeting", after.ID, after.Version, before.view(), after.view())
}

// Accept accepts a request and schedules the meeting where both sides are
// available and free, and a place is. personID names who attends for an
// organisation that was asked (one of its participants). A meeting that
// fits nowhere stays accepted and unscheduled, with the reason.
func Accept(ctx context.Context, db *database.DB, tripID, id string, version int, personID *string) (Meeting, error) {
	var out Meeting
	err := retryDeadlock(func() error {
		return db.WithTx(ctx, func(ctx context.Context) error {
			before, err := load(ctx, db, tripID, id, version)
			if err != nil {
				return err
			}
			caller := auth.From(ctx)
			if err := canActFor(caller, before.ReceiverOrganisationID, "answer meeting requests"); err != nil {
				return err
			}
			if before.Status != Requested {
				return apperr.New(apperr.Conflict, "The request is %s; only a requested meeting can be accepted", before.Status)
			}
			after := before
			if personID != nil {
				if before.ReceiverPersonID != nil && *before.ReceiverPersonID != *personID {
					return apperr.Fields{{Field: "person_id", Message: "the request names another person"}}.Err()
				}
				p, err := ParticipantOf(ctx, db, tripID, *personID)
				if err != nil || p.OrganisationID != before.ReceiverOrganisationID {
					return apperr.Fields{{Field: "person_id", Message: "must be a meeting participant of the organisation asked"}}.Err()
				}
				after.ReceiverPersonID = &p.PersonID
			}
			if after.ReceiverPersonID == nil {
				return apperr.Fields{{Field: "person_id", Message: "name who attends for the organisation asked"}}.Err()
			}
			now := database.Now()
			after.Status, after.AnsweredAt = Accepted, &now
			if err := placeMeeting(ctx, db, &after, !caller.IsCoordinator(), "", -1); err != nil {
				return err
			}
			out = after
			return write(ctx, db, "accept", before, &out, nil)
		})
	})
	return out, err
}

// retryDeadlock runs fn again when PostgreSQL chose it as a deadlock's
// victim (two acceptances waiting for each other's bookings).
func retryDeadlock(fn func() error) error {
	var err error
	for range 5 {
		err = fn()
		if err == nil || !strings.Contains(err.Error(), "40P01") {
			return err
		}
	}
	return err
}

// Decline declines a request.
func Decline(ctx context.Context, db *database.DB, tripID, id string, version int, reason string) (Meeting, error) {
	var out Meeting
	err := db.WithTx(ctx, func(ctx context.Context) error {
		before, err := load(ctx, db, tripID, id, version)
		if err != nil {
			return err
		}
		if err := canActFor(auth.From(ctx), before.ReceiverOrganisationID, "answer meeting requests"); err != nil {
			return err
		}
		if before.Status != Requested {
			return apperr.New(apperr.Conflict, "The request is %s; only a requested meeting can be declined", before.Status)
		}
		if err := checkReason("reason", reason); err != nil {
			return err
		}
		now := database.Now()
		out = before
		out.Status, out.AnsweredAt, out.DeclineReason = Declined, &now, strings.TrimSpace(reason)
		return write(ctx, db, "decline", before, &out, nil)
	})
	return out, err
}

func checkReason(field, s string) error {
	if utf8.RuneCountInString(s) > 2000 {
		return apperr.Fields{{Field: field, Message: "must be at most 2000 characters"}}.Err()
	}
	return nil
}

// Cancel cancels a request or meeting; either side (or a coordinator)
// may, and the other side is told.
func Cancel(ctx context.Context, db *database.DB, tripID, id string, version int, reason string) (Meeting, error) {
	var out Meeting
	err := db.WithTx(ctx, func(ctx context.Context) error {
		before, err := load(ctx, db, tripID, id, version)
		if err != nil {
			return err
		}
		caller := auth.From(ctx)
		if err := canActFor(caller, before.RequesterOrganisationID, "cancel meetings"); err != nil {
			if canActFor(caller, before.ReceiverOrganisationID, "cancel meetings") != nil {
				return err
			}
		}
		if before.Status != Requested && before.Status != Accepted {
			return apperr.New(apperr.Conflict, "The meeting is %s already", before.Status)
		}
		if err := checkReason("reason", reason); err != nil {
			return err
		}
		if err := unbook(ctx, db, id); err != nil {
			return err
		}
		now := database.Now()
		out = before
		out.Status, out.CancelledAt, out.CancelReason = Cancelled, &now, strings.TrimSpace(reason)
		// The time it had stays in the record (and the calendar shows it
		// cancelled); the slot and place are free again.
		return write(ctx, db, "cancel", before, &out, nil)
	})
	return out, err
}

// Target is where a coordinator moves a meeting; nil moves it to the
// next free slot that is not its current one.
type Target struct {
	SessionID string
	Slot      int
	PlaceID   string
}

// Reschedule moves an accepted meeting (coordinators).
func Reschedule(ctx context.Context, db *database.DB, tripID, id string, version int, to *Target) (Meeting, error) {
	if err := canManage(auth.From(ctx)); err != nil {
		return Meeting{}, err
	}
	var out Meeting
	err := retryDeadlock(func() error {
		return db.WithTx(ctx, func(ctx context.Context) error {
			before, err := load(ctx, db, tripID, id, version)
			if err != nil {
				return err
			}
			if before.Status != Accepted || before.ReceiverPersonID == nil {
				return apperr.New(apperr.Conflict, "Only an accepted meeting can be scheduled (this one is %s)", before.Status)
			}
			if err := unbook(ctx, db, id); err != nil {
				return err
			}
			after := before
			if to == nil {
				avoidSession, avoidSlot := "", -1
				if before.Scheduled() {
					avoidSession, avoidSlot = *before.SessionID, *before.Slot
				}
				if err := placeMeeting(ctx, db, &after, false, avoidSession, avoidSlot); err != nil {
					return err
				}
				if !after.Scheduled() {
					return apperr.New(apperr.Conflict, "No other free slot: %s", after.UnplacedReason).With("reason", after.UnplacedReason)
				}
			} else {
				s, err := session(ctx, db, tripID, to.SessionID)
				if err != nil {
					return apperr.Fields{{Field: "session_id", Message: "is not a meeting session of this trip"}}.Err()
				}
				pl, err := place(ctx, db, tripID, to.PlaceID)
				if err != nil {
					return apperr.Fields{{Field: "place_id", Message: "is not a meeting place of this trip"}}.Err()
				}
				if to.Slot < 0 || to.Slot >= s.SlotCount() {
					return apperr.Fields{{Field: "slot", Message: "must be from 0 to " + itoa(s.SlotCount()-1)}}.Err()
				}
				at := placement{session: &s, slot: to.Slot, place: &pl}
				if err := insertBookings(ctx, db, at.bookings(after)); database.IsDuplicate(err) {
					return apperr.New(apperr.Conflict, "Someone of the meeting or the place is booked in that slot already")
				} else if err != nil {
					return err
				}
				at.apply(&after)
			}
			out = after
			return write(ctx, db, "reschedule", before, &out, nil)
		})
	})
	return out, err
}

func itoa(n int) string { return strconv.Itoa(n) }

// Patch changes what coordinators keep of a meeting: the video link and
// who did not show up.
type Patch struct {
	VideoLink opt.Field[string]
	NoShow    opt.Field[string]
}

// Update applies a coordinator's patch.
func Update(ctx context.Context, db *database.DB, tripID, id string, version int, in Patch) (Meeting, error) {
	if err := canManage(auth.From(ctx)); err != nil {
		return Meeting{}, err
	}
	var out Meeting
	err := db.WithTx(ctx, func(ctx context.Context) error {
		before, err := load(ctx, db, tripID, id, version)
		if err != nil {
			return err
		}
		after := before
		var bad apperr.Fields
		if in.VideoLink.Set {
			after.VideoLink = strings.TrimSpace(in.VideoLink.Value)
			if l := after.VideoLink; l != "" && (!strings.HasPrefix(l, "https://") || utf8.RuneCountInString(l) > 500 || strings.ContainsAny(l, " \t\r\n")) {
				bad.Add("video_link", "must be an https:// link of at most 500 characters")
			}
		}
		if in.NoShow.Set {
			after.NoShow = in.NoShow.Value
			if after.NoShow != "" && !slices.Contains(NoShows, after.NoShow) {
				bad.Add("no_show", "must be requester, receiver, both or null")
			}
			if after.NoShow != "" && !before.Scheduled() {
				bad.Add("no_show", "only a scheduled meeting can be missed")
			}
		}
		if err := bad.Err(); err != nil {
			return err
		}
		out = after
		return write(ctx, db, audit.Update, before, &out, nil)
	})
	return out, err
}

// Filter narrows a trip's meeting list.
type Filter struct {
	Status    string
	Scheduled *bool
	Person    string
	Org       string
	Session   string
}

// Sort is the meeting list's order: oldest request first.
var Sort = page.Spec{
	Default: "created_at",
	Fields: []page.Field{
		{Name: "created_at", Column: "created_at", Kind: page.Time},
		{Name: "updated_at", Column: "updated_at", Kind: page.Time},
	},
}

// List returns one page of the trip's meetings the caller may read.
func List(ctx context.Context, db *database.DB, tripID string, f Filter, p page.Page) ([]Meeting, *string, error) {
	if _, err := database.Get[trip.Trip](ctx, db, "trip", tripID); err != nil {
		return nil, nil, err
	}
	q := db.Conn(ctx).Model(&Meeting{}).Where("trip_id = ?", tripID)
	if c := auth.From(ctx); !SeesAll(c) {
		if c.OrganisationID == "" {
			return []Meeting{}, nil, nil
		}
		q = q.Where("(requester_organisation_id = ? OR receiver_organisation_id = ?)", c.OrganisationID, c.OrganisationID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.Scheduled != nil {
		if *f.Scheduled {
			q = q.Where("session_id IS NOT NULL")
		} else {
			q = q.Where("session_id IS NULL")
		}
	}
	if f.Person != "" {
		q = q.Where("(requester_person_id = ? OR receiver_person_id = ?)", f.Person, f.Person)
	}
	if f.Org != "" {
		q = q.Where("(requester_organisation_id = ? OR receiver_organisation_id = ?)", f.Org, f.Org)
	}
	if f.Session != "" {
		q = q.Where("session_id = ?", f.Session)
	}
	var rows []Meeting
	if err := p.Find(q, &rows); err != nil {
		return nil, nil, err
	}
	items, next := page.Finish(p, rows, func(m Meeting, field string) page.Key {
		if field == "updated_at" {
			return page.Key{Value: m.UpdatedAt, ID: m.ID}
		}
		return page.Key{Value: m.CreatedAt, ID: m.ID}
	})
	return items, next, nil
}
