package trip_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/trip"
)

var (
	tokyo  = mustZone("Asia/Tokyo")
	berlin = mustZone("Europe/Berlin")
	stamp  = time.Date(2026, 3, 1, 8, 30, 0, 0, time.UTC)
)

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// parse reads a calendar with an independent parser (emersion/go-ical, not
// the library that wrote it), checks the framing RFC 5545 asks for, and
// has the parser's encoder check the components' required properties.
func parse(t *testing.T, raw []byte) *ical.Calendar {
	t.Helper()
	s := string(raw)
	if !strings.HasSuffix(s, "\r\n") || strings.Count(s, "\n") != strings.Count(s, "\r\n") {
		t.Errorf("lines must end in CRLF:\n%q", s)
	}
	for _, line := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets, more than 75: %q", len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("a fold splits a UTF-8 sequence: %q", line)
		}
	}
	cal, err := ical.NewDecoder(bytes.NewReader(raw)).Decode()
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, s)
	}
	if err := ical.NewEncoder(io.Discard).Encode(cal); err != nil {
		t.Errorf("not a valid calendar: %v\n%s", err, s)
	}
	if v := cal.Props.Get(ical.PropVersion); v == nil || v.Value != "2.0" {
		t.Errorf("VERSION %v, want 2.0", v)
	}
	if p := cal.Props.Get(ical.PropProductID); p == nil || p.Value != trip.ProdID {
		t.Errorf("PRODID %v, want %s", p, trip.ProdID)
	}
	if p := cal.Props.Get(ical.PropRefreshInterval); p == nil || p.Value != "PT1H" || len(p.Params.Values("VALUE")) != 1 || p.ValueType() != ical.ValueDuration {
		t.Errorf("REFRESH-INTERVAL %+v, want VALUE=DURATION:PT1H", p)
	}
	props := []ical.Props{cal.Props}
	for _, c := range cal.Children {
		props = append(props, c.Props)
	}
	for _, ps := range props {
		for name, list := range ps {
			for _, p := range list {
				for param, values := range p.Params {
					if len(values) != 1 {
						t.Errorf("%s has %s %d times", name, param, len(values))
					}
				}
			}
		}
	}
	return cal
}

