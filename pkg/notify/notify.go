// Package notify owns the notifications the platform sends by e-mail:
// the kinds a person can switch on and off, their settings, the signed
// one-click unsubscribe links, and the record of notifications that must
// go only once. Other packages say what happened and to whom; notify
// checks each recipient's settings, writes the message in the
// recipient's language and queues it in the caller's transaction (so it
// goes out exactly when that change commits).
package notify

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/mail"
	"github.com/innomunich/platform/pkg/user"
)

// Kind is a kind of notification a person can switch on or off.
type Kind struct {
	Code string
	// Default is whether it is on for someone who never chose.
	Default bool
	// Roles are the roles of the accounts it is for; nil: every account.
	Roles []string
}

// Kinds are every kind of notification, in the order the web app shows
// them. Each mail sent as a notification names one of them.
var Kinds = []Kind{
	{Code: "trip_registration", Default: true},
	{Code: "agreement_expiry", Default: true, Roles: []string{"admin", "coordinator"}},
	{Code: "milestone_due", Default: true},
	{Code: "weekly_digest", Default: false, Roles: []string{"admin", "coordinator"}},
	{Code: "opportunity_interest", Default: true},
	{Code: "meeting", Default: true},
	{Code: "webhook_disabled", Default: true, Roles: []string{"admin"}},
}

// KindOf returns the kind with the code.
func KindOf(code string) (Kind, bool) {
	i := slices.IndexFunc(Kinds, func(k Kind) bool { return k.Code == code })
	if i < 0 {
		return Kind{}, false
	}
	return Kinds[i], true
}

// Recipient is someone a notification goes to: an account, or a person
// without one (UserID empty).
type Recipient struct {
	UserID   string
	Name     string
	Email    string
	Language string
}

// subject is the key of the recipient's settings.
func (r Recipient) subject() string {
	if r.UserID != "" {
		return "user:" + r.UserID
	}
	return "email:" + user.EmailKey(r.Email)
}

// UserRecipients returns the recipients for accounts.
func UserRecipients(users []user.User) []Recipient {
	out := make([]Recipient, 0, len(users))
	for _, u := range users {
		out = append(out, Recipient{UserID: u.ID, Name: u.DisplayName, Email: u.Email, Language: u.Locale})
	}
	return out
}

// OrganisationUsers returns the enabled accounts of an organisation.
func OrganisationUsers(ctx context.Context, db *database.DB, organisationID string) ([]Recipient, error) {
	if organisationID == "" {
		return nil, nil
	}
	us, err := user.Active(ctx, db, organisationID)
	return UserRecipients(us), err
}

// Coordinators returns the enabled coordinator accounts.
func Coordinators(ctx context.Context, db *database.DB) ([]Recipient, error) {
	us, err := user.Active(ctx, db, "", "coordinator")
	return UserRecipients(us), err
}

// Person returns the recipient for a person without an account, in
// their first listed language the platform speaks, else English; ok is
// false when they have no e-mail address.
func Person(name, email string, languages []string) (Recipient, bool) {
	if strings.TrimSpace(email) == "" {
		return Recipient{}, false
	}
	lang := "en"
	for _, l := range languages {
		if mail.Language(l) == l {
			lang = l
			break
		}
	}
	return Recipient{Name: name, Email: email, Language: lang}, true
}

// Notification is one event to tell people about.
type Notification struct {
	// Kind is the setting that governs it (one of Kinds).
	Kind string
	// Template is the catalogue key prefix of its texts
	// (pkg/mail/catalogue: "<Template>.subject", ".body", ".action", ".note").
	Template string
	// Data fills the texts' placeholders. Per-language values (a trip's
	// title in Japanese) go in ByLanguage, which wins for that language.
	Data       map[string]string
	ByLanguage map[string]map[string]string
	// Path is the web app's page about it ("/trips/…"), made absolute
	// with the public URL; "" for no button.
	Path  string
	Lines []string
	// Attachments go with every copy (an .ics).
	Attachments []mail.Attachment
	To          []Recipient
}

// Notifier queues notifications as mail.
type Notifier struct {
	db        *database.DB
	mailer    *mail.Mailer
	publicURL string
}

// New returns a notifier that queues with mailer and makes links under
// publicURL (the web app's address, e.g. https://innomunich.example).
func New(db *database.DB, mailer *mail.Mailer, publicURL string) *Notifier {
	return &Notifier{db: db, mailer: mailer, publicURL: strings.TrimRight(publicURL, "/")}
}

// Send queues one message per recipient (each address once) who has not
// switched the kind off, in the transaction in ctx. It returns how many
// it queued.
func (n *Notifier) Send(ctx context.Context, note Notification) (int, error) {
	kind, ok := KindOf(note.Kind)
	if !ok {
		return 0, fmt.Errorf("notify: unknown kind %q", note.Kind)
	}
	seen := map[string]bool{}
	var to []Recipient
	for _, r := range note.To {
		key := user.EmailKey(r.Email)
		if key == "" || seen[key] {
			continue
		}
		seen[key] = true
		to = append(to, r)
	}
	subjects := make([]string, len(to))
	for i, r := range to {
		subjects[i] = r.subject()
	}
	on, err := enabled(ctx, n.db, kind, subjects)
	if err != nil {
		return 0, err
	}
	action := ""
	if note.Path != "" {
		action = n.publicURL + note.Path
	}
	key, err := secret(ctx, n.db)
	if err != nil {
		return 0, err
	}
	sent := 0
	for i, r := range to {
		if !on[subjects[i]] {
			continue
		}
		token := unsubscribeToken(key, subjects[i], kind.Code)
		lang := mail.Language(r.Language)
		data := map[string]string{}
		for k, v := range note.Data {
			data[k] = v
		}
		for k, v := range note.ByLanguage[lang] {
			data[k] = v
		}
		m, err := mail.Compose(note.Template, lang, mail.Address{Name: r.Name, Email: r.Email}, data, mail.Extra{
			Action:      action,
			Lines:       note.Lines,
			Unsubscribe: n.publicURL + "/unsubscribe?token=" + token,
			OneClick:    n.publicURL + "/api/v1/notifications/unsubscribe?token=" + token,
			Attachments: note.Attachments,
		})
		if err != nil {
			return sent, err
		}
		if err := n.mailer.Queue(ctx, m); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, nil
}

// Once claims key (e.g. "agreement_expiry:<id>:30") in the transaction in
// ctx: true the first time, false for ever after, across runs and
// instances. Queue the notification in the same transaction, so that a
// claim without its mail, or a mail without its claim, never commits.
func Once(ctx context.Context, db *database.DB, key string) (bool, error) {
	res := db.Conn(ctx).Exec("INSERT INTO notification_once (key, created_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", key, database.Now())
	if res.Error != nil {
		return false, res.Error
	}
	return res.RowsAffected == 1, nil
}
