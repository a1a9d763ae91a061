package api

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/meeting"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/trip"
	"github.com/labstack/echo/v4"
)

// B2B meetings at trips: sessions, places, participants with their
// availability, requests and meetings, scheduling, agendas, calendar
// feeds, outcomes and statistics. The rules live in pkg/meeting.

// MeetingSlot is one meeting time of a session. slot numbers from 0;
// the _local times are in the trip's time zone.
type MeetingSlot struct {
	Slot          int       `json:"slot" example:"0"`
	StartsAt      time.Time `json:"starts_at" format:"date-time"`
	EndsAt        time.Time `json:"ends_at" format:"date-time"`
	StartsAtLocal string    `json:"starts_at_local" example:"2026-04-14T09:00:00+09:00"`
	EndsAtLocal   string    `json:"ends_at_local" example:"2026-04-14T09:30:00+09:00"`
} // @name MeetingSlot

// MeetingSession is a block of meeting slots on one day of a trip. day,
// start_time and end_time are in the trip's time zone.
type MeetingSession struct {
	ID              string        `json:"id" format:"uuid"`
	TripID          string        `json:"trip_id" format:"uuid"`
	Day             string        `json:"day" format:"date" example:"2026-04-14"`
	StartTime       string        `json:"start_time" example:"09:00"`
	EndTime         string        `json:"end_time" example:"12:00"`
	TimeZone        string        `json:"time_zone" example:"Asia/Tokyo"`
	StartsAt        time.Time     `json:"starts_at" format:"date-time"`
	EndsAt          time.Time     `json:"ends_at" format:"date-time"`
	MeetingMinutes  int           `json:"meeting_minutes" example:"30"`
	BreakMinutes    int           `json:"break_minutes" example:"10"`
	BookingOpensAt  *time.Time    `json:"booking_opens_at" format:"date-time" extensions:"x-nullable"`
	BookingClosesAt *time.Time    `json:"booking_closes_at" format:"date-time" extensions:"x-nullable"`
	BookingOpen     bool          `json:"booking_open"`
	Slots           []MeetingSlot `json:"slots"`
	Version         int           `json:"version"`
	CreatedAt       time.Time     `json:"created_at" format:"date-time"`
	UpdatedAt       time.Time     `json:"updated_at" format:"date-time"`
} // @name MeetingSession

func slotOut(s meeting.Slot, loc *time.Location) MeetingSlot {
	return MeetingSlot{Slot: s.N, StartsAt: s.StartsAt.UTC(), EndsAt: s.EndsAt.UTC(), StartsAtLocal: s.StartsAt.In(loc).Format(time.RFC3339),
		EndsAtLocal: s.EndsAt.In(loc).Format(time.RFC3339)}
}

func sessionOut(t trip.Trip, s meeting.Session) MeetingSession {
	loc := t.Location()
	out := MeetingSession{ID: s.ID, TripID: s.TripID, Day: s.Day, StartTime: s.StartTime, EndTime: s.EndTime, TimeZone: t.TimeZone,
		StartsAt: s.StartsAt.UTC(), EndsAt: s.EndsAt.UTC(), MeetingMinutes: s.MeetingMinutes, BreakMinutes: s.BreakMinutes,
		BookingOpensAt: s.BookingOpensAt, BookingClosesAt: s.BookingClosesAt, BookingOpen: s.BookingOpen(time.Now()), Slots: []MeetingSlot{},
		Version: s.Version, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt}
	for _, sl := range s.Slots() {
		out.Slots = append(out.Slots, slotOut(sl, loc))
	}
	return out
}

// MeetingSessionCreate adds a session. Times are in the trip's time zone.
type MeetingSessionCreate struct {
	Day             string     `json:"day" format:"date" example:"2026-04-14"`
	StartTime       string     `json:"start_time" example:"09:00" pattern:"^([01][0-9]|2[0-3]):[0-5][0-9]$"`
	EndTime         string     `json:"end_time" example:"12:00" pattern:"^([01][0-9]|2[0-3]):[0-5][0-9]$"`
	MeetingMinutes  int        `json:"meeting_minutes" minimum:"5" maximum:"240" example:"30"`
	BreakMinutes    int        `json:"break_minutes,omitempty" minimum:"0" maximum:"120" example:"10"`
	BookingOpensAt  *time.Time `json:"booking_opens_at,omitempty" format:"date-time"`
	BookingClosesAt *time.Time `json:"booking_closes_at,omitempty" format:"date-time"`
} // @name MeetingSessionCreate

// MeetingSessionPatch changes a session; its times only while no meeting is scheduled in it.
type MeetingSessionPatch struct {
	Day             opt.Field[string]    `json:"day,omitempty" swaggertype:"string" format:"date"`
	StartTime       opt.Field[string]    `json:"start_time,omitempty" swaggertype:"string" pattern:"^([01][0-9]|2[0-3]):[0-5][0-9]$"`
	EndTime         opt.Field[string]    `json:"end_time,omitempty" swaggertype:"string" pattern:"^([01][0-9]|2[0-3]):[0-5][0-9]$"`
	MeetingMinutes  opt.Field[int]       `json:"meeting_minutes,omitempty" swaggertype:"integer" minimum:"5" maximum:"240"`
	BreakMinutes    opt.Field[int]       `json:"break_minutes,omitempty" swaggertype:"integer" minimum:"0" maximum:"120"`
	BookingOpensAt  opt.Field[time.Time] `json:"booking_opens_at,omitempty" swaggertype:"string" format:"date-time" extensions:"x-nullable"`
	BookingClosesAt opt.Field[time.Time] `json:"booking_closes_at,omitempty" swaggertype:"string" format:"date-time" extensions:"x-nullable"`
} // @name MeetingSessionPatch

// MeetingPlace is a table or room for one meeting at a time, or a virtual
// place (a video link per meeting).
type MeetingPlace struct {
	ID        string    `json:"id" format:"uuid"`
	TripID    string    `json:"trip_id" format:"uuid"`
	Name      string    `json:"name" example:"Table 1"`
	Virtual   bool      `json:"virtual"`
	Capacity  int       `json:"capacity" example:"1"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at" format:"date-time"`
	UpdatedAt time.Time `json:"updated_at" format:"date-time"`
} // @name MeetingPlace

