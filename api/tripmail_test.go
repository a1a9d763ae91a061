package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/config"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/jobs"
	"github.com/innomunich/platform/pkg/mail"
	"github.com/innomunich/platform/pkg/mail/mailpittest"
	"github.com/innomunich/platform/pkg/user"
	"github.com/riverqueue/river"
)

// newLocaleUser adds an account of org that reads in locale.
func (h *harness) newLocaleUser(role, org, locale string) user.User {
	h.t.Helper()
	u, _, err := user.Create(setupCtx(), h.db, user.New{Email: fmt.Sprintf("%s-%s@example.org", locale, randomSuffix()),
		DisplayName: "User " + locale, Role: role, OrganisationID: &org, Locale: locale})
	if err != nil {
		h.t.Fatal(err)
	}
	return u
}

// newContact adds a person with an e-mail address and returns id and
// address.
func (h *harness) newContact(org string, body map[string]any) (string, string) {
	h.t.Helper()
	email := fmt.Sprintf("%s-%s@example.com", strings.ToLower(body["family_name"].(string)), randomSuffix())
	body["organisation_id"], body["email"] = org, email
	rec := h.do(request{method: "POST", url: "/api/v1/people", body: body})
	if rec.Code != 201 {
		h.t.Fatalf("create person: %d %s", rec.Code, rec.Body.String())
	}
	return decode[personBody](h.t, rec).ID, email
}

// tripSubject is the subject of a trip mail in lang, as a reader sees it.
func tripSubject(template, lang, title string) string {
	return strings.ReplaceAll(mail.Catalogue(lang)[template+".subject"], "{{.Trip}}", title)
}

// awaitMail waits for the message with subject to addr and reads it.
func awaitMail(t *testing.T, pit *mailpittest.Server, addr, subject string) mailpittest.Message {
	t.Helper()
	id := ""
	mailpittest.Eventually(t, fmt.Sprintf("%q to %s", subject, addr), func() bool {
		for _, m := range pit.Messages() {
			if m.Subject == subject && len(m.To) == 1 && m.To[0].Address == addr {
				id = m.ID
				return true
			}
		}
		return false
	})
	return pit.Message(id)
}

// arrived counts the messages with subject to addr.
func arrived(pit *mailpittest.Server, addr, subject string) int {
	n := 0
	for _, m := range pit.Messages() {
		if m.Subject == subject && len(m.To) == 1 && m.To[0].Address == addr {
			n++
		}
	}
	return n
}

// queuedFor lists the subjects of the mails queued for addr. A mail is
// queued in the transaction of its change, so once a request has been
// answered this is final: what is not here never goes.
func queuedFor(t *testing.T, q *jobs.Client, addr string) []string {
	t.Helper()
	var out []string
	params := river.NewJobListParams().Kinds(mail.SendArgs{}.Kind()).First(10000).States(
		"available", "completed", "discarded", "retryable", "running", "scheduled", "pending", "cancelled")
	res, err := q.JobList(context.Background(), params)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range res.Jobs {
		var args mail.SendArgs
		if err := json.Unmarshal(j.EncodedArgs, &args); err != nil {
			t.Fatal(err)
		}
		if len(args.Message.To) == 1 && args.Message.To[0].Email == addr {
			out = append(out, args.Message.Subject)
		}
	}
	return out
}

// tripEvent is the trip's event in a mail's .ics, read with the
// independent parser the calendar tests use.
type tripEvent struct {
	method, uid, start string
	sequence           int
}

