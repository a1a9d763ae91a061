// Package idempotency owns the records that make POST retries safe: the
// first response to a (caller, Idempotency-Key) pair is stored for 24
// hours and replayed to a retry with the same request; a different request
// under the same key is refused.
//
// A record never holds a secret: a request whose body or response carries
// one (a password, token or API key secret) is stored without its body's
// hash and without its response, and a retry of it is refused, since a
// secret is shown only once. A replay is served only to a caller whose
// role, organisation and scopes are still those of the first request. A
// claim whose request died is taken over after the request's deadline.
package idempotency

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
)

// TTL is how long a key is remembered.
const TTL = 24 * time.Hour

// DefaultDeadline is how long an unfinished claim keeps its key when the
// request names no deadline of its own: a request still running after it
// is taken to have died (service killed, connection lost), so a retry
// runs it again. A run that outlives it cannot finish (Finish refuses
// once its claim was taken over), so nothing is done twice.
const DefaultDeadline = 15 * time.Second

// Record is a stored key and, once finished, its response.
type Record struct {
	Caller      string
	Key         string
	Method      string
	Path        string
	RequestHash string // "" for a request that carries a secret
	Status      int    // 0 while the request that claimed the key runs
	Headers     string
	Body        string
	Claim       string // which run holds the key
	Fingerprint string // the caller's permissions when the key was used
	Secret      bool   // the request or its response carried a secret
	CreatedAt   time.Time
}

func (Record) TableName() string { return "idempotency_keys" }

// Request is a request asking to use a key.
type Request struct {
	Caller, Key, Method, Path string
	RequestHash               string // of the body; ignored when Secret
	Fingerprint               string // Fingerprint of the caller
	Secret                    bool   // the request or its response carries a secret
	// Deadline is how long the server lets such a request run (its
	// request timeout); an unfinished claim older than that has died.
	// Zero is DefaultDeadline.
	Deadline time.Duration
}

func (in Request) deadline() time.Duration {
	if in.Deadline > 0 {
		return in.Deadline
	}
	return DefaultDeadline
}

// Fingerprint sums up what a caller may do: who it is, its role,
// organisation and scopes. A replay to a caller whose fingerprint changed
// is refused, since the stored answer was given to other permissions.
func Fingerprint(p auth.Principal) string {
	scopes := slices.Clone(p.Scopes)
	slices.Sort(scopes)
	return strings.Join([]string{p.Kind, p.ID, p.Role, p.OrganisationID, strings.Join(scopes, " ")}, "|")
}

// Begin claims the key for a request. A new claim comes back with Status 0
// and its Claim token, for Finish or Abandon; a finished request comes
// back to be replayed. A key in flight is 409, a key used for another
// request 422, a retry of a request that carried a secret 409, and a
// replay to a caller whose permissions changed 403.
func Begin(ctx context.Context, db *database.DB, in Request) (Record, error) {
	now := database.Now()
	if in.Secret {
		in.RequestHash = ""
	}
	claim := uuid.Must(uuid.NewV7()).String()
	var out Record
	err := db.WithTx(ctx, func(ctx context.Context) error {
		conn := db.Conn(ctx)
		if err := conn.Where("caller = ? AND key = ? AND created_at < ?", in.Caller, in.Key, now.Add(-TTL)).Delete(&Record{}).Error; err != nil {
			return err
		}
		out = Record{Caller: in.Caller, Key: in.Key, Method: in.Method, Path: in.Path, RequestHash: in.RequestHash, Headers: "{}",
			Claim: claim, Fingerprint: in.Fingerprint, Secret: in.Secret, CreatedAt: now}
		res := conn.Exec(`INSERT INTO idempotency_keys (caller, key, method, path, request_hash, claim, fingerprint, secret, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (caller, key) DO NOTHING`,
			in.Caller, in.Key, in.Method, in.Path, in.RequestHash, claim, in.Fingerprint, in.Secret, now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 1 {
			return nil
		}
		var r Record
		if err := conn.Where("caller = ? AND key = ?", in.Caller, in.Key).Take(&r).Error; err != nil {
			return err
		}
		switch {
		case r.Method != in.Method || r.Path != in.Path || r.Secret != in.Secret || r.RequestHash != in.RequestHash:
			return apperr.New(apperr.Invalid, "This Idempotency-Key was used for a different request; use a new key for a new request")
		case r.Status == 0 && r.CreatedAt.After(now.Add(-in.deadline())):
			return apperr.New(apperr.Conflict, "A request with this Idempotency-Key is still in progress; retry when it has finished")
		case r.Status == 0:
			// The run holding the key outlived the deadline: it died. Take
			// the key over unless another retry just did.
			res := conn.Model(&Record{}).Where("caller = ? AND key = ? AND claim = ? AND status = 0", in.Caller, in.Key, r.Claim).
				Updates(map[string]any{"claim": claim, "fingerprint": in.Fingerprint, "created_at": now})
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected != 1 {
				return apperr.New(apperr.Conflict, "A request with this Idempotency-Key is still in progress; retry when it has finished")
			}
			return nil
		case r.Fingerprint != in.Fingerprint:
			return apperr.New(apperr.Forbidden, "Your role or permissions changed since this request was made, so its answer is not shown again; send the request with a new Idempotency-Key")
		case r.Secret:
			return apperr.New(apperr.Conflict, "This request was done already, and its answer carried a secret that is shown only once; use a new Idempotency-Key to do it again")
		}
		out = r
		return nil
	})
	return out, err
}

// Finish stores the response of the run holding the claim, in the caller's
// transaction, so that the work and its record commit together. The
// response of a request that carries a secret is not stored. A run whose
// claim was taken over (it outlived its deadline) gets a conflict, and its
// transaction must roll back.
func Finish(ctx context.Context, db *database.DB, claimed Record, status int, headers string, body string) error {
	set := map[string]any{"status": status, "headers": headers, "body": body}
	if claimed.Secret {
		set["headers"], set["body"] = "{}", ""
	}
	res := db.Conn(ctx).Model(&Record{}).Where("caller = ? AND key = ? AND claim = ?", claimed.Caller, claimed.Key, claimed.Claim).Updates(set)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return apperr.New(apperr.Conflict, "This request took longer than its deadline, and a retry with the same Idempotency-Key ran in its place; its result is what the retry answered")
	}
	return nil
}

// Abandon forgets the claim, so a retry runs the request again (after a
// failure that was not the caller's). A claim taken over stays.
func Abandon(ctx context.Context, db *database.DB, claimed Record) error {
	return db.Conn(ctx).Where("caller = ? AND key = ? AND claim = ?", claimed.Caller, claimed.Key, claimed.Claim).Delete(&Record{}).Error
}

// ForgetMentions removes every stored response that names id (a UUID), so
// that data erased elsewhere is not replayed. It runs in the caller's
// transaction.
func ForgetMentions(ctx context.Context, db *database.DB, id string) error {
	if uuid.Validate(id) != nil {
		return apperr.New(apperr.Invalid, "not an id: %q", id)
	}
	return db.Conn(ctx).Where("body LIKE ?", "%"+id+"%").Delete(&Record{}).Error
}

// Prune forgets keys older than TTL.
func Prune(ctx context.Context, db *database.DB, now time.Time) (int64, error) {
	res := db.Conn(ctx).Where("created_at < ?", now.Add(-TTL)).Delete(&Record{})
	return res.RowsAffected, res.Error
}