func text(t *testing.T, c *ical.Component, name string) string {
	t.Helper()
	s, err := c.Props.Text(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

func eventByUID(t *testing.T, cal *ical.Calendar, uid string) ical.Event {
	t.Helper()
	for _, e := range cal.Events() {
		if text(t, e.Component, ical.PropUID) == uid {
			return e
		}
	}
	t.Fatalf("no event with UID %s", uid)
	return ical.Event{}
}

func osakaTrip() trip.Trip {
	return trip.Trip{
		ID: "01960000-0000-7000-8000-000000000001", Title: "大阪・川崎 バイオ医薬品デリゲーション 2026", Kind: "delegation_trip",
		Country: "JP", Cities: "Osaka\nKawasaki", StartDate: "2026-04-13", EndDate: "2026-04-17", TimeZone: "Asia/Tokyo",
		Status: trip.RegistrationOpen, Version: 3,
		Description: i18n.Text{Ja: "大阪と川崎のバイオクラスターを訪問し、製薬企業・スタートアップ・大学と面談します。\n集合：関西国際空港; 解散：羽田空港"},
		CreatedAt:   time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC),
	}
}

func osakaAgenda() []trip.AgendaItem {
	return []trip.AgendaItem{
		{ID: "01960000-0000-7000-8000-00000000a001", StartsAt: time.Date(2026, 4, 14, 9, 0, 0, 0, tokyo), EndsAt: time.Date(2026, 4, 14, 10, 30, 0, 0, tokyo),
			Title: "Company visit: Takeda Shonan iPark", Kind: "company_visit", Location: "湘南ヘルスイノベーションパーク, Fujisawa", Version: 1},
		{ID: "01960000-0000-7000-8000-00000000a002", StartsAt: time.Date(2026, 4, 15, 13, 0, 0, 0, tokyo), EndsAt: time.Date(2026, 4, 15, 18, 0, 0, 0, tokyo),
			Title: "B2B meetings with Osaka biotech start-ups and university spin-offs (Kansai region)", Kind: "b2b_meetings", Location: "Nakanoshima Qross, Osaka"},
	}
}

func TestTripCalendar(t *testing.T) {
	var buf bytes.Buffer
	tr, agenda := osakaTrip(), osakaAgenda()
	if err := trip.WriteTripCalendar(&buf, tr, agenda, stamp); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	cal := parse(t, buf.Bytes())
	if n := len(cal.Events()); n != 3 {
		t.Fatalf("%d events, want the trip and 2 agenda items:\n%s", n, raw)
	}
	if got := text(t, cal.Component, "X-WR-CALNAME"); got != tr.Title {
		t.Errorf("X-WR-CALNAME %q, want %q", got, tr.Title)
	}

	t.Run("trip is an all-day event with an exclusive end", func(t *testing.T) {
		e := eventByUID(t, cal, tr.ID+"@innomunich")
		for prop, want := range map[string]string{ical.PropDateTimeStart: "20260413", ical.PropDateTimeEnd: "20260418"} {
			p := e.Props.Get(prop)
			if p == nil || p.Value != want || p.ValueType() != ical.ValueDate {
				t.Errorf("%s = %+v, want DATE %s", prop, p, want)
			}
		}
		if !strings.Contains(raw, "DTSTART;VALUE=DATE:20260413\r\n") || !strings.Contains(raw, "DTEND;VALUE=DATE:20260418\r\n") {
			t.Errorf("all-day dates not written as VALUE=DATE:\n%s", raw)
		}
		if got := text(t, e.Component, ical.PropSummary); got != tr.Title {
			t.Errorf("SUMMARY %q, want %q", got, tr.Title)
		}
		if got := text(t, e.Component, ical.PropDescription); got != tr.Description.Ja {
			t.Errorf("DESCRIPTION %q, want %q", got, tr.Description.Ja)
		}
		if got := text(t, e.Component, ical.PropLocation); got != "Osaka, Kawasaki" {
			t.Errorf("LOCATION %q", got)
		}
		if got, err := e.Props.DateTime(ical.PropDateTimeStamp, nil); err != nil || !got.Equal(stamp) {
			t.Errorf("DTSTAMP %v (%v), want %v", got, err, stamp)
		}
		if got, _ := e.Props.Get(ical.PropSequence).Int(); got != 2 {
			t.Errorf("SEQUENCE %d, want 2 (version 3)", got)
		}
		if e.Props.Get(ical.PropStatus) != nil {
			t.Errorf("STATUS set on a trip that is not cancelled")
		}
	})

	t.Run("agenda items are instants", func(t *testing.T) {
		e := eventByUID(t, cal, agenda[0].ID+"@innomunich")
		if p := e.Props.Get(ical.PropDateTimeStart); p == nil || p.Value != "20260414T000000Z" {
			t.Errorf("DTSTART %+v, want 20260414T000000Z", p)
		}
		start, err := e.DateTimeStart(nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 4, 14, 0, 0, 0, 0, time.UTC); !start.Equal(want) {
			t.Errorf("starts %v, want %v", start, want)
		}
		if got := start.In(tokyo).Format("2006-01-02 15:04"); got != "2026-04-14 09:00" {
			t.Errorf("in Tokyo %s, want 2026-04-14 09:00", got)
		}
		if got := start.In(berlin).Format("2006-01-02 15:04 MST"); got != "2026-04-14 02:00 CEST" {
			t.Errorf("in Berlin %s, want 2026-04-14 02:00 CEST", got)
		}
		end, err := e.DateTimeEnd(nil)
		if err != nil || !end.Equal(agenda[0].EndsAt) {
			t.Errorf("ends %v (%v), want %v", end, err, agenda[0].EndsAt)
		}
		if got := text(t, e.Component, ical.PropLocation); got != agenda[0].Location {
			t.Errorf("LOCATION %q, want %q", got, agenda[0].Location)
		}
		if got := text(t, e.Component, ical.PropSummary); got != agenda[0].Title {
			t.Errorf("SUMMARY %q, want %q", got, agenda[0].Title)
		}
		if got := text(t, e.Component, ical.PropDescription); got != tr.Title {
			t.Errorf("DESCRIPTION %q, want the trip's title", got)
		}
		long := eventByUID(t, cal, agenda[1].ID+"@innomunich")
		if got := text(t, long.Component, ical.PropSummary); got != agenda[1].Title {
			t.Errorf("folded SUMMARY %q, want %q", got, agenda[1].Title)
		}
	})

	t.Run("long lines are folded", func(t *testing.T) {
		if !strings.Contains(raw, "\r\n ") {
			t.Errorf("no folded line:\n%s", raw)
		}
	})
}

func TestTripCalendarCancelled(t *testing.T) {
	tr := osakaTrip()
	tr.Status = trip.Cancelled
	var buf bytes.Buffer
	if err := trip.WriteTripCalendar(&buf, tr, osakaAgenda(), stamp); err != nil {
		t.Fatal(err)
	}
	cal := parse(t, buf.Bytes())
	for _, e := range cal.Events() {
		if s, err := e.Status(); err != nil || s != ical.EventCancelled {
			t.Errorf("event %s: STATUS %q (%v), want CANCELLED", text(t, e.Component, ical.PropUID), s, err)
		}
	}
}

func TestUpcomingCalendar(t *testing.T) {
	a, b, c := osakaTrip(), osakaTrip(), osakaTrip()
	a.Description = i18n.Text{De: "Messe", En: "Trade fair, in English", Ja: "見本市"}
	b.ID, b.Title, b.Cities, b.StartDate, b.EndDate = "01960000-0000-7000-8000-000000000002", "BIO-Europe Spring", "", "2026-03-23", "2026-03-23"
	b.Description = i18n.Text{De: "Partnering-Konferenz\r\nin Lissabon; Anmeldung, Fragen: \"C:\\Reisen\"", Ja: "パートナリング"}
	c.ID, c.Title, c.Description = "01960000-0000-7000-8000-000000000003", "Ohne\x07 Beschreibung", i18n.Text{}
	var buf bytes.Buffer
	if err := trip.WriteUpcomingCalendar(&buf, []trip.Trip{a, b, c}, stamp); err != nil {
		t.Fatal(err)
	}
	cal := parse(t, buf.Bytes())
	if n := len(cal.Events()); n != 3 {
		t.Fatalf("%d events, want 3", n)
	}
	if got := text(t, eventByUID(t, cal, a.ID+"@innomunich").Component, ical.PropDescription); got != "Trade fair, in English" {
		t.Errorf("DESCRIPTION %q, want the English one", got)
	}
	eb := eventByUID(t, cal, b.ID+"@innomunich")
	if got := text(t, eb.Component, ical.PropDescription); got != "Partnering-Konferenz\nin Lissabon; Anmeldung, Fragen: \"C:\\Reisen\"" {
		t.Errorf("DESCRIPTION %q, want the German one with an LF", got)
	}
	if p := eb.Props.Get(ical.PropDateTimeEnd); p == nil || p.Value != "20260324" {
		t.Errorf("a one-day trip ends (exclusively) the next day, got %+v", p)
	}
	if eb.Props.Get(ical.PropLocation) != nil {
		t.Errorf("LOCATION without cities")
	}
	ec := eventByUID(t, cal, c.ID+"@innomunich")
	if ec.Props.Get(ical.PropDescription) != nil {
		t.Errorf("DESCRIPTION without a description")
	}
	if got := text(t, ec.Component, ical.PropSummary); got != "Ohne Beschreibung" {
		t.Errorf("SUMMARY %q, want the title without its control character", got)
	}
	for _, e := range cal.Events() {
		if p := e.Props.Get(ical.PropDateTimeStart); p == nil || p.ValueType() != ical.ValueDate {
			t.Errorf("not an all-day event: %+v", p)
		}
	}

	t.Run("empty", func(t *testing.T) {
		var buf bytes.Buffer
		if err := trip.WriteUpcomingCalendar(&buf, nil, stamp); err != nil {
			t.Fatal(err)
		}
		if cal := parse(t, buf.Bytes()); len(cal.Events()) != 0 {
			t.Errorf("events in an empty calendar")
		}
	})
}

func TestUpcomingCalendarQuery(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: "01a229c0-0000-7000-8000-00000000ad01", Name: "test setup", Role: auth.RoleAdmin})
		org, err := organisation.Create(ctx, db, organisation.Organisation{Name: "Calendar Biotech GmbH", Kind: "biotech", Country: "DE"}, true)
		if err != nil {
			t.Fatal(err)
		}
		mk := func(title, start, end, status string) trip.Trip {
			tr, err := trip.Create(ctx, db, trip.Trip{Title: title, Kind: "trade_fair", Country: "JP", StartDate: start, EndDate: end,
				TimeZone: "Asia/Tokyo", Status: status, Organisers: []string{org.ID}})
			if err != nil {
				t.Fatal(err)
			}
			return tr
		}
		later := mk("Later", "2026-06-01", "2026-06-05", trip.Planned)
		mk("Past", "2026-01-10", "2026-01-12", trip.Completed)
		mk("Cancelled", "2026-04-20", "2026-04-22", trip.Cancelled)
		ongoing := mk("Ongoing", "2026-03-30", "2026-04-02", trip.RegistrationClosed)
		endsToday := mk("Ends today", "2026-03-31", "2026-04-01", trip.RegistrationClosed)

		got, err := trip.Upcoming(ctx, db, "2026-04-01", trip.UpcomingLimit)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, tr := range got {
			ids = append(ids, tr.Title)
		}
		if want := []string{ongoing.Title, endsToday.Title, later.Title}; strings.Join(ids, "|") != strings.Join(want, "|") {
			t.Errorf("upcoming %v, want %v", ids, want)
		}
		if len(got) > 0 && (len(got[0].Organisers) != 1 || got[0].Organisers[0] != org.ID) {
			t.Errorf("organisers %v, want [%s]", got[0].Organisers, org.ID)
		}
		if got, err := trip.Upcoming(ctx, db, "2026-04-01", 1); err != nil || len(got) != 1 {
			t.Errorf("limit 1 gave %d trips (%v)", len(got), err)
		}
	})
}

