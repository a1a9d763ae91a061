package meeting

import (
	"context"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/trip"
)

type sessionView struct {
	Day             string     `json:"day"`
	StartTime       string     `json:"start_time"`
	EndTime         string     `json:"end_time"`
	MeetingMinutes  int        `json:"meeting_minutes"`
	BreakMinutes    int        `json:"break_minutes"`
	BookingOpensAt  *time.Time `json:"booking_opens_at"`
	BookingClosesAt *time.Time `json:"booking_closes_at"`
}

func (s Session) view() sessionView {
	return sessionView{s.Day, s.StartTime, s.EndTime, s.MeetingMinutes, s.BreakMinutes, s.BookingOpensAt, s.BookingClosesAt}
}

var clock = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)

// place computes the instants from the day and times in the trip's zone
// and checks the session against the rules and the trip.
func (s *Session) place(t trip.Trip) error {
	var bad apperr.Fields
	if _, err := time.Parse(time.DateOnly, s.Day); err != nil {
		bad.Add("day", "must be a date such as 2026-04-14")
	} else if s.Day < t.StartDate || s.Day > t.EndDate {
		bad.Add("day", "must fall within the trip (%s to %s)", t.StartDate, t.EndDate)
	}
	if !clock.MatchString(s.StartTime) {
		bad.Add("start_time", "must be a time such as 09:00")
	}
	if !clock.MatchString(s.EndTime) {
		bad.Add("end_time", "must be a time such as 12:30")
	}
	if s.MeetingMinutes < 5 || s.MeetingMinutes > 240 {
		bad.Add("meeting_minutes", "must be 5 to 240")
	}
	if s.BreakMinutes < 0 || s.BreakMinutes > 120 {
		bad.Add("break_minutes", "must be 0 to 120")
	}
	if s.BookingOpensAt != nil {
		v := s.BookingOpensAt.UTC().Truncate(time.Microsecond)
		s.BookingOpensAt = &v
	}
	if s.BookingClosesAt != nil {
		v := s.BookingClosesAt.UTC().Truncate(time.Microsecond)
		s.BookingClosesAt = &v
	}
	if s.BookingOpensAt != nil && s.BookingClosesAt != nil && !s.BookingClosesAt.After(*s.BookingOpensAt) {
		bad.Add("booking_closes_at", "must be after booking_opens_at")
	}
	if err := bad.Err(); err != nil {
		return err
	}
	loc := t.Location()
	start, _ := time.ParseInLocation("2006-01-02 15:04", s.Day+" "+s.StartTime, loc)
	end, _ := time.ParseInLocation("2006-01-02 15:04", s.Day+" "+s.EndTime, loc)
	s.StartsAt, s.EndsAt = start.UTC(), end.UTC()
	if !s.EndsAt.After(s.StartsAt) {
		bad.Add("end_time", "must be after start_time")
	} else if s.SlotCount() < 1 {
		bad.Add("meeting_minutes", "no meeting of this length fits between start_time and end_time")
	}
	return bad.Err()
}

// checkOverlap refuses a session that overlaps another of the trip: a
// slot is then one time for everyone, which is what keeps a person who
// meets in two sessions from being in two places at once.
func checkOverlap(ctx context.Context, db *database.DB, s Session) error {
	var n int64
	if err := db.Conn(ctx).Model(&Session{}).Where("trip_id = ? AND id <> ? AND starts_at < ? AND ends_at > ?", s.TripID, s.ID, s.EndsAt, s.StartsAt).
		Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return apperr.Fields{{Field: "start_time", Message: "overlaps another meeting session of this trip"}}.Err()
	}
	return nil
}

// Sessions returns a trip's sessions in time order.
func Sessions(ctx context.Context, db *database.DB, tripID string) ([]Session, error) {
	if _, err := database.Get[trip.Trip](ctx, db, "trip", tripID); err != nil {
		return nil, err
	}
	var out []Session
	err := db.Conn(ctx).Where("trip_id = ?", tripID).Order("starts_at, id").Find(&out).Error
	return out, err
}

// AddSession adds a session to a trip.
func AddSession(ctx context.Context, db *database.DB, tripID string, s Session) (Session, error) {
	if err := canManage(auth.From(ctx)); err != nil {
		return Session{}, err
	}
	now := database.Now()
	s.ID, s.TripID, s.Version, s.CreatedAt, s.UpdatedAt = uuid.Must(uuid.NewV7()).String(), tripID, 1, now, now
	err := db.WithTx(ctx, func(ctx context.Context) error {
		t, err := getTrip(ctx, db, tripID)
		if err != nil {
			return err
		}
		if err := s.place(t); err != nil {
			return err
		}
		if err := checkOverlap(ctx, db, s); err != nil {
			return err
		}
		if err := db.Conn(ctx).Create(&s).Error; err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Create, "meeting_session", s.ID, s.Version, nil, s.view())
	})
	return s, err
}

