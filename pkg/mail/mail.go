// Package mail owns the e-mail the platform sends: the message, its
// delivery as a job (so it is sent exactly when the change that causes it
// commits, and retried while the server is away), the SMTP client
// (go-mail) and, when no SMTP server is configured, the outbox table in
// which every message is kept for admins to read.
package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/innomunich/platform/pkg/database"
	gomail "github.com/wneessen/go-mail"
)

// Address is a recipient.
type Address struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email"`
}

func (a Address) String() string {
	if a.Name == "" {
		return a.Email
	}
	return fmt.Sprintf("%s <%s>", a.Name, a.Email)
}

// Attachment is a file sent with a message, such as a trip's .ics.
type Attachment struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Data        []byte `json:"data"`
}

// Message is one e-mail as it is queued. MessageID and Date are fixed when
// it is queued, so a retried delivery is the same message.
type Message struct {
	MessageID string    `json:"message_id"`
	Date      time.Time `json:"date"`
	// Kind says what the message is about (invitation, password_reset, …),
	// for the outbox and for notification preferences.
	Kind     string    `json:"kind"`
	Language string    `json:"language"`
	To       []Address `json:"to"`
	Subject  string    `json:"subject"`
	Text     string    `json:"text"`
	HTML     string    `json:"html"`
	// Headers are extra header fields, e.g. List-Unsubscribe.
	Headers     map[string]string `json:"headers,omitempty"`
	Attachments []Attachment      `json:"attachments,omitempty"`
}

// Sender delivers a message: by SMTP, or into the outbox.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Config is where mail goes and in whose name.
type Config struct {
	// SMTPURL is smtp://user:pass@host:587 (STARTTLS required unless
	// ?tls=off) or smtps://… (implicit TLS); empty keeps mail in the outbox.
	SMTPURL string
	// From is the sender address, e.g. "InnoMuNiCH <noreply@example.org>".
	From string
}

// NewSender returns the SMTP sender when an SMTP URL is configured and the
// database outbox otherwise.
func NewSender(db *database.DB, cfg Config) (Sender, error) {
	if cfg.SMTPURL == "" {
		return &Outbox{db: db, from: cfg.From}, nil
	}
	return NewSMTP(cfg)
}

// newMessageID returns a Message-ID in the sender's domain.
func newMessageID(from string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	domain := "innomunich.invalid"
	if at := strings.LastIndex(from, "@"); at >= 0 {
		domain = strings.Trim(from[at+1:], "> ")
	}
	return fmt.Sprintf("<%s@%s>", hex.EncodeToString(b), domain)
}

// build turns m into a MIME message: plain text with an HTML alternative,
// UTF-8 throughout (go-mail encodes the subject per RFC 2047).
func build(from string, m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("sender address: %w", err)
	}
	for _, to := range m.To {
		if err := msg.AddToFormat(to.Name, to.Email); err != nil {
			return nil, fmt.Errorf("recipient address: %w", err)
		}
	}
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(strings.Trim(m.MessageID, "<>"))
	msg.SetDateWithValue(m.Date)
	for k, v := range m.Headers {
		msg.SetGenHeader(gomail.Header(k), v)
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	for _, a := range m.Attachments {
		if err := msg.AttachReader(a.Name, bytes.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(a.ContentType))); err != nil {
			return nil, fmt.Errorf("attach %s: %w", a.Name, err)
		}
	}
	return msg, nil
}
