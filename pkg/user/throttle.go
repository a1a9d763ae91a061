package user

import (
	"context"
	"fmt"
	"time"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/database"
)

// Proving a password (signing in, or the current password when changing
// it) is throttled so that guessing is slow, without letting anyone lock
// the owner out:
//
//   - an account from one address: after 5 failures in 15 minutes that
//     address may not try that account for 15 minutes (429), the right
//     password included;
//   - an address: after 30 failures in 15 minutes, on any accounts, it
//     may not try any account for 15 minutes (429);
//   - an account as a whole, from every address: never refused, since a
//     block would be anyone's to impose on the owner. After 10 failures in
//     15 minutes every attempt on it waits accountDelay first, which slows
//     a guesser spread over many addresses while the owner still gets in.
//
// The counts are in the database, so they hold across instances.
type limit struct {
	failures int
	window   time.Duration
	block    time.Duration // 0: never blocks
}

var (
	pairLimit    = limit{failures: 5, window: 15 * time.Minute, block: 15 * time.Minute}
	addressLimit = limit{failures: 30, window: 15 * time.Minute, block: 15 * time.Minute}
	accountLimit = limit{failures: 10, window: 15 * time.Minute}
)

// accountDelay is what each attempt on an account under attack waits.
var accountDelay = time.Second

// attempt is one try to prove the password of an account from an address.
type attempt struct {
	account, pair, address string
}

func newAttempt(email, clientIP string) attempt {
	account := "account:" + EmailKey(email)
	return attempt{account: account, pair: account + " ip:" + clientIP, address: "ip:" + clientIP}
}

// allowed answers 429 while the address or the account from this address
// is blocked, and makes an attempt on an account under attack wait.
func (a attempt) allowed(ctx context.Context, db *database.DB, now time.Time) error {
	var rows []struct {
		Key          string
		Failures     int
		WindowStart  time.Time
		BlockedUntil *time.Time
	}
	if err := db.Conn(ctx).Table("login_throttle").Select("key, failures, window_start, blocked_until").
		Where("key IN ?", []string{a.account, a.pair, a.address}).Find(&rows).Error; err != nil {
		return err
	}
	var until time.Time
	slow := false
	for _, r := range rows {
		if r.BlockedUntil != nil && r.BlockedUntil.After(now) && r.BlockedUntil.After(until) {
			until = *r.BlockedUntil
		}
		if r.Key == a.account && r.Failures >= accountLimit.failures && r.WindowStart.After(now.Add(-accountLimit.window)) {
			slow = true
		}
	}
	if !until.IsZero() {
		secs := int(until.Sub(now).Seconds()) + 1
		return apperr.New(apperr.TooManyRequests, "Too many failed attempts from your address; try again in %d seconds", secs).With("retry_after", fmt.Sprint(secs))
	}
	if slow {
		select {
		case <-time.After(accountDelay):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// failed counts a wrong password against the pair, the address and the account.
func (a attempt) failed(ctx context.Context, db *database.DB, now time.Time) error {
	for _, k := range []struct {
		key string
		l   limit
	}{{a.pair, pairLimit}, {a.address, addressLimit}, {a.account, accountLimit}} {
		if err := recordFailure(ctx, db, now, k.key, k.l); err != nil {
			return err
		}
	}
	return nil
}

// succeeded forgets the failures of the account from this address; those
// of the address and of the account as a whole stay until their window ends.
func (a attempt) succeeded(ctx context.Context, db *database.DB) error {
	return db.Conn(ctx).Exec("DELETE FROM login_throttle WHERE key = ?", a.pair).Error
}

func recordFailure(ctx context.Context, db *database.DB, now time.Time, key string, l limit) error {
	return db.WithTx(ctx, func(ctx context.Context) error {
		windowStart := now.Add(-l.window)
		err := db.Conn(ctx).Exec(`INSERT INTO login_throttle (key, failures, window_start) VALUES (?, 1, ?)
ON CONFLICT (key) DO UPDATE SET
  failures = CASE WHEN login_throttle.window_start < ? THEN 1 ELSE login_throttle.failures + 1 END,
  window_start = CASE WHEN login_throttle.window_start < ? THEN excluded.window_start ELSE login_throttle.window_start END`,
			key, now, windowStart, windowStart).Error
		if err != nil || l.block == 0 {
			return err
		}
		return db.Conn(ctx).Exec("UPDATE login_throttle SET blocked_until = ? WHERE key = ? AND failures >= ?", now.Add(l.block), key, l.failures).Error
	})
}

// PruneThrottle forgets failures whose window has passed and whose block,
// if any, has ended.
func PruneThrottle(ctx context.Context, db *database.DB, now time.Time) (int64, error) {
	window := max(pairLimit.window, addressLimit.window, accountLimit.window)
	res := db.Conn(ctx).Exec("DELETE FROM login_throttle WHERE window_start < ? AND (blocked_until IS NULL OR blocked_until < ?)", now.Add(-window), now)
	return res.RowsAffected, res.Error
}

// checkBlocked answers 429 while the key is blocked: the throttle of
// requests that prove nothing but cost a mail (forgot password).
func checkBlocked(ctx context.Context, db *database.DB, now time.Time, key string) error {
	var until []time.Time
	if err := db.Conn(ctx).Table("login_throttle").Where("key = ? AND blocked_until > ?", key, now).Pluck("blocked_until", &until).Error; err != nil {
		return err
	}
	if len(until) == 0 {
		return nil
	}
	secs := int(until[0].Sub(now).Seconds()) + 1
	return apperr.New(apperr.TooManyRequests, "Too many requests from your address; try again in %d seconds", secs).With("retry_after", fmt.Sprint(secs))
}
