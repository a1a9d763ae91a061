package remind

import (
	"testing"
	"time"
)

func TestTheScheduleIsSevenOClockInBerlinAcrossDaylightSavingTime(t *testing.T) {
	berlin := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, Zone)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tt := range []struct {
		s          at
		now, want  string
		lastMonday string
	}{
		{at{hour: 7}, "2027-03-27 06:59", "2027-03-27 07:00", "2027-03-15"},
		{at{hour: 7}, "2027-03-27 07:00", "2027-03-28 07:00", "2027-03-15"}, // the clocks go forward that night
		{at{hour: 7, monday: true}, "2027-03-27 07:00", "2027-03-29 07:00", "2027-03-15"},
		{at{hour: 7, monday: true}, "2027-03-29 06:00", "2027-03-29 07:00", "2027-03-22"},
		{at{hour: 7, monday: true}, "2027-03-29 07:30", "2027-04-05 07:00", "2027-03-22"},
	} {
		if got := tt.s.Next(berlin(tt.now)); !got.Equal(berlin(tt.want)) {
			t.Errorf("%+v after %s: %s, want %s", tt.s, tt.now, got.In(Zone), tt.want)
		}
		if got := LastWeek(berlin(tt.now)); got != tt.lastMonday {
			t.Errorf("the week before %s begins %s, want %s", tt.now, got, tt.lastMonday)
		}
	}
}