func eventIn(t *testing.T, pit *mailpittest.Server, m mailpittest.Message) tripEvent {
	t.Helper()
	if len(m.Attachments) != 1 || m.Attachments[0].FileName != "trip.ics" {
		t.Fatalf("%q: attachments %+v, want trip.ics", m.Subject, m.Attachments)
	}
	cal, err := ical.NewDecoder(bytes.NewReader(pit.Part(m.ID, m.Attachments[0].PartID))).Decode()
	if err != nil {
		t.Fatalf("%q: the .ics does not parse: %v", m.Subject, err)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%q: %d events", m.Subject, len(events))
	}
	var ev tripEvent
	ev.method = cal.Props.Get(ical.PropMethod).Value
	ev.uid, _ = events[0].Props.Text(ical.PropUID)
	ev.start = events[0].Props.Get(ical.PropDateTimeStart).Value
	ev.sequence, _ = strconv.Atoi(events[0].Props.Get(ical.PropSequence).Value)
	// The part's type names the method, so mail clients offer to add or
	// remove the event (RFC 6047).
	if raw := string(pit.Raw(m.ID)); !strings.Contains(raw, "text/calendar; method="+ev.method+"; charset=utf-8") {
		t.Errorf("%q: no part of type text/calendar; method=%s in\n%s", m.Subject, ev.method, raw)
	}
	return ev
}

