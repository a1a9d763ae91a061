package notify

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
)

// settingsRow is what a subject changed from the defaults.
type settingsRow struct {
	ID        string
	Subject   string
	Choices   string // JSON: kind → on
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (settingsRow) TableName() string { return "notification_settings" }

func (r settingsRow) choices() map[string]bool {
	c := map[string]bool{}
	_ = json.Unmarshal([]byte(r.Choices), &c) // written only by this package
	return c
}

// Setting is whether one kind of notification is on for someone.
type Setting struct {
	Kind    string
	Enabled bool
	Default bool
}

// Settings are a user's notification settings, every kind that is for
// their role, with the version to change them on.
type Settings struct {
	Kinds   []Setting
	Version int
}

const auditType = "notification_settings"

// Only the user and admins read the events about a user's settings.
func init() {
	audit.Register(auditType, audit.Rule{Readable: func(c auth.Principal) (bool, []string) {
		if c.Kind != auth.KindUser {
			return false, nil
		}
		return false, []string{c.ID}
	}})
}

func forRole(k Kind, role string) bool { return k.Roles == nil || slices.Contains(k.Roles, role) }

func (r settingsRow) settings(role string) Settings {
	c := r.choices()
	s := Settings{Version: r.Version}
	for _, k := range Kinds {
		if !forRole(k, role) {
			continue
		}
		on, chose := c[k.Code]
		if !chose {
			on = k.Default
		}
		s.Kinds = append(s.Kinds, Setting{Kind: k.Code, Enabled: on, Default: k.Default})
	}
	return s
}

func me(ctx context.Context) (auth.Principal, error) {
	p := auth.From(ctx)
	if p.Kind != auth.KindUser {
		return p, apperr.New(apperr.Forbidden, "Notification settings belong to a user; API keys have none")
	}
	return p, nil
}

// row returns the subject's settings row. Someone who never chose has
// the defaults as version 1, with no row (ID empty); their first change
// writes version 2.
func row(ctx context.Context, db *database.DB, subject string) (settingsRow, error) {
	var rows []settingsRow
	if err := db.Conn(ctx).Where("subject = ?", subject).Limit(1).Find(&rows).Error; err != nil {
		return settingsRow{}, err
	}
	if len(rows) == 0 {
		return settingsRow{Subject: subject, Choices: "{}", Version: 1}, nil
	}
	return rows[0], nil
}

// Mine returns the caller's settings.
func Mine(ctx context.Context, db *database.DB) (Settings, error) {
	p, err := me(ctx)
	if err != nil {
		return Settings{}, err
	}
	r, err := row(ctx, db, "user:"+p.ID)
	if err != nil {
		return Settings{}, err
	}
	return r.settings(p.Role), nil
}

// UpdateMine switches kinds on or off for the caller, based on version
// Kinds not named stay as they are.
func UpdateMine(ctx context.Context, db *database.DB, version int, change map[string]bool) (Settings, error) {
	p, err := me(ctx)
	if err != nil {
		return Settings{}, err
	}
	bad := apperr.Fields{}
	for code := range change {
		if k, ok := KindOf(code); !ok || !forRole(k, p.Role) {
			bad.Add(code, "is not a kind of notification for this account")
		}
	}
	if err := bad.Err(); err != nil {
		return Settings{}, err
	}
	var out settingsRow
	err = db.WithTx(ctx, func(ctx context.Context) error {
		var err error
		out, err = choose(ctx, db, "user:"+p.ID, p.ID, &version, change)
		return err
	})
	if err != nil {
		return Settings{}, err
	}
	return out.settings(p.Role), nil
}

// choose writes change into the subject's choices, based on version when
// it is not nil, and audits it under entityID (the user, or the row).
func choose(ctx context.Context, db *database.DB, subject, entityID string, version *int, change map[string]bool) (settingsRow, error) {
	before, err := row(ctx, db, subject)
	if err != nil {
		return settingsRow{}, err
	}
	if version != nil && *version != before.Version {
		return settingsRow{}, database.Stale("notification settings", before.Version)
	}
	c := before.choices()
	for k, v := range change {
		c[k] = v
	}
	b, _ := json.Marshal(c)
	after := before
	after.Choices = string(b)
	now := database.Now()
	if before.ID == "" {
		after.ID, after.Version, after.CreatedAt, after.UpdatedAt = uuid.Must(uuid.NewV7()).String(), 2, now, now
		if err := db.Conn(ctx).Create(&after).Error; err != nil {
			if database.IsDuplicate(err) {
				return settingsRow{}, database.Stale("notification settings", 2)
			}
			return settingsRow{}, err
		}
	} else {
		v, err := db.UpdateVersioned(ctx, "notification_settings", "notification settings", before.ID, before.Version, map[string]any{"choices": after.Choices})
		if err != nil {
			return settingsRow{}, err
		}
		after.Version, after.UpdatedAt = v, now
	}
	if entityID == "" {
		entityID = after.ID
	}
	return after, audit.Record(ctx, db, audit.Update, auditType, entityID, after.Version, before.choices(), c)
}

// enabled says for each subject whether kind is on.
func enabled(ctx context.Context, db *database.DB, kind Kind, subjects []string) (map[string]bool, error) {
	out := make(map[string]bool, len(subjects))
	for _, s := range subjects {
		out[s] = kind.Default
	}
	if len(subjects) == 0 {
		return out, nil
	}
	var rows []settingsRow
	if err := db.Conn(ctx).Where("subject IN ?", subjects).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		if on, chose := r.choices()[kind.Code]; chose {
			out[r.Subject] = on
		}
	}
	return out, nil
}