func placeOut(p meeting.Place) MeetingPlace {
	return MeetingPlace{ID: p.ID, TripID: p.TripID, Name: p.Name, Virtual: p.Virtual, Capacity: 1, Version: p.Version, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
}

// MeetingPlaceCreate adds a place.
type MeetingPlaceCreate struct {
	Name    string `json:"name" minLength:"1" maxLength:"200" example:"Table 1"`
	Virtual bool   `json:"virtual,omitempty"`
} // @name MeetingPlaceCreate

// MeetingPlacePatch changes a place.
type MeetingPlacePatch struct {
	Name    opt.Field[string] `json:"name,omitempty" swaggertype:"string" minLength:"1" maxLength:"200"`
	Virtual opt.Field[bool]   `json:"virtual,omitempty" swaggertype:"boolean"`
} // @name MeetingPlacePatch

// PersonName is a person as meeting screens show them: display_name in
// the caller's language, and the Latin and Japanese-script forms for
// pages that show both (田中 愛 / Ai Tanaka).
type PersonName struct {
	ID          string `json:"id" format:"uuid"`
	DisplayName string `json:"display_name" example:"田中 愛"`
	NameLatin   string `json:"name_latin" example:"Ai Tanaka"`
	NameLocal   string `json:"name_local" example:"田中 愛"`
} // @name PersonName

// MeetingParticipant is a person who can meet at a trip: a confirmed
// participant (delegate) or a host; session_ids are the sessions they are
// available in. A delegate who has stated nothing yet has version 1.
type MeetingParticipant struct {
	PersonID       string          `json:"person_id" format:"uuid"`
	Person         PersonName      `json:"person"`
	OrganisationID string          `json:"organisation_id" format:"uuid"`
	Organisation   OrganisationRef `json:"organisation"`
	Role           string          `json:"role" enums:"delegate,host"`
	SessionIDs     []string        `json:"session_ids"`
	Version        int             `json:"version"`
} // @name MeetingParticipant

// MeetingHostCreate adds a host.
type MeetingHostCreate struct {
	PersonID string `json:"person_id" format:"uuid"`
} // @name MeetingHostCreate

// MeetingAvailability states the sessions a participant is available in.
type MeetingAvailability struct {
	SessionIDs []string `json:"session_ids"`
} // @name MeetingAvailability

// MeetingSide is one side of a meeting. person is null while an
// organisation that was asked has not named who attends.
type MeetingSide struct {
	PersonID       *string         `json:"person_id" format:"uuid" extensions:"x-nullable"`
	Person         *PersonName     `json:"person" extensions:"x-nullable"`
	OrganisationID string          `json:"organisation_id" format:"uuid"`
	Organisation   OrganisationRef `json:"organisation"`
} // @name MeetingSide

// Meeting is a meeting request and, once accepted and scheduled, the
// meeting: its session, slot and place, with the times in UTC and in
// the trip's time zone.
type Meeting struct {
	ID             string        `json:"id" format:"uuid"`
	TripID         string        `json:"trip_id" format:"uuid"`
	Status         string        `json:"status" enums:"requested,accepted,declined,cancelled"`
	Direct         bool          `json:"direct"`
	Requester      MeetingSide   `json:"requester"`
	Receiver       MeetingSide   `json:"receiver"`
	Message        string        `json:"message"`
	OpportunityID  *string       `json:"opportunity_id" extensions:"x-nullable"`
	Scheduled      bool          `json:"scheduled"`
	SessionID      *string       `json:"session_id" format:"uuid" extensions:"x-nullable"`
	Slot           *int          `json:"slot" extensions:"x-nullable"`
	PlaceID        *string       `json:"place_id" format:"uuid" extensions:"x-nullable"`
	Place          *MeetingPlace `json:"place" extensions:"x-nullable"`
	StartsAt       *time.Time    `json:"starts_at" format:"date-time" extensions:"x-nullable"`
	EndsAt         *time.Time    `json:"ends_at" format:"date-time" extensions:"x-nullable"`
	StartsAtLocal  *string       `json:"starts_at_local" extensions:"x-nullable" example:"2026-04-14T09:00:00+09:00"`
	EndsAtLocal    *string       `json:"ends_at_local" extensions:"x-nullable"`
	TimeZone       string        `json:"time_zone" example:"Asia/Tokyo"`
	VideoLink      string        `json:"video_link"`
	UnplacedReason string        `json:"unplaced_reason" enums:",no_common_session,no_free_slot,no_free_place,receiver_not_named,booking_closed"`
	DeclineReason  string        `json:"decline_reason"`
	CancelReason   string        `json:"cancel_reason"`
	NoShow         *string       `json:"no_show" enums:"requester,receiver,both" extensions:"x-nullable"`
	AnsweredAt     *time.Time    `json:"answered_at" format:"date-time" extensions:"x-nullable"`
	CancelledAt    *time.Time    `json:"cancelled_at" format:"date-time" extensions:"x-nullable"`
	Version        int           `json:"version"`
	CreatedAt      time.Time     `json:"created_at" format:"date-time"`
	UpdatedAt      time.Time     `json:"updated_at" format:"date-time"`
} // @name Meeting

// names resolves people and organisations for meeting responses.
type names struct {
	people map[string]person.Person
	orgs   map[string]organisation.Ref
	locale string
}

func (s *server) names(ctx context.Context, personIDs, orgIDs []string) (names, error) {
	people, err := person.ByIDs(ctx, s.DB, personIDs)
	if err != nil {
		return names{}, err
	}
	for _, p := range people {
		orgIDs = append(orgIDs, p.OrganisationID)
	}
	orgs, err := organisation.Refs(ctx, s.DB, orgIDs)
	if err != nil {
		return names{}, err
	}
	return names{people: people, orgs: orgs, locale: auth.From(ctx).Locale}, nil
}

func (n names) person(id string) PersonName {
	p := n.people[id]
	return PersonName{ID: id, DisplayName: p.DisplayName(n.locale), NameLatin: p.LatinName(), NameLocal: p.LocalName()}
}

func (n names) side(personID *string, orgID string) MeetingSide {
	out := MeetingSide{PersonID: personID, OrganisationID: orgID, Organisation: orgRef(n.orgs, orgID)}
	if personID != nil {
		p := n.person(*personID)
		out.Person = &p
	}
	return out
}

// meetingsOut converts meetings of one trip.
func (s *server) meetingsOut(ctx context.Context, t trip.Trip, list []meeting.Meeting) (func(meeting.Meeting) Meeting, error) {
	var people, orgs []string
	for _, m := range list {
		people = append(people, m.RequesterPersonID)
		if m.ReceiverPersonID != nil {
			people = append(people, *m.ReceiverPersonID)
		}
		orgs = append(orgs, m.RequesterOrganisationID, m.ReceiverOrganisationID)
	}
	n, err := s.names(ctx, people, orgs)
	if err != nil {
		return nil, err
	}
	places, err := meeting.Places(ctx, s.DB, t.ID)
	if err != nil {
		return nil, err
	}
	byID := map[string]meeting.Place{}
	for _, p := range places {
		byID[p.ID] = p
	}
	loc := t.Location()
	return func(m meeting.Meeting) Meeting {
		out := Meeting{ID: m.ID, TripID: m.TripID, Status: m.Status, Direct: m.Direct, Requester: n.side(&m.RequesterPersonID, m.RequesterOrganisationID),
			Receiver: n.side(m.ReceiverPersonID, m.ReceiverOrganisationID), Message: m.Message, OpportunityID: m.OpportunityID, Scheduled: m.Scheduled(),
			SessionID: m.SessionID, Slot: m.Slot, PlaceID: m.PlaceID, TimeZone: t.TimeZone, VideoLink: m.VideoLink,
			UnplacedReason: m.UnplacedReason, DeclineReason: m.DeclineReason, CancelReason: m.CancelReason, AnsweredAt: m.AnsweredAt,
			CancelledAt: m.CancelledAt, Version: m.Version, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt}
		if m.PlaceID != nil {
			if p, ok := byID[*m.PlaceID]; ok {
				po := placeOut(p)
				out.Place = &po
			}
		}
		if m.StartsAt != nil && m.EndsAt != nil {
			st, en := m.StartsAt.UTC(), m.EndsAt.UTC()
			sl, el := st.In(loc).Format(time.RFC3339), en.In(loc).Format(time.RFC3339)
			out.StartsAt, out.EndsAt, out.StartsAtLocal, out.EndsAtLocal = &st, &en, &sl, &el
		}
		if m.NoShow != "" {
			ns := m.NoShow
			out.NoShow = &ns
		}
		return out
	}, nil
}

func (s *server) writeMeeting(c echo.Context, status int, m meeting.Meeting) error {
	ctx := c.Request().Context()
	t, err := trip.Get(ctx, s.DB, m.TripID)
	if err != nil {
		return err
	}
	convert, err := s.meetingsOut(ctx, t, []meeting.Meeting{m})
	if err != nil {
		return err
	}
	return writeOne(c, status, m.Version, convert(m))
}

// MeetingCreate requests a meeting: from a participant (requester_person_id)
// to another participant (receiver_person_id) or to an organisation present
// (receiver_organisation_id). A coordinator's direct meeting is accepted at
// once and scheduled.
type MeetingCreate struct {
	RequesterPersonID      string  `json:"requester_person_id" format:"uuid"`
	ReceiverPersonID       *string `json:"receiver_person_id,omitempty" format:"uuid"`
	ReceiverOrganisationID *string `json:"receiver_organisation_id,omitempty" format:"uuid"`
	Message                string  `json:"message,omitempty" maxLength:"2000"`
	OpportunityID          *string `json:"opportunity_id,omitempty" format:"uuid"`
	Direct                 bool    `json:"direct,omitempty"`
} // @name MeetingCreate

// MeetingAccept accepts a request; person_id names who attends when an
// organisation was asked.
type MeetingAccept struct {
	PersonID *string `json:"person_id,omitempty" format:"uuid"`
} // @name MeetingAccept

// MeetingAnswer declines or cancels, with a reason the other side reads.
type MeetingAnswer struct {
	Reason string `json:"reason,omitempty" maxLength:"2000"`
} // @name MeetingAnswer

// MeetingReschedule moves a meeting to the slot and place named, or, with
// an empty body, to the next free slot other than its current one.
type MeetingReschedule struct {
	SessionID *string `json:"session_id,omitempty" format:"uuid"`
	Slot      *int    `json:"slot,omitempty" minimum:"0"`
	PlaceID   *string `json:"place_id,omitempty" format:"uuid"`
} // @name MeetingReschedule

// MeetingPatch is what coordinators change of a meeting.
type MeetingPatch struct {
	VideoLink opt.Field[string] `json:"video_link,omitempty" swaggertype:"string" maxLength:"500"`
	NoShow    opt.Field[string] `json:"no_show,omitempty" swaggertype:"string" enums:"requester,receiver,both" extensions:"x-nullable"`
} // @name MeetingPatch

// UnplacedMeeting is an accepted meeting "schedule all" could not place, and why.
type UnplacedMeeting struct {
	MeetingID string `json:"meeting_id" format:"uuid"`
	Reason    string `json:"reason" enums:"no_common_session,no_free_slot,no_free_place,receiver_not_named"`
} // @name UnplacedMeeting

// ScheduleResult is what "schedule all" did.
type ScheduleResult struct {
	Placed    int               `json:"placed"`
	PlacedIDs []string          `json:"placed_ids"`
	Unplaced  []UnplacedMeeting `json:"unplaced"`
} // @name ScheduleResult

// MeetingOutcome is what one side recorded after a meeting. note is null
// for everyone but the side's own organisation.
type MeetingOutcome struct {
	Side       string    `json:"side" enums:"requester,receiver"`
	Attendance string    `json:"attendance" enums:"held,no_show"`
	Rating     *int      `json:"rating" minimum:"1" maximum:"5" extensions:"x-nullable"`
	FollowUp   bool      `json:"follow_up"`
	NextStep   string    `json:"next_step" enums:"none,send_information,second_meeting,nda,mta,agreement,project_idea"`
	Note       *string   `json:"note" extensions:"x-nullable"`
	Version    int       `json:"version"`
	CreatedAt  time.Time `json:"created_at" format:"date-time"`
	UpdatedAt  time.Time `json:"updated_at" format:"date-time"`
} // @name MeetingOutcome

func outcomeOut(o meeting.Outcome) MeetingOutcome {
	out := MeetingOutcome{Side: o.Side, Attendance: o.Attendance, Rating: o.Rating, FollowUp: o.FollowUp, NextStep: o.NextStep, Version: o.Version,
		CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt}
	if !o.NoteHidden {
		n := o.Note
		out.Note = &n
	}
	return out
}

// MeetingOutcomeCreate records one side's outcome.
type MeetingOutcomeCreate struct {
	Side       string `json:"side" enums:"requester,receiver"`
	Attendance string `json:"attendance" enums:"held,no_show"`
	Rating     *int   `json:"rating,omitempty" minimum:"1" maximum:"5"`
	FollowUp   bool   `json:"follow_up,omitempty"`
	NextStep   string `json:"next_step,omitempty" enums:"none,send_information,second_meeting,nda,mta,agreement,project_idea"`
	Note       string `json:"note,omitempty" maxLength:"5000"`
} // @name MeetingOutcomeCreate

// MeetingOutcomePatch changes one side's outcome.
type MeetingOutcomePatch struct {
	Attendance opt.Field[string] `json:"attendance,omitempty" swaggertype:"string" enums:"held,no_show"`
	Rating     opt.Field[int]    `json:"rating,omitempty" swaggertype:"integer" minimum:"1" maximum:"5" extensions:"x-nullable"`
	FollowUp   opt.Field[bool]   `json:"follow_up,omitempty" swaggertype:"boolean"`
	NextStep   opt.Field[string] `json:"next_step,omitempty" swaggertype:"string" enums:"none,send_information,second_meeting,nda,mta,agreement,project_idea"`
	Note       opt.Field[string] `json:"note,omitempty" swaggertype:"string" maxLength:"5000"`
} // @name MeetingOutcomePatch

// AgendaEntry is one point of a personal agenda: a point of the trip's
// programme (kind programme, with agenda_item_id) or a meeting (kind
// meeting, with the meeting).
type AgendaEntry struct {
	Kind           string   `json:"kind" enums:"programme,meeting"`
	StartsAt       string   `json:"starts_at" format:"date-time"`
	EndsAt         string   `json:"ends_at" format:"date-time"`
	StartsAtLocal  string   `json:"starts_at_local" example:"2026-04-14T09:00:00+09:00"`
	EndsAtLocal    string   `json:"ends_at_local"`
	StartsAtViewer *string  `json:"starts_at_viewer,omitempty" example:"2026-04-14T02:00:00+02:00"`
	EndsAtViewer   *string  `json:"ends_at_viewer,omitempty"`
	Title          string   `json:"title"`
	Location       string   `json:"location"`
	AgendaItemID   *string  `json:"agenda_item_id,omitempty" format:"uuid"`
	Meeting        *Meeting `json:"meeting,omitempty"`
} // @name AgendaEntry

// AgendaDay is one day of a personal agenda, by the trip's time zone.
type AgendaDay struct {
	Date    string        `json:"date" format:"date"`
	Entries []AgendaEntry `json:"entries"`
} // @name AgendaDay

// PersonalAgenda is a participant's programme at a trip: the trip's
// agenda and their meetings, by day in the trip's time zone, with the
// times also in the viewer's zone when ?time_zone= is given.
type PersonalAgenda struct {
	TripID         string          `json:"trip_id" format:"uuid"`
	TripTitle      string          `json:"trip_title"`
	Person         PersonName      `json:"person"`
	Organisation   OrganisationRef `json:"organisation"`
	TimeZone       string          `json:"time_zone" example:"Asia/Tokyo"`
	ViewerTimeZone *string         `json:"viewer_time_zone,omitempty" example:"Europe/Berlin"`
	Days           []AgendaDay     `json:"days"`
} // @name PersonalAgenda

// MeetingFeed is a participant's calendar feed: the URL with its secret
// token, shown once (a new one replaces it; DELETE revokes it).
type MeetingFeed struct {
	PersonID  string    `json:"person_id" format:"uuid"`
	Token     string    `json:"token" example:"imc_…"`
	URL       string    `json:"url" example:"/api/v1/meeting-feeds/imc_…/calendar.ics"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at" format:"date-time"`
} // @name MeetingFeed

// GridCell is one place in one slot: the meeting there, or null.
type GridCell struct {
	PlaceID   string       `json:"place_id" format:"uuid"`
	MeetingID *string      `json:"meeting_id" format:"uuid" extensions:"x-nullable"`
	Requester *MeetingSide `json:"requester" extensions:"x-nullable"`
	Receiver  *MeetingSide `json:"receiver" extensions:"x-nullable"`
} // @name GridCell

// GridSlot is one slot of a session with a cell per place.
type GridSlot struct {
	MeetingSlot
	Cells []GridCell `json:"cells"`
} // @name GridSlot

// GridSession is one session of the grid.
type GridSession struct {
	Session MeetingSession `json:"session"`
	Slots   []GridSlot     `json:"slots"`
} // @name GridSession

// MeetingGrid is a trip's schedule: places × slots per session, with who
// meets whom.
type MeetingGrid struct {
	TripID   string         `json:"trip_id" format:"uuid"`
	TimeZone string         `json:"time_zone"`
	Places   []MeetingPlace `json:"places"`
	Sessions []GridSession  `json:"sessions"`
} // @name MeetingGrid

// OriginRef is an agreement or project that names a meeting as its origin.
type OriginRef struct {
	ID              string `json:"id" format:"uuid"`
	Title           string `json:"title"`
	OriginMeetingID string `json:"origin_meeting_id" format:"uuid"`
} // @name OriginRef

// MeetingStats counts a trip's meetings, for coordinators.
type MeetingStats struct {
	Requested   int            `json:"requested"`
	Pending     int            `json:"pending"`
	Accepted    int            `json:"accepted"`
	Declined    int            `json:"declined"`
	Cancelled   int            `json:"cancelled"`
	Scheduled   int            `json:"scheduled"`
	Unscheduled int            `json:"unscheduled"`
	Held        int            `json:"held"`
	NoShows     int            `json:"no_shows"`
	FollowUps   map[string]int `json:"follow_ups"`
	Agreements  []OriginRef    `json:"agreements"`
	Projects    []OriginRef    `json:"projects"`
} // @name MeetingStats

// listMeetingSessions godoc
//
//	@Summary	A trip's meeting sessions in time order, with their slots
//	@Tags		meetings
//	@Produce	json
//	@Security	bearer
//	@Param		id	path		string	true	"Trip id"	format(uuid)
//	@Success	200	{object}	List[MeetingSession]
//	@Failure	400	{object}	Problem
//	@Failure	401	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Router		/api/v1/trips/{id}/meeting-sessions [get]
func (s *server) listMeetingSessions(c echo.Context) error {
	id, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	if err := newQuery(c).err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	t, err := trip.Get(ctx, s.DB, id)
	if err != nil {
		return err
	}
	list, err := meeting.Sessions(ctx, s.DB, t.ID)
	if err != nil {
		return err
	}
	return writeList(c, newList(list, nil, func(x meeting.Session) MeetingSession { return sessionOut(t, x) }))
}

// addMeetingSession godoc
//
//	@Summary		Add a meeting session to a trip
//	@Description	day, start_time and end_time are in the trip's time zone; the day must fall within the trip, and sessions of a trip must not overlap. Slots follow from the start, the end, meeting_minutes and break_minutes. Coordinators only.
//	@Tags			meetings
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id				path		string					true	"Trip id"	format(uuid)
//	@Param			Idempotency-Key	header		string					false	"Makes a retry safe"
//	@Param			body			body		MeetingSessionCreate	true	"The session"
//	@Success		201				{object}	MeetingSession
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Router			/api/v1/trips/{id}/meeting-sessions [post]
func (s *server) addMeetingSession(c echo.Context) error {
	id, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	var in MeetingSessionCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	x, err := meeting.AddSession(ctx, s.DB, id, meeting.Session{Day: in.Day, StartTime: in.StartTime, EndTime: in.EndTime, MeetingMinutes: in.MeetingMinutes,
		BreakMinutes: in.BreakMinutes, BookingOpensAt: in.BookingOpensAt, BookingClosesAt: in.BookingClosesAt})
	if err != nil {
		return err
	}
	t, err := trip.Get(ctx, s.DB, id)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/trips/"+id+"/meeting-sessions/"+x.ID)
	return writeOne(c, http.StatusCreated, x.Version, sessionOut(t, x))
}

// updateMeetingSession godoc
//
//	@Summary		Change a meeting session
//	@Description	Its times (day, start_time, end_time, meeting_minutes, break_minutes) change only while no meeting is scheduled in it (409). Coordinators only.
//	@Tags			meetings
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string				true	"Trip id"	format(uuid)
//	@Param			session		path		string				true	"Session id"	format(uuid)
//	@Param			If-Match	header		string				true	"ETag of the version changed"
//	@Param			body		body		MeetingSessionPatch	true	"Fields to change"
//	@Success		200			{object}	MeetingSession
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/trips/{id}/meeting-sessions/{session} [patch]
func (s *server) updateMeetingSession(c echo.Context) error {
	tripID, id, version, err := itemTarget(c, "trip", "session", "meeting session")
	if err != nil {
		return err
	}
	var in MeetingSessionPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	x, err := meeting.UpdateSession(ctx, s.DB, tripID, id, version, meeting.SessionPatch{Day: in.Day, StartTime: in.StartTime, EndTime: in.EndTime,
		MeetingMinutes: in.MeetingMinutes, BreakMinutes: in.BreakMinutes, BookingOpensAt: in.BookingOpensAt, BookingClosesAt: in.BookingClosesAt})
	if err != nil {
		return err
	}
	t, err := trip.Get(ctx, s.DB, tripID)
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, x.Version, sessionOut(t, x))
}

