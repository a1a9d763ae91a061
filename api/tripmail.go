package api

import (
	"bytes"
	"context"
	"fmt"
	netmail "net/mail"
	"strings"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/mail"
	"github.com/innomunich/platform/pkg/notify"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/trip"
)

// tripMail says, for each kind of trip news, which mail tells it and what
// the trip's calendar event in it does: REQUEST adds or updates it, CANCEL
// removes it. A place on the waitlist has no event (the person may never
// go); when the dates move, only those with a seat get the updated event.
var tripMail = map[string]struct{ template, method string }{
	trip.NewsConfirmed:     {"trip_confirmed", trip.MethodRequest},
	trip.NewsWaitlisted:    {"trip_waitlisted", ""},
	trip.NewsPromoted:      {"trip_promoted", trip.MethodRequest},
	trip.NewsCancelled:     {"trip_registration_cancelled", trip.MethodCancel},
	trip.NewsTripCancelled: {"trip_cancelled", trip.MethodCancel},
	trip.NewsTripChanged:   {"trip_changed", trip.MethodRequest},
}

// tellRegistrations sends the trip_registration notification of each news,
// in the transaction in ctx, to the registered person (when they have an
// e-mail address; in their first listed language, else English) and to
// the users of the registration's organisation (in their own language).
// notify skips those who switched it off and sends each address once.
func (s *server) tellRegistrations(ctx context.Context, news []trip.News) error {
	if len(news) == 0 {
		return nil
	}
	var personIDs []string
	for _, n := range news {
		personIDs = append(personIDs, n.Participant.PersonID)
	}
	people, err := person.ByIDs(ctx, s.DB, personIDs)
	if err != nil {
		return err
	}
	trips := map[string]trip.Trip{}
	users := map[string][]notify.Recipient{}
	now := database.Now()
	for _, n := range news {
		p, how := n.Participant, tripMail[n.What]
		t, ok := trips[p.TripID]
		if !ok {
			if t, err = trip.Get(ctx, s.DB, p.TripID); err != nil {
				return err
			}
			trips[p.TripID] = t
		}
		if _, ok := users[p.OrganisationID]; !ok {
			if users[p.OrganisationID], err = notify.OrganisationUsers(ctx, s.DB, p.OrganisationID); err != nil {
				return err
			}
		}
		who := people[p.PersonID]
		var to []notify.Recipient
		if r, ok := notify.Person(who.DisplayName("en"), who.Email, who.LanguageList()); ok {
			r.Name = who.DisplayName(r.Language)
			to = append(to, r)
		}
		to = append(to, users[p.OrganisationID]...)
		note := notify.Notification{Kind: "trip_registration", Template: how.template, Path: "/trips/" + t.ID, To: to,
			Data: map[string]string{"Trip": t.Title, "Position": fmt.Sprint(p.Position)}, ByLanguage: map[string]map[string]string{}}
		for _, l := range i18n.Locales {
			note.ByLanguage[l] = map[string]string{"Person": who.DisplayName(l), "Dates": tripDates(t, l), "Place": tripPlace(t, l)}
		}
		method := how.method
		if n.What == trip.NewsTripChanged && p.Status != trip.Confirmed {
			method = ""
		}
		if method != "" {
			var b bytes.Buffer
			if err := trip.WriteTripEvent(&b, t, method, s.mailFromAddress(), now); err != nil {
				return err
			}
			note.Attachments = []mail.Attachment{{Name: "trip.ics", ContentType: "text/calendar; method=" + method + "; charset=utf-8", Data: b.Bytes()}}
		}
		if _, err := s.notifier.Send(ctx, note); err != nil {
			return err
		}
	}
	return nil
}

// mailFromAddress is the bare address mail is sent from, the ORGANIZER
// of the calendar events.
func (s *server) mailFromAddress() string {
	a, err := netmail.ParseAddress(s.Config.MailFrom)
	if err != nil {
		return ""
	}
	return a.Address
}

// dateLayouts are how each language writes a day.
var dateLayouts = map[string]string{"en": "2 January 2006", "de": "02.01.2006", "ja": "2006年1月2日"}

// tripDates are the trip's days as a reader of lang writes them: one day,
// or first and last.
func tripDates(t trip.Trip, lang string) string {
	layout := dateLayouts[lang]
	start, err1 := time.Parse(time.DateOnly, t.StartDate)
	end, err2 := time.Parse(time.DateOnly, t.EndDate)
	if err1 != nil || err2 != nil {
		return t.StartDate + " – " + t.EndDate
	}
	if start.Equal(end) {
		return start.Format(layout)
	}
	sep := " – "
	if lang == "ja" {
		sep = "～"
	}
	return start.Format(layout) + sep + end.Format(layout)
}

// tripPlace is the trip's cities, or its country where it names none.
func tripPlace(t trip.Trip, lang string) string {
	cities := t.CityList()
	if len(cities) == 0 {
		return t.Country
	}
	if lang == "ja" {
		return strings.Join(cities, "、")
	}
	return strings.Join(cities, ", ")
}
