package api_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/mail"
)

func TestAdminsReadTheMailOutboxAndNobodyElseDoes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		outbox, err := mail.NewSender(db, mail.Config{From: "InnoMuNiCH <noreply@innomunich.example>"})
		if err != nil {
			t.Fatal(err)
		}
		msg := mail.Message{MessageID: "<1@innomunich.example>", Kind: "invitation", Language: "ja",
			To: []mail.Address{{Name: "山田 花子", Email: "hanako@example.jp"}}, Subject: "InnoMuNiCH への招待", Text: "リンク: https://innomunich.example/set-password#t"}
		if err := outbox.Send(context.Background(), msg); err != nil {
			t.Fatal(err)
		}
		coordinator := h.bearer(h.newUser(auth.RoleCoordinator, nil))
		h.run([]scenario{
			{name: "admin", req: request{url: "/api/v1/outbox"}, wantStatus: http.StatusOK,
				wantBody: []string{`"subject":"InnoMuNiCH への招待"`, `"recipients":"山田 花子 \u003chanako@example.jp\u003e"`, `"kind":"invitation"`, `"language":"ja"`, `"next_cursor":null`}},
			{name: "coordinator", req: request{url: "/api/v1/outbox", as: coordinator}, wantStatus: http.StatusForbidden},
			{name: "anonymous", req: request{url: "/api/v1/outbox", as: anonymous}, wantStatus: http.StatusUnauthorized},
			{name: "bad limit", req: request{url: "/api/v1/outbox?limit=0"}, wantStatus: http.StatusBadRequest},
		})
	})
}
