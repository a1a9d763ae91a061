// Package user owns the people who sign in: accounts, roles, password
// hashes, sessions (refresh-token families) and the throttling of failed
// sign-ins. Only admins manage accounts; everyone keeps their own profile
// and password.
package user

import (
	"context"
	"errors"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/search"
)

// User is an account.
type User struct {
	ID                   string
	Email                string
	EmailKey             string
	DisplayName          string
	Role                 string
	OrganisationID       *string
	Locale               string
	PasswordHash         string
	Disabled             bool
	SetPasswordHash      *string
	SetPasswordExpiresAt *time.Time
	SessionEpoch         int // access tokens of another epoch are refused
	Version              int
	CreatedAt            time.Time
	UpdatedAt            time.Time
}

// Principal is the user as a caller.
func (u User) Principal() auth.Principal {
	p := auth.Principal{Kind: auth.KindUser, ID: u.ID, Name: u.Email, Role: u.Role, Locale: u.Locale}
	if u.OrganisationID != nil {
		p.OrganisationID = *u.OrganisationID
	}
	return p
}

// view is what the audit log records of a user: never a hash or token.
type view struct {
	Email          string  `json:"email"`
	DisplayName    string  `json:"display_name"`
	Role           string  `json:"role"`
	OrganisationID *string `json:"organisation_id"`
	Locale         string  `json:"locale"`
	Disabled       bool    `json:"disabled"`
}

func (u User) view() view {
	return view{Email: u.Email, DisplayName: u.DisplayName, Role: u.Role, OrganisationID: u.OrganisationID, Locale: u.Locale, Disabled: u.Disabled}
}

// EmailKey is the form of an address that uniqueness is checked on.
func EmailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// DefaultAdminEmail is used for the first admin when none is configured.
const DefaultAdminEmail = "admin@localhost"

// SetPasswordTTL is how long a one-time set-password token works.
const SetPasswordTTL = 7 * 24 * time.Hour

// canManage is the policy for accounts: admins only.
func canManage(p auth.Principal) error {
	if !p.IsAdmin() {
		return apperr.New(apperr.Forbidden, "Only admins manage user accounts")
	}
	return nil
}

// validEmail reports whether s is a plain address (no display name).
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndex(s, "@"):], ".") || s == DefaultAdminEmail
}

func checkProfile(bad *apperr.Fields, u User) {
	if !validEmail(u.Email) {
		bad.Add("email", "must be an e-mail address such as name@example.org")
	}
	if n := utf8.RuneCountInString(u.DisplayName); n == 0 || n > 200 {
		bad.Add("display_name", "must be 1 to 200 characters")
	}
	if !validRole(u.Role) {
		bad.Add("role", "must be one of admin, coordinator, member, viewer")
	}
	if u.Role == auth.RoleMember && (u.OrganisationID == nil || *u.OrganisationID == "") {
		bad.Add("organisation_id", "is required for members")
	}
	if u.OrganisationID != nil && uuid.Validate(*u.OrganisationID) != nil {
		bad.Add("organisation_id", "must be an organisation id")
	}
	if !i18n.ValidLocale(u.Locale) {
		bad.Add("locale", "must be de, en or ja")
	}
}

func validRole(r string) bool {
	for _, x := range auth.Roles {
		if r == x {
			return true
		}
	}
	return false
}

// New is what an admin gives to create an account.
type New struct {
	Email          string
	DisplayName    string
	Role           string
	OrganisationID *string
	Locale         string
	Password       string // empty: a one-time set-password token is returned
}