// Unsubscribe switches off the kind of notification a signed link names,
// for whom it names: the one click of RFC 8058, so no sign-in and no
// version. It returns the kind.
func Unsubscribe(ctx context.Context, db *database.DB, token string) (string, error) {
	subject, kind, err := verifyToken(ctx, db, token)
	if err != nil {
		return "", err
	}
	err = db.WithTx(ctx, func(ctx context.Context) error {
		entity := ""
		if id, ok := strings.CutPrefix(subject, "user:"); ok {
			entity = id
		}
		_, err := choose(ctx, db, subject, entity, nil, map[string]bool{kind: false})
		return err
	})
	return kind, err
}

// The token is base64url(subject "\n" kind) "." hex(HMAC-SHA256), with a
// key kept in the database.

// unsubscribeToken signs subject and kind with key (the HMAC key from
// secret, read once per send).
func unsubscribeToken(key []byte, subject, kind string) string {
	payload := subject + "\n" + kind
	return base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." + sign(key, payload)
}

func sign(key []byte, payload string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(payload))
	return hex.EncodeToString(m.Sum(nil))
}

func verifyToken(ctx context.Context, db *database.DB, token string) (subject, kind string, err error) {
	invalid := apperr.New(apperr.NotFound, "This unsubscribe link is not valid; change your notifications in your profile instead")
	enc, mac, ok := strings.Cut(token, ".")
	raw, derr := base64.RawURLEncoding.DecodeString(enc)
	if !ok || derr != nil {
		return "", "", invalid
	}
	key, err := secret(ctx, db)
	if err != nil {
		return "", "", err
	}
	if !hmac.Equal([]byte(sign(key, string(raw))), []byte(mac)) {
		return "", "", invalid
	}
	subject, kind, ok = strings.Cut(string(raw), "\n")
	if _, known := KindOf(kind); !ok || !known {
		return "", "", invalid
	}
	return subject, kind, nil
}

// secret returns the key that signs unsubscribe links, made on first use.
func secret(ctx context.Context, db *database.DB) ([]byte, error) {
	var s []string
	if err := db.Conn(ctx).Table("notification_secret").Where("id = 1").Pluck("secret", &s).Error; err != nil {
		return nil, err
	}
	if len(s) == 0 {
		b := make([]byte, 32)
		_, _ = rand.Read(b)
		if err := db.Conn(ctx).Exec("INSERT INTO notification_secret (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING", hex.EncodeToString(b)).Error; err != nil {
			return nil, err
		}
		if err := db.Conn(ctx).Table("notification_secret").Where("id = 1").Pluck("secret", &s).Error; err != nil {
			return nil, err
		}
	}
	return hex.DecodeString(s[0])
}
