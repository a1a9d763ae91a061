package meeting

import (
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/trip"
)

// Deleting a trip takes its sessions, places, meetings and their
// bookings with it. Deleting a person takes their meetings and frees the
// slots they held.
func TestDeletingATripOrAPersonLeavesNoBookingsBehind(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := admin()
		f := newFixture(t, db, 2)
		s := f.session("2026-10-15", "10:00", "11:00", 30, 0)
		f.place("Table 1")
		a, b, c := f.delegate(0, "A"), f.delegate(1, "B"), f.delegate(1, "C")
		for _, p := range []string{a, b, c} {
			f.available(p, s)
		}
		m1, m2 := f.request(a, b), f.request(a, c)
		must(Accept(ctx, db, f.trip.ID, m1.ID, m1.Version, nil))
		must(Accept(ctx, db, f.trip.ID, m2.ID, m2.Version, nil))
		count := func() int64 {
			var n int64
			if err := db.Conn(ctx).Model(&booking{}).Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n := count(); n != 6 {
			t.Fatalf("%d bookings, want 6", n)
		}
		bp := must(person.Get(ctx, db, b))
		if _, err := person.Delete(ctx, db, b, bp.Version); err != nil {
			t.Fatal(err)
		}
		if n := count(); n != 3 {
			t.Errorf("%d bookings after deleting a person, want 3", n)
		}
		tr := must(trip.Get(ctx, db, f.trip.ID))
		if err := trip.Delete(ctx, db, f.trip.ID, tr.Version); err != nil {
			t.Fatal(err)
		}
		if n := count(); n != 0 {
			t.Errorf("%d bookings after deleting the trip", n)
		}
	})
}
