package trip

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
)

// AgendaKinds are the kinds of agenda item.
var AgendaKinds = []string{"company_visit", "b2b_meetings", "trade_fair", "conference", "networking", "travel"}

// AgendaItem is one point of a trip's programme: two instants, shown in
// the trip's time zone and the reader's.
type AgendaItem struct {
	ID             string
	TripID         string
	StartsAt       time.Time
	EndsAt         time.Time
	Title          string
	Kind           string
	Location       string
	OrganisationID *string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (AgendaItem) TableName() string { return "trip_agenda" }

type agendaView struct {
	StartsAt       time.Time `json:"starts_at"`
	EndsAt         time.Time `json:"ends_at"`
	Title          string    `json:"title"`
	Kind           string    `json:"kind"`
	Location       string    `json:"location"`
	OrganisationID *string   `json:"organisation_id"`
}

func (a AgendaItem) view() agendaView {
	return agendaView{a.StartsAt, a.EndsAt, a.Title, a.Kind, a.Location, a.OrganisationID}
}

// fits checks the item against the rules and the trip's days in its zone.
func (a AgendaItem) fits(t Trip) error {
	var bad apperr.Fields
	if n := utf8.RuneCountInString(a.Title); n < 1 || n > 300 {
		bad.Add("title", "must be 1 to 300 characters")
	}
	if !slices.Contains(AgendaKinds, a.Kind) {
		bad.Add("kind", "must be one of %s", strings.Join(AgendaKinds, ", "))
	}
	if utf8.RuneCountInString(a.Location) > 300 {
		bad.Add("location", "must be at most 300 characters")
	}
	if !a.EndsAt.After(a.StartsAt) {
		bad.Add("ends_at", "must be after starts_at")
	}
	loc := t.Location()
	if d := a.StartsAt.In(loc).Format(time.DateOnly); d < t.StartDate || d > t.EndDate {
		bad.Add("starts_at", "falls on %s in %s, outside the trip (%s to %s)", d, t.TimeZone, t.StartDate, t.EndDate)
	}
	if d := a.EndsAt.In(loc).Format(time.DateOnly); d < t.StartDate || d > t.EndDate {
		bad.Add("ends_at", "falls on %s in %s, outside the trip (%s to %s)", d, t.TimeZone, t.StartDate, t.EndDate)
	}
	return bad.Err()
}

// checkAgendaFits refuses trip dates or a time zone that would leave
// agenda items outside the trip.
func checkAgendaFits(ctx context.Context, db *database.DB, t Trip) error {
	items, err := Agenda(ctx, db, t.ID)
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.fits(t) != nil {
			return apperr.Fields{{Field: "start_date", Message: "the agenda item " + it.Title + " would fall outside the trip; move it first"}}.Err()
		}
	}
	return nil
}

// Agenda returns a trip's programme in time order.
func Agenda(ctx context.Context, db *database.DB, tripID string) ([]AgendaItem, error) {
	var items []AgendaItem
	err := db.Conn(ctx).Where("trip_id = ?", tripID).Order("starts_at, id").Find(&items).Error
	return items, err
}

// AddAgendaItem adds a point to the programme.
func AddAgendaItem(ctx context.Context, db *database.DB, tripID string, a AgendaItem) (AgendaItem, error) {
	if err := canManage(authFrom(ctx)); err != nil {
		return AgendaItem{}, err
	}
	now := database.Now()
	a.ID, a.TripID, a.Version, a.CreatedAt, a.UpdatedAt = uuid.Must(uuid.NewV7()).String(), tripID, 1, now, now
	a.normalise()
	err := db.WithTx(ctx, func(ctx context.Context) error {
		t, err := Get(ctx, db, tripID)
		if err != nil {
			return err
		}
		if err := a.fits(t); err != nil {
			return err
		}
		if err := checkAgendaOrganisation(ctx, db, a); err != nil {
			return err
		}
		if err := db.Conn(ctx).Create(&a).Error; err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Create, "agenda_item", a.ID, a.Version, nil, a.view())
	})
	return a, err
}

