package mail_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/jobs"
	"github.com/innomunich/platform/pkg/mail"
	"github.com/innomunich/platform/pkg/mail/mailpittest"
	"github.com/innomunich/platform/pkg/page"
	"github.com/riverqueue/river"
)

const from = "InnoMuNiCH <noreply@innomunich.example>"

// deliver starts workers that deliver mail with sender until the test
// ends, and returns a mailer and the job events.
func deliver(t *testing.T, db *database.DB, sender mail.Sender) (*mail.Mailer, *jobs.Client, <-chan *river.Event) {
	t.Helper()
	ws := river.NewWorkers()
	mail.Register(ws, sender)
	c, err := jobs.New(db, jobs.Config{Concurrency: 2, Workers: ws, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	events, cancel := c.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed)
	if err := c.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, stop := context.WithTimeout(context.Background(), 10*time.Second)
		defer stop()
		_ = c.Shutdown(ctx)
		cancel()
	})
	return mail.NewMailer(c, mail.Config{From: from}), c, events
}

func await(t *testing.T, events <-chan *river.Event, kind river.EventKind) *river.Event {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case ev := <-events:
			if ev.Kind == kind {
				return ev
			}
		case <-deadline:
			t.Fatalf("no %s event within 30 s", kind)
		}
	}
}

func invitation() mail.Message {
	return mail.Message{
		Kind: "invitation", Language: "ja",
		To:      []mail.Address{{Name: "山田 花子", Email: "hanako@example.jp"}},
		Subject: "InnoMuNiCH への招待",
		Text:    "パスワードを設定してください: https://innomunich.example/set-password#token",
		HTML:    "<p>パスワードを設定してください</p>",
		Headers: map[string]string{"List-Unsubscribe": "<https://innomunich.example/unsubscribe?t=x>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
		Attachments: []mail.Attachment{{Name: "trip.ics", ContentType: "text/calendar; method=REQUEST; charset=utf-8",
			Data: []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n")}},
	}
}

func TestAQueuedMessageArrivesThroughSMTPReadableInJapanese(t *testing.T) {
	pit := mailpittest.Start(t)
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		smtp, err := mail.NewSMTP(mail.Config{SMTPURL: pit.SMTPURL(), From: from})
		if err != nil {
			t.Fatal(err)
		}
		mailer, _, events := deliver(t, db, smtp)
		before := len(pit.Messages())
		committed := time.Now()
		if err := db.WithTx(context.Background(), func(ctx context.Context) error { return mailer.Queue(ctx, invitation()) }); err != nil {
			t.Fatal(err)
		}
		await(t, events, river.EventKindJobCompleted)
		got := pit.Await(before + 1)[0]
		t.Logf("commit to Mailpit: %s", time.Since(committed).Round(time.Millisecond))
		if got.Subject != "InnoMuNiCH への招待" {
			t.Errorf("subject %q", got.Subject)
		}
		if len(got.To) != 1 || got.To[0].Address != "hanako@example.jp" || got.To[0].Name != "山田 花子" {
			t.Errorf("to %+v", got.To)
		}
		if got.From.Address != "noreply@innomunich.example" || got.MessageID == "" {
			t.Errorf("from %+v, message id %q", got.From, got.MessageID)
		}
		m := pit.Message(got.ID)
		if !strings.Contains(m.Text, "パスワードを設定してください") || !strings.Contains(m.HTML, "<p>パスワードを設定してください</p>") {
			t.Errorf("bodies: text %q html %q", m.Text, m.HTML)
		}
		h := pit.Headers(got.ID)
		if h["List-Unsubscribe-Post"][0] != "List-Unsubscribe=One-Click" || !strings.Contains(h["List-Unsubscribe"][0], "unsubscribe") || len(h["Date"]) != 1 {
			t.Errorf("headers %v", h)
		}
		if len(m.Attachments) != 1 || !strings.Contains(string(pit.Part(got.ID, m.Attachments[0].PartID)), "METHOD:REQUEST") {
			t.Errorf("attachments %+v", m.Attachments)
		}
	})
}

// The mail server is away when the job runs: the job fails and is
// retried, and once the server is back the message arrives exactly once.
func TestWithTheMailServerDownAMessageIsRetriedAndArrivesOnce(t *testing.T) {
	pit := mailpittest.Start(t)
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		smtp, err := mail.NewSMTP(mail.Config{SMTPURL: pit.SMTPURL(), From: from})
		if err != nil {
			t.Fatal(err)
		}
		mailer, _, events := deliver(t, db, smtp)
		before := len(pit.Messages())
		pit.Stop()
		m := invitation()
		m.Subject = "retried " + t.Name()
		if err := mailer.Queue(context.Background(), m); err != nil {
			t.Fatal(err)
		}
		failed := await(t, events, river.EventKindJobFailed)
		if len(failed.Job.Errors) == 0 || !strings.Contains(failed.Job.Errors[0].Error, "send mail") {
			t.Errorf("job errors %+v", failed.Job.Errors)
		}
		pit.Restart()
		// River's backoff after a first failure is about a second.
		await(t, events, river.EventKindJobCompleted)
		got := pit.Await(before + 1)
		n := 0
		for _, s := range got {
			if s.Subject == m.Subject {
				n++
			}
		}
		if n != 1 {
			t.Errorf("the message arrived %d times, want once", n)
		}
	})
}

