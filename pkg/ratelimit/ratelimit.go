// Package ratelimit owns the per-caller request limit of the API: a token
// bucket per caller, kept in this process's memory. Each instance counts
// on its own, so behind a load balancer a caller may get up to the number
// of instances times the limit; the README says why that is the choice.
package ratelimit

import (
	"math"
	"sync"
	"time"
)

// Limiter holds one bucket per caller key. A bucket holds up to burst
// requests and refills at perMinute requests a minute.
type Limiter struct {
	burst  float64
	perSec float64

	mu        sync.Mutex
	buckets   map[string]bucket
	lastSweep time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

// Decision is the outcome of one request, with what the RateLimit headers say.
type Decision struct {
	Allowed    bool
	Limit      int           // the bucket's size
	Remaining  int           // requests left right now
	Reset      time.Duration // until the bucket is full again
	RetryAfter time.Duration // until the next request is allowed, when refused
}

// New returns a limiter of perMinute requests a minute per caller with
// bursts of up to burst requests.
func New(perMinute, burst int) *Limiter {
	return &Limiter{burst: float64(burst), perSec: float64(perMinute) / 60, buckets: map[string]bucket{}}
}

// sweepEvery is how often buckets that have refilled are forgotten, so
// that the map holds only callers active within about a bucket's refill time.
const sweepEvery = time.Minute

// Take spends one request of the caller's bucket, if there is one.
func (l *Limiter) Take(key string, now time.Time) Decision {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastSweep) > sweepEvery {
		for k, b := range l.buckets {
			if l.level(b, now) >= l.burst {
				delete(l.buckets, k)
			}
		}
		l.lastSweep = now
	}
	b, ok := l.buckets[key]
	tokens := l.burst
	if ok {
		tokens = l.level(b, now)
	}
	d := Decision{Limit: int(l.burst)}
	if tokens >= 1 {
		tokens--
		d.Allowed = true
	} else {
		d.RetryAfter = l.duration(1 - tokens)
	}
	l.buckets[key] = bucket{tokens: tokens, at: now}
	d.Remaining = int(math.Floor(tokens))
	d.Reset = l.duration(l.burst - tokens)
	return d
}

// level is how many requests the bucket holds at now.
func (l *Limiter) level(b bucket, now time.Time) float64 {
	return math.Min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.perSec)
}

// duration is how long refilling n requests takes.
func (l *Limiter) duration(n float64) time.Duration {
	return time.Duration(n / l.perSec * float64(time.Second))
}
