// Package meeting owns B2B meetings at trips: the sessions and places a
// coordinator sets up, who takes part (the trip's confirmed participants
// and hosts) and when they are available, meeting requests and the
// meetings they become, their conflict-free scheduling into slots and
// places, personal agendas and calendar feeds, and the outcome each side
// records. It writes only its own tables and asks pkg/trip, pkg/person and
// pkg/organisation for theirs.
package meeting

import (
	"context"
	"time"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/trip"
)

// Session is a block of time on one day of a trip, cut into slots of
// MeetingMinutes with BreakMinutes between them. Day, StartTime and
// EndTime are in the trip's time zone; StartsAt and EndsAt are the same
// as instants.
type Session struct {
	ID              string
	TripID          string
	Day             string // YYYY-MM-DD
	StartTime       string // HH:MM
	EndTime         string // HH:MM
	StartsAt        time.Time
	EndsAt          time.Time
	MeetingMinutes  int
	BreakMinutes    int
	BookingOpensAt  *time.Time
	BookingClosesAt *time.Time
	Version         int
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

func (Session) TableName() string { return "meeting_sessions" }

// Slot is one meeting time of a session, numbered from 0.
type Slot struct {
	N        int
	StartsAt time.Time
	EndsAt   time.Time
}

// SlotCount is how many meetings of MeetingMinutes with breaks between
// them fit from StartsAt to EndsAt.
func (s Session) SlotCount() int {
	step := s.MeetingMinutes + s.BreakMinutes
	total := int(s.EndsAt.Sub(s.StartsAt) / time.Minute)
	if step <= 0 || total < s.MeetingMinutes {
		return 0
	}
	return (total + s.BreakMinutes) / step
}

// Slot returns slot n of the session.
func (s Session) Slot(n int) Slot {
	start := s.StartsAt.Add(time.Duration(n*(s.MeetingMinutes+s.BreakMinutes)) * time.Minute)
	return Slot{N: n, StartsAt: start, EndsAt: start.Add(time.Duration(s.MeetingMinutes) * time.Minute)}
}

// Slots lists the session's slots in time order.
func (s Session) Slots() []Slot {
	out := make([]Slot, s.SlotCount())
	for i := range out {
		out[i] = s.Slot(i)
	}
	return out
}

// BookingOpen reports whether participants may book into the session at now.
func (s Session) BookingOpen(now time.Time) bool {
	return (s.BookingOpensAt == nil || !now.Before(*s.BookingOpensAt)) && (s.BookingClosesAt == nil || now.Before(*s.BookingClosesAt))
}

// Place is a table or room that holds one meeting at a time; a virtual
// place is a video meeting, with a link per meeting.
type Place struct {
	ID        string
	TripID    string
	Name      string
	Virtual   bool
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (Place) TableName() string { return "meeting_places" }

// Roles of meeting participants.
const (
	Delegate = "delegate" // a confirmed participant of the trip
	Host     = "host"     // a person of an organisation visited or present, added by a coordinator
)

// Participant is a person who can meet at a trip: a confirmed participant
// of the trip (a delegate) or a host.
type Participant struct {
	ID             string // "" for a delegate who has not stated availability yet
	TripID         string
	PersonID       string
	OrganisationID string
	Role           string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
	SessionIDs     []string `gorm:"-"`
}

func (Participant) TableName() string { return "meeting_participants" }

// Meeting statuses.
const (
	Requested = "requested"
	Accepted  = "accepted"
	Declined  = "declined"
	Cancelled = "cancelled"
)

// Statuses lists every meeting status.
var Statuses = []string{Requested, Accepted, Declined, Cancelled}

// No-show values a coordinator marks.
var NoShows = []string{"requester", "receiver", "both"}

// Meeting is a meeting request and, once accepted and placed, the meeting.
type Meeting struct {
	ID                      string
	TripID                  string
	RequesterPersonID       string
	RequesterOrganisationID string
	ReceiverPersonID        *string // nil while a request to an organisation is unanswered
	ReceiverOrganisationID  string
	Message                 string
	OpportunityID           *string
	Status                  string
	Direct                  bool
	SessionID               *string
	Slot                    *int
	PlaceID                 *string
	StartsAt                *time.Time
	EndsAt                  *time.Time
	VideoLink               string
	UnplacedReason          string
	DeclineReason           string
	CancelReason            string
	NoShow                  string
	AnsweredAt              *time.Time
	CancelledAt             *time.Time
	Version                 int
	CreatedAt               time.Time
	UpdatedAt               time.Time
}

func (Meeting) TableName() string { return "meetings" }

// Scheduled reports whether the meeting has a time and place.
func (m Meeting) Scheduled() bool { return m.SessionID != nil }

// Involves reports whether the organisation is one of the two sides.
func (m Meeting) Involves(orgID string) bool {
	return orgID != "" && (m.RequesterOrganisationID == orgID || m.ReceiverOrganisationID == orgID)
}

type meetingView struct {
	RequesterPersonID       string     `json:"requester_person_id"`
	RequesterOrganisationID string     `json:"requester_organisation_id"`
	ReceiverPersonID        *string    `json:"receiver_person_id"`
	ReceiverOrganisationID  string     `json:"receiver_organisation_id"`
	Message                 string     `json:"message"`
	OpportunityID           *string    `json:"opportunity_id"`
	Status                  string     `json:"status"`
	SessionID               *string    `json:"session_id"`
	Slot                    *int       `json:"slot"`
	PlaceID                 *string    `json:"place_id"`
	StartsAt                *time.Time `json:"starts_at"`
	VideoLink               string     `json:"video_link"`
	DeclineReason           string     `json:"decline_reason"`
	CancelReason            string     `json:"cancel_reason"`
	NoShow                  string     `json:"no_show"`
}

func (m Meeting) view() meetingView {
	return meetingView{m.RequesterPersonID, m.RequesterOrganisationID, m.ReceiverPersonID, m.ReceiverOrganisationID, m.Message, m.OpportunityID,
		m.Status, m.SessionID, m.Slot, m.PlaceID, m.StartsAt, m.VideoLink, m.DeclineReason, m.CancelReason, m.NoShow}
}

// canManage: coordinators and admins set up meetings; keys need write:trips.
func canManage(p auth.Principal) error {
	if !p.Allows(auth.ScopeWriteTrips) {
		return apperr.New(apperr.Forbidden, "This API key lacks the write:trips scope")
	}
	if !p.IsCoordinator() {
		return apperr.New(apperr.Forbidden, "Only coordinators and admins run the meetings of a trip")
	}
	return nil
}

// canActFor: coordinators act for anyone, members for their own
// organisation's people; keys need write:trips.
func canActFor(p auth.Principal, orgID, what string) error {
	if !p.Allows(auth.ScopeWriteTrips) {
		return apperr.New(apperr.Forbidden, "This API key lacks the write:trips scope")
	}
	if p.IsCoordinator() || (p.Role == auth.RoleMember && p.OrganisationID != "" && p.OrganisationID == orgID) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "You may %s only for your own organisation's people", what)
}

// SeesAll reports whether the caller reads every meeting of a trip:
// coordinators, admins and viewers. Members see the meetings their own
// organisation is a side of.
func SeesAll(p auth.Principal) bool {
	return p.IsCoordinator() || p.Role == auth.RoleViewer
}

// canRead: whether the caller may read the meeting.
func canRead(p auth.Principal, m Meeting) bool { return SeesAll(p) || m.Involves(p.OrganisationID) }

// getTrip loads the trip, asking its package.
func getTrip(ctx context.Context, db *database.DB, tripID string) (trip.Trip, error) {
	return trip.Get(ctx, db, tripID)
}