// The .ics of the registration e-mails: the trip alone, as an iTIP
// request or cancellation with the feeds' UID and SEQUENCE.
func TestTripEventForMail(t *testing.T) {
	tr := osakaTrip()
	for _, method := range []string{trip.MethodRequest, trip.MethodCancel} {
		var buf bytes.Buffer
		if err := trip.WriteTripEvent(&buf, tr, method, "noreply@innomunich.example", stamp); err != nil {
			t.Fatal(err)
		}
		raw := buf.String()
		if !strings.HasSuffix(raw, "\r\n") || strings.Count(raw, "\n") != strings.Count(raw, "\r\n") {
			t.Errorf("%s: lines must end in CRLF", method)
		}
		cal, err := ical.NewDecoder(&buf).Decode()
		if err != nil {
			t.Fatalf("%s: %v\n%s", method, err, raw)
		}
		if err := ical.NewEncoder(io.Discard).Encode(cal); err != nil {
			t.Errorf("%s: not a valid calendar: %v", method, err)
		}
		if got := cal.Props.Get(ical.PropMethod).Value; got != method {
			t.Errorf("METHOD %s, want %s", got, method)
		}
		if n := len(cal.Events()); n != 1 {
			t.Fatalf("%s: %d events, want the trip alone", method, n)
		}
		e := cal.Events()[0]
		status := ""
		if p := e.Props.Get(ical.PropStatus); p != nil {
			status = p.Value
		}
		if text(t, e.Component, ical.PropUID) != tr.ID+"@innomunich" || e.Props.Get(ical.PropSequence).Value != "2" ||
			e.Props.Get(ical.PropOrganizer).Value != "mailto:noreply@innomunich.example" {
			t.Errorf("%s: UID, SEQUENCE (version 3 → 2) or ORGANIZER wrong:\n%s", method, raw)
		}
		if wantCancelled := method == trip.MethodCancel; (status == "CANCELLED") != wantCancelled {
			t.Errorf("%s: STATUS %q", method, status)
		}
	}
}
