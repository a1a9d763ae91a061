package meeting

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
)

// booking is one row of meeting_slot_bookings: a person's or a place's
// part of a scheduled meeting. The unique indexes on (session, slot,
// person) and (session, slot, place) are what holds under concurrency.
type booking struct {
	MeetingID string
	SessionID string
	Slot      int
	PersonID  *string
	PlaceID   *string
}

func (booking) TableName() string { return "meeting_slot_bookings" }

// setup is a trip's sessions and places with their indexes.
type setup struct {
	sessions []Session
	places   []Place
	session  map[string]int
	place    map[string]int
}

func loadSetup(ctx context.Context, db *database.DB, tripID string) (setup, error) {
	var st setup
	if err := db.Conn(ctx).Where("trip_id = ?", tripID).Order("starts_at, id").Find(&st.sessions).Error; err != nil {
		return st, err
	}
	if err := db.Conn(ctx).Where("trip_id = ?", tripID).Order("name, id").Find(&st.places).Error; err != nil {
		return st, err
	}
	st.session, st.place = map[string]int{}, map[string]int{}
	for i, s := range st.sessions {
		st.session[s.ID] = i
	}
	for i, p := range st.places {
		st.place[p.ID] = i
	}
	return st, nil
}

func (st setup) indexes(sessionIDs []string) []int {
	var out []int
	for _, id := range sessionIDs {
		if i, ok := st.session[id]; ok {
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return out
}

// slotAt returns the global slot of a session's slot.
func (p *planner) slotAt(session, slot int) int { return p.offset[session] + slot }

// placement is where a meeting goes (or why it does not).
type placement struct {
	session *Session
	slot    int
	place   *Place
	reason  string
}

func (pl placement) apply(m *Meeting) {
	if pl.session == nil {
		m.SessionID, m.Slot, m.PlaceID, m.StartsAt, m.EndsAt, m.UnplacedReason = nil, nil, nil, nil, nil, pl.reason
		return
	}
	sl := pl.session.Slot(pl.slot)
	sid, pid, n := pl.session.ID, pl.place.ID, pl.slot
	start, end := sl.StartsAt, sl.EndsAt
	m.SessionID, m.Slot, m.PlaceID, m.StartsAt, m.EndsAt, m.UnplacedReason = &sid, &n, &pid, &start, &end, ""
}

func (pl placement) bookings(m Meeting) []booking {
	sid, pid := pl.session.ID, pl.place.ID
	a, b := m.RequesterPersonID, *m.ReceiverPersonID
	return []booking{
		{MeetingID: m.ID, SessionID: sid, Slot: pl.slot, PersonID: &a},
		{MeetingID: m.ID, SessionID: sid, Slot: pl.slot, PersonID: &b},
		{MeetingID: m.ID, SessionID: sid, Slot: pl.slot, PlaceID: &pid},
	}
}

// insertBookings writes a meeting's bookings in a savepoint, in one
// order (persons by id, then the place) so that concurrent acceptances
// wait for each other rather than deadlock; a unique violation leaves the
// transaction usable.
func insertBookings(ctx context.Context, db *database.DB, rows []booking) error {
	slices.SortFunc(rows, func(x, y booking) int {
		kx, ky := bookingKey(x), bookingKey(y)
		return strings.Compare(kx, ky)
	})
	return db.WithTx(ctx, func(ctx context.Context) error { return writeBookings(ctx, db, rows) })
}

func writeBookings(ctx context.Context, db *database.DB, rows []booking) error {
	values := make([][]any, len(rows))
	for i, r := range rows {
		values[i] = []any{r.MeetingID, r.SessionID, r.Slot, r.PersonID, r.PlaceID}
	}
	return db.InsertValues(ctx, "meeting_slot_bookings", []string{"meeting_id", "session_id", "slot", "person_id", "place_id"}, values)
}

func bookingKey(b booking) string {
	if b.PersonID != nil {
		return fmt.Sprintf("%s/%06d/1/%s", b.SessionID, b.Slot, *b.PersonID)
	}
	return fmt.Sprintf("%s/%06d/2/%s", b.SessionID, b.Slot, *b.PlaceID)
}

// unbook frees a meeting's slot and place.
func unbook(ctx context.Context, db *database.DB, meetingID string) error {
	return db.Conn(ctx).Exec("DELETE FROM meeting_slot_bookings WHERE meeting_id = ?", meetingID).Error
}

// placeMeeting finds the earliest free slot and place for an accepted meeting
// whose two people are named, books it, and sets the meeting's fields;
// the caller writes the meeting. Participants' own acceptances use only
// sessions whose booking window is open (windowed); coordinators any.
// avoid is a slot (session id and number) not to use, for a reschedule.
// When another transaction takes the slot first, the unique index
// refuses the booking and the next free slot is tried.
func placeMeeting(ctx context.Context, db *database.DB, m *Meeting, windowed bool, avoidSession string, avoidSlot int) error {
	if m.ReceiverPersonID == nil {
		placement{reason: ReceiverUnnamed}.apply(m)
		return nil
	}
	st, err := loadSetup(ctx, db, m.TripID)
	if err != nil {
		return err
	}
	a, b := m.RequesterPersonID, *m.ReceiverPersonID
	var rows []struct{ PersonID, SessionID string }
	if err := db.Conn(ctx).Table("meeting_availability").Select("person_id, session_id").
		Where("trip_id = ? AND person_id IN ?", m.TripID, []string{a, b}).Find(&rows).Error; err != nil {
		return err
	}
	avail := map[string][]int{}
	for _, r := range rows {
		avail[r.PersonID] = append(avail[r.PersonID], st.session[r.SessionID])
	}
	for k := range avail {
		slices.Sort(avail[k])
	}
	var allowed []bool
	if windowed {
		now := database.Now()
		allowed = make([]bool, len(st.sessions))
		for i, s := range st.sessions {
			allowed[i] = s.BookingOpen(now)
		}
	}
	for range 50 {
		p := newPlanner(st.sessions, len(st.places), avail, allowed)
		common := p.common(a, b)
		if len(common) == 0 {
			reason := NoCommonSession
			if windowed && len(newPlanner(st.sessions, len(st.places), avail, nil).common(a, b)) > 0 {
				reason = BookingClosed
			}
			placement{reason: reason}.apply(m)
			return nil
		}
		ids := make([]string, len(common))
		for i, s := range common {
			ids[i] = st.sessions[s].ID
		}
		var taken []booking
		if err := db.Conn(ctx).Where("session_id IN ? AND (person_id IN ? OR place_id IS NOT NULL) AND meeting_id <> ?", ids, []string{a, b}, m.ID).
			Find(&taken).Error; err != nil {
			return err
		}
		for _, t := range taken {
			g := p.slotAt(st.session[t.SessionID], t.Slot)
			if t.PersonID != nil {
				p.mark(*t.PersonID, g, -1)
			} else if i, ok := st.place[*t.PlaceID]; ok {
				p.mark("", g, i)
			}
		}
		if s, ok := st.session[avoidSession]; ok && avoidSlot >= 0 && avoidSlot < st.sessions[s].SlotCount() {
			p.mark(a, p.slotAt(s, avoidSlot), -1)
		}
		p.reqs = append(p.reqs, planRequest{id: m.ID, a: a, b: b, at: -1})
		g, pl := p.fit(0, -1)
		if g < 0 {
			placement{reason: p.why(0)}.apply(m)
			return nil
		}
		s := p.sessionOf[g]
		at := placement{session: &st.sessions[s], slot: g - p.offset[s], place: &st.places[pl]}
		err := insertBookings(ctx, db, at.bookings(*m))
		if database.IsDuplicate(err) {
			continue // taken meanwhile: look again
		}
		if err != nil {
			return err
		}
		at.apply(m)
		return nil
	}
	return apperr.New(apperr.Conflict, "The slots are being taken very fast; try again")
}

// Unplaced is an accepted meeting that "schedule all" could not place.
type Unplaced struct {
	MeetingID string
	Reason    string
}

// Result is what "schedule all" did.
type Result struct {
	Placed   []string // meeting ids, in the order placed
	Unplaced []Unplaced
}

// ScheduleAll places every accepted, unscheduled meeting of the trip it
// can (see plan.go for how), leaves meetings scheduled before where they
// are, and says for each one left why. Should a participant's acceptance
// take a slot meanwhile, the run starts again.
func ScheduleAll(ctx context.Context, db *database.DB, tripID string) (Result, error) {
	if err := canManage(auth.From(ctx)); err != nil {
		return Result{}, err
	}
	var res Result
	var err error
	for range 3 {
		err = db.WithTx(ctx, func(ctx context.Context) error {
			res, err = scheduleAll(ctx, db, tripID)
			return err
		})
		if !database.IsDuplicate(err) && !apperr.Is(err, apperr.PreconditionFailed) {
			break
		}
	}
	return res, err
}

func scheduleAll(ctx context.Context, db *database.DB, tripID string) (Result, error) {
	if _, err := getTrip(ctx, db, tripID); err != nil {
		return Result{}, err
	}
	st, err := loadSetup(ctx, db, tripID)
	if err != nil {
		return Result{}, err
	}
	people, err := Participants(ctx, db, tripID)
	if err != nil {
		return Result{}, err
	}
	avail := map[string][]int{}
	for _, pp := range people {
		avail[pp.PersonID] = st.indexes(pp.SessionIDs)
	}
	var meetings []Meeting
	if err := db.Conn(ctx).Where("trip_id = ? AND status = ?", tripID, Accepted).Order("created_at, id").Find(&meetings).Error; err != nil {
		return Result{}, err
	}
	p := newPlanner(st.sessions, len(st.places), avail, nil)
	byReq := map[int]int{} // planner request → meeting
	var res Result
	var unnamed []int
	for i, m := range meetings {
		switch {
		case m.Scheduled():
			s, ok1 := st.session[*m.SessionID]
			pl, ok2 := st.place[*m.PlaceID]
			if ok1 && ok2 && m.ReceiverPersonID != nil {
				p.addFixed(m.ID, m.RequesterPersonID, *m.ReceiverPersonID, p.slotAt(s, *m.Slot), pl)
			}
		case m.ReceiverPersonID == nil:
			unnamed = append(unnamed, i)
		default:
			byReq[len(p.reqs)] = i
			p.reqs = append(p.reqs, planRequest{id: m.ID, a: m.RequesterPersonID, b: *m.ReceiverPersonID, at: -1,
				order: m.CreatedAt.UTC().Format(time.RFC3339Nano)})
		}
	}
	p.run()
	var rows []booking
	var changed []Meeting
	var entries []audit.Entry
	befores := map[string]meetingView{}
	for ri := range p.reqs {
		mi, ok := byReq[ri]
		if !ok {
			continue
		}
		m := meetings[mi]
		before := m
		r := p.reqs[ri]
		if r.at >= 0 {
			s := p.sessionOf[r.at]
			at := placement{session: &st.sessions[s], slot: r.at - p.offset[s], place: &st.places[r.place]}
			rows = append(rows, at.bookings(m)...)
			at.apply(&m)
			res.Placed = append(res.Placed, m.ID)
		} else {
			placement{reason: r.reason}.apply(&m)
			res.Unplaced = append(res.Unplaced, Unplaced{m.ID, r.reason})
			if before.UnplacedReason == m.UnplacedReason {
				continue
			}
		}
		befores[m.ID] = before.view()
		changed = append(changed, m)
	}
	for _, i := range unnamed {
		m := meetings[i]
		res.Unplaced = append(res.Unplaced, Unplaced{m.ID, ReceiverUnnamed})
		if m.UnplacedReason != ReceiverUnnamed {
			befores[m.ID] = m.view()
			m.UnplacedReason = ReceiverUnnamed
			changed = append(changed, m)
		}
	}
	// The meetings first: the bookings' foreign keys then check rows this
	// transaction holds already, rather than locking each in turn.
	if err := writePlacements(ctx, db, changed); err != nil {
		return Result{}, err
	}
	if err := writeBookings(ctx, db, rows); err != nil {
		return Result{}, err
	}
	for _, m := range changed {
		entries = append(entries, audit.Entry{Action: "schedule", EntityType: "meeting", EntityID: m.ID, Version: m.Version + 1, Before: befores[m.ID], After: m.view()})
	}
	if err := audit.RecordAll(ctx, db, entries); err != nil {
		return Result{}, err
	}
	return res, nil
}

// writePlacements writes the placement fields of many meetings, each
// based on its version: on PostgreSQL in few statements (UPDATE … FROM
// (VALUES …)). A meeting changed meanwhile fails the whole
// run (PreconditionFailed), which ScheduleAll then repeats.
func writePlacements(ctx context.Context, db *database.DB, list []Meeting) error {
	now := database.Now()
	if db.Engine != database.Postgres {
		// SQLite runs in the process: a plain statement per meeting costs
		// little, and its planner would scan the table for a joined VALUES.
		for _, m := range list {
			res := db.Conn(ctx).Exec(`UPDATE meetings SET session_id = ?, slot = ?, place_id = ?, starts_at = ?, ends_at = ?, unplaced_reason = ?,
  version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, m.SessionID, m.Slot, m.PlaceID, m.StartsAt, m.EndsAt, m.UnplacedReason, now, m.ID, m.Version)
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected != 1 {
				return apperr.New(apperr.PreconditionFailed, "Meetings changed while they were being scheduled")
			}
		}
		return nil
	}
	cast := func(typ string) string { return "CAST(? AS " + typ + ")" }
	one := "(" + strings.Join([]string{cast("uuid"), cast("integer"), cast("uuid"), cast("integer"), cast("uuid"), cast("timestamptz"), cast("timestamptz"), cast("text")}, ", ") + ")"
	for from := 0; from < len(list); from += 1000 {
		batch := list[from:min(from+1000, len(list))]
		values := make([]string, len(batch))
		args := []any{now}
		for i, m := range batch {
			values[i] = one
			args = append(args, m.ID, m.Version, m.SessionID, m.Slot, m.PlaceID, m.StartsAt, m.EndsAt, m.UnplacedReason)
		}
		res := db.Conn(ctx).Exec(`UPDATE meetings SET session_id = v.session_id, slot = v.slot, place_id = v.place_id, starts_at = v.starts_at,
  ends_at = v.ends_at, unplaced_reason = v.reason, version = meetings.version + 1, updated_at = ?
FROM (SELECT column1 AS id, column2 AS version, column3 AS session_id, column4 AS slot, column5 AS place_id, column6 AS starts_at,
  column7 AS ends_at, column8 AS reason FROM (VALUES `+strings.Join(values, ", ")+`) AS x) AS v
WHERE meetings.id = v.id AND meetings.version = v.version`, args...)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != int64(len(batch)) {
			return apperr.New(apperr.PreconditionFailed, "Meetings changed while they were being scheduled")
		}
	}
	return nil
}

func placementColumns(m Meeting) map[string]any {
	return map[string]any{"session_id": m.SessionID, "slot": m.Slot, "place_id": m.PlaceID, "starts_at": m.StartsAt, "ends_at": m.EndsAt,
		"unplaced_reason": m.UnplacedReason}
}