func (a *AgendaItem) normalise() {
	a.Title, a.Location = strings.TrimSpace(a.Title), strings.TrimSpace(a.Location)
	a.StartsAt, a.EndsAt = a.StartsAt.UTC().Truncate(time.Microsecond), a.EndsAt.UTC().Truncate(time.Microsecond)
}

func checkAgendaOrganisation(ctx context.Context, db *database.DB, a AgendaItem) error {
	if a.OrganisationID == nil {
		return nil
	}
	if uuid.Validate(*a.OrganisationID) != nil {
		return apperr.Fields{{Field: "organisation_id", Message: "is not an organisation in the directory"}}.Err()
	}
	return organisation.CheckExists(ctx, db, "organisation_id", a.OrganisationID)
}

// AgendaPatch changes an agenda item.
type AgendaPatch struct {
	StartsAt, EndsAt      opt.Field[time.Time]
	Title, Kind, Location opt.Field[string]
	OrganisationID        opt.Field[string]
}

// UpdateAgendaItem applies a patch based on version.
func UpdateAgendaItem(ctx context.Context, db *database.DB, tripID, id string, version int, in AgendaPatch) (AgendaItem, error) {
	if err := canManage(authFrom(ctx)); err != nil {
		return AgendaItem{}, err
	}
	var out AgendaItem
	err := db.WithTx(ctx, func(ctx context.Context) error {
		before, err := agendaItem(ctx, db, tripID, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("agenda item", before.Version, version); err != nil {
			return err
		}
		after := before
		if in.StartsAt.Set {
			after.StartsAt = in.StartsAt.Value
		}
		if in.EndsAt.Set {
			after.EndsAt = in.EndsAt.Value
		}
		for dst, f := range map[*string]opt.Field[string]{&after.Title: in.Title, &after.Kind: in.Kind, &after.Location: in.Location} {
			if f.Set {
				*dst = f.Value
			}
		}
		if in.OrganisationID.Set {
			after.OrganisationID = nil
			if !in.OrganisationID.Null {
				v := in.OrganisationID.Value
				after.OrganisationID = &v
			}
		}
		after.normalise()
		t, err := Get(ctx, db, tripID)
		if err != nil {
			return err
		}
		if err := after.fits(t); err != nil {
			return err
		}
		if err := checkAgendaOrganisation(ctx, db, after); err != nil {
			return err
		}
		if after.Version, err = db.UpdateVersioned(ctx, "trip_agenda", "agenda item", id, version, map[string]any{
			"starts_at": after.StartsAt, "ends_at": after.EndsAt, "title": after.Title, "kind": after.Kind,
			"location": after.Location, "organisation_id": after.OrganisationID,
		}); err != nil {
			return err
		}
		out = after
		return audit.Record(ctx, db, audit.Update, "agenda_item", id, after.Version, before.view(), after.view())
	})
	return out, err
}

// DeleteAgendaItem removes a point of the programme.
func DeleteAgendaItem(ctx context.Context, db *database.DB, tripID, id string, version int) error {
	if err := canManage(authFrom(ctx)); err != nil {
		return err
	}
	return db.WithTx(ctx, func(ctx context.Context) error {
		before, err := agendaItem(ctx, db, tripID, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("agenda item", before.Version, version); err != nil {
			return err
		}
		if err := db.DeleteVersioned(ctx, "trip_agenda", "agenda item", id, version, database.Referrers{}); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Delete, "agenda_item", id, before.Version, before.view(), nil)
	})
}

func agendaItem(ctx context.Context, db *database.DB, tripID, id string) (AgendaItem, error) {
	a, err := database.Get[AgendaItem](ctx, db, "agenda item", id)
	if err == nil && a.TripID != tripID {
		return AgendaItem{}, apperr.New(apperr.NotFound, "No agenda item %s on this trip", id)
	}
	return a, err
}
