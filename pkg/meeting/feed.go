package meeting

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/trip"
)

// FeedToken is the secret of a person's calendar feed of a trip. Only its
// hash is stored; the token is shown once, and a new one replaces it.
type FeedToken struct {
	ID        string
	TripID    string
	PersonID  string
	TokenHash string
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (FeedToken) TableName() string { return "meeting_feed_tokens" }

// FeedPrefix starts every feed token, so that one found in a log is recognised.
const FeedPrefix = "imc_"

type feedView struct {
	PersonID string `json:"person_id"`
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// canSeeAgenda: coordinators, admins and viewers read every agenda,
// members those of their own organisation's people.
func canSeeAgenda(p auth.Principal, orgID string) error {
	if SeesAll(p) || (p.Role == auth.RoleMember && p.OrganisationID != "" && p.OrganisationID == orgID) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "Members see only the agendas of their own organisation's people")
}

// NewFeedToken makes (or replaces) the secret of a participant's calendar
// feed and returns it; only its hash is kept.
func NewFeedToken(ctx context.Context, db *database.DB, tripID, personID string) (FeedToken, string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return FeedToken{}, "", err
	}
	token := FeedPrefix + base64.RawURLEncoding.EncodeToString(raw)
	var out FeedToken
	err := db.WithTx(ctx, func(ctx context.Context) error {
		p, err := ParticipantOf(ctx, db, tripID, personID)
		if err != nil {
			return err
		}
		if err := canActFor(auth.From(ctx), p.OrganisationID, "manage calendar feeds"); err != nil {
			return err
		}
		var old FeedToken
		err = db.Conn(ctx).Where("trip_id = ? AND person_id = ?", tripID, personID).Take(&old).Error
		now := database.Now()
		switch {
		case database.IsNotFound(err):
			out = FeedToken{ID: uuid.Must(uuid.NewV7()).String(), TripID: tripID, PersonID: personID, TokenHash: hashToken(token), Version: 1, CreatedAt: now, UpdatedAt: now}
			if err := db.Conn(ctx).Create(&out).Error; err != nil {
				if database.IsDuplicate(err) {
					return apperr.New(apperr.Conflict, "A feed was made at the same moment; try again")
				}
				return err
			}
			return audit.Record(ctx, db, audit.Create, "meeting_feed_token", out.ID, out.Version, nil, feedView{personID})
		case err != nil:
			return err
		}
		out = old
		if out.Version, err = db.UpdateVersioned(ctx, "meeting_feed_tokens", "calendar feed", old.ID, old.Version, map[string]any{"token_hash": hashToken(token)}); err != nil {
			return err
		}
		out.UpdatedAt = now
		return audit.Record(ctx, db, "rotate", "meeting_feed_token", out.ID, out.Version, feedView{personID}, feedView{personID})
	})
	return out, token, err
}

// RevokeFeedToken ends a participant's calendar feed.
func RevokeFeedToken(ctx context.Context, db *database.DB, tripID, personID string, version int) error {
	return db.WithTx(ctx, func(ctx context.Context) error {
		org, err := personOrg(ctx, db, tripID, personID)
		if err != nil {
			return err
		}
		if err := canActFor(auth.From(ctx), org, "manage calendar feeds"); err != nil {
			return err
		}
		var t FeedToken
		err = db.Conn(ctx).Where("trip_id = ? AND person_id = ?", tripID, personID).Take(&t).Error
		if database.IsNotFound(err) {
			return apperr.New(apperr.NotFound, "This person has no calendar feed")
		}
		if err != nil {
			return err
		}
		if err := database.CheckVersion("calendar feed", t.Version, version); err != nil {
			return err
		}
		if err := db.DeleteVersioned(ctx, "meeting_feed_tokens", "calendar feed", t.ID, version, database.Referrers{}); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Delete, "meeting_feed_token", t.ID, t.Version, feedView{personID}, nil)
	})
}

