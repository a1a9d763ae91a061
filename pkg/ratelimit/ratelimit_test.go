package ratelimit_test

import (
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/ratelimit"
)

func TestBucketRefusesBeyondTheBurstAndRefills(t *testing.T) {
	l := ratelimit.New(60, 3) // one a second, three at once
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	for i := range 3 {
		if d := l.Take("a", now); !d.Allowed || d.Remaining != 2-i || d.Limit != 3 {
			t.Fatalf("request %d: %+v", i+1, d)
		}
	}
	d := l.Take("a", now)
	if d.Allowed || d.RetryAfter != time.Second || d.Reset != 3*time.Second {
		t.Errorf("the fourth at once: %+v, want refused, retry after 1s, full after 3s", d)
	}
	if d := l.Take("b", now); !d.Allowed || d.Remaining != 2 {
		t.Errorf("another caller: %+v, want its own full bucket", d)
	}
	if d := l.Take("a", now.Add(1500*time.Millisecond)); !d.Allowed || d.Remaining != 0 {
		t.Errorf("after 1.5 s: %+v, want one allowed", d)
	}
	if d := l.Take("a", now.Add(time.Hour)); !d.Allowed || d.Remaining != 2 {
		t.Errorf("an hour later: %+v, want a full bucket again", d)
	}
}
