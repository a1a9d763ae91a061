package trip

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	ics "github.com/arran4/golang-ical"
	"github.com/innomunich/platform/pkg/database"
)

// Calendar feeds (RFC 5545) of trips and their agenda, for calendar
// clients to subscribe to.
//
// A trip is an all-day event over its dates (DTSTART;VALUE=DATE on the
// first day, DTEND on the day after the last: RFC 5545 ends are
// exclusive); all-day dates are the trip's own dates, as its time zone has
// them, and stay those dates in every reader's calendar. Agenda items are
// UTC instants (…Z): unambiguous everywhere, so the client shows them in
// the reader's zone and the instant is the same one the API returns. (The
// library writes no VTIMEZONE definitions from the time zone database, and
// a TZID without one is not valid iCalendar.)

// ProdID names the product that made a calendar.
const ProdID = "-//InnoMuNiCH//Cooperation Platform//EN"

// UpcomingLimit caps the trips of the upcoming calendar.
const UpcomingLimit = 500

const uidDomain = "@innomunich"

// WriteTripCalendar writes a calendar of one trip: the trip as an all-day
// event and one event per agenda item. now is the DTSTAMP.
func WriteTripCalendar(w io.Writer, t Trip, agenda []AgendaItem, now time.Time) error {
	cal := newCalendar(t.Title)
	if _, err := addTripEvent(cal, t, now); err != nil {
		return err
	}
	AddAgendaEvents(cal, t, agenda, now)
	return serialize(w, cal)
}

// AddAgendaEvents adds one event per agenda item of the trip, as
// WriteTripCalendar does; other feeds (a person's meeting agenda) use it
// too.
func AddAgendaEvents(cal *ics.Calendar, t Trip, agenda []AgendaItem, now time.Time) {
	for _, it := range agenda {
		e := cal.AddEvent(it.ID + uidDomain)
		e.SetDtStampTime(now)
		stamps(&e.ComponentBase, it.CreatedAt, it.UpdatedAt, it.Version)
		e.SetStartAt(it.StartsAt)
		e.SetEndAt(it.EndsAt)
		e.SetSummary(text(it.Title))
		if it.Location != "" {
			e.SetLocation(text(it.Location))
		}
		e.SetDescription(text(t.Title))
		if t.Status == Cancelled {
			e.SetStatus(ics.ObjectStatusCancelled)
		}
	}
}

// iTIP methods (RFC 5546) of the trip's event in the registration e-mails.
const (
	MethodRequest = "REQUEST" // add the event, or update it to this version
	MethodCancel  = "CANCEL"  // remove the event
)

// WriteTripEvent writes the trip alone, as an all-day event, with method
// MethodRequest or MethodCancel: the .ics of the registration e-mails. Its
// UID and SEQUENCE are the feeds', so a calendar that has the trip from a
// feed or an earlier e-mail updates that entry, and a change of the trip
// raises the SEQUENCE. organizer is the address the platform mails from
// (iTIP wants an ORGANIZER); "" for none.
func WriteTripEvent(w io.Writer, t Trip, method, organizer string, now time.Time) error {
	cal := ics.NewCalendar()
	cal.SetProductId(ProdID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.Method(method))
	if method == MethodCancel {
		t.Status = Cancelled // a CANCEL of the whole event says STATUS:CANCELLED
	}
	e, err := addTripEvent(cal, t, now)
	if err != nil {
		return err
	}
	if organizer != "" {
		e.SetOrganizer("mailto:" + organizer)
	}
	return serialize(w, cal)
}

// WriteUpcomingCalendar writes a calendar of trips as all-day events.
func WriteUpcomingCalendar(w io.Writer, trips []Trip, now time.Time) error {
	cal := newCalendar("InnoMuNiCH trips")
	for _, t := range trips {
		if _, err := addTripEvent(cal, t, now); err != nil {
			return err
		}
	}
	if len(trips) == 0 {
		// RFC 5545 wants at least one component in a calendar. An unused
		// time zone keeps an empty feed valid without inventing events.
		tz := cal.AddTimezone("UTC")
		std := tz.AddStandard()
		std.AddProperty(ics.ComponentPropertyDtStart, "19700101T000000")
		std.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), "+0000")
		std.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), "+0000")
		std.AddProperty(ics.ComponentProperty(ics.PropertyTzname), "UTC")
	}
	return serialize(w, cal)
}