// personOrg is the organisation of a participant, or of a person who no
// longer takes part (so a feed can still be revoked).
func personOrg(ctx context.Context, db *database.DB, tripID, personID string) (string, error) {
	if p, err := ParticipantOf(ctx, db, tripID, personID); err == nil {
		return p.OrganisationID, nil
	}
	var orgs []string
	if err := db.Conn(ctx).Table("people").Where("id = ?", personID).Pluck("organisation_id", &orgs).Error; err != nil {
		return "", err
	}
	if len(orgs) == 0 {
		return "", apperr.New(apperr.NotFound, "No person with id %s", personID)
	}
	return orgs[0], nil
}

// FeedOwner returns the trip and person of a feed token, or NotFound.
func FeedOwner(ctx context.Context, db *database.DB, token string) (tripID, personID string, err error) {
	if !strings.HasPrefix(token, FeedPrefix) || len(token) > 100 {
		return "", "", apperr.New(apperr.NotFound, "No such calendar feed")
	}
	var t FeedToken
	err = db.Conn(ctx).Where("token_hash = ?", hashToken(token)).Take(&t).Error
	if database.IsNotFound(err) {
		return "", "", apperr.New(apperr.NotFound, "No such calendar feed")
	}
	return t.TripID, t.PersonID, err
}

// Agenda is a participant's programme at a trip: the trip's agenda and
// their meetings (scheduled, and cancelled ones that had a time).
type Agenda struct {
	Trip     trip.Trip
	PersonID string
	OrgID    string
	Items    []trip.AgendaItem
	Meetings []Meeting
	Places   map[string]Place
}

// PersonAgenda returns the agenda of a participant, for those who may read it.
func PersonAgenda(ctx context.Context, db *database.DB, tripID, personID string) (Agenda, error) {
	org, err := personOrg(ctx, db, tripID, personID)
	if err != nil {
		return Agenda{}, err
	}
	if err := canSeeAgenda(auth.From(ctx), org); err != nil {
		return Agenda{}, err
	}
	return agendaOf(ctx, db, tripID, personID, org)
}

// FeedAgenda returns the agenda behind a feed token: the token is the
// permission.
func FeedAgenda(ctx context.Context, db *database.DB, token string) (Agenda, error) {
	tripID, personID, err := FeedOwner(ctx, db, token)
	if err != nil {
		return Agenda{}, err
	}
	org, err := personOrg(ctx, db, tripID, personID)
	if err != nil {
		return Agenda{}, err
	}
	return agendaOf(ctx, db, tripID, personID, org)
}

func agendaOf(ctx context.Context, db *database.DB, tripID, personID, org string) (Agenda, error) {
	t, err := getTrip(ctx, db, tripID)
	if err != nil {
		return Agenda{}, err
	}
	items, err := trip.Agenda(ctx, db, tripID)
	if err != nil {
		return Agenda{}, err
	}
	a := Agenda{Trip: t, PersonID: personID, OrgID: org, Items: items, Places: map[string]Place{}}
	if err := db.Conn(ctx).Where("trip_id = ? AND (requester_person_id = ? OR receiver_person_id = ?) AND starts_at IS NOT NULL AND status IN ?",
		tripID, personID, personID, []string{Accepted, Cancelled}).Order("starts_at, id").Find(&a.Meetings).Error; err != nil {
		return Agenda{}, err
	}
	var places []Place
	if err := db.Conn(ctx).Where("trip_id = ?", tripID).Find(&places).Error; err != nil {
		return Agenda{}, err
	}
	for _, p := range places {
		a.Places[p.ID] = p
	}
	return a, nil
}

// Other returns the other side of a meeting for the person: their person
// id (nil when not named) and organisation.
func (m Meeting) Other(personID string) (*string, string) {
	if m.RequesterPersonID == personID {
		return m.ReceiverPersonID, m.ReceiverOrganisationID
	}
	return &m.RequesterPersonID, m.RequesterOrganisationID
}

