package api

import (
	"bytes"
	"context"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/mail"
	"github.com/innomunich/platform/pkg/meeting"
	"github.com/innomunich/platform/pkg/notify"
	"github.com/innomunich/platform/pkg/trip"
)

// Meeting notifications (kind "meeting"), queued in the transaction of
// the change: a request to the side asked; acceptance or a decline to the
// side that asked; a time (with the meeting as .ics), a move and a
// cancellation to both sides. Each side is its person (when they have an
// e-mail address, in their first listed language) and the users of its
// organisation (in their own).
const (
	meetingRequested = "meeting_requested"
	meetingAccepted  = "meeting_accepted"
	meetingDeclined  = "meeting_declined"
	meetingScheduled = "meeting_scheduled"
	meetingMoved     = "meeting_moved"
	meetingCancelled = "meeting_cancelled"
)

// meetingMethod is what each mail's calendar attachment does.
var meetingMethod = map[string]string{meetingScheduled: trip.MethodRequest, meetingMoved: trip.MethodRequest, meetingCancelled: trip.MethodCancel}

// mailLookups keeps what the mails of one request share (the trip, its
// places, an organisation's users), so that "schedule all" telling
// thousands of meetings reads each once.
type mailLookups struct {
	trips  map[string]trip.Trip
	places map[string]map[string]string
	users  map[string][]notify.Recipient
}

func newMailLookups() *mailLookups {
	return &mailLookups{trips: map[string]trip.Trip{}, places: map[string]map[string]string{}, users: map[string][]notify.Recipient{}}
}

// tellMeeting sends the template about m to the sides named
// (meeting.RequesterSide, meeting.ReceiverSide).
func (s *server) tellMeeting(ctx context.Context, m meeting.Meeting, template string, sides ...string) error {
	return s.tellMeetingWith(ctx, newMailLookups(), m, template, sides...)
}

func (s *server) tellMeetingWith(ctx context.Context, look *mailLookups, m meeting.Meeting, template string, sides ...string) error {
	t, ok := look.trips[m.TripID]
	if !ok {
		var err error
		if t, err = trip.Get(ctx, s.DB, m.TripID); err != nil {
			return err
		}
		look.trips[m.TripID] = t
	}
	ids := []string{m.RequesterPersonID}
	if m.ReceiverPersonID != nil {
		ids = append(ids, *m.ReceiverPersonID)
	}
	n, err := s.names(ctx, ids, []string{m.RequesterOrganisationID, m.ReceiverOrganisationID})
	if err != nil {
		return err
	}
	placeName := ""
	if m.PlaceID != nil {
		if _, ok := look.places[m.TripID]; !ok {
			places, err := meeting.Places(ctx, s.DB, m.TripID)
			if err != nil {
				return err
			}
			look.places[m.TripID] = map[string]string{}
			for _, p := range places {
				look.places[m.TripID][p.ID] = p.Name
			}
		}
		placeName = look.places[m.TripID][*m.PlaceID]
	}
	now := database.Now()
	for _, side := range sides {
		me, meOrg, other, otherOrg := m.RequesterPersonID, m.RequesterOrganisationID, m.ReceiverPersonID, m.ReceiverOrganisationID
		if side == meeting.ReceiverSide {
			me, meOrg, other, otherOrg = "", m.ReceiverOrganisationID, &m.RequesterPersonID, m.RequesterOrganisationID
			if m.ReceiverPersonID != nil {
				me = *m.ReceiverPersonID
			}
		}
		users, ok := look.users[meOrg]
		if !ok {
			if users, err = notify.OrganisationUsers(ctx, s.DB, meOrg); err != nil {
				return err
			}
			look.users[meOrg] = users
		}
		to := append([]notify.Recipient{}, users...)
		if who, ok := n.people[me]; ok {
			if r, ok := notify.Person(who.DisplayName("en"), who.Email, who.LanguageList()); ok {
				r.Name = who.DisplayName(r.Language)
				to = append(to, r)
			}
		}
		note := notify.Notification{Kind: "meeting", Template: template, Path: "/trips/" + t.ID + "/meetings", To: to,
			Data:       map[string]string{"Trip": t.Title, "Place": placeName, "Message": m.Message, "Reason": m.DeclineReason + m.CancelReason},
			ByLanguage: map[string]map[string]string{}}
		for _, l := range i18n.Locales {
			v := map[string]string{"Person": n.orgs[meOrg].Name, "Other": n.orgs[otherOrg].Name, "When": meetingWhen(t, m, l)}
			if p, ok := n.people[me]; ok {
				v["Person"] = p.DisplayName(l)
			}
			if other != nil {
				if p, ok := n.people[*other]; ok {
					v["Other"] = p.DisplayName(l) + " (" + n.orgs[otherOrg].Name + ")"
				}
			}
			note.ByLanguage[l] = v
		}
		if method := meetingMethod[template]; method != "" && m.StartsAt != nil {
			var b bytes.Buffer
			summary := "Meeting: " + n.orgs[otherOrg].Name + " – " + placeName
			if err := meeting.WriteMeetingEvent(&b, m, summary, placeName, method, s.mailFromAddress(), now); err != nil {
				return err
			}
			note.Attachments = []mail.Attachment{{Name: "meeting.ics", ContentType: "text/calendar; method=" + method + "; charset=utf-8", Data: b.Bytes()}}
		}
		if _, err := s.notifier.Send(ctx, note); err != nil {
			return err
		}
	}
	return nil
}

// meetingWhen is the meeting's day and time in the trip's zone, as a
// reader of lang writes them; "" without a time.
func meetingWhen(t trip.Trip, m meeting.Meeting, lang string) string {
	if m.StartsAt == nil || m.EndsAt == nil {
		return ""
	}
	loc := t.Location()
	start, end := m.StartsAt.In(loc), m.EndsAt.In(loc)
	sep := "–"
	if lang == "ja" {
		sep = "～"
	}
	return start.Format(dateLayouts[lang]) + " " + start.Format("15:04") + sep + end.Format("15:04") + " (" + t.TimeZone + ")"
}