// deleteMeetingSession godoc
//
//	@Summary	Remove a meeting session in which no meeting is scheduled
//	@Tags		meetings
//	@Security	bearer
//	@Param		id			path	string	true	"Trip id"	format(uuid)
//	@Param		session		path	string	true	"Session id"	format(uuid)
//	@Param		If-Match	header	string	true	"ETag of the version deleted"
//	@Success	204
//	@Failure	400	{object}	Problem
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Failure	409	{object}	Problem
//	@Failure	412	{object}	Problem
//	@Failure	428	{object}	Problem
//	@Router		/api/v1/trips/{id}/meeting-sessions/{session} [delete]
func (s *server) deleteMeetingSession(c echo.Context) error {
	tripID, id, version, err := itemTarget(c, "trip", "session", "meeting session")
	if err != nil {
		return err
	}
	if err := meeting.DeleteSession(c.Request().Context(), s.DB, tripID, id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// listMeetingPlaces godoc
//
//	@Summary	A trip's meeting places by name
//	@Tags		meetings
//	@Produce	json
//	@Security	bearer
//	@Param		id	path		string	true	"Trip id"	format(uuid)
//	@Success	200	{object}	List[MeetingPlace]
//	@Failure	400	{object}	Problem
//	@Failure	401	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Router		/api/v1/trips/{id}/meeting-places [get]
func (s *server) listMeetingPlaces(c echo.Context) error {
	id, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	if err := newQuery(c).err(); err != nil {
		return err
	}
	list, err := meeting.Places(c.Request().Context(), s.DB, id)
	if err != nil {
		return err
	}
	return writeList(c, newList(list, nil, placeOut))
}

// addMeetingPlace godoc
//
//	@Summary		Add a meeting place (a table or room for one meeting at a time, or virtual)
//	@Description	Coordinators only. Names are unique within a trip (422).
//	@Tags			meetings
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id				path		string				true	"Trip id"	format(uuid)
//	@Param			Idempotency-Key	header		string				false	"Makes a retry safe"
//	@Param			body			body		MeetingPlaceCreate	true	"The place"
//	@Success		201				{object}	MeetingPlace
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Router			/api/v1/trips/{id}/meeting-places [post]
func (s *server) addMeetingPlace(c echo.Context) error {
	id, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	var in MeetingPlaceCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	p, err := meeting.AddPlace(c.Request().Context(), s.DB, id, meeting.Place{Name: in.Name, Virtual: in.Virtual})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/trips/"+id+"/meeting-places/"+p.ID)
	return writeOne(c, http.StatusCreated, p.Version, placeOut(p))
}

// updateMeetingPlace godoc
//
//	@Summary	Rename a meeting place or make it virtual or not
//	@Tags		meetings
//	@Accept		json
//	@Produce	json
//	@Security	bearer
//	@Param		id			path		string				true	"Trip id"	format(uuid)
//	@Param		place		path		string				true	"Place id"	format(uuid)
//	@Param		If-Match	header		string				true	"ETag of the version changed"
//	@Param		body		body		MeetingPlacePatch	true	"Fields to change"
//	@Success	200			{object}	MeetingPlace
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Router		/api/v1/trips/{id}/meeting-places/{place} [patch]
func (s *server) updateMeetingPlace(c echo.Context) error {
	tripID, id, version, err := itemTarget(c, "trip", "place", "meeting place")
	if err != nil {
		return err
	}
	var in MeetingPlacePatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	p, err := meeting.UpdatePlace(c.Request().Context(), s.DB, tripID, id, version, meeting.PlacePatch{Name: in.Name, Virtual: in.Virtual})
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, p.Version, placeOut(p))
}

// deleteMeetingPlace godoc
//
//	@Summary	Remove a meeting place where no meeting is scheduled
//	@Tags		meetings
//	@Security	bearer
//	@Param		id			path	string	true	"Trip id"	format(uuid)
//	@Param		place		path	string	true	"Place id"	format(uuid)
//	@Param		If-Match	header	string	true	"ETag of the version deleted"
//	@Success	204
//	@Failure	400	{object}	Problem
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Failure	409	{object}	Problem
//	@Failure	412	{object}	Problem
//	@Failure	428	{object}	Problem
//	@Router		/api/v1/trips/{id}/meeting-places/{place} [delete]
func (s *server) deleteMeetingPlace(c echo.Context) error {
	tripID, id, version, err := itemTarget(c, "trip", "place", "meeting place")
	if err != nil {
		return err
	}
	if err := meeting.DeletePlace(c.Request().Context(), s.DB, tripID, id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *server) participantsOutM(ctx context.Context, list []meeting.Participant) (func(meeting.Participant) MeetingParticipant, error) {
	var people, orgs []string
	for _, p := range list {
		people, orgs = append(people, p.PersonID), append(orgs, p.OrganisationID)
	}
	n, err := s.names(ctx, people, orgs)
	if err != nil {
		return nil, err
	}
	return func(p meeting.Participant) MeetingParticipant {
		return MeetingParticipant{PersonID: p.PersonID, Person: n.person(p.PersonID), OrganisationID: p.OrganisationID,
			Organisation: orgRef(n.orgs, p.OrganisationID), Role: p.Role, SessionIDs: p.SessionIDs, Version: p.Version}
	}, nil
}

func (s *server) writeMeetingParticipant(c echo.Context, status int, p meeting.Participant) error {
	convert, err := s.participantsOutM(c.Request().Context(), []meeting.Participant{p})
	if err != nil {
		return err
	}
	return writeOne(c, status, p.Version, convert(p))
}

// listMeetingParticipants godoc
//
//	@Summary		Who can meet at a trip: confirmed participants and hosts, with their availability
//	@Description	Names and organisations only; contact data stays with the people endpoints and their rules.
//	@Tags			meetings
//	@Produce		json
//	@Security		bearer
//	@Param			id	path		string	true	"Trip id"	format(uuid)
//	@Success		200	{object}	List[MeetingParticipant]
//	@Failure		400	{object}	Problem
//	@Failure		401	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/trips/{id}/meeting-participants [get]
func (s *server) listMeetingParticipants(c echo.Context) error {
	id, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	if err := newQuery(c).err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	list, err := meeting.Participants(ctx, s.DB, id)
	if err != nil {
		return err
	}
	convert, err := s.participantsOutM(ctx, list)
	if err != nil {
		return err
	}
	return writeList(c, newList(list, nil, convert))
}

// addMeetingHost godoc
//
//	@Summary		Add a host: a person of an organisation visited or present, who meets without a seat on the trip
//	@Description	Coordinators only. A person who takes part already is 409.
//	@Tags			meetings
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id				path		string				true	"Trip id"	format(uuid)
//	@Param			Idempotency-Key	header		string				false	"Makes a retry safe"
//	@Param			body			body		MeetingHostCreate	true	"Who"
//	@Success		201				{object}	MeetingParticipant
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Failure		409				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Router			/api/v1/trips/{id}/meeting-participants [post]
func (s *server) addMeetingHost(c echo.Context) error {
	id, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	var in MeetingHostCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if _, err := pathIDValue(in.PersonID, "person_id"); err != nil {
		return err
	}
	p, err := meeting.AddHost(c.Request().Context(), s.DB, id, in.PersonID)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/trips/"+id+"/meeting-participants/"+p.PersonID)
	return s.writeMeetingParticipant(c, http.StatusCreated, p)
}

// setMeetingAvailability godoc
//
//	@Summary		State the sessions a participant is available in
//	@Description	Replaces what was stated before. Coordinators for anyone, members for their own organisation's people. A delegate who has stated nothing yet has version 1. Meetings scheduled already stay.
//	@Tags			meetings
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string				true	"Trip id"	format(uuid)
//	@Param			person		path		string				true	"Person id"	format(uuid)
//	@Param			If-Match	header		string				true	"ETag of the participant"
//	@Param			body		body		MeetingAvailability	true	"Sessions"
//	@Success		200			{object}	MeetingParticipant
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/trips/{id}/meeting-participants/{person} [patch]
func (s *server) setMeetingAvailability(c echo.Context) error {
	tripID, personID, version, err := itemTarget(c, "trip", "person", "meeting participant")
	if err != nil {
		return err
	}
	var in MeetingAvailability
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	p, err := meeting.SetAvailability(c.Request().Context(), s.DB, tripID, personID, version, in.SessionIDs)
	if err != nil {
		return err
	}
	return s.writeMeetingParticipant(c, http.StatusOK, p)
}

// removeMeetingHost godoc
//
//	@Summary		Remove a host who has no open or scheduled meeting
//	@Description	Coordinators only. Delegates leave by cancelling their trip registration.
//	@Tags			meetings
//	@Security		bearer
//	@Param			id			path	string	true	"Trip id"	format(uuid)
//	@Param			person		path	string	true	"Person id"	format(uuid)
//	@Param			If-Match	header	string	true	"ETag of the participant"
//	@Success		204
//	@Failure		400	{object}	Problem
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Failure		409	{object}	Problem
//	@Failure		412	{object}	Problem
//	@Failure		428	{object}	Problem
//	@Router			/api/v1/trips/{id}/meeting-participants/{person} [delete]
func (s *server) removeMeetingHost(c echo.Context) error {
	tripID, personID, version, err := itemTarget(c, "trip", "person", "meeting participant")
	if err != nil {
		return err
	}
	if err := meeting.RemoveHost(c.Request().Context(), s.DB, tripID, personID, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// listMeetings godoc
//
//	@Summary		A trip's meeting requests and meetings
//	@Description	Coordinators, admins and viewers see every meeting; members those their own organisation is a side of. scheduled=false with status=accepted lists what still needs a slot.
//	@Tags			meetings
//	@Produce		json
//	@Security		bearer
//	@Param			id				path		string	true	"Trip id"	format(uuid)
//	@Param			status			query		string	false	"Status"	Enums(requested,accepted,declined,cancelled)
//	@Param			scheduled		query		bool	false	"Has a slot and place"
//	@Param			person			query		string	false	"A person on either side"	format(uuid)
//	@Param			organisation	query		string	false	"An organisation on either side"	format(uuid)
//	@Param			session			query		string	false	"Scheduled in this session"	format(uuid)
//	@Param			limit			query		int		false	"Page size, 1–200"	default(50)
//	@Param			cursor			query		string	false	"next_cursor of the previous page"
//	@Param			sort			query		string	false	"created_at or updated_at; prefix - for descending"	default(created_at)
//	@Success		200				{object}	List[Meeting]
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Router			/api/v1/trips/{id}/meetings [get]
func (s *server) listMeetings(c echo.Context) error {
	id, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	q := newQuery(c, "status", "scheduled", "person", "organisation", "session")
	f := meeting.Filter{Status: q.oneOf("status", meeting.Statuses...), Scheduled: q.boolean("scheduled"), Person: q.id("person"),
		Org: q.id("organisation"), Session: q.id("session")}
	p := q.page(meeting.Sort)
	if err := q.err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	t, err := trip.Get(ctx, s.DB, id)
	if err != nil {
		return err
	}
	rows, next, err := meeting.List(ctx, s.DB, id, f, p)
	if err != nil {
		return err
	}
	convert, err := s.meetingsOut(ctx, t, rows)
	if err != nil {
		return err
	}
	return writeList(c, newList(rows, next, convert))
}

// requestMeeting godoc
//
//	@Summary		Request a meeting (or, for coordinators, create one directly)
//	@Description	From a meeting participant to another (receiver_person_id) or to an organisation present (receiver_organisation_id), never within one organisation. Members request for their own organisation's people, coordinators for anyone; members only while a session's booking window is open (409 otherwise). A second open request between the same two is 409. direct (coordinators): the meeting is accepted at once and scheduled.
//	@Tags			meetings
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id				path		string			true	"Trip id"	format(uuid)
//	@Param			Idempotency-Key	header		string			false	"Makes a retry safe"
//	@Param			body			body		MeetingCreate	true	"The request"
//	@Success		201				{object}	Meeting
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Failure		409				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Router			/api/v1/trips/{id}/meetings [post]
func (s *server) requestMeeting(c echo.Context) error {
	id, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	var in MeetingCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	var m meeting.Meeting
	err = s.DB.WithTx(c.Request().Context(), func(ctx context.Context) error {
		m, err = meeting.Create(ctx, s.DB, id, meeting.Request{RequesterPersonID: in.RequesterPersonID, ReceiverPersonID: in.ReceiverPersonID,
			ReceiverOrganisationID: in.ReceiverOrganisationID, Message: in.Message, OpportunityID: in.OpportunityID, Direct: in.Direct})
		switch {
		case err != nil:
			return err
		case m.Status == meeting.Requested:
			return s.tellMeeting(ctx, m, meetingRequested, meeting.ReceiverSide)
		case m.Scheduled():
			return s.tellMeeting(ctx, m, meetingScheduled, meeting.RequesterSide, meeting.ReceiverSide)
		}
		return nil
	})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/trips/"+id+"/meetings/"+m.ID)
	return s.writeMeeting(c, http.StatusCreated, m)
}

// getMeeting godoc
//
//	@Summary	Get a meeting
//	@Tags		meetings
//	@Produce	json
//	@Security	bearer
//	@Param		id		path		string	true	"Trip id"	format(uuid)
//	@Param		meeting	path		string	true	"Meeting id"	format(uuid)
//	@Success	200		{object}	Meeting
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Router		/api/v1/trips/{id}/meetings/{meeting} [get]
func (s *server) getMeeting(c echo.Context) error {
	tripID, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	id, err := pathID(c, "meeting", "meeting")
	if err != nil {
		return err
	}
	m, err := meeting.Get(c.Request().Context(), s.DB, tripID, id)
	if err != nil {
		return err
	}
	return s.writeMeeting(c, http.StatusOK, m)
}

// updateMeeting godoc
//
//	@Summary		Set a meeting's video link or mark who did not show up
//	@Description	Coordinators only. no_show only for a scheduled meeting; null clears it.
//	@Tags			meetings
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string			true	"Trip id"	format(uuid)
//	@Param			meeting		path		string			true	"Meeting id"	format(uuid)
//	@Param			If-Match	header		string			true	"ETag of the meeting"
//	@Param			body		body		MeetingPatch	true	"Fields to change"
//	@Success		200			{object}	Meeting
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/trips/{id}/meetings/{meeting} [patch]
func (s *server) updateMeeting(c echo.Context) error {
	tripID, id, version, err := itemTarget(c, "trip", "meeting", "meeting")
	if err != nil {
		return err
	}
	var in MeetingPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	m, err := meeting.Update(c.Request().Context(), s.DB, tripID, id, version, meeting.Patch{VideoLink: in.VideoLink, NoShow: in.NoShow})
	if err != nil {
		return err
	}
	return s.writeMeeting(c, http.StatusOK, m)
}

// acceptMeeting godoc
//
//	@Summary		Accept a meeting request; it is scheduled at once where possible
//	@Description	The receiving organisation's members (or a coordinator) accept. The meeting goes to the earliest slot of a session both sides are available in where neither is booked and a place is free (members: only sessions whose booking window is open). The database refuses double bookings, so concurrent acceptances never clash; when none fits, the meeting stays accepted with unplaced_reason. person_id names who attends when an organisation was asked.
//	@Tags			meetings
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string			true	"Trip id"	format(uuid)
//	@Param			meeting		path		string			true	"Meeting id"	format(uuid)
//	@Param			If-Match	header		string			true	"ETag of the meeting"
//	@Param			body		body		MeetingAccept	true	"Who attends (for a request to an organisation)"
//	@Success		200			{object}	Meeting
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/trips/{id}/meetings/{meeting}/accept [post]
func (s *server) acceptMeeting(c echo.Context) error {
	tripID, id, version, err := itemTarget(c, "trip", "meeting", "meeting")
	if err != nil {
		return err
	}
	var in MeetingAccept
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if in.PersonID != nil {
		if _, err := pathIDValue(*in.PersonID, "person_id"); err != nil {
			return err
		}
	}
	var m meeting.Meeting
	err = s.DB.WithTx(c.Request().Context(), func(ctx context.Context) error {
		if m, err = meeting.Accept(ctx, s.DB, tripID, id, version, in.PersonID); err != nil {
			return err
		}
		if m.Scheduled() {
			return s.tellMeeting(ctx, m, meetingScheduled, meeting.RequesterSide, meeting.ReceiverSide)
		}
		return s.tellMeeting(ctx, m, meetingAccepted, meeting.RequesterSide)
	})
	if err != nil {
		return err
	}
	return s.writeMeeting(c, http.StatusOK, m)
}

// declineMeeting godoc
//
//	@Summary	Decline a meeting request
//	@Tags		meetings
//	@Accept		json
//	@Produce	json
//	@Security	bearer
//	@Param		id			path		string			true	"Trip id"	format(uuid)
//	@Param		meeting		path		string			true	"Meeting id"	format(uuid)
//	@Param		If-Match	header		string			true	"ETag of the meeting"
//	@Param		body		body		MeetingAnswer	true	"Why (optional)"
//	@Success	200			{object}	Meeting
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Router		/api/v1/trips/{id}/meetings/{meeting}/decline [post]
func (s *server) declineMeeting(c echo.Context) error {
	return s.answerMeeting(c, meeting.Decline, meetingDeclined, meeting.RequesterSide)
}

// cancelMeeting godoc
//
//	@Summary		Cancel a meeting request or meeting
//	@Description	Either side (or a coordinator); the slot and place become free and the other side is told.
//	@Tags			meetings
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string			true	"Trip id"	format(uuid)
//	@Param			meeting		path		string			true	"Meeting id"	format(uuid)
//	@Param			If-Match	header		string			true	"ETag of the meeting"
//	@Param			body		body		MeetingAnswer	true	"Why (optional)"
//	@Success		200			{object}	Meeting
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/trips/{id}/meetings/{meeting}/cancel [post]
func (s *server) cancelMeeting(c echo.Context) error {
	return s.answerMeeting(c, meeting.Cancel, meetingCancelled, meeting.RequesterSide, meeting.ReceiverSide)
}

// answerMeeting is a decline or a cancellation: a versioned change with
// an optional reason, and a mail to the sides concerned in the same
// transaction.
func (s *server) answerMeeting(c echo.Context,
	change func(ctx context.Context, db *database.DB, tripID, id string, version int, reason string) (meeting.Meeting, error),
	template string, sides ...string) error {
	tripID, id, version, err := itemTarget(c, "trip", "meeting", "meeting")
	if err != nil {
		return err
	}
	var in MeetingAnswer
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	var m meeting.Meeting
	err = s.DB.WithTx(c.Request().Context(), func(ctx context.Context) error {
		if m, err = change(ctx, s.DB, tripID, id, version, in.Reason); err != nil {
			return err
		}
		return s.tellMeeting(ctx, m, template, sides...)
	})
	if err != nil {
		return err
	}
	return s.writeMeeting(c, http.StatusOK, m)
}

// rescheduleMeeting godoc
//
//	@Summary		Move an accepted meeting (coordinators)
//	@Description	With session_id, slot and place_id: to that slot and place (409 when someone of the meeting or the place is booked there). With an empty body: to the next free slot other than its current one (409 when there is none; the meeting stays).
//	@Tags			meetings
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string				true	"Trip id"	format(uuid)
//	@Param			meeting		path		string				true	"Meeting id"	format(uuid)
//	@Param			If-Match	header		string				true	"ETag of the meeting"
//	@Param			body		body		MeetingReschedule	true	"Where to"
//	@Success		200			{object}	Meeting
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/trips/{id}/meetings/{meeting}/reschedule [post]
func (s *server) rescheduleMeeting(c echo.Context) error {
	tripID, id, version, err := itemTarget(c, "trip", "meeting", "meeting")
	if err != nil {
		return err
	}
	var in MeetingReschedule
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	var to *meeting.Target
	if in.SessionID != nil || in.Slot != nil || in.PlaceID != nil {
		var bad apperr.Fields
		for field, missing := range map[string]bool{"session_id": in.SessionID == nil, "slot": in.Slot == nil, "place_id": in.PlaceID == nil} {
			if missing {
				bad.Add(field, "name session_id, slot and place_id together, or none of them")
			}
		}
		if err := bad.Err(); err != nil {
			return err
		}
		to = &meeting.Target{SessionID: *in.SessionID, Slot: *in.Slot, PlaceID: *in.PlaceID}
	}
	var m meeting.Meeting
	err = s.DB.WithTx(c.Request().Context(), func(ctx context.Context) error {
		if m, err = meeting.Reschedule(ctx, s.DB, tripID, id, version, to); err != nil {
			return err
		}
		return s.tellMeeting(ctx, m, meetingMoved, meeting.RequesterSide, meeting.ReceiverSide)
	})
	if err != nil {
		return err
	}
	return s.writeMeeting(c, http.StatusOK, m)
}

// scheduleAllMeetings godoc
//
//	@Summary		Schedule every accepted, unscheduled meeting of a trip (coordinators)
//	@Description	Places as many as possible: a deterministic greedy pass, most constrained first, then a repair step that moves meetings placed in this run to make room (meetings scheduled before stay). Lists what could not be placed and why.
//	@Tags			meetings
//	@Produce		json
//	@Security		bearer
//	@Param			id	path		string	true	"Trip id"	format(uuid)
//	@Success		200	{object}	ScheduleResult
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Failure		409	{object}	Problem
//	@Router			/api/v1/trips/{id}/meeting-schedule [post]
func (s *server) scheduleAllMeetings(c echo.Context) error {
	id, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	var res meeting.Result
	err = s.DB.WithTx(c.Request().Context(), func(ctx context.Context) error {
		if res, err = meeting.ScheduleAll(ctx, s.DB, id); err != nil {
			return err
		}
		look := newMailLookups()
		for _, mid := range res.Placed {
			m, err := meeting.Get(ctx, s.DB, id, mid)
			if err != nil {
				return err
			}
			if err := s.tellMeetingWith(ctx, look, m, meetingScheduled, meeting.RequesterSide, meeting.ReceiverSide); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	out := ScheduleResult{Placed: len(res.Placed), PlacedIDs: res.Placed, Unplaced: []UnplacedMeeting{}}
	if out.PlacedIDs == nil {
		out.PlacedIDs = []string{}
	}
	for _, u := range res.Unplaced {
		out.Unplaced = append(out.Unplaced, UnplacedMeeting{MeetingID: u.MeetingID, Reason: u.Reason})
	}
	return c.JSON(http.StatusOK, out)
}

// meetingGrid godoc
//
//	@Summary		A trip's schedule grid: places × slots per session, with who meets whom
//	@Description	For coordinators, admins and viewers.
//	@Tags			meetings
//	@Produce		json
//	@Security		bearer
//	@Param			id	path		string	true	"Trip id"	format(uuid)
//	@Success		200	{object}	MeetingGrid
//	@Failure		400	{object}	Problem
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/trips/{id}/meeting-schedule [get]
func (s *server) meetingGrid(c echo.Context) error {
	id, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	if err := newQuery(c).err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	g, err := meeting.ScheduleGrid(ctx, s.DB, id)
	if err != nil {
		return err
	}
	var people, orgs []string
	for _, m := range g.Meetings {
		people, orgs = append(people, m.RequesterPersonID, *m.ReceiverPersonID), append(orgs, m.RequesterOrganisationID, m.ReceiverOrganisationID)
	}
	n, err := s.names(ctx, people, orgs)
	if err != nil {
		return err
	}
	at := map[string]meeting.Meeting{}
	for _, m := range g.Meetings {
		at[*m.SessionID+"/"+strconv.Itoa(*m.Slot)+"/"+*m.PlaceID] = m
	}
	out := MeetingGrid{TripID: id, TimeZone: g.Trip.TimeZone, Places: []MeetingPlace{}, Sessions: []GridSession{}}
	for _, p := range g.Places {
		out.Places = append(out.Places, placeOut(p))
	}
	loc := g.Trip.Location()
	for _, se := range g.Sessions {
		gs := GridSession{Session: sessionOut(g.Trip, se), Slots: []GridSlot{}}
		for _, sl := range se.Slots() {
			row := GridSlot{MeetingSlot: slotOut(sl, loc), Cells: []GridCell{}}
			for _, p := range g.Places {
				cell := GridCell{PlaceID: p.ID}
				if m, ok := at[se.ID+"/"+strconv.Itoa(sl.N)+"/"+p.ID]; ok {
					mid := m.ID
					a, b := n.side(&m.RequesterPersonID, m.RequesterOrganisationID), n.side(m.ReceiverPersonID, m.ReceiverOrganisationID)
					cell.MeetingID, cell.Requester, cell.Receiver = &mid, &a, &b
				}
				row.Cells = append(row.Cells, cell)
			}
			gs.Slots = append(gs.Slots, row)
		}
		out.Sessions = append(out.Sessions, gs)
	}
	return writeList(c, out)
}

// listMeetingOutcomes godoc
//
//	@Summary		The outcomes both sides recorded of a meeting
//	@Description	A side's note is null for everyone but its own organisation.
//	@Tags			meetings
//	@Produce		json
//	@Security		bearer
//	@Param			id		path		string	true	"Trip id"	format(uuid)
//	@Param			meeting	path		string	true	"Meeting id"	format(uuid)
//	@Success		200		{object}	List[MeetingOutcome]
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Router			/api/v1/trips/{id}/meetings/{meeting}/outcomes [get]
func (s *server) listMeetingOutcomes(c echo.Context) error {
	tripID, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	id, err := pathID(c, "meeting", "meeting")
	if err != nil {
		return err
	}
	if err := newQuery(c).err(); err != nil {
		return err
	}
	list, err := meeting.Outcomes(c.Request().Context(), s.DB, tripID, id)
	if err != nil {
		return err
	}
	return writeList(c, newList(list, nil, outcomeOut))
}

// recordMeetingOutcome godoc
//
//	@Summary		Record one side's outcome of a scheduled meeting
//	@Description	By the side's own organisation (or a coordinator); once per side (409), then PATCH. The note is private to the side's organisation.
//	@Tags			meetings
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id				path		string					true	"Trip id"	format(uuid)
//	@Param			meeting			path		string					true	"Meeting id"	format(uuid)
//	@Param			Idempotency-Key	header		string					false	"Makes a retry safe"
//	@Param			body			body		MeetingOutcomeCreate	true	"The outcome"
//	@Success		201				{object}	MeetingOutcome
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Failure		409				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Router			/api/v1/trips/{id}/meetings/{meeting}/outcomes [post]
func (s *server) recordMeetingOutcome(c echo.Context) error {
	tripID, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	id, err := pathID(c, "meeting", "meeting")
	if err != nil {
		return err
	}
	var in MeetingOutcomeCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	o, err := meeting.RecordOutcome(c.Request().Context(), s.DB, tripID, id, meeting.Outcome{Side: in.Side, Attendance: in.Attendance, Rating: in.Rating,
		FollowUp: in.FollowUp, NextStep: in.NextStep, Note: in.Note})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/trips/"+tripID+"/meetings/"+id+"/outcomes/"+o.Side)
	return writeOne(c, http.StatusCreated, o.Version, outcomeOut(o))
}

// updateMeetingOutcome godoc
//
//	@Summary	Change one side's outcome of a meeting
//	@Tags		meetings
//	@Accept		json
//	@Produce	json
//	@Security	bearer
//	@Param		id			path		string				true	"Trip id"	format(uuid)
//	@Param		meeting		path		string				true	"Meeting id"	format(uuid)
//	@Param		side		path		string				true	"Side"	Enums(requester,receiver)
//	@Param		If-Match	header		string				true	"ETag of the outcome"
//	@Param		body		body		MeetingOutcomePatch	true	"Fields to change"
//	@Success	200			{object}	MeetingOutcome
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Router		/api/v1/trips/{id}/meetings/{meeting}/outcomes/{side} [patch]
func (s *server) updateMeetingOutcome(c echo.Context) error {
	tripID, id, version, err := itemTarget(c, "trip", "meeting", "meeting")
	if err != nil {
		return err
	}
	side := c.Param("side")
	if side != meeting.RequesterSide && side != meeting.ReceiverSide {
		return apperr.New(apperr.NotFound, "No side %q; the sides are requester and receiver", side)
	}
	var in MeetingOutcomePatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	o, err := meeting.UpdateOutcome(c.Request().Context(), s.DB, tripID, id, side, version, meeting.OutcomePatch{Attendance: in.Attendance, NextStep: in.NextStep,
		Note: in.Note, Rating: in.Rating, FollowUp: in.FollowUp})
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, o.Version, outcomeOut(o))
}

// personalAgenda godoc
//
//	@Summary		A participant's personal agenda: the trip's programme and their meetings, by day
//	@Description	Days are those of the trip's time zone; ?time_zone= adds every time in the viewer's zone. Coordinators, admins and viewers read every agenda, members those of their own organisation's people.
//	@Tags			meetings
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string	true	"Trip id"	format(uuid)
//	@Param			person		path		string	true	"Person id"	format(uuid)
//	@Param			time_zone	query		string	false	"Also give the times in this IANA zone (the viewer's)"	example(Europe/Berlin)
//	@Success		200			{object}	PersonalAgenda
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Router			/api/v1/trips/{id}/meeting-participants/{person}/agenda [get]
func (s *server) personalAgenda(c echo.Context) error {
	tripID, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	personID, err := pathID(c, "person", "person")
	if err != nil {
		return err
	}
	q := newQuery(c, "time_zone")
	viewer := q.zone("time_zone")
	if err := q.err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	a, err := meeting.PersonAgenda(ctx, s.DB, tripID, personID)
	if err != nil {
		return err
	}
	convert, err := s.meetingsOut(ctx, a.Trip, a.Meetings)
	if err != nil {
		return err
	}
	n, err := s.names(ctx, []string{personID}, []string{a.OrgID})
	if err != nil {
		return err
	}
	loc := a.Trip.Location()
	out := PersonalAgenda{TripID: tripID, TripTitle: a.Trip.Title, Person: n.person(personID), Organisation: orgRef(n.orgs, a.OrgID),
		TimeZone: a.Trip.TimeZone, Days: []AgendaDay{}}
	if viewer != nil {
		name := viewer.String()
		out.ViewerTimeZone = &name
	}
	type timed struct {
		at    time.Time
		entry AgendaEntry
	}
	var all []timed
	entry := func(kind string, start, end time.Time, title, location string) AgendaEntry {
		e := AgendaEntry{Kind: kind, StartsAt: start.UTC().Format(time.RFC3339), EndsAt: end.UTC().Format(time.RFC3339),
			StartsAtLocal: start.In(loc).Format(time.RFC3339), EndsAtLocal: end.In(loc).Format(time.RFC3339), Title: title, Location: location}
		if viewer != nil {
			sv, ev := start.In(viewer).Format(time.RFC3339), end.In(viewer).Format(time.RFC3339)
			e.StartsAtViewer, e.EndsAtViewer = &sv, &ev
		}
		return e
	}
	for _, it := range a.Items {
		e := entry("programme", it.StartsAt, it.EndsAt, it.Title, it.Location)
		itemID := it.ID
		e.AgendaItemID = &itemID
		all = append(all, timed{it.StartsAt, e})
	}
	for _, m := range a.Meetings {
		mo := convert(m)
		other := mo.Receiver
		if m.RequesterPersonID != personID {
			other = mo.Requester
		}
		title := other.Organisation.Name
		if other.Person != nil {
			title = other.Person.DisplayName + " (" + title + ")"
		}
		location := ""
		if mo.Place != nil {
			location = mo.Place.Name
		}
		e := entry("meeting", *m.StartsAt, *m.EndsAt, title, location)
		e.Meeting = &mo
		all = append(all, timed{*m.StartsAt, e})
	}
	slices.SortStableFunc(all, func(x, y timed) int { return x.at.Compare(y.at) })
	for _, t := range all {
		day := t.at.In(loc).Format(time.DateOnly)
		if len(out.Days) == 0 || out.Days[len(out.Days)-1].Date != day {
			out.Days = append(out.Days, AgendaDay{Date: day, Entries: []AgendaEntry{}})
		}
		d := &out.Days[len(out.Days)-1]
		d.Entries = append(d.Entries, t.entry)
	}
	return writeList(c, out)
}

// createMeetingFeed godoc
//
//	@Summary		Make (or replace) a participant's secret calendar feed
//	@Description	Returns the feed's URL with a secret token, once; only its hash is stored, and a new one replaces the old. Coordinators for anyone, members for their own organisation's people.
//	@Tags			meetings
//	@Produce		json
//	@Security		bearer
//	@Param			id		path		string	true	"Trip id"	format(uuid)
//	@Param			person	path		string	true	"Person id"	format(uuid)
//	@Success		201		{object}	MeetingFeed
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Failure		409		{object}	Problem
//	@Router			/api/v1/trips/{id}/meeting-participants/{person}/calendar-feed [post]
func (s *server) createMeetingFeed(c echo.Context) error {
	tripID, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	personID, err := pathID(c, "person", "person")
	if err != nil {
		return err
	}
	f, token, err := meeting.NewFeedToken(c.Request().Context(), s.DB, tripID, personID)
	if err != nil {
		return err
	}
	url := "/api/v1/meeting-feeds/" + token + "/calendar.ics"
	return writeOne(c, http.StatusCreated, f.Version, MeetingFeed{PersonID: personID, Token: token, URL: url, Version: f.Version, CreatedAt: f.CreatedAt})
}

// revokeMeetingFeed godoc
//
//	@Summary	Revoke a participant's calendar feed
//	@Tags		meetings
//	@Security	bearer
//	@Param		id			path	string	true	"Trip id"	format(uuid)
//	@Param		person		path	string	true	"Person id"	format(uuid)
//	@Param		If-Match	header	string	true	"ETag of the feed"
//	@Success	204
//	@Failure	400	{object}	Problem
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Failure	412	{object}	Problem
//	@Failure	428	{object}	Problem
//	@Router		/api/v1/trips/{id}/meeting-participants/{person}/calendar-feed [delete]
func (s *server) revokeMeetingFeed(c echo.Context) error {
	tripID, personID, version, err := itemTarget(c, "trip", "person", "person")
	if err != nil {
		return err
	}
	if err := meeting.RevokeFeedToken(c.Request().Context(), s.DB, tripID, personID, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// meetingFeed godoc
//
//	@Summary		A participant's agenda as a calendar, by its secret token
//	@Description	iCalendar (RFC 5545) to subscribe to, without signing in: the secret token in the URL is the permission (revocable; not an API key). The trip's programme and one event per meeting, UTC instants; a meeting's UID stays the same, SEQUENCE is its version, the summary names the other side's organisation and the place; cancelled meetings have STATUS:CANCELLED.
//	@Tags			meetings
//	@Produce		text/calendar
//	@Param			token	path		string	true	"Feed token (imc_…)"
//	@Success		200		{string}	string	"text/calendar; charset=utf-8 (RFC 5545)"
//	@Failure		400		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Router			/api/v1/meeting-feeds/{token}/calendar.ics [get]
func (s *server) meetingFeed(c echo.Context) error {
	if err := newQuery(c).err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	a, err := meeting.FeedAgenda(ctx, s.DB, c.Param("token"))
	if err != nil {
		return err
	}
	people := []string{a.PersonID}
	orgs := []string{a.OrgID}
	for _, m := range a.Meetings {
		p, o := m.Other(a.PersonID)
		if p != nil {
			people = append(people, *p)
		}
		orgs = append(orgs, o)
	}
	n, err := s.names(ctx, people, orgs)
	if err != nil {
		return err
	}
	flat := map[string]string{}
	for id := range n.people {
		flat[id] = n.person(id).NameLatin
	}
	for id, ref := range n.orgs {
		flat[id] = ref.Name
	}
	return writeCalendar(c, "meetings.ics", func(w io.Writer) error {
		return meeting.WriteFeed(w, a, flat, database.Now())
	})
}

// meetingStats godoc
//
//	@Summary		A trip's meeting statistics (coordinators, admins, viewers)
//	@Description	Requests made, pending, accepted, declined, cancelled, scheduled and unscheduled; meetings held and no-shows; follow-ups wanted by next step; and the agreements and projects that name one of the trip's meetings as their origin.
//	@Tags			meetings
//	@Produce		json
//	@Security		bearer
//	@Param			id	path		string	true	"Trip id"	format(uuid)
//	@Success		200	{object}	MeetingStats
//	@Failure		400	{object}	Problem
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/trips/{id}/meeting-statistics [get]
func (s *server) meetingStats(c echo.Context) error {
	id, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	if err := newQuery(c).err(); err != nil {
		return err
	}
	st, err := meeting.TripStats(c.Request().Context(), s.DB, id)
	if err != nil {
		return err
	}
	out := MeetingStats{Requested: st.Requested, Pending: st.Pending, Accepted: st.Accepted, Declined: st.Declined, Cancelled: st.Cancelled,
		Scheduled: st.Scheduled, Unscheduled: st.Unscheduled, Held: st.Held, NoShows: st.NoShows, FollowUps: st.FollowUps,
		Agreements: []OriginRef{}, Projects: []OriginRef{}}
	ctx := c.Request().Context()
	agreements, err := agreement.FromMeetings(ctx, s.DB, st.MeetingIDs)
	if err != nil {
		return err
	}
	projects, err := project.FromMeetings(ctx, s.DB, st.MeetingIDs)
	if err != nil {
		return err
	}
	for _, a := range agreements {
		out.Agreements = append(out.Agreements, OriginRef{ID: a.ID, Title: a.Title, OriginMeetingID: a.OriginMeetingID})
	}
	for _, p := range projects {
		out.Projects = append(out.Projects, OriginRef{ID: p.ID, Title: p.Title, OriginMeetingID: p.OriginMeetingID})
	}
	return writeList(c, out)
}
