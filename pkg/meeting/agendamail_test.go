package meeting

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/jobs"
	"github.com/innomunich/platform/pkg/mail"
	"github.com/innomunich/platform/pkg/notify"
	"github.com/innomunich/platform/pkg/person"
	"github.com/riverqueue/river"
)

func TestTheAgendaGoesOutTheEveningBeforeInTheTripsZoneOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2)
		s := f.session("2026-10-15", "10:00", "12:00", 30, 0)
		f.place("Table 1")
		ctx := admin()
		müller := must(person.Create(ctx, db, person.Person{OrganisationID: f.orgs[0], GivenName: "Anna", FamilyName: "Müller", Email: "anna@example.org", Languages: "de"}))
		must(person.RegisterForTrip(ctx, db, f.trip.ID, müller.ID))
		tanaka := must(person.Create(ctx, db, person.Person{OrganisationID: f.orgs[1], GivenName: "Ai", FamilyName: "Tanaka", GivenNameLocal: "愛", FamilyNameLocal: "田中",
			Email: "tanaka@example.jp", Languages: "ja"}))
		must(person.RegisterForTrip(ctx, db, f.trip.ID, tanaka.ID))
		f.available(müller.ID, s)
		f.available(tanaka.ID, s)
		m := f.request(müller.ID, tanaka.ID)
		must(Accept(ctx, db, f.trip.ID, m.ID, m.Version, nil))

		q := must(jobs.New(db, jobs.Config{}))
		a := &Agendas{DB: db, Notifier: notify.New(db, mail.NewMailer(q, mail.Config{From: "noreply@innomunich.example"}), "https://innomunich.example")}
		mails := func(addr string) []mail.Message {
			res := must(q.JobList(context.Background(), river.NewJobListParams().Kinds(mail.SendArgs{}.Kind()).First(1000)))
			var out []mail.Message
			for _, j := range res.Jobs {
				var args mail.SendArgs
				if err := json.Unmarshal(j.EncodedArgs, &args); err != nil {
					t.Fatal(err)
				}
				if args.Message.Kind == "meeting_agenda" && args.Message.To[0].Email == addr {
					out = append(out, args.Message)
				}
			}
			return out
		}
		// 17:30 in Tokyo the day before: not yet.
		if err := a.Send(ctx, time.Date(2026, 10, 14, 8, 30, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		if n := len(mails("anna@example.org")); n != 0 {
			t.Fatalf("%d agendas at 17:30 in Tokyo", n)
		}
		// 18:05 in Tokyo (11:05 in Berlin): both get theirs, in their languages.
		for range 2 {
			if err := a.Send(ctx, time.Date(2026, 10, 14, 9, 5, 0, 0, time.UTC)); err != nil {
				t.Fatal(err)
			}
		}
		anna, ai := mails("anna@example.org"), mails("tanaka@example.jp")
		if len(anna) != 1 || len(ai) != 1 {
			t.Fatalf("agendas: %d for Anna, %d for Ai; want one each", len(anna), len(ai))
		}
		if !strings.Contains(anna[0].Subject, "2026-10-15") || !strings.Contains(anna[0].Text, "10:00–10:30, Table 1: 田中 愛 / Ai Tanaka") || anna[0].Language != "de" {
			t.Errorf("Anna's agenda: %s\n%s", anna[0].Subject, anna[0].Text)
		}
		if !strings.Contains(ai[0].Subject, "面談予定") || !strings.Contains(ai[0].Text, "Anna Müller") {
			t.Errorf("Ai's agenda: %s\n%s", ai[0].Subject, ai[0].Text)
		}
	})
}