// Registering, waiting, moving up, cancelling and moving the trip each
// tell the person (in their first language) and their organisation's
// users (each in theirs), with the trip's event; a user who switched the
// notification off and a person who unsubscribed hear nothing.
func TestTripRegistrationMails(t *testing.T) {
	pit := mailpittest.Start(t)
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		q := withWorkers(t, h, func(c *config.Config) {
			c.SMTPURL, c.PublicURL = pit.SMTPURL(), "https://innomunich.example"
		})
		org := h.newOrganisation("Mail Biotech "+randomSuffix(), "DE").ID
		de, ja, off := h.newLocaleUser(auth.RoleMember, org, "de"), h.newLocaleUser(auth.RoleMember, org, "ja"), h.newLocaleUser(auth.RoleMember, org, "en")
		outsider := h.newLocaleUser(auth.RoleMember, h.newOrganisation("Other GmbH "+randomSuffix(), "DE").ID, "en")
		if rec := h.do(request{method: "PATCH", url: "/api/v1/me/notifications", as: h.bearer(off), headers: map[string]string{"If-Match": `"1"`},
			body: map[string]bool{"trip_registration": false}}); rec.Code != 200 {
			t.Fatalf("switch off: %d %s", rec.Code, rec.Body.String())
		}
		hanako, hanakoMail := h.newContact(org, map[string]any{"given_name": "Hanako", "family_name": "Yamada", "given_name_local": "花子",
			"family_name_local": "山田", "languages": []string{"ja", "de"}}) // the first listed language counts
		anna, annaMail := h.newContact(org, map[string]any{"given_name": "Anna", "family_name": "Berger", "languages": []string{"de", "en"}})
		title := "Delegation Osaka " + randomSuffix()
		tr := h.createTrip(map[string]any{"title": title, "kind": "delegation_trip", "organiser_ids": []string{org}, "country": "JP",
			"cities": []string{"Osaka", "Kawasaki"}, "start_date": "2027-04-12", "end_date": "2027-04-16", "time_zone": "Asia/Tokyo",
			"status": "registration_open", "capacity": 1})
		uid := tr.ID + "@innomunich"
		register := func(person string) participantBody {
			t.Helper()
			rec := h.do(request{method: "POST", url: "/api/v1/trips/" + tr.ID + "/participants", body: map[string]any{"person_id": person}})
			if rec.Code != 201 {
				t.Fatalf("register: %d %s", rec.Code, rec.Body.String())
			}
			return decode[participantBody](t, rec)
		}
		cancel := func(p participantBody) {
			t.Helper()
			if code := h.status(request{method: "DELETE", url: "/api/v1/trips/" + tr.ID + "/participants/" + p.ID,
				headers: map[string]string{"If-Match": fmt.Sprint(p.Version)}}); code != 204 {
				t.Fatalf("cancel: %d", code)
			}
		}

		// Hanako gets the seat: she hears in Japanese, her organisation's
		// users each in their language.
		first := register(hanako)
		m := awaitMail(t, pit, hanakoMail, tripSubject("trip_confirmed", "ja", title))
		if m.To[0].Name != "山田 花子" || !strings.Contains(m.Text, "山田 花子 様") || !strings.Contains(m.Text, "2027年4月12日～2027年4月16日") ||
			!strings.Contains(m.Text, "Osaka、Kawasaki") || !strings.Contains(m.Text, "https://innomunich.example/trips/"+tr.ID) {
			t.Errorf("confirmation to Hanako: to %+v\n%s", m.To, m.Text)
		}
		if ev := eventIn(t, pit, m); ev.method != "REQUEST" || ev.uid != uid || ev.start != "20270412" || ev.sequence != 0 {
			t.Errorf("confirmation's event %+v, want REQUEST of %s from 20270412, sequence 0", ev, uid)
		}
		if m := awaitMail(t, pit, de.Email, tripSubject("trip_confirmed", "de", title)); !strings.Contains(m.Text, "Hanako Yamada") ||
			!strings.Contains(m.Text, "12.04.2027 – 16.04.2027") || eventIn(t, pit, m).uid != uid {
			t.Errorf("confirmation to the German user:\n%s", m.Text)
		}
		awaitMail(t, pit, ja.Email, tripSubject("trip_confirmed", "ja", title))

		// Anna waits, first in line, and gets no event yet.
		second := register(anna)
		m = awaitMail(t, pit, annaMail, tripSubject("trip_waitlisted", "de", title))
		if !strings.Contains(m.Text, "Platz 1 der Warteliste") || len(m.Attachments) != 0 {
			t.Errorf("waitlisted: %d attachments\n%s", len(m.Attachments), m.Text)
		}
		if m := awaitMail(t, pit, ja.Email, tripSubject("trip_waitlisted", "ja", title)); !strings.Contains(m.Text, "キャンセル待ち 1 番目") {
			t.Errorf("waitlisted, to the Japanese user:\n%s", m.Text)
		}

		// Hanako cancels: her event goes, Anna moves up and gets it.
		cancel(first)
		m = awaitMail(t, pit, hanakoMail, tripSubject("trip_registration_cancelled", "ja", title))
		if ev := eventIn(t, pit, m); ev.method != "CANCEL" || ev.uid != uid {
			t.Errorf("cancellation's event %+v, want CANCEL of %s", ev, uid)
		}
		m = awaitMail(t, pit, annaMail, tripSubject("trip_promoted", "de", title))
		promoted := eventIn(t, pit, m)
		if promoted.method != "REQUEST" || promoted.uid != uid {
			t.Errorf("promotion's event %+v, want REQUEST of %s", promoted, uid)
		}
		awaitMail(t, pit, de.Email, tripSubject("trip_promoted", "de", title))

		// The trip moves by a week: everyone registered hears, with the
		// event's sequence raised.
		if rec := h.do(request{method: "PATCH", url: "/api/v1/trips/" + tr.ID, headers: map[string]string{"If-Match": fmt.Sprint(tr.Version)},
			body: map[string]any{"start_date": "2027-04-19", "end_date": "2027-04-23"}}); rec.Code != 200 {
			t.Fatalf("move the trip: %d %s", rec.Code, rec.Body.String())
		}
		m = awaitMail(t, pit, annaMail, tripSubject("trip_changed", "de", title))
		if ev := eventIn(t, pit, m); ev.method != "REQUEST" || ev.uid != uid || ev.start != "20270419" || ev.sequence <= promoted.sequence {
			t.Errorf("change's event %+v, want REQUEST of %s from 20270419 with a sequence above %d", ev, uid, promoted.sequence)
		}
		if !strings.Contains(m.Text, "19.04.2027 – 23.04.2027") {
			t.Errorf("change:\n%s", m.Text)
		}
		awaitMail(t, pit, ja.Email, tripSubject("trip_changed", "ja", title))

		// Anna, who has no account, unsubscribes with one click from the
		// last mail and hears no more; her organisation's users still do.
		link, err := url.Parse(strings.Trim(pit.Headers(m.ID)["List-Unsubscribe"][0], "<>"))
		if err != nil {
			t.Fatal(err)
		}
		if rec := h.do(request{method: http.MethodPost, url: link.RequestURI(), as: anonymous, body: "List-Unsubscribe=One-Click",
			headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}}); rec.Code != 200 {
			t.Fatalf("one-click unsubscribe: %d %s", rec.Code, rec.Body.String())
		}
		list := decode[struct{ Items []participantBody }](t, h.get("/api/v1/trips/"+tr.ID+"/participants")).Items
		for _, p := range list {
			if p.ID == second.ID {
				cancel(p)
			}
		}
		awaitMail(t, pit, de.Email, tripSubject("trip_registration_cancelled", "de", title))

		for _, tc := range []struct {
			who  string
			addr string
			want []string
		}{
			{"Hanako (cancelled before the trip moved)", hanakoMail, []string{"trip_confirmed", "trip_registration_cancelled"}},
			{"Anna (unsubscribed before her cancellation)", annaMail, []string{"trip_waitlisted", "trip_promoted", "trip_changed"}},
			{"the German user", de.Email, []string{"trip_confirmed", "trip_waitlisted", "trip_registration_cancelled", "trip_promoted", "trip_changed", "trip_registration_cancelled"}},
			{"the user who switched trip mails off", off.Email, nil},
			{"a user of another organisation", outsider.Email, nil},
		} {
			got := queuedFor(t, q, tc.addr)
			if len(got) != len(tc.want) {
				t.Errorf("%s: %d mails %q, want %d (%v)", tc.who, len(got), got, len(tc.want), tc.want)
			}
		}
	})
}