// WriteFeed writes the agenda as a calendar: the trip's programme and
// one event per meeting (UID stable, SEQUENCE the meeting's version,
// the place and the other side's organisation in the summary; a
// cancelled meeting has STATUS:CANCELLED). names maps person and
// organisation ids to their names.
func WriteFeed(w io.Writer, a Agenda, names map[string]string, now time.Time) error {
	cal := trip.NewCalendar(a.Trip.Title + " – " + names[a.PersonID])
	trip.AddAgendaEvents(cal, a.Trip, a.Items, now)
	for _, m := range a.Meetings {
		e := cal.AddEvent("meeting-" + m.ID + trip.UIDDomain)
		e.SetDtStampTime(now)
		trip.Stamps(&e.ComponentBase, m.CreatedAt, m.UpdatedAt, 0)
		e.SetSequence(m.Version)
		e.SetStartAt(*m.StartsAt)
		e.SetEndAt(*m.EndsAt)
		otherPerson, otherOrg := m.Other(a.PersonID)
		placeName := ""
		if m.PlaceID != nil {
			placeName = a.Places[*m.PlaceID].Name
		}
		e.SetSummary(trip.Text("Meeting: " + names[otherOrg] + " – " + placeName))
		if placeName != "" {
			e.SetLocation(trip.Text(placeName))
		}
		desc := names[otherOrg]
		if otherPerson != nil {
			desc = names[*otherPerson] + ", " + desc
		}
		if m.VideoLink != "" {
			desc += "\n" + m.VideoLink
			e.SetURL(m.VideoLink)
		}
		e.SetDescription(trip.Text(desc))
		if m.Status == Cancelled {
			e.SetStatus(ics.ObjectStatusCancelled)
		} else {
			e.SetStatus(ics.ObjectStatusConfirmed)
		}
	}
	if len(a.Items) == 0 && len(a.Meetings) == 0 {
		tz := cal.AddTimezone("UTC")
		std := tz.AddStandard()
		std.AddProperty(ics.ComponentPropertyDtStart, "19700101T000000")
		std.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), "+0000")
		std.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), "+0000")
		std.AddProperty(ics.ComponentProperty(ics.PropertyTzname), "UTC")
	}
	return trip.Serialize(w, cal)
}

// Grid is a trip's schedule for coordinators: sessions, places and the
// scheduled meetings.
type Grid struct {
	Trip     trip.Trip
	Sessions []Session
	Places   []Place
	Meetings []Meeting
}

// ScheduleGrid returns the grid, for coordinators, admins and viewers.
func ScheduleGrid(ctx context.Context, db *database.DB, tripID string) (Grid, error) {
	if !SeesAll(auth.From(ctx)) {
		return Grid{}, apperr.New(apperr.Forbidden, "The schedule grid is for coordinators, admins and viewers")
	}
	t, err := getTrip(ctx, db, tripID)
	if err != nil {
		return Grid{}, err
	}
	st, err := loadSetup(ctx, db, tripID)
	if err != nil {
		return Grid{}, err
	}
	g := Grid{Trip: t, Sessions: st.sessions, Places: st.places}
	err = db.Conn(ctx).Where("trip_id = ? AND status = ? AND session_id IS NOT NULL", tripID, Accepted).Order("starts_at, id").Find(&g.Meetings).Error
	return g, err
}

// WriteMeetingEvent writes one meeting as a calendar to attach to a mail:
// METHOD:REQUEST adds or updates it, CANCEL removes it. UID and SEQUENCE
// are the feed's, so a calendar that has both keeps one event.
func WriteMeetingEvent(w io.Writer, m Meeting, summary, location, method, organizer string, now time.Time) error {
	cal := ics.NewCalendar()
	cal.SetProductId(trip.ProdID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.Method(method))
	e := cal.AddEvent("meeting-" + m.ID + trip.UIDDomain)
	e.SetDtStampTime(now)
	trip.Stamps(&e.ComponentBase, m.CreatedAt, m.UpdatedAt, 0)
	e.SetSequence(m.Version)
	if m.StartsAt != nil && m.EndsAt != nil {
		e.SetStartAt(*m.StartsAt)
		e.SetEndAt(*m.EndsAt)
	}
	e.SetSummary(trip.Text(summary))
	if location != "" {
		e.SetLocation(trip.Text(location))
	}
	if m.VideoLink != "" {
		e.SetURL(m.VideoLink)
	}
	if method == trip.MethodCancel {
		e.SetStatus(ics.ObjectStatusCancelled)
	} else {
		e.SetStatus(ics.ObjectStatusConfirmed)
	}
	if organizer != "" {
		e.SetOrganizer("mailto:" + organizer)
	}
	return trip.Serialize(w, cal)
}
