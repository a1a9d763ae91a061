package meeting

import (
	"context"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
)

// Stats counts a trip's meetings for coordinators.
type Stats struct {
	Requested   int // every request made, whatever became of it
	Pending     int // still waiting for an answer
	Accepted    int // accepted (scheduled or not), not cancelled since
	Declined    int
	Cancelled   int
	Scheduled   int
	Unscheduled int // accepted but not (yet) placed
	Held        int // a side recorded it held and nobody a no-show
	NoShows     int // a coordinator marked one, or a side recorded it
	// FollowUps counts the outcomes that want a follow-up, by next step.
	FollowUps  map[string]int
	MeetingIDs []string // every meeting of the trip, to find what came of them
}

// TripStats counts the trip's meetings, for coordinators, admins and viewers.
func TripStats(ctx context.Context, db *database.DB, tripID string) (Stats, error) {
	if !SeesAll(auth.From(ctx)) {
		return Stats{}, apperr.New(apperr.Forbidden, "Meeting statistics are for coordinators, admins and viewers")
	}
	if _, err := getTrip(ctx, db, tripID); err != nil {
		return Stats{}, err
	}
	var meetings []Meeting
	if err := db.Conn(ctx).Select("id, status, session_id, no_show").Where("trip_id = ?", tripID).Order("id").Find(&meetings).Error; err != nil {
		return Stats{}, err
	}
	var outcomes []struct {
		MeetingID  string
		Attendance string
		FollowUp   bool
		NextStep   string
	}
	if err := db.Conn(ctx).Table("meeting_outcomes AS o").Select("o.meeting_id, o.attendance, o.follow_up, o.next_step").
		Joins("JOIN meetings m ON m.id = o.meeting_id").Where("m.trip_id = ?", tripID).Find(&outcomes).Error; err != nil {
		return Stats{}, err
	}
	s := Stats{FollowUps: map[string]int{}, MeetingIDs: []string{}}
	for _, n := range NextSteps {
		if n != "none" {
			s.FollowUps[n] = 0
		}
	}
	held, noShow := map[string]bool{}, map[string]bool{}
	for _, o := range outcomes {
		if o.Attendance == "held" {
			held[o.MeetingID] = true
		} else {
			noShow[o.MeetingID] = true
		}
		if o.FollowUp && o.NextStep != "none" {
			s.FollowUps[o.NextStep]++
		}
	}
	for _, m := range meetings {
		s.MeetingIDs = append(s.MeetingIDs, m.ID)
		s.Requested++
		switch m.Status {
		case Requested:
			s.Pending++
		case Accepted:
			s.Accepted++
			if m.Scheduled() {
				s.Scheduled++
			} else {
				s.Unscheduled++
			}
		case Declined:
			s.Declined++
		case Cancelled:
			s.Cancelled++
		}
		missed := m.NoShow != "" || noShow[m.ID]
		if missed {
			s.NoShows++
		} else if held[m.ID] && m.Status == Accepted {
			s.Held++
		}
	}
	return s, nil
}

// CheckExists answers a field error unless id is a meeting: for agreements
// and projects that name a meeting as their origin.
func CheckExists(ctx context.Context, db *database.DB, field string, id *string) error {
	if id == nil {
		return nil
	}
	bad := apperr.Fields{{Field: field, Message: "is not a meeting"}}
	if uuid.Validate(*id) != nil {
		return bad.Err()
	}
	var n int64
	if err := db.Conn(ctx).Model(&Meeting{}).Where("id = ?", *id).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return bad.Err()
	}
	return nil
}
