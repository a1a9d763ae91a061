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
		if sum["organisations"] != 7 || sum["people"] != 4 || sum["agreements"] != 3 || sum["trips"] != 2 || sum["projects"] != 1 {
			t.Errorf("summary %v", sum)
		}
		var names []string
		db.Conn(context.Background()).Table("organisations").Where("country = 'JP'").Order("name").Pluck("name", &names)
		if len(names) != 4 || names[1] != "Kawasaki City" || names[2] != "Osaka BioHeadquarters" {
			t.Errorf("Japanese organisations: %v", names)
		}
		var signed []string
		db.Conn(context.Background()).Table("agreements").Order("signed_on").Pluck("signed_on", &signed)
		if len(signed) != 3 || signed[0] != "2011" || signed[1] != "2017" {
			t.Errorf("agreements signed %v, want the real 2011 and 2017 with the precision the description gives", signed)
		}
	})
}
