package user

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/telemetry"
)

// RefreshTTL is the absolute lifetime of a sign-in: refreshing rotates the
// token but never extends the family beyond it.
const RefreshTTL = 30 * 24 * time.Hour

// refreshToken is one token of a family; a family is one sign-in.
type refreshToken struct {
	ID        string
	FamilyID  string
	UserID    string
	TokenHash string
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
	CreatedAt time.Time
}

func (refreshToken) TableName() string { return "refresh_tokens" }

// Tokens is what a sign-in or refresh hands out.
type Tokens struct {
	AccessToken  string
	RefreshToken string
	ExpiresIn    int // seconds
	User         User
}

// newSecret returns prefix + 43 characters of randomness (256 bits).
func newSecret(prefix string) string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// hashSecret is how random secrets are stored.
func hashSecret(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// dummyHash makes a sign-in for an unknown e-mail cost what a wrong
// password costs, so the answer time does not tell which it was.
var dummyHash, _ = HashPassword("not a password of anyone")

var errSignIn = apperr.New(apperr.Unauthorized, "E-mail or password is wrong")

// Login checks e-mail and password and starts a session. Unknown e-mails,
// wrong passwords and disabled accounts answer the same. Repeated failures
// are throttled (see attempt).
func Login(ctx context.Context, db *database.DB, keys *auth.Keys, email, password, clientIP string) (_ Tokens, err error) {
	// Neither the address nor the password goes into the span.
	ctx, span := telemetry.Start(ctx, "user.Login")
	defer func() { telemetry.End(span, err) }()
	now := database.Now()
	try := newAttempt(email, clientIP)
	if err := try.allowed(ctx, db, now); err != nil {
		return Tokens{}, err
	}
	var u User
	err = db.Conn(ctx).Where("email_key = ?", EmailKey(email)).Take(&u).Error
	if err != nil && !database.IsNotFound(err) {
		return Tokens{}, err
	}
	hash := u.PasswordHash
	if hash == "" {
		hash = dummyHash
	}
	ok := VerifyPassword(hash, password) && u.ID != "" && !u.Disabled
	if !ok {
		if err := try.failed(ctx, db, now); err != nil {
			return Tokens{}, err
		}
		return Tokens{}, errSignIn
	}
	var out Tokens
	err = db.WithTx(ctx, func(ctx context.Context) error {
		if err := try.succeeded(ctx, db); err != nil {
			return err
		}
		family := uuid.Must(uuid.NewV7()).String()
		out, err = issue(ctx, db, keys, u, family, now.Add(RefreshTTL), now)
		if err != nil {
			return err
		}
		ctx = auth.With(ctx, u.Principal())
		return audit.Record(ctx, db, "sign_in", "user", u.ID, u.Version, nil, nil)
	})
	return out, err
}

// issue stores a new refresh token of the family and signs an access token.
func issue(ctx context.Context, db *database.DB, keys *auth.Keys, u User, family string, expires, now time.Time) (Tokens, error) {
	secret := newSecret("imr_")
	rt := refreshToken{ID: uuid.Must(uuid.NewV7()).String(), FamilyID: family, UserID: u.ID, TokenHash: hashSecret(secret), ExpiresAt: expires, CreatedAt: now}
	if err := db.Conn(ctx).Create(&rt).Error; err != nil {
		return Tokens{}, err
	}
	access, err := keys.Issue(auth.Session{UserID: u.ID, ID: family, Epoch: u.SessionEpoch}, now)
	if err != nil {
		return Tokens{}, err
	}
	return Tokens{AccessToken: access, RefreshToken: secret, ExpiresIn: int(auth.AccessTokenTTL.Seconds()), User: u}, nil
}

var errRefresh = apperr.New(apperr.Unauthorized, "The refresh token is invalid, expired or revoked; sign in again")

// Refresh rotates a refresh token: the presented one is used up and a new
// one of the same family returned. Presenting a used or revoked token
// again means it was stolen or replayed: the whole family is revoked.
func Refresh(ctx context.Context, db *database.DB, keys *auth.Keys, token string) (Tokens, error) {
	now := database.Now()
	var out Tokens
	reused := false
	err := db.WithTx(ctx, func(ctx context.Context) error {
		var rt refreshToken
		err := db.Conn(ctx).Where("token_hash = ?", hashSecret(token)).Take(&rt).Error
		if database.IsNotFound(err) {
			return errRefresh
		}
		if err != nil {
			return err
		}
		if rt.RevokedAt != nil || rt.UsedAt != nil {
			reused = true
			return revokeFamily(ctx, db, rt.FamilyID, now)
		}
		if !now.Before(rt.ExpiresAt) {
			return errRefresh
		}
		res := db.Conn(ctx).Model(&refreshToken{}).Where("id = ? AND used_at IS NULL AND revoked_at IS NULL", rt.ID).Update("used_at", now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 { // a concurrent refresh used it first
			reused = true
			return revokeFamily(ctx, db, rt.FamilyID, now)
		}
		u, err := load(ctx, db, rt.UserID)
		if err != nil || u.Disabled {
			return errRefresh
		}
		out, err = issue(ctx, db, keys, u, rt.FamilyID, rt.ExpiresAt, now)
		return err
	})
	if err == nil && reused {
		noteChange() // the family's access tokens die with it
		return Tokens{}, errRefresh
	}
	return out, err
}

// Logout revokes the sign-in the refresh token belongs to, its access
// tokens included. An unknown token is not an error: the caller is signed
// out either way.
func Logout(ctx context.Context, db *database.DB, token string) error {
	var rt refreshToken
	err := db.Conn(ctx).Where("token_hash = ?", hashSecret(token)).Take(&rt).Error
	if database.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	err = db.WithTx(ctx, func(ctx context.Context) error {
		if err := revokeFamily(ctx, db, rt.FamilyID, database.Now()); err != nil {
			return err
		}
		u, err := load(ctx, db, rt.UserID)
		if err != nil {
			return err
		}
		ctx = auth.With(ctx, u.Principal())
		return audit.Record(ctx, db, "sign_out", "user", u.ID, u.Version, nil, nil)
	})
	if err == nil {
		noteChange()
	}
	return err
}

func revokeFamily(ctx context.Context, db *database.DB, family string, now time.Time) error {
	return db.Conn(ctx).Model(&refreshToken{}).Where("family_id = ? AND revoked_at IS NULL", family).Update("revoked_at", now).Error
}

func revokeAllSessions(ctx context.Context, db *database.DB, userID string) error {
	return db.Conn(ctx).Model(&refreshToken{}).Where("user_id = ? AND revoked_at IS NULL", userID).Update("revoked_at", database.Now()).Error
}