// SessionPatch changes a session.
type SessionPatch struct {
	Day, StartTime, EndTime         opt.Field[string]
	MeetingMinutes, BreakMinutes    opt.Field[int]
	BookingOpensAt, BookingClosesAt opt.Field[time.Time]
}

func session(ctx context.Context, db *database.DB, tripID, id string) (Session, error) {
	s, err := database.Get[Session](ctx, db, "meeting session", id)
	if err == nil && s.TripID != tripID {
		return Session{}, apperr.New(apperr.NotFound, "No meeting session %s on this trip", id)
	}
	return s, err
}

func setTime(dst **time.Time, f opt.Field[time.Time]) {
	if f.Set {
		*dst = nil
		if !f.Null {
			v := f.Value
			*dst = &v
		}
	}
}

// UpdateSession changes a session. Its times may change only while no
// meeting is scheduled in it (the slots would move under them).
func UpdateSession(ctx context.Context, db *database.DB, tripID, id string, version int, in SessionPatch) (Session, error) {
	if err := canManage(auth.From(ctx)); err != nil {
		return Session{}, err
	}
	var out Session
	err := db.WithTx(ctx, func(ctx context.Context) error {
		before, err := session(ctx, db, tripID, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("meeting session", before.Version, version); err != nil {
			return err
		}
		after := before
		for dst, f := range map[*string]opt.Field[string]{&after.Day: in.Day, &after.StartTime: in.StartTime, &after.EndTime: in.EndTime} {
			if f.Set {
				*dst = f.Value
			}
		}
		for dst, f := range map[*int]opt.Field[int]{&after.MeetingMinutes: in.MeetingMinutes, &after.BreakMinutes: in.BreakMinutes} {
			if f.Set {
				*dst = f.Value
			}
		}
		setTime(&after.BookingOpensAt, in.BookingOpensAt)
		setTime(&after.BookingClosesAt, in.BookingClosesAt)
		t, err := getTrip(ctx, db, tripID)
		if err != nil {
			return err
		}
		if err := after.place(t); err != nil {
			return err
		}
		if err := checkOverlap(ctx, db, after); err != nil {
			return err
		}
		timing := after.Day != before.Day || after.StartTime != before.StartTime || after.EndTime != before.EndTime ||
			after.MeetingMinutes != before.MeetingMinutes || after.BreakMinutes != before.BreakMinutes
		if timing {
			var n int64
			if err := db.Conn(ctx).Model(&Meeting{}).Where("session_id = ?", id).Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				return apperr.New(apperr.Conflict, "%d meetings are scheduled in this session; move or cancel them before changing its times", n)
			}
		}
		if after.Version, err = db.UpdateVersioned(ctx, "meeting_sessions", "meeting session", id, version, map[string]any{
			"day": after.Day, "start_time": after.StartTime, "end_time": after.EndTime, "starts_at": after.StartsAt, "ends_at": after.EndsAt,
			"meeting_minutes": after.MeetingMinutes, "break_minutes": after.BreakMinutes,
			"booking_opens_at": after.BookingOpensAt, "booking_closes_at": after.BookingClosesAt,
		}); err != nil {
			return err
		}
		after.UpdatedAt = database.Now()
		out = after
		return audit.Record(ctx, db, audit.Update, "meeting_session", id, after.Version, before.view(), after.view())
	})
	return out, err
}

var sessionReferrers = database.Referrers{From: []database.Referrer{{Table: "meetings", Column: "session_id", Noun: "meetings"}}}

// DeleteSession removes a session in which no meeting is scheduled.
func DeleteSession(ctx context.Context, db *database.DB, tripID, id string, version int) error {
	if err := canManage(auth.From(ctx)); err != nil {
		return err
	}
	return db.WithTx(ctx, func(ctx context.Context) error {
		before, err := session(ctx, db, tripID, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("meeting session", before.Version, version); err != nil {
			return err
		}
		if err := db.DeleteVersioned(ctx, "meeting_sessions", "meeting session", id, version, sessionReferrers); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Delete, "meeting_session", id, before.Version, before.view(), nil)
	})
}

