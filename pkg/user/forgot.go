package user

import (
	"context"
	"strings"
	"time"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
)

// ResetTTL is how long a password-reset link from "Forgot password?" works.
const ResetTTL = time.Hour

// resetResend is how long after one reset link an account gets no other:
// however often someone asks, its owner gets at most one mail per window.
const resetResend = 5 * time.Minute

// resetAddressLimit bounds how many resets one client address may ask for.
var resetAddressLimit = limit{failures: 10, window: 15 * time.Minute, block: 15 * time.Minute}

// RequestPasswordReset gives the account with the e-mail address a
// one-time set-password token valid for ResetTTL, for the caller to mail
// in the same transaction. It returns ok false, and no error, when there
// is no such (enabled) account or when one was sent a link moments ago:
// the caller answers the same either way. A client address asking too
// often gets 429. Sessions stay: asking proves nothing about the account.
func RequestPasswordReset(ctx context.Context, db *database.DB, email, clientIP string) (u User, token string, ok bool, err error) {
	if strings.TrimSpace(email) == "" {
		return User{}, "", false, apperr.Fields{{Field: "email", Message: "is required"}}.Err()
	}
	now := database.Now()
	addressKey := "reset:ip:" + clientIP
	if err := checkBlocked(ctx, db, now, addressKey); err != nil {
		return User{}, "", false, err
	}
	if err := recordFailure(ctx, db, now, addressKey, resetAddressLimit); err != nil {
		return User{}, "", false, err
	}
	err = db.WithTx(ctx, func(ctx context.Context) error {
		err := db.Conn(ctx).Where("email_key = ?", EmailKey(email)).Take(&u).Error
		if database.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		if u.Disabled || (u.SetPasswordExpiresAt != nil && u.SetPasswordExpiresAt.After(now.Add(ResetTTL-resetResend)) && u.SetPasswordExpiresAt.Before(now.Add(ResetTTL+time.Second))) {
			return nil // no account to reset, or a link went out moments ago
		}
		token = newSecret("ims_")
		v, err := db.UpdateVersioned(ctx, "users", "user", u.ID, u.Version, map[string]any{
			"set_password_hash": hashSecret(token), "set_password_expires_at": now.Add(ResetTTL),
		})
		if err != nil {
			return err
		}
		u.Version, ok = v, true
		return audit.Record(auth.With(ctx, u.Principal()), db, "password_reset_requested", "user", u.ID, v, nil, nil)
	})
	if err != nil || !ok {
		return User{}, "", false, err
	}
	return u, token, true, nil
}
