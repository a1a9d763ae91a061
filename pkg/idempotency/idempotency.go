// Package idempotency owns the records that make POST retries safe: the
// first response to a (caller, Idempotency-Key) pair is stored for 24
// hours and replayed to a retry with the same request; a different request
// under the same key is refused.
package idempotency

import (
	"context"
	"time"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/database"
)

// TTL is how long a key is remembered.
const TTL = 24 * time.Hour

// Record is a stored key and, once finished, its response.
type Record struct {
	Caller      string
	Key         string
	Method      string
	Path        string
	RequestHash string
	Status      int // 0 while the first request is in flight
	Headers     string
	Body        []byte
	CreatedAt   time.Time
}

func (Record) TableName() string { return "idempotency_keys" }

// Begin claims the key for a request. It returns nil when the caller should
// go ahead, or the finished record to replay. A key in flight is 409; a key
// used for another request is 422.
func Begin(ctx context.Context, db *database.DB, caller, key, method, path, requestHash string) (*Record, error) {
	now := database.Now()
	var out *Record
	err := db.WithTx(ctx, func(ctx context.Context) error {
		conn := db.Conn(ctx)
		if err := conn.Where("caller = ? AND key = ? AND created_at < ?", caller, key, now.Add(-TTL)).Delete(&Record{}).Error; err != nil {
			return err
		}
		res := conn.Exec(`INSERT INTO idempotency_keys (caller, key, method, path, request_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (caller, key) DO NOTHING`, caller, key, method, path, requestHash, now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 1 {
			return nil
		}
		var r Record
		if err := conn.Where("caller = ? AND key = ?", caller, key).Take(&r).Error; err != nil {
			return err
		}
		switch {
		case r.Method != method || r.Path != path || r.RequestHash != requestHash:
			return apperr.New(apperr.Invalid, "This Idempotency-Key was used for a different request; use a new key for a new request")
		case r.Status == 0:
			return apperr.New(apperr.Conflict, "A request with this Idempotency-Key is still in progress; retry when it has finished")
		}
		out = &r
		return nil
	})
	return out, err
}

// Finish stores the response of the request that claimed the key.
func Finish(ctx context.Context, db *database.DB, caller, key string, status int, headers string, body []byte) error {
	return db.Conn(ctx).Model(&Record{}).Where("caller = ? AND key = ?", caller, key).
		Updates(map[string]any{"status": status, "headers": headers, "body": body}).Error
}

// Abandon forgets the key, so a retry runs the request again (after a
// failure that was not the caller's).
func Abandon(ctx context.Context, db *database.DB, caller, key string) error {
	return db.Conn(ctx).Where("caller = ? AND key = ?", caller, key).Delete(&Record{}).Error
}

// Prune forgets keys older than TTL.
func Prune(ctx context.Context, db *database.DB, now time.Time) (int64, error) {
	res := db.Conn(ctx).Where("created_at < ?", now.Add(-TTL)).Delete(&Record{})
	return res.RowsAffected, res.Error
}