// With the mail server down, a registration still succeeds; its mail is
// retried and, once the server is back, arrives exactly once.
func TestARegistrationMailWaitsForTheMailServerAndArrivesOnce(t *testing.T) {
	pit := mailpittest.Start(t)
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		q := withWorkers(t, h, func(c *config.Config) { c.SMTPURL = pit.SMTPURL() })
		events, stop := q.Subscribe(river.EventKindJobFailed, river.EventKindJobCompleted)
		defer stop()
		org := h.newOrganisation("Retry Biotech "+randomSuffix(), "DE").ID
		person, addr := h.newContact(org, map[string]any{"given_name": "Anna", "family_name": "Berger", "languages": []string{"en"}})
		tr := openTrip(h, org, 5)
		pit.Stop()
		if rec := h.do(request{method: "POST", url: "/api/v1/trips/" + tr.ID + "/participants", body: map[string]any{"person_id": person}}); rec.Code != 201 {
			t.Fatalf("register with the mail server down: %d %s", rec.Code, rec.Body.String())
		}
		await := func(kind river.EventKind) {
			t.Helper()
			deadline := time.After(30 * time.Second)
			for {
				select {
				case ev := <-events:
					if ev.Kind == kind && ev.Job.Kind == (mail.SendArgs{}).Kind() {
						return
					}
				case <-deadline:
					t.Fatalf("no %s mail job within 30 s", kind)
				}
			}
		}
		await(river.EventKindJobFailed)
		pit.Restart()
		await(river.EventKindJobCompleted) // River retries after about a second
		subject := tripSubject("trip_confirmed", "en", tr.Title)
		awaitMail(t, pit, addr, subject)
		if n := arrived(pit, addr, subject); n != 1 {
			t.Errorf("the confirmation arrived %d times, want once", n)
		}
	})
}

