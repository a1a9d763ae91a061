package notify_test

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/jobs"
	"github.com/innomunich/platform/pkg/mail"
	"github.com/innomunich/platform/pkg/notify"
	"github.com/innomunich/platform/pkg/user"
	"github.com/riverqueue/river"
)

var admin = auth.Principal{Kind: auth.KindUser, ID: "00000000-0000-7000-8000-000000000001", Role: auth.RoleAdmin}

func newUser(t *testing.T, db *database.DB, email, role, locale string) user.User {
	t.Helper()
	u, _, err := user.Create(auth.With(context.Background(), admin), db, user.New{Email: email, DisplayName: email, Role: role, Locale: locale, Password: "correct horse battery staple 42"})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// queued returns the messages waiting in the job queue.
func queued(t *testing.T, q *jobs.Client) []mail.Message {
	t.Helper()
	res, err := q.JobList(context.Background(), river.NewJobListParams().Kinds(mail.SendArgs{}.Kind()).First(100))
	if err != nil {
		t.Fatal(err)
	}
	var out []mail.Message
	for _, j := range res.Jobs {
		var a mail.SendArgs
		if err := json.Unmarshal(j.EncodedArgs, &a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a.Message)
	}
	return out
}

func TestNotificationsGoToThoseWhoHaveThemOnInTheirLanguageWithAWorkingUnsubscribeLink(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		q, err := jobs.New(db, jobs.Config{})
		if err != nil {
			t.Fatal(err)
		}
		n := notify.New(db, mail.NewMailer(q, mail.Config{From: "InnoMuNiCH <noreply@innomunich.example>"}), "https://innomunich.example/")
		hanako := newUser(t, db, "hanako@example.jp", auth.RoleCoordinator, "ja")
		anna := newUser(t, db, "anna@example.de", auth.RoleCoordinator, "de")
		ctx := context.Background()

		// Hanako switches the expiry reminders off; Anna keeps the default.
		hctx := auth.With(ctx, hanako.Principal())
		st, err := notify.Mine(hctx, db)
		if err != nil {
			t.Fatal(err)
		}
		forCoordinators := 0
		for _, k := range notify.Kinds {
			if k.Roles == nil || slices.Contains(k.Roles, auth.RoleCoordinator) {
				forCoordinators++
			}
		}
		if st.Version != 1 || len(st.Kinds) != forCoordinators {
			t.Fatalf("a coordinator who never chose: %+v", st)
		}
		if _, err := notify.UpdateMine(hctx, db, st.Version, map[string]bool{"agreement_expiry": false}); err != nil {
			t.Fatal(err)
		}
		if _, err := notify.UpdateMine(hctx, db, st.Version, map[string]bool{"agreement_expiry": true}); !apperr.Is(err, apperr.PreconditionFailed) {
			t.Errorf("a change based on a stale version: %v, want precondition failed", err)
		}

		to := notify.UserRecipients([]user.User{hanako, anna})
		person, _ := notify.Person("Taro Sato", "taro@example.jp", []string{"fr", "ja"})
		to = append(to, person, person)
		sent, err := n.Send(ctx, notify.Notification{Kind: "agreement_expiry", Template: "password_reset",
			Data: map[string]string{"Email": "x"}, Path: "/agreements/1", To: to})
		if err != nil {
			t.Fatal(err)
		}
		msgs := queued(t, q)
		if sent != 2 || len(msgs) != 2 {
			t.Fatalf("sent %d, queued %d; want Anna and Taro once each", sent, len(msgs))
		}
		langs := map[string]string{}
		var link string
		for _, m := range msgs {
			langs[m.To[0].Email] = m.Language
			if !strings.Contains(m.Text, "https://innomunich.example/agreements/1") {
				t.Errorf("no link to the page in %q", m.Text)
			}
			h := m.Headers["List-Unsubscribe"]
			if m.Headers["List-Unsubscribe-Post"] != "List-Unsubscribe=One-Click" || !strings.HasPrefix(h, "<https://innomunich.example/api/v1/notifications/unsubscribe?token=") {
				t.Errorf("headers %v", m.Headers)
			}
			if m.To[0].Email == "anna@example.de" {
				link = strings.Trim(h, "<>")
			}
		}
		if langs["anna@example.de"] != "de" || langs["taro@example.jp"] != "ja" {
			t.Errorf("languages %v", langs)
		}

		// The link switches that kind off for Anna only, and no other kind.
		u, _ := url.Parse(link)
		kind, err := notify.Unsubscribe(ctx, db, u.Query().Get("token"))
		if err != nil || kind != "agreement_expiry" {
			t.Fatalf("unsubscribe: %q %v", kind, err)
		}
		ast, _ := notify.Mine(auth.With(ctx, anna.Principal()), db)
		for _, k := range ast.Kinds {
			if want := k.Kind != "agreement_expiry" && k.Default; k.Enabled != want {
				t.Errorf("after unsubscribing, %s is %v", k.Kind, k.Enabled)
			}
		}
		// A forged or altered token does nothing.
		token := u.Query().Get("token")
		flipped := "0"
		if strings.HasSuffix(token, "0") {
			flipped = "1"
		}
		for _, bad := range []string{"x", token[:len(token)-1] + flipped, strings.Replace(token, ".", "x.", 1)} {
			if _, err := notify.Unsubscribe(ctx, db, bad); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("token %q: %v, want not found", bad, err)
			}
		}
	})
}

func TestOnceIsOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		first, err := notify.Once(ctx, db, "agreement_expiry:a:30")
		if err != nil || !first {
			t.Fatalf("first claim: %v %v", first, err)
		}
		again, err := notify.Once(ctx, db, "agreement_expiry:a:30")
		if err != nil || again {
			t.Fatalf("second claim: %v %v", again, err)
		}
		// A claim in a transaction that rolls back is no claim.
		_ = db.WithTx(ctx, func(ctx context.Context) error {
			ok, _ := notify.Once(ctx, db, "agreement_expiry:b:30")
			if !ok {
				t.Error("claim in a transaction")
			}
			return apperr.New(apperr.Invalid, "roll back")
		})
		if ok, _ := notify.Once(ctx, db, "agreement_expiry:b:30"); !ok {
			t.Error("a rolled-back claim stayed")
		}
	})
}

func TestMembersHaveNoCoordinatorNotifications(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		m := newUser(t, db, "member@example.de", auth.RoleViewer, "en")
		ctx := auth.With(context.Background(), m.Principal())
		st, err := notify.Mine(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range st.Kinds {
			if k.Kind == "weekly_digest" || k.Kind == "agreement_expiry" {
				t.Errorf("a viewer has %s", k.Kind)
			}
		}
		if _, err := notify.UpdateMine(ctx, db, st.Version, map[string]bool{"weekly_digest": true}); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("a viewer asking for the digest: %v, want invalid", err)
		}
	})
}
