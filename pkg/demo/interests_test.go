package demo_test

import (
	"context"
	"testing"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/demo"
	"github.com/innomunich/platform/pkg/interest"
)

// The demo set has an interest in discussion and one waiting for an
// answer, so that the pipeline board shows something.
func TestDemoInterestsFillThePipeline(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		sum, err := demo.Seed(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		ctx := auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: "t", Role: auth.RoleCoordinator})
		stages, err := interest.Stages(ctx, db, interest.Filter{})
		if err != nil || sum["interests"] != 2 || stages[interest.Open] != 1 || stages[interest.InDiscussion] != 1 {
			t.Errorf("demo interests: %v, stages %v %v", sum, stages, err)
		}
	})
}
