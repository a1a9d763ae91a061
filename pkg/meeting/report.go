package meeting

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/organisation"
	"gorm.io/gorm"
)

// B2B meetings' figures for reports (pkg/report), for the meetings of the
// trips of a subquery of trip IDs. A meeting is held when it was accepted,
// a side recorded it held, and nobody recorded or marked a no-show: the
// rule of TripStats.

const heldCond = "status = 'accepted' AND no_show = '' " +
	"AND EXISTS (SELECT 1 FROM meeting_outcomes o WHERE o.meeting_id = meetings.id AND o.attendance = 'held') " +
	"AND NOT EXISTS (SELECT 1 FROM meeting_outcomes o WHERE o.meeting_id = meetings.id AND o.attendance <> 'held')"

// ReportFigures counts the meetings requested at the trips, those held,
// and the outcomes recorded (by either side) by next step, in the order
// of NextSteps, steps without any left out.
func ReportFigures(ctx context.Context, db *database.DB, trips *gorm.DB) (requested, held int64, byNextStep []StepCount, err error) {
	if err = db.Conn(ctx).Table("meetings").Where("trip_id IN (?)", trips).Count(&requested).Error; err != nil {
		return
	}
	if err = db.Conn(ctx).Table("meetings").Where("trip_id IN (?) AND "+heldCond, trips).Count(&held).Error; err != nil {
		return
	}
	var rows []StepCount
	if err = db.Conn(ctx).Table("meeting_outcomes").Select("next_step, COUNT(*) AS n").
		Where("meeting_id IN (?)", db.Conn(ctx).Table("meetings").Select("id").Where("trip_id IN (?)", trips)).
		Group("next_step").Find(&rows).Error; err != nil {
		return
	}
	byNextStep = []StepCount{}
	for _, step := range NextSteps {
		for _, r := range rows {
			if r.NextStep == step {
				byNextStep = append(byNextStep, r)
			}
		}
	}
	return
}

// StepCount is how many outcomes name one next step.
type StepCount struct {
	NextStep string
	N        int64
}

// HeldBy is the organisations of both sides of the meetings held at the
// trips: two subqueries of organisation IDs.
func HeldBy(ctx context.Context, db *database.DB, trips *gorm.DB) []*gorm.DB {
	q := func(col string) *gorm.DB {
		return db.Conn(ctx).Table("meetings").Select(col).Where("trip_id IN (?) AND "+heldCond, trips)
	}
	return []*gorm.DB{q("requester_organisation_id"), q("receiver_organisation_id")}
}

// Ref is a meeting as a link of a chain: its trip and who met.
type Ref struct {
	ID, TripID, Title string
}

// Refs returns the meetings with their trip and, as title, the names of
// the two organisations ("A – B").
func Refs(ctx context.Context, db *database.DB, ids []string) (map[string]Ref, error) {
	out := map[string]Ref{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct{ ID, TripID, RequesterOrganisationID, ReceiverOrganisationID string }
	if err := db.Conn(ctx).Table("meetings").Select("id, trip_id, requester_organisation_id, receiver_organisation_id").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	var orgs []string
	for _, r := range rows {
		orgs = append(orgs, r.RequesterOrganisationID, r.ReceiverOrganisationID)
	}
	names, err := organisation.Names(ctx, db, orgs)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = Ref{r.ID, r.TripID, names[r.RequesterOrganisationID] + " – " + names[r.ReceiverOrganisationID]}
	}
	return out, nil
}
