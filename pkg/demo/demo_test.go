package demo_test

import (
	"context"
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/demo"
)

func TestDemoDataSeedsTheRealPartnersAndFictionalSamples(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		sum, err := demo.Seed(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		if sum["organisations"] != 7 || sum["people"] != 4 {
			t.Errorf("summary %v", sum)
		}
		var names []string
		db.Conn(context.Background()).Table("organisations").Where("country = 'JP'").Order("name").Pluck("name", &names)
		if len(names) != 4 || names[1] != "Kawasaki City" || names[2] != "Osaka BioHeadquarters" {
			t.Errorf("Japanese organisations: %v", names)
		}
	})
}
