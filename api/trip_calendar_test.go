package api_test

import (
	"bytes"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/trip"
)

// parseCalendar reads a feed with an independent parser (emersion/go-ical;
// the server writes with arran4/golang-ical) and returns its events by UID.
func parseCalendar(t *testing.T, rec *httptest.ResponseRecorder) map[string]ical.Event {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(rec.Body.Bytes())).Decode()
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, rec.Body.String())
	}
	events := map[string]ical.Event{}
	for _, e := range cal.Events() {
		uid, err := e.Props.Text(ical.PropUID)
		if err != nil {
			t.Fatal(err)
		}
		events[uid] = e
	}
	return events
}

func TestTripCalendarFeeds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers()
		ctx := setupCtx()
		org := h.newOrganisation("Kalender Biotech GmbH", "DE")
		tokyo, _ := time.LoadLocation("Asia/Tokyo")
		day := func(offset int) time.Time {
			y, m, d := time.Now().In(tokyo).Date()
			return time.Date(y, m, d+offset, 0, 0, 0, 0, tokyo)
		}
		mk := func(title string, from, to int, status string) trip.Trip {
			t.Helper()
			tr, err := trip.Create(ctx, db, trip.Trip{Title: title, Kind: "delegation_trip", Country: "JP", Cities: "Osaka\nKawasaki",
				StartDate: day(from).Format(time.DateOnly), EndDate: day(to).Format(time.DateOnly), TimeZone: "Asia/Tokyo", Status: status,
				Description: i18n.Text{Ja: "大阪と川崎のバイオクラスターを訪問します。"}, Organisers: []string{org.ID}})
			if err != nil {
				t.Fatal(err)
			}
			return tr
		}
		osaka := mk("大阪・川崎デリゲーション", 30, 34, trip.RegistrationOpen)
		soon := mk("BIO Japan", 2, 4, trip.Planned)
		past := mk("Past trip", -40, -35, trip.Completed)
		cancelled := mk("Cancelled trip", 10, 12, trip.Cancelled)
		starts := day(31).Add(9 * time.Hour) // 09:00 in Tokyo
		item, err := trip.AddAgendaItem(ctx, db, osaka.ID, trip.AgendaItem{StartsAt: starts, EndsAt: starts.Add(90 * time.Minute),
			Title: "Company visit", Kind: "company_visit", Location: "湘南ヘルスイノベーションパーク"})
		if err != nil {
			t.Fatal(err)
		}

		key := strings.TrimPrefix(cs.bearer["key viewer"], "Bearer ")
		withKey := func(path, k string) string { return path + "?key=" + url.QueryEscape(k) }
		feed := "/api/v1/trips/" + osaka.ID + "/calendar.ics"
		upcoming := "/api/v1/trips/calendar.ics"

		t.Run("trip feed with a key in the URL", func(t *testing.T) {
			rec := h.do(request{url: withKey(feed, key), as: anonymous})
			if rec.Code != 200 {
				t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
			}
			if ct := rec.Header().Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			if cd := rec.Header().Get("Content-Disposition"); cd != `inline; filename="trip-`+osaka.ID+`.ics"` {
				t.Errorf("Content-Disposition %q", cd)
			}
			events := parseCalendar(t, rec)
			if len(events) != 2 {
				t.Fatalf("%d events, want the trip and its agenda item", len(events))
			}
			e, ok := events[item.ID+"@innomunich"]
			if !ok {
				t.Fatalf("no event for the agenda item: %v", events)
			}
			if got, err := e.DateTimeStart(nil); err != nil || !got.Equal(starts) || got.In(tokyo).Hour() != 9 {
				t.Errorf("agenda item starts %v (%v), want %v", got, err, starts)
			}
			te := events[osaka.ID+"@innomunich"]
			if p := te.Props.Get(ical.PropDateTimeStart); p == nil || p.ValueType() != ical.ValueDate || p.Value != day(30).Format("20060102") {
				t.Errorf("trip DTSTART %+v", p)
			}
			if p := te.Props.Get(ical.PropDateTimeEnd); p == nil || p.Value != day(35).Format("20060102") {
				t.Errorf("trip DTEND %+v, want the day after the end date", p)
			}
			if s, _ := te.Props.Text(ical.PropSummary); s != osaka.Title {
				t.Errorf("SUMMARY %q", s)
			}
		})

		t.Run("trip feed with the key in the header", func(t *testing.T) {
			if rec := h.do(request{url: feed, as: cs.bearer["key viewer"]}); rec.Code != 200 {
				t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
			}
		})

		t.Run("cancelled trip", func(t *testing.T) {
			rec := h.do(request{url: withKey("/api/v1/trips/"+cancelled.ID+"/calendar.ics", key), as: anonymous})
			if rec.Code != 200 {
				t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
			}
			e := parseCalendar(t, rec)[cancelled.ID+"@innomunich"]
			if s, err := e.Status(); err != nil || s != ical.EventCancelled {
				t.Errorf("STATUS %q (%v), want CANCELLED", s, err)
			}
		})

		t.Run("upcoming trips", func(t *testing.T) {
			rec := h.do(request{url: withKey(upcoming, key), as: anonymous})
			if rec.Code != 200 {
				t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
			}
			if cd := rec.Header().Get("Content-Disposition"); cd != `inline; filename="innomunich-trips.ics"` {
				t.Errorf("Content-Disposition %q", cd)
			}
			events := parseCalendar(t, rec)
			for _, tr := range []trip.Trip{osaka, soon} {
				if _, ok := events[tr.ID+"@innomunich"]; !ok {
					t.Errorf("%s is missing", tr.Title)
				}
			}
			for _, tr := range []trip.Trip{past, cancelled} {
				if _, ok := events[tr.ID+"@innomunich"]; ok {
					t.Errorf("%s is listed", tr.Title)
				}
			}
			if _, ok := events[item.ID+"@innomunich"]; ok || len(events) != 2 {
				t.Errorf("want the two trips only, got %d events", len(events))
			}
		})

		h.run([]scenario{
			{name: "made-up key", req: request{url: withKey(feed, "imk_madeUpKeyThatNobodyIssued0000000000000"), as: anonymous},
				wantStatus: 401, wantType: "application/problem+json", wantHeaders: map[string]string{"WWW-Authenticate": `Bearer realm="innomunich"`}},
			{name: "made-up key, upcoming", req: request{url: withKey(upcoming, "imk_madeUpKeyThatNobodyIssued0000000000000"), as: anonymous}, wantStatus: 401},
			{name: "no key", req: request{url: feed, as: anonymous}, wantStatus: 401},
			{name: "no key, upcoming", req: request{url: upcoming, as: anonymous}, wantStatus: 401},
			{name: "empty key", req: request{url: feed + "?key=", as: anonymous}, wantStatus: 401},
			{name: "an access token is no key", req: request{url: withKey(feed, strings.TrimPrefix(cs.bearer["viewer"], "Bearer ")), as: anonymous}, wantStatus: 401},
			{name: "key without the read scope", req: request{url: withKey(feed, strings.TrimPrefix(cs.bearer["key without read"], "Bearer ")), as: anonymous}, wantStatus: 403},
			{name: "keys in URLs only for feeds", req: request{url: withKey("/api/v1/trips/"+osaka.ID, key), as: anonymous}, wantStatus: 401},
			{name: "signed-in user", req: request{url: feed, as: cs.bearer["member of A"]}, wantStatus: 200, wantType: "text/calendar"},
			{name: "unknown parameter", req: request{url: withKey(feed, key) + "&tz=Europe/Berlin", as: anonymous}, wantStatus: 400, wantBody: []string{"tz"}},
			{name: "list parameter", req: request{url: withKey(upcoming, key) + "&limit=5", as: anonymous}, wantStatus: 400, wantBody: []string{"limit"}},
			{name: "unknown trip", req: request{url: withKey("/api/v1/trips/01960000-0000-7000-8000-000000000000/calendar.ics", key), as: anonymous}, wantStatus: 404},
			{name: "malformed trip id", req: request{url: withKey("/api/v1/trips/nope/calendar.ics", key), as: anonymous}, wantStatus: 404},
		})
	})
}
