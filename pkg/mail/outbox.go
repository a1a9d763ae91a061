package mail

import (
	"bytes"
	"context"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/page"
	"gorm.io/gorm/clause"
)

// Outbox keeps messages in the database instead of sending them: the
// default without an SMTP server, so a demo on one machine shows every
// message to its admins.
type Outbox struct {
	db   *database.DB
	from string
}

// Kept is one message in the outbox.
type Kept struct {
	ID         string    `gorm:"column:id;primaryKey"`
	MessageID  string    `gorm:"column:message_id"`
	Kind       string    `gorm:"column:kind"`
	Language   string    `gorm:"column:language"`
	Recipients string    `gorm:"column:recipients"` // comma-separated addresses
	Subject    string    `gorm:"column:subject"`
	TextBody   string    `gorm:"column:text_body"`
	Raw        []byte    `gorm:"column:raw"` // the whole message as it would have been sent
	CreatedAt  time.Time `gorm:"column:created_at"`
}

func (Kept) TableName() string { return "mail_outbox" }

// Send keeps m. A retried job keeps it once: the Message-ID is unique.
func (o *Outbox) Send(ctx context.Context, m Message) error {
	msg, err := build(o.from, m)
	if err != nil {
		return err
	}
	var raw bytes.Buffer
	if _, err := msg.WriteTo(&raw); err != nil {
		return err
	}
	to := make([]string, len(m.To))
	for i, a := range m.To {
		to[i] = a.String()
	}
	row := Kept{
		ID: uuid.Must(uuid.NewV7()).String(), MessageID: m.MessageID, Kind: m.Kind, Language: m.Language,
		Recipients: strings.Join(to, ", "), Subject: m.Subject, TextBody: m.Text, Raw: raw.Bytes(), CreatedAt: database.Now(),
	}
	return o.db.Conn(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error
}

// OutboxOrder is the outbox's one order: newest first.
var OutboxOrder = page.Spec{
	Fields:  []page.Field{{Name: "created_at", Column: "created_at", Kind: page.Time}},
	Default: "-created_at",
}

// ListOutbox returns a page of kept messages, newest first. Admins only:
// messages hold links with one-time tokens.
func ListOutbox(ctx context.Context, db *database.DB, p page.Page) ([]Kept, *string, error) {
	if !auth.From(ctx).IsAdmin() {
		return nil, nil, apperr.New(apperr.Forbidden, "Only admins read the outbox")
	}
	var rows []Kept
	if err := p.Find(db.Conn(ctx).Model(&Kept{}), &rows); err != nil {
		return nil, nil, err
	}
	items, next := page.Finish(p, rows, func(k Kept, _ string) page.Key {
		return page.Key{Value: k.CreatedAt, ID: k.ID}
	})
	return items, next, nil
}
