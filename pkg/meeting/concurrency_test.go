package meeting

import (
	"fmt"
	"sync"
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

// Fifty acceptances at once compete for one session of four slots at two
// tables (at most eight meetings, at most four per person). The database's
// unique bookings keep everyone and every table in one meeting per slot;
// each acceptance either gets a slot or says why not, and none that says
// "no free slot" could have had one.
func TestConcurrentAcceptancesNeverDoubleBook(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db, 2)
		s := f.session("2026-10-15", "10:00", "12:00", 25, 5) // 4 slots
		f.place("Table A")
		f.place("Table B")
		var de, jp []string
		for i := range 10 {
			de = append(de, f.delegate(0, fmt.Sprintf("De%d", i)))
			f.available(de[i], s)
		}
		for i := range 5 {
			jp = append(jp, f.delegate(1, fmt.Sprintf("Jp%d", i)))
			f.available(jp[i], s)
		}
		var requests []Meeting
		for _, a := range de {
			for _, b := range jp {
				requests = append(requests, f.request(a, b))
			}
		}
		if len(requests) != 50 {
			t.Fatalf("%d requests", len(requests))
		}
		var wg sync.WaitGroup
		errs := make([]error, len(requests))
		for i, m := range requests {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = Accept(admin(), db, f.trip.ID, m.ID, m.Version, nil)
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("acceptance %d: %v", i, err)
			}
		}
		var all []Meeting
		if err := db.Conn(admin()).Where("trip_id = ?", f.trip.ID).Find(&all).Error; err != nil {
			t.Fatal(err)
		}
		personAt, placeAt := map[string]string{}, map[string]string{}
		placed := 0
		for _, m := range all {
			if m.Status != Accepted {
				t.Fatalf("meeting %s is %s", m.ID, m.Status)
			}
			if !m.Scheduled() {
				if m.UnplacedReason == "" {
					t.Errorf("meeting %s is neither placed nor says why", m.ID)
				}
				continue
			}
			placed++
			slot := fmt.Sprintf("%s/%d", *m.SessionID, *m.Slot)
			for _, who := range []string{m.RequesterPersonID, *m.ReceiverPersonID} {
				if other, ok := personAt[slot+"/"+who]; ok {
					t.Errorf("person %s in meetings %s and %s at %s", who, other, m.ID, slot)
				}
				personAt[slot+"/"+who] = m.ID
			}
			if other, ok := placeAt[slot+"/"+*m.PlaceID]; ok {
				t.Errorf("place %s holds meetings %s and %s at %s", *m.PlaceID, other, m.ID, slot)
			}
			placeAt[slot+"/"+*m.PlaceID] = m.ID
		}
		if placed == 0 || placed > 8 {
			t.Errorf("placed %d meetings; one session of 4 slots at 2 tables holds 1 to 8", placed)
		}
		var rows int64
		if err := db.Conn(admin()).Model(&booking{}).Count(&rows).Error; err != nil {
			t.Fatal(err)
		}
		if rows != int64(3*placed) {
			t.Errorf("%d booking rows for %d meetings, want 3 each", rows, placed)
		}
		// Nobody left out could have been placed: in every slot one of the
		// two is busy or both tables are taken.
		for _, m := range all {
			if m.Scheduled() {
				continue
			}
			for n := range s.SlotCount() {
				slot := fmt.Sprintf("%s/%d", s.ID, n)
				_, aBusy := personAt[slot+"/"+m.RequesterPersonID]
				_, bBusy := personAt[slot+"/"+*m.ReceiverPersonID]
				tables := 0
				for k := range placeAt {
					if len(k) > len(slot) && k[:len(slot)+1] == slot+"/" {
						tables++
					}
				}
				if !aBusy && !bBusy && tables < 2 {
					t.Errorf("meeting %s (%s) could have had slot %d", m.ID, m.UnplacedReason, n)
				}
			}
		}
		t.Logf("%s: %d of 50 placed", db.Engine, placed)
	})
}