// queuedMessages are the mails queued for addr, oldest first.
func queuedMessages(t *testing.T, db *database.DB, addr string) []mail.Message {
	t.Helper()
	q, err := jobs.New(db, jobs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := q.JobList(context.Background(), river.NewJobListParams().Kinds(mail.SendArgs{}.Kind()).First(10000))
	if err != nil {
		t.Fatal(err)
	}
	var out []mail.Message
	for _, j := range res.Jobs {
		var args mail.SendArgs
		if err := json.Unmarshal(j.EncodedArgs, &args); err != nil {
			t.Fatal(err)
		}
		if len(args.Message.To) == 1 && args.Message.To[0].Email == addr {
			out = append(out, args.Message)
		}
	}
	return out
}

// Calling a trip off tells everyone registered and removes the event; a
// person deleted from the directory gives their seat to the next in line,
// who hears of it. Later changes to a called-off trip tell no one.
func TestCallingATripOffAndDeletingAPersonTellThoseConcerned(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		org := h.newOrganisation("Called Off GmbH "+randomSuffix(), "DE").ID
		anna, annaMail := h.newContact(org, map[string]any{"given_name": "Anna", "family_name": "Berger", "languages": []string{"en"}})
		ben, benMail := h.newContact(org, map[string]any{"given_name": "Ben", "family_name": "Huber", "languages": []string{"en"}})
		carla, carlaMail := h.newContact(org, map[string]any{"given_name": "Carla", "family_name": "Meier", "languages": []string{"en"}})
		tr := openTrip(h, org, 1)
		for _, p := range []string{anna, ben, carla} {
			if code := h.status(request{method: "POST", url: "/api/v1/trips/" + tr.ID + "/participants", body: map[string]any{"person_id": p}}); code != 201 {
				t.Fatalf("register: %d", code)
			}
		}
		// Anna leaves the directory: Ben, first in line, moves up.
		rec := h.get("/api/v1/people/" + anna)
		if code := h.status(request{method: "DELETE", url: "/api/v1/people/" + anna, headers: map[string]string{"If-Match": rec.Header().Get("ETag")}}); code != 204 {
			t.Fatalf("delete person: %d", code)
		}
		last := func(addr string) mail.Message {
			ms := queuedMessages(t, db, addr)
			if len(ms) == 0 {
				t.Fatalf("no mail to %s", addr)
			}
			return ms[len(ms)-1]
		}
		if m := last(benMail); m.Subject != tripSubject("trip_promoted", "en", tr.Title) || len(m.Attachments) != 1 ||
			m.Attachments[0].ContentType != "text/calendar; method=REQUEST; charset=utf-8" {
			t.Errorf("Ben after Anna's deletion: %q %+v", m.Subject, m.Attachments)
		}
		if n := len(queuedMessages(t, db, annaMail)); n != 1 {
			t.Errorf("Anna, deleted, got %d mails, want only the confirmation", n)
		}
		// The trip is called off: Ben (seat) and Carla (waiting) hear.
		trip := decode[tripBody](t, h.get("/api/v1/trips/"+tr.ID))
		rec = h.do(request{method: "PATCH", url: "/api/v1/trips/" + tr.ID, headers: map[string]string{"If-Match": fmt.Sprint(trip.Version)}, body: map[string]any{"status": "cancelled"}})
		if rec.Code != 200 {
			t.Fatalf("call off: %d %s", rec.Code, rec.Body.String())
		}
		for _, addr := range []string{benMail, carlaMail} {
			m := last(addr)
			if m.Subject != tripSubject("trip_cancelled", "en", tr.Title) || len(m.Attachments) != 1 ||
				m.Attachments[0].ContentType != "text/calendar; method=CANCEL; charset=utf-8" || !strings.Contains(string(m.Attachments[0].Data), "STATUS:CANCELLED") {
				t.Errorf("%s after the trip was called off: %q %+v", addr, m.Subject, m.Attachments)
			}
		}
		before := len(queuedMessages(t, db, benMail))
		trip = decode[tripBody](t, rec)
		if code := h.status(request{method: "PATCH", url: "/api/v1/trips/" + tr.ID, headers: map[string]string{"If-Match": fmt.Sprint(trip.Version)},
			body: map[string]any{"start_date": "2027-05-03", "end_date": "2027-05-07"}}); code != 200 {
			t.Fatalf("move the called-off trip: %d", code)
		}
		if n := len(queuedMessages(t, db, benMail)); n != before {
			t.Errorf("moving a called-off trip sent %d mails", n-before)
		}
	})
}