// Create makes an account. Without a password it returns a one-time
// set-password token, shown once.
func Create(ctx context.Context, db *database.DB, in New) (User, string, error) {
	if err := canManage(auth.From(ctx)); err != nil {
		return User{}, "", err
	}
	if in.Locale == "" {
		in.Locale = "en"
	}
	now := database.Now()
	u := User{
		ID: uuid.Must(uuid.NewV7()).String(), Email: strings.TrimSpace(in.Email), DisplayName: strings.TrimSpace(in.DisplayName),
		Role: in.Role, OrganisationID: in.OrganisationID, Locale: in.Locale, Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	u.EmailKey = EmailKey(u.Email)
	var bad apperr.Fields
	checkProfile(&bad, u)
	if in.Password != "" {
		if code, msg := CheckPassword(in.Password, u.Email, u.DisplayName); code != "" {
			bad.AddCode("password", code, msg)
		}
	}
	if err := bad.Err(); err != nil {
		return User{}, "", err
	}
	token := ""
	if in.Password != "" {
		h, err := HashPassword(in.Password)
		if err != nil {
			return User{}, "", err
		}
		u.PasswordHash = h
	} else {
		token = newSecret("ims_")
		h, exp := hashSecret(token), now.Add(SetPasswordTTL)
		u.SetPasswordHash, u.SetPasswordExpiresAt = &h, &exp
	}
	err := db.WithTx(ctx, func(ctx context.Context) error {
		if err := organisation.CheckExists(ctx, db, "organisation_id", u.OrganisationID); err != nil {
			return err
		}
		if err := db.Conn(ctx).Create(&u).Error; err != nil {
			if database.IsDuplicate(err) {
				return apperr.New(apperr.Conflict, "A user with this e-mail exists already")
			}
			return err
		}
		return audit.Record(ctx, db, audit.Create, "user", u.ID, u.Version, nil, u.view())
	})
	return u, token, err
}

// Get returns the user with the id; admins may read any user, others only themselves.
func Get(ctx context.Context, db *database.DB, id string) (User, error) {
	p := auth.From(ctx)
	if !p.IsAdmin() && p.ID != id {
		return User{}, apperr.New(apperr.Forbidden, "Only admins read other users' accounts")
	}
	return load(ctx, db, id)
}

func load(ctx context.Context, db *database.DB, id string) (User, error) {
	return database.Get[User](ctx, db, "user", id)
}

// ByID loads a user for authentication, without a policy check.
func ByID(ctx context.Context, db *database.DB, id string) (User, error) { return load(ctx, db, id) }

// Filter narrows the user list.
type Filter struct {
	Role     string
	Disabled *bool
	Q        string
}

// Sort is the user list's order spec.
var Sort = page.Spec{
	Default: "email",
	Fields: []page.Field{
		{Name: "email", Column: "email_key", Kind: page.String},
		{Name: "created_at", Column: "created_at", Kind: page.Time},
		{Name: "updated_at", Column: "updated_at", Kind: page.Time},
	},
}

// List returns one page of users (admins only).
func List(ctx context.Context, db *database.DB, f Filter, p page.Page) ([]User, *string, error) {
	if err := canManage(auth.From(ctx)); err != nil {
		return nil, nil, err
	}
	q := db.Conn(ctx).Model(&User{})
	if f.Role != "" {
		q = q.Where("role = ?", f.Role)
	}
	if f.Disabled != nil {
		q = q.Where("disabled = ?", *f.Disabled)
	}
	if f.Q != "" {
		// % and _ are looked for as they are: a_m is no pattern.
		like := search.LikePattern(strings.ToLower(f.Q))
		q = q.Where(`(email_key LIKE ? ESCAPE '\' OR lower(display_name) LIKE ? ESCAPE '\')`, like, like)
	}
	var rows []User
	if err := p.Find(q, &rows); err != nil {
		return nil, nil, err
	}
	items, next := page.Finish(p, rows, func(u User, field string) page.Key {
		switch field {
		case "created_at":
			return page.Key{Value: u.CreatedAt, ID: u.ID}
		case "updated_at":
			return page.Key{Value: u.UpdatedAt, ID: u.ID}
		}
		return page.Key{Value: u.EmailKey, ID: u.ID}
	})
	return items, next, nil
}

// Patch changes an account; absent fields stay.
type Patch struct {
	DisplayName    opt.Field[string]
	Role           opt.Field[string]
	OrganisationID opt.Field[string]
	Locale         opt.Field[string]
	Disabled       opt.Field[bool]
}

// Update applies an admin's patch, based on version.
func Update(ctx context.Context, db *database.DB, id string, version int, in Patch) (User, error) {
	if err := canManage(auth.From(ctx)); err != nil {
		return User{}, err
	}
	return update(ctx, db, id, version, in)
}

// UpdateSelf lets a user change their own display name and locale.
func UpdateSelf(ctx context.Context, db *database.DB, version int, displayName, locale opt.Field[string]) (User, error) {
	return update(ctx, db, auth.From(ctx).ID, version, Patch{DisplayName: displayName, Locale: locale})
}

func update(ctx context.Context, db *database.DB, id string, version int, in Patch) (out User, err error) {
	defer func() {
		if err == nil {
			noteChange() // the principal of the user's requests changed
		}
	}()
	err = db.WithTx(ctx, func(ctx context.Context) error {
		before, err := load(ctx, db, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("user", before.Version, version); err != nil {
			return err
		}
		after := before
		var bad apperr.Fields
		set := map[string]any{}
		if in.DisplayName.Set {
			after.DisplayName = strings.TrimSpace(in.DisplayName.Value)
			set["display_name"] = after.DisplayName
		}
		if in.Role.Set {
			after.Role = in.Role.Value
			set["role"] = after.Role
		}
		if in.OrganisationID.Set {
			after.OrganisationID = nil
			if !in.OrganisationID.Null {
				v := in.OrganisationID.Value
				after.OrganisationID = &v
			}
			set["organisation_id"] = after.OrganisationID
			if err := organisation.CheckExists(ctx, db, "organisation_id", after.OrganisationID); err != nil {
				return err
			}
		}
		if in.Locale.Set {
			after.Locale = in.Locale.Value
			set["locale"] = after.Locale
		}
		if in.Disabled.Set {
			after.Disabled = in.Disabled.Value
			set["disabled"] = after.Disabled
		}
		checkProfile(&bad, after)
		if err := bad.Err(); err != nil {
			return err
		}
		if before.Role == auth.RoleAdmin && !before.Disabled && (after.Role != auth.RoleAdmin || after.Disabled) {
			if err := keepAnAdmin(ctx, db, id); err != nil {
				return err
			}
		}
		if len(set) == 0 {
			out = before
			return nil
		}
		// What the user may do changed: tokens issued before end now, and
		// the web app fetches a new one that carries the new rights.
		if after.Role != before.Role || !equalPtr(after.OrganisationID, before.OrganisationID) || after.Disabled != before.Disabled {
			after.SessionEpoch = before.SessionEpoch + 1
			set["session_epoch"] = after.SessionEpoch
		}
		if after.Version, err = db.UpdateVersioned(ctx, "users", "user", id, version, set); err != nil {
			return err
		}
		if after.Disabled && !before.Disabled {
			if err := revokeAllSessions(ctx, db, id); err != nil {
				return err
			}
		}
		out = after
		return audit.Record(ctx, db, audit.Update, "user", id, after.Version, before.view(), after.view())
	})
	return out, err
}

func equalPtr(a, b *string) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// keepAnAdmin refuses a change that would leave no active admin.
func keepAnAdmin(ctx context.Context, db *database.DB, exceptID string) error {
	var n int64
	if err := db.Conn(ctx).Model(&User{}).Where("role = ? AND disabled = ? AND id <> ?", auth.RoleAdmin, false, exceptID).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return apperr.New(apperr.Conflict, "This is the last active admin; make another user admin first")
	}
	return nil
}

// Delete removes an account, based on version.
func Delete(ctx context.Context, db *database.DB, id string, version int) error {
	if err := canManage(auth.From(ctx)); err != nil {
		return err
	}
	defer noteChange() // a deleted user's tokens end at once
	return db.WithTx(ctx, func(ctx context.Context) error {
		before, err := load(ctx, db, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("user", before.Version, version); err != nil {
			return err
		}
		if before.Role == auth.RoleAdmin && !before.Disabled {
			if err := keepAnAdmin(ctx, db, id); err != nil {
				return err
			}
		}
		if err := db.DeleteVersioned(ctx, "users", "user", id, version, database.Referrers{}); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Delete, "user", id, before.Version, before.view(), nil)
	})
}

// ResetPassword sets a new password chosen by an admin, or, without one,
// returns a one-time set-password token. Either way the user's sessions end.
func ResetPassword(ctx context.Context, db *database.DB, id, password string) (string, error) {
	if err := canManage(auth.From(ctx)); err != nil {
		return "", err
	}
	token := ""
	err := db.WithTx(ctx, func(ctx context.Context) error {
		u, err := load(ctx, db, id)
		if err != nil {
			return err
		}
		set := map[string]any{}
		if password != "" {
			if code, msg := CheckPassword(password, u.Email, u.DisplayName); code != "" {
				return apperr.Fields{{Field: "password", Message: msg, Code: code}}.Err()
			}
			h, err := HashPassword(password)
			if err != nil {
				return err
			}
			set["password_hash"], set["set_password_hash"], set["set_password_expires_at"] = h, nil, nil
		} else {
			token = newSecret("ims_")
			set["set_password_hash"], set["set_password_expires_at"] = hashSecret(token), database.Now().Add(SetPasswordTTL)
		}
		set["session_epoch"] = u.SessionEpoch + 1
		v, err := db.UpdateVersioned(ctx, "users", "user", id, u.Version, set)
		if err != nil {
			return err
		}
		if err := revokeAllSessions(ctx, db, id); err != nil {
			return err
		}
		return audit.Record(ctx, db, "password_reset", "user", id, v, nil, nil)
	})
	if err == nil {
		noteChange()
	}
	return token, err
}

// SetPasswordWithToken lets the holder of a one-time token choose a password.
func SetPasswordWithToken(ctx context.Context, db *database.DB, token, password string) error {
	invalid := apperr.New(apperr.Unauthorized, "The set-password token is invalid or expired; ask an admin for a new one")
	defer noteChange()
	return db.WithTx(ctx, func(ctx context.Context) error {
		var u User
		err := db.Conn(ctx).Where("set_password_hash = ?", hashSecret(token)).Take(&u).Error
		if database.IsNotFound(err) {
			return invalid
		}
		if err != nil {
			return err
		}
		if u.SetPasswordExpiresAt == nil || database.Now().After(*u.SetPasswordExpiresAt) || u.Disabled {
			return invalid
		}
		if code, msg := CheckPassword(password, u.Email, u.DisplayName); code != "" {
			return apperr.Fields{{Field: "password", Message: msg, Code: code}}.Err()
		}
		h, err := HashPassword(password)
		if err != nil {
			return err
		}
		v, err := db.UpdateVersioned(ctx, "users", "user", u.ID, u.Version, map[string]any{
			"password_hash": h, "set_password_hash": nil, "set_password_expires_at": nil, "session_epoch": u.SessionEpoch + 1,
		})
		if err != nil {
			return err
		}
		ctx = auth.With(ctx, u.Principal())
		return audit.Record(ctx, db, "password_set", "user", u.ID, v, nil, nil)
	})
}

// ChangePassword changes the caller's own password after checking the
// current one, and ends all their sessions. Wrong current passwords are
// throttled like sign-ins, so a stolen access token cannot be used to
// guess the password.
func ChangePassword(ctx context.Context, db *database.DB, current, next, clientIP string) error {
	p := auth.From(ctx)
	if p.Kind != auth.KindUser {
		return apperr.New(apperr.Forbidden, "Only users have passwords")
	}
	u, err := load(ctx, db, p.ID)
	if err != nil {
		return err
	}
	now := database.Now()
	try := newAttempt(u.Email, clientIP)
	if err := try.allowed(ctx, db, now); err != nil {
		return err
	}
	if !VerifyPassword(u.PasswordHash, current) {
		if err := try.failed(ctx, db, now); err != nil {
			return err
		}
		return apperr.Fields{{Field: "current_password", Message: "is not your current password"}}.Err()
	}
	if code, msg := CheckPassword(next, u.Email, u.DisplayName); code != "" {
		return apperr.Fields{{Field: "new_password", Message: msg, Code: code}}.Err()
	}
	h, err := HashPassword(next)
	if err != nil {
		return err
	}
	err = db.WithTx(ctx, func(ctx context.Context) error {
		if err := try.succeeded(ctx, db); err != nil {
			return err
		}
		// Based on the version read: a password changed meanwhile is 412.
		v, err := db.UpdateVersioned(ctx, "users", "user", u.ID, u.Version, map[string]any{"password_hash": h, "session_epoch": u.SessionEpoch + 1})
		if err != nil {
			return err
		}
		if err := revokeAllSessions(ctx, db, u.ID); err != nil {
			return err
		}
		return audit.Record(ctx, db, "password_change", "user", u.ID, v, nil, nil)
	})
	if err == nil {
		noteChange()
	}
	return err
}

// Bootstrap is the outcome of EnsureAdmin.
type Bootstrap struct {
	Created  bool
	Email    string
	Password string // set only when it was generated, to be shown once
}

// EnsureAdmin creates an admin when the database has no user yet. Without
// an e-mail it uses DefaultAdminEmail; without a password it generates one
// and returns it so it can be shown once.
func EnsureAdmin(ctx context.Context, db *database.DB, email, password string) (Bootstrap, error) {
	if email == "" {
		email = DefaultAdminEmail
	}
	if !validEmail(email) {
		return Bootstrap{}, apperr.New(apperr.Invalid, "INNOMUNICH_ADMIN_EMAIL is not an e-mail address")
	}
	generated := ""
	if password == "" {
		password = RandomPassword()
		generated = password
	} else if code, msg := CheckPassword(password, email, "Administrator"); code != "" {
		return Bootstrap{}, apperr.New(apperr.Invalid, "INNOMUNICH_ADMIN_PASSWORD %s", msg)
	}
	out := Bootstrap{Email: email}
	err := db.WithTx(ctx, func(ctx context.Context) error {
		var n int64
		if err := db.Conn(ctx).Model(&User{}).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		hash, err := HashPassword(password)
		if err != nil {
			return err
		}
		now := database.Now()
		u := User{
			ID: uuid.Must(uuid.NewV7()).String(), Email: email, EmailKey: EmailKey(email),
			DisplayName: "Administrator", Role: auth.RoleAdmin, Locale: "en", PasswordHash: hash,
			Version: 1, CreatedAt: now, UpdatedAt: now,
		}
		if err := db.Conn(ctx).Create(&u).Error; err != nil {
			if database.IsDuplicate(err) {
				return errRaced // the failed insert spoils the transaction: roll back
			}
			return err
		}
		out.Created, out.Password = true, generated
		return audit.Record(ctx, db, audit.Create, "user", u.ID, u.Version, nil, u.view())
	})
	if errors.Is(err, errRaced) { // another instance created the admin first
		return Bootstrap{Email: email}, nil
	}
	return out, err
}

var errRaced = errors.New("another instance created the first admin")

// Active returns the enabled accounts of an organisation (organisationID
// not empty) or with one of the roles, for the platform to notify them.
// It is not a read by a caller and applies no policy: what it returns
// goes only into mail to those accounts themselves.
func Active(ctx context.Context, db *database.DB, organisationID string, roles ...string) ([]User, error) {
	q := db.Conn(ctx).Model(&User{}).Where("disabled = ?", false)
	if organisationID != "" {
		q = q.Where("organisation_id = ?", organisationID)
	}
	if len(roles) > 0 {
		q = q.Where("role IN ?", roles)
	}
	var rows []User
	err := q.Order("email_key").Find(&rows).Error
	return rows, err
}