func TestWithoutSMTPAMessageIsKeptInTheOutboxOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		outbox, err := mail.NewSender(db, mail.Config{From: from})
		if err != nil {
			t.Fatal(err)
		}
		mailer, _, events := deliver(t, db, outbox)
		if err := mailer.Queue(ctx, invitation()); err != nil {
			t.Fatal(err)
		}
		ev := await(t, events, river.EventKindJobCompleted)
		// A retried delivery (the worker died after sending) keeps it once.
		var args mail.SendArgs
		if err := decodeArgs(ev.Job.EncodedArgs, &args); err != nil {
			t.Fatal(err)
		}
		if err := outbox.Send(ctx, args.Message); err != nil {
			t.Fatal(err)
		}
		admin := auth.With(ctx, auth.Principal{Kind: auth.KindUser, ID: "01a229c0-0000-7000-8000-00000000ad01", Role: auth.RoleAdmin})
		p, err := mail.OutboxOrder.Parse(page.Params{})
		if err != nil {
			t.Fatal(err)
		}
		kept, _, err := mail.ListOutbox(admin, db, p)
		if err != nil {
			t.Fatal(err)
		}
		if len(kept) != 1 {
			t.Fatalf("%d messages kept, want 1", len(kept))
		}
		k := kept[0]
		if k.Subject != "InnoMuNiCH への招待" || k.Recipients != "山田 花子 <hanako@example.jp>" || k.Kind != "invitation" || k.Language != "ja" || !strings.Contains(string(k.Raw), "Message-ID: "+args.Message.MessageID) {
			t.Errorf("kept %+v", k)
		}
		member := auth.With(ctx, auth.Principal{Kind: auth.KindUser, ID: "01a229c0-0000-7000-8000-00000000ad02", Role: auth.RoleMember})
		if _, _, err := mail.ListOutbox(member, db, p); err == nil {
			t.Error("a member read the outbox")
		}
	})
}

func TestSMTPURL(t *testing.T) {
	for _, tc := range []struct {
		url     string
		wantErr string
	}{
		{"smtp://user:s3cret@mail.example.org:587", ""},
		{"smtp://mail.example.org?tls=off", ""},
		{"smtps://user:s3cret@mail.example.org", ""},
		{"smtps://user:s3cret@mail.example.org?tls=off", "tls may only be"},
		{"smtp://user:s3cret@mail.example.org?tls=maybe", "tls may only be"},
		{"http://user:s3cret@mail.example.org", "must start with smtp://"},
		{"smtp://user:s3cret@mail.example.org:99999", "invalid port"},
		{"smtp://", "needs a host"},
	} {
		_, _, err := mail.ParseSMTPURL(tc.url)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%s: %v", tc.url, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%s: error %v, want %q", tc.url, err, tc.wantErr)
		case err != nil && strings.Contains(err.Error(), "s3cret"):
			t.Errorf("%s: the error shows the password: %v", tc.url, err)
		}
	}
}

func decodeArgs(raw []byte, v any) error { return json.Unmarshal(raw, v) }
