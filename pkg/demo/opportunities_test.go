package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/demo"
	"github.com/innomunich/platform/pkg/opportunity"
)

// TestDemoOpportunitiesMatchEachOther: the demo set has opportunities on
// both sides, and the Japanese request for cell therapies finds the
// German CAR-T offer first.
func TestDemoOpportunitiesMatchEachOther(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		sum, err := demo.Seed(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		if sum["opportunities"] < 12 {
			t.Fatalf("summary %v", sum)
		}
		ctx := auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: "t", Role: auth.RoleViewer})
		var request string
		db.Conn(ctx).Table("opportunities").Where("title_en = ?", "In-licensing of cell therapies for solid tumours").Pluck("id", &request)
		ms, err := opportunity.Matches(ctx, db, request, 20, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) < 2 || ms[0].Opportunity.Title.En != "Allogeneic CAR-T platform for solid tumours" || ms[0].Score < 90 {
			t.Errorf("matches of the Japanese request: %+v", ms)
		}
		for _, m := range ms {
			if m.Opportunity.Status != opportunity.Published {
				t.Errorf("a %s opportunity among the matches", m.Opportunity.Status)
			}
		}
	})
}