func newCalendar(name string) *ics.Calendar {
	cal := ics.NewCalendar()
	cal.SetProductId(ProdID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName(text(name)) // NAME (RFC 7986) and X-WR-CALNAME
	// How often subscribers should look again (RFC 7986, and Outlook's
	// name). The library writes REFRESH-INTERVAL with VALUE=DURATION.
	cal.SetRefreshInterval("PT1H")
	cal.SetXPublishedTTL("PT1H")
	return cal
}

func addTripEvent(cal *ics.Calendar, t Trip, now time.Time) (*ics.VEvent, error) {
	start, err := time.Parse(time.DateOnly, t.StartDate)
	if err != nil {
		return nil, fmt.Errorf("trip %s: start date %q: %w", t.ID, t.StartDate, err)
	}
	end, err := time.Parse(time.DateOnly, t.EndDate)
	if err != nil {
		return nil, fmt.Errorf("trip %s: end date %q: %w", t.ID, t.EndDate, err)
	}
	e := cal.AddEvent(t.ID + uidDomain)
	e.SetDtStampTime(now)
	stamps(&e.ComponentBase, t.CreatedAt, t.UpdatedAt, t.Version)
	e.SetAllDayStartAt(start)
	e.SetAllDayEndAt(end.AddDate(0, 0, 1))
	e.SetSummary(text(t.Title))
	if cities := t.CityList(); len(cities) > 0 {
		e.SetLocation(text(strings.Join(cities, ", ")))
	}
	if d := text(t.Description.In("en")); d != "" {
		e.SetDescription(d)
	}
	if t.Status == Cancelled {
		e.SetStatus(ics.ObjectStatusCancelled)
	}
	return e, nil
}

// stamps adds CREATED, LAST-MODIFIED and SEQUENCE, so clients notice
// changes. The version only grows, so the sequence does too.
func stamps(e *ics.ComponentBase, created, updated time.Time, version int) {
	if !created.IsZero() {
		e.SetCreatedTime(created)
	}
	if !updated.IsZero() {
		e.SetModifiedAt(updated)
	}
	if version > 0 {
		e.SetSequence(version - 1)
	}
}

// text makes a string safe for a TEXT value: line breaks become LF (the
// library escapes it as \n) and other control characters, which RFC 5545
// does not allow, go.
func text(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

// serialize writes the calendar with CRLF line ends and lines folded at
// 75 octets, as RFC 5545 wants (the library's default line end is the
// platform's).
func serialize(w io.Writer, cal *ics.Calendar) error {
	return cal.SerializeTo(w, ics.WithNewLineWindows, ics.WithLineLength(75))
}

// Upcoming returns the trips that have not ended by today and are not
// cancelled, soonest first, at most limit.
func Upcoming(ctx context.Context, db *database.DB, today string, limit int) ([]Trip, error) {
	var rows []Trip
	err := db.Conn(ctx).Where("end_date >= ? AND status <> ?", today, Cancelled).
		Order("start_date, id").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, err
	}
	if err := withLinks(ctx, db, rows); err != nil {
		return nil, err
	}
	return rows, nil
}

// The helpers of this file for other packages' feeds (pkg/meeting), so
// that every calendar of the platform is written the same way.

// UIDDomain ends the UID of every event.
const UIDDomain = uidDomain

// NewCalendar starts a published calendar with the name.
func NewCalendar(name string) *ics.Calendar { return newCalendar(name) }

// Stamps adds CREATED, LAST-MODIFIED and SEQUENCE (version - 1).
func Stamps(e *ics.ComponentBase, created, updated time.Time, version int) {
	stamps(e, created, updated, version)
}

// Text makes a string safe for a TEXT value.
func Text(s string) string { return text(s) }

// Serialize writes the calendar as RFC 5545 wants it.
func Serialize(w io.Writer, cal *ics.Calendar) error { return serialize(w, cal) }
