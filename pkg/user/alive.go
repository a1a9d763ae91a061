package user

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
)

// changes counts the session changes this process made; a Sessions cache
// that sees it move forgets everything it holds.
var changes atomic.Uint64

// noteChange is called after a change to a user's sessions, principal or
// epoch has been committed.
func noteChange() { changes.Add(1) }

// Sessions answers for a verified access token whether its session is
// still alive and who its user is, from memory for a while (ttl,
// INNOMUNICH_SESSION_CHECK_TTL), so a request costs no database round trip
// while the entry is fresh. This instance forgets an entry at once when it
// changes the user's sessions itself; another instance notices within ttl.
// With a ttl of 0 every request reads them.
type Sessions struct {
	db  *database.DB
	ttl time.Duration

	mu      sync.Mutex
	seen    uint64 // changes when the entries were last known good
	entries map[string]sessionEntry
}

type sessionEntry struct {
	user    User
	ended   map[string]bool // sign-ins (sid) revoked while their tokens may live
	expires time.Time
}

// NewSessions returns an empty cache over db that keeps what it read for ttl.
func NewSessions(db *database.DB, ttl time.Duration) *Sessions {
	return &Sessions{db: db, ttl: ttl, entries: map[string]sessionEntry{}}
}

var errSessionEnded = apperr.New(apperr.Unauthorized, "The access token is invalid or expired")

// Principal returns the caller an access token stands for, or Unauthorized
// when its user is gone or disabled, its sign-in has ended, or the user's
// session epoch has moved on since it was issued.
func (s *Sessions) Principal(ctx context.Context, tok auth.Session) (auth.Principal, error) {
	now := time.Now()
	gen := changes.Load()
	s.mu.Lock()
	if gen != s.seen {
		clear(s.entries)
		s.seen = gen
	}
	e, ok := s.entries[tok.UserID]
	s.mu.Unlock()
	if !ok || !now.Before(e.expires) {
		var err error
		if e, err = s.load(ctx, tok.UserID, now); err != nil {
			return auth.Principal{}, err
		}
		s.mu.Lock()
		// A change committed while we read may not be in what we read:
		// keep the entry only if none happened.
		if changes.Load() == gen && s.seen == gen {
			s.entries[tok.UserID] = e
		}
		s.mu.Unlock()
	}
	if e.user.ID == "" || e.user.Disabled || e.user.SessionEpoch != tok.Epoch || e.ended[tok.ID] {
		return auth.Principal{}, errSessionEnded
	}
	return e.user.Principal(), nil
}

// load reads the user and the sign-ins that ended recently enough for
// access tokens of theirs to be unexpired. A missing user is an entry too,
// so a deleted user's tokens cost no more than anyone's.
func (s *Sessions) load(ctx context.Context, userID string, now time.Time) (sessionEntry, error) {
	e := sessionEntry{expires: now.Add(s.ttl), ended: map[string]bool{}}
	u, err := load(ctx, s.db, userID)
	if apperr.Is(err, apperr.NotFound) {
		return e, nil
	}
	if err != nil {
		return e, err
	}
	e.user = u
	var families []string
	since := database.Now().Add(-auth.AccessTokenTTL - time.Minute)
	if err := s.db.Conn(ctx).Model(&refreshToken{}).Distinct("family_id").
		Where("user_id = ? AND revoked_at > ?", userID, since).Pluck("family_id", &families).Error; err != nil {
		return e, err
	}
	for _, f := range families {
		e.ended[f] = true
	}
	return e, nil
}
