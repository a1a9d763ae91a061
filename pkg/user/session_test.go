package user_test

import (
	"context"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/user"
)

func TestFailedSignInsAreForgottenAfterTheirWindow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		keys := auth.GenerateKeys()
		if _, err := user.Login(ctx, db, keys, "nobody@example.org", "wrong password", "192.0.2.1"); err == nil {
			t.Fatal("a sign-in for an unknown account succeeded")
		}
		if n, err := user.PruneThrottle(ctx, db, database.Now()); err != nil || n != 0 {
			t.Errorf("pruning fresh failures: %d %v", n, err)
		}
		if n, err := user.PruneThrottle(ctx, db, database.Now().Add(time.Hour)); err != nil || n != 3 {
			t.Errorf("pruning an hour later: %d %v, want the entries of the account from the address, the address and the account", n, err)
		}
	})
}
