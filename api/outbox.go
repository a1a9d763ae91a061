package api

import (
	"time"

	"github.com/innomunich/platform/pkg/mail"
	"github.com/labstack/echo/v4"
)

// OutboxMessage is an e-mail kept in the database because no SMTP server
// is configured: what would have been sent, and to whom.
type OutboxMessage struct {
	ID         string    `json:"id" format:"uuid"`
	MessageID  string    `json:"message_id" example:"<0f3c…@innomunich.example>"`
	Kind       string    `json:"kind" example:"invitation"`
	Language   string    `json:"language" enums:"de,en,ja"`
	Recipients string    `json:"recipients" example:"Hanako Yamada <hanako@example.jp>"`
	Subject    string    `json:"subject"`
	Text       string    `json:"text"`
	CreatedAt  time.Time `json:"created_at" format:"date-time"`
} // @name OutboxMessage

func outboxOut(k mail.Kept) OutboxMessage {
	return OutboxMessage{ID: k.ID, MessageID: k.MessageID, Kind: k.Kind, Language: k.Language,
		Recipients: k.Recipients, Subject: k.Subject, Text: k.TextBody, CreatedAt: k.CreatedAt}
}

// listOutbox godoc
//
//	@Summary		List the mail outbox
//	@Description	Without INNOMUNICH_SMTP_URL e-mails are not sent but kept here, newest first (admins only: they hold one-time links).
//	@Tags			notifications
//	@Produce		json
//	@Security		bearer
//	@Param			limit	query		int		false	"Page size, 1–200"	default(50)
//	@Param			cursor	query		string	false	"next_cursor of the previous page"
//	@Param			sort	query		string	false	"created_at or -created_at"	default(-created_at)
//	@Success		200		{object}	List[OutboxMessage]
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Router			/api/v1/outbox [get]
func (s *server) listOutbox(c echo.Context) error {
	q := newQuery(c)
	p := q.page(mail.OutboxOrder)
	if err := q.err(); err != nil {
		return err
	}
	rows, next, err := mail.ListOutbox(c.Request().Context(), s.DB, p)
	if err != nil {
		return err
	}
	return writeList(c, newList(rows, next, outboxOut))
}