type placeView struct {
	Name    string `json:"name"`
	Virtual bool   `json:"virtual"`
}

func (p Place) view() placeView { return placeView{p.Name, p.Virtual} }

func (p *Place) check() error {
	p.Name = strings.TrimSpace(p.Name)
	if n := utf8.RuneCountInString(p.Name); n < 1 || n > 200 {
		return apperr.Fields{{Field: "name", Message: "must be 1 to 200 characters"}}.Err()
	}
	return nil
}

func duplicatePlace(err error) error {
	if database.IsDuplicate(err) {
		return apperr.Fields{{Field: "name", Message: "another place of this trip has this name"}}.Err()
	}
	return err
}

// Places returns a trip's places by name.
func Places(ctx context.Context, db *database.DB, tripID string) ([]Place, error) {
	if _, err := database.Get[trip.Trip](ctx, db, "trip", tripID); err != nil {
		return nil, err
	}
	var out []Place
	err := db.Conn(ctx).Where("trip_id = ?", tripID).Order("name, id").Find(&out).Error
	return out, err
}

// AddPlace adds a table or room (or a virtual place) to a trip.
func AddPlace(ctx context.Context, db *database.DB, tripID string, p Place) (Place, error) {
	if err := canManage(auth.From(ctx)); err != nil {
		return Place{}, err
	}
	now := database.Now()
	p.ID, p.TripID, p.Version, p.CreatedAt, p.UpdatedAt = uuid.Must(uuid.NewV7()).String(), tripID, 1, now, now
	if err := p.check(); err != nil {
		return Place{}, err
	}
	err := db.WithTx(ctx, func(ctx context.Context) error {
		if _, err := database.Get[trip.Trip](ctx, db, "trip", tripID); err != nil {
			return err
		}
		if err := db.WithTx(ctx, func(ctx context.Context) error { return db.Conn(ctx).Create(&p).Error }); err != nil {
			return duplicatePlace(err)
		}
		return audit.Record(ctx, db, audit.Create, "meeting_place", p.ID, p.Version, nil, p.view())
	})
	return p, err
}

func place(ctx context.Context, db *database.DB, tripID, id string) (Place, error) {
	p, err := database.Get[Place](ctx, db, "meeting place", id)
	if err == nil && p.TripID != tripID {
		return Place{}, apperr.New(apperr.NotFound, "No meeting place %s on this trip", id)
	}
	return p, err
}

// PlacePatch changes a place.
type PlacePatch struct {
	Name    opt.Field[string]
	Virtual opt.Field[bool]
}

// UpdatePlace renames a place or makes it virtual or not.
func UpdatePlace(ctx context.Context, db *database.DB, tripID, id string, version int, in PlacePatch) (Place, error) {
	if err := canManage(auth.From(ctx)); err != nil {
		return Place{}, err
	}
	var out Place
	err := db.WithTx(ctx, func(ctx context.Context) error {
		before, err := place(ctx, db, tripID, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("meeting place", before.Version, version); err != nil {
			return err
		}
		after := before
		if in.Name.Set {
			after.Name = in.Name.Value
		}
		if in.Virtual.Set {
			after.Virtual = in.Virtual.Value
		}
		if err := after.check(); err != nil {
			return err
		}
		err = db.WithTx(ctx, func(ctx context.Context) error {
			after.Version, err = db.UpdateVersioned(ctx, "meeting_places", "meeting place", id, version, map[string]any{"name": after.Name, "virtual": after.Virtual})
			return err
		})
		if err != nil {
			return duplicatePlace(err)
		}
		after.UpdatedAt = database.Now()
		out = after
		return audit.Record(ctx, db, audit.Update, "meeting_place", id, after.Version, before.view(), after.view())
	})
	return out, err
}

var placeReferrers = database.Referrers{From: []database.Referrer{{Table: "meetings", Column: "place_id", Noun: "meetings"}}}

// DeletePlace removes a place where no meeting is scheduled.
func DeletePlace(ctx context.Context, db *database.DB, tripID, id string, version int) error {
	if err := canManage(auth.From(ctx)); err != nil {
		return err
	}
	return db.WithTx(ctx, func(ctx context.Context) error {
		before, err := place(ctx, db, tripID, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("meeting place", before.Version, version); err != nil {
			return err
		}
		if err := db.DeleteVersioned(ctx, "meeting_places", "meeting place", id, version, placeReferrers); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Delete, "meeting_place", id, before.Version, before.view(), nil)
	})
}
