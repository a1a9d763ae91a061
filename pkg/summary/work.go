package summary

import (
	"context"
	"time"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/interest"
	"github.com/innomunich/platform/pkg/meeting"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/trip"
)

// The dashboard's "my work": what the caller has to do or to look
// forward to. A member sees its organisation's upcoming trips, its
// interests and its meetings; a coordinator (or admin) sees what needs
// action across the network; a viewer, who acts on nothing, sees no
// section. Every item is a record to open, named by its title or its
// organisations; no item carries a person's name or contact data.

// Work sections, in the order a dashboard shows them.
const (
	MyTrips              = "trips"
	MyInterests          = "interests"
	MyMeetings           = "meetings"
	InterestsWaiting     = "interests_waiting"
	AgreementsExpiring   = "agreements_expiring"
	RegistrationsClosing = "registrations_closing"
	MilestonesOverdue    = "milestones_overdue"
)

// WorkLimit is how many items a section lists.
const WorkLimit = 5

// RegistrationWindow is how soon a trip's registration deadline must be
// for it to count as closing soon.
const RegistrationWindow = 14 * 24 * time.Hour

// Item is one record of a section. Kind names what ID is (trip,
// interest, meeting, agreement, milestone); ParentID is the trip of a
// meeting or the project of a milestone, OpportunityID the opportunity
// an interest answers. Date is the day or instant that puts the item in
// the section (trip start, deadline, end of validity, due date, start
// of a meeting), empty where there is none yet.
type Item struct {
	Kind          string
	ID            string
	ParentID      string
	OpportunityID string
	Title         string
	Date          string
	Status        string
}

// Section is one card of items.
type Section struct {
	Key   string
	Items []Item
}

// Work is the caller's sections; For is "member", "coordinator" or ""
// (nothing to show).
type Work struct {
	For      string
	Sections []Section
}

// WorkFor gathers the caller's work as of now; lang (de, en, ja) picks
// the titles written in several languages.
func WorkFor(ctx context.Context, db *database.DB, now time.Time, lang string) (Work, error) {
	c := auth.From(ctx)
	today := agreement.Today(now)
	switch {
	case c.IsCoordinator():
		return coordinatorWork(ctx, db, now, today, lang)
	case c.Role == auth.RoleMember && c.OrganisationID != "":
		return memberWork(ctx, db, c.OrganisationID, today, lang)
	}
	return Work{Sections: []Section{}}, nil
}

func firstPage(spec page.Spec, sort string) page.Page {
	p, _ := spec.Parse(page.Params{Limit: "5", Sort: sort})
	p.Limit = WorkLimit
	return p
}

func interestItems(list []interest.Interest, lang string) []Item {
	out := []Item{}
	for _, i := range list {
		out = append(out, Item{Kind: "interest", ID: i.ID, OpportunityID: i.OpportunityID, Title: i.Opportunity.Title.In(lang),
			Date: i.CreatedAt.UTC().Format(time.RFC3339), Status: i.Status})
	}
	return out
}

func memberWork(ctx context.Context, db *database.DB, org, today, lang string) (Work, error) {
	w := Work{For: "member"}
	trips, _, err := trip.List(ctx, db, trip.Filter{ParticipantOrganisation: org, From: today}, firstPage(trip.Sort, "start_date"))
	if err != nil {
		return Work{}, err
	}
	items := []Item{}
	for _, t := range trips {
		items = append(items, Item{Kind: "trip", ID: t.ID, Title: t.Title, Date: t.StartDate, Status: t.Status})
	}
	w.Sections = append(w.Sections, Section{MyTrips, items})
	interests, _, err := interest.List(ctx, db, interest.Filter{Organisation: org}, firstPage(interest.Sort, "-created_at"))
	if err != nil {
		return Work{}, err
	}
	w.Sections = append(w.Sections, Section{MyInterests, interestItems(interests, lang)})
	meetings, err := meeting.UpcomingOf(ctx, db, org, today, WorkLimit)
	if err != nil {
		return Work{}, err
	}
	items = []Item{}
	for _, m := range meetings {
		it := Item{Kind: "meeting", ID: m.ID, ParentID: m.TripID, Title: m.Title, Status: m.Status}
		if m.StartsAt != nil {
			it.Date = *m.StartsAt
		}
		items = append(items, it)
	}
	w.Sections = append(w.Sections, Section{MyMeetings, items})
	return w, nil
}

func coordinatorWork(ctx context.Context, db *database.DB, now time.Time, today, lang string) (Work, error) {
	w := Work{For: "coordinator"}
	waiting, _, err := interest.List(ctx, db, interest.Filter{Status: interest.Open}, firstPage(interest.Sort, "created_at"))
	if err != nil {
		return Work{}, err
	}
	w.Sections = append(w.Sections, Section{InterestsWaiting, interestItems(waiting, lang)})
	expiring, _, err := agreement.List(ctx, db, agreement.Filter{Status: agreement.Expiring, Now: now}, firstPage(agreement.Sort, "valid_until"))
	if err != nil {
		return Work{}, err
	}
	items := []Item{}
	for _, a := range expiring {
		it := Item{Kind: "agreement", ID: a.ID, Title: a.Title, Status: agreement.Expiring}
		if a.ValidUntil != nil {
			it.Date = *a.ValidUntil
		}
		items = append(items, it)
	}
	w.Sections = append(w.Sections, Section{AgreementsExpiring, items})
	closing, err := trip.RegistrationClosing(ctx, db, now, RegistrationWindow, WorkLimit)
	if err != nil {
		return Work{}, err
	}
	items = []Item{}
	for _, t := range closing {
		items = append(items, Item{Kind: "trip", ID: t.ID, Title: t.Title, Date: t.RegistrationDeadline.UTC().Format(time.RFC3339), Status: t.Status})
	}
	w.Sections = append(w.Sections, Section{RegistrationsClosing, items})
	overdue, err := project.OverdueMilestones(ctx, db, today, WorkLimit)
	if err != nil {
		return Work{}, err
	}
	items = []Item{}
	for _, m := range overdue {
		items = append(items, Item{Kind: "milestone", ID: m.ID, ParentID: m.ProjectID, Title: m.ProjectTitle + ": " + m.Title, Date: m.DueOn, Status: project.Overdue})
	}
	w.Sections = append(w.Sections, Section{MilestonesOverdue, items})
	return w, nil
}
