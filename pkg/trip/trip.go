// Package trip owns trips and events: delegation trips to Japan, incoming
// delegations, trade fairs and conferences, with their agenda across time
// zones and their participants, whose seats hold under concurrent
// registration.
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
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/reference"
	"github.com/innomunich/platform/pkg/search"
	"gorm.io/gorm/clause"
)

// Kinds of trip.
var Kinds = []string{"delegation_trip", "incoming_delegation", "trade_fair", "conference"}

// Statuses of a trip.
const (
	Planned            = "planned"
	RegistrationOpen   = "registration_open"
	RegistrationClosed = "registration_closed"
	Completed          = "completed"
	Cancelled          = "cancelled"
)

// Statuses lists every status in its order.
var Statuses = []string{Planned, RegistrationOpen, RegistrationClosed, Completed, Cancelled}

// next lists the statuses a trip may move to from each status.
var next = map[string][]string{
	Planned:            {RegistrationOpen, Cancelled},
	RegistrationOpen:   {RegistrationClosed, Cancelled},
	RegistrationClosed: {Completed, Cancelled},
	Completed:          {},
	Cancelled:          {},
}

// Trip is one trip or event.
type Trip struct {
	ID                   string
	Title                string
	Kind                 string
	Country              string
	Cities               string // one per line
	StartDate            string
	EndDate              string
	TimeZone             string
	Status               string
	Capacity             *int
	RegistrationDeadline *time.Time
	Description          i18n.Text `gorm:"embedded;embeddedPrefix:description_"`
	SearchText           string
	SearchName           string
	// SearchRank is a search's relevance bucket, read by ranked lists only.
	SearchRank int `gorm:"column:search_rank;->"`
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Regions    []string `gorm:"-"`
	Organisers []string `gorm:"-"`
}

// CityList returns the cities.
func (t Trip) CityList() []string {
	if t.Cities == "" {
		return []string{}
	}
	return strings.Split(t.Cities, "\n")
}

// Location is the trip's time zone.
func (t Trip) Location() *time.Location {
	l, err := time.LoadLocation(t.TimeZone)
	if err != nil {
		return time.UTC
	}
	return l
}

type view struct {
	Title                string     `json:"title"`
	Kind                 string     `json:"kind"`
	Country              string     `json:"country"`
	Cities               []string   `json:"cities"`
	StartDate            string     `json:"start_date"`
	EndDate              string     `json:"end_date"`
	TimeZone             string     `json:"time_zone"`
	Status               string     `json:"status"`
	Capacity             *int       `json:"capacity"`
	RegistrationDeadline *time.Time `json:"registration_deadline"`
	Description          i18n.Text  `json:"description"`
	Regions              []string   `json:"regions"`
	Organisers           []string   `json:"organisers"`
}

func (t Trip) view() view {
	return view{t.Title, t.Kind, t.Country, t.CityList(), t.StartDate, t.EndDate, t.TimeZone, t.Status, t.Capacity, t.RegistrationDeadline, t.Description, t.Regions, t.Organisers}
}

func (t *Trip) normalise() {
	t.Title = strings.TrimSpace(t.Title)
	t.Country = strings.ToUpper(strings.TrimSpace(t.Country))
	var cities []string
	for _, c := range strings.Split(t.Cities, "\n") {
		if c = strings.TrimSpace(c); c != "" && !slices.Contains(cities, c) {
			cities = append(cities, c)
		}
	}
	t.Cities = strings.Join(cities, "\n")
	slices.Sort(t.Regions)
	t.Regions = slices.Compact(t.Regions)
	if t.RegistrationDeadline != nil {
		d := t.RegistrationDeadline.UTC().Truncate(time.Microsecond)
		t.RegistrationDeadline = &d
	}
	t.deriveSearch()
}

func (t *Trip) deriveSearch() {
	t.SearchName = search.Names(t.Title)
	t.SearchText = search.Document(t.Title, strings.ReplaceAll(t.Cities, "\n", " "), t.Description.De, t.Description.En, t.Description.Ja)
}

// Reindex recomputes the stored search text of every trip when the
// search folding changed (see search.Refresh).
func Reindex(ctx context.Context, db *database.DB) (int, error) {
	return search.Refresh(ctx, db, "trips", func(t Trip) string { return t.ID }, func(t Trip) search.Stored {
		t.deriveSearch()
		return search.Stored{Text: t.SearchText, Name: t.SearchName, Grams: t.grams()}
	})
}

func (t Trip) grams() []string { return search.Grams(t.Title, strings.ReplaceAll(t.Cities, "\n", " ")) }

// Prepare returns t as Create stores it (trimmed, validated, derived
// columns filled) with its search grams, for bulk loaders.
func Prepare(t Trip) (Trip, []string, error) {
	t.normalise()
	if err := t.Validate(); err != nil {
		return t, nil, err
	}
	return t, t.grams(), nil
}

// Validate checks what needs no database.
func (t Trip) Validate() error {
	var bad apperr.Fields
	if n := utf8.RuneCountInString(t.Title); n < 1 || n > 300 {
		bad.Add("title", "must be 1 to 300 characters")
	}
	if !slices.Contains(Kinds, t.Kind) {
		bad.Add("kind", "must be one of %s", strings.Join(Kinds, ", "))
	}
	if !i18n.ValidCountry(t.Country) {
		bad.Add("country", "must be an ISO 3166-1 alpha-2 code such as JP")
	}
	start, err1 := time.Parse(time.DateOnly, t.StartDate)
	end, err2 := time.Parse(time.DateOnly, t.EndDate)
	if err1 != nil {
		bad.Add("start_date", "must be a date such as 2026-04-13")
	}
	if err2 != nil {
		bad.Add("end_date", "must be a date such as 2026-04-17")
	}
	if err1 == nil && err2 == nil && end.Before(start) {
		bad.Add("end_date", "must not be before start_date")
	}
	if _, err := time.LoadLocation(t.TimeZone); err != nil || t.TimeZone == "" || t.TimeZone == "Local" {
		bad.Add("time_zone", "must be an IANA time zone such as Asia/Tokyo or Europe/Berlin")
	}
	if !slices.Contains(Statuses, t.Status) {
		bad.Add("status", "must be one of %s", strings.Join(Statuses, ", "))
	}
	if t.Capacity != nil && (*t.Capacity < 1 || *t.Capacity > 10000) {
		bad.Add("capacity", "must be a whole number from 1 to 10000, or null for no limit")
	}
	for _, o := range t.Organisers {
		if uuid.Validate(o) != nil {
			bad.Add("organiser_ids", "%q is not an organisation id", o)
		}
	}
	if len(t.Organisers) == 0 {
		bad.Add("organiser_ids", "must name at least one organisation")
	}
	return bad.Err()
}

func checkReferences(ctx context.Context, db *database.DB, t Trip) error {
	missing, err := organisation.Missing(ctx, db, t.Organisers)
	if err != nil {
		return err
	}
	var bad apperr.Fields
	for _, o := range missing {
		bad.Add("organiser_ids", "organisation %s is not in the directory", o)
	}
	if err := bad.Err(); err != nil {
		return err
	}
	return reference.CheckCodes(ctx, db, reference.Regions, "regions", t.Regions)
}

// canManage: coordinators and admins plan trips and their agenda; keys
// need write:trips.
func canManage(p auth.Principal) error {
	if !p.Allows(auth.ScopeWriteTrips) {
		return apperr.New(apperr.Forbidden, "This API key lacks the write:trips scope")
	}
	if !p.IsCoordinator() {
		return apperr.New(apperr.Forbidden, "Only coordinators and admins plan trips")
	}
	return nil
}

func writeLinks(ctx context.Context, db *database.DB, t Trip) error {
	conn := db.Conn(ctx)
	if err := conn.Exec("DELETE FROM trip_organisers WHERE trip_id = ?", t.ID).Error; err != nil {
		return err
	}
	for i, o := range t.Organisers {
		if err := conn.Exec("INSERT INTO trip_organisers (trip_id, organisation_id, position) VALUES (?, ?, ?)", t.ID, o, i+1).Error; err != nil {
			return err
		}
	}
	if err := conn.Exec("DELETE FROM trip_regions WHERE trip_id = ?", t.ID).Error; err != nil {
		return err
	}
	for _, r := range t.Regions {
		if err := conn.Exec("INSERT INTO trip_regions (trip_id, region) VALUES (?, ?)", t.ID, r).Error; err != nil {
			return err
		}
	}
	return search.WriteGrams(ctx, db, "trips", t.ID, t.grams())
}

// Create adds a trip; it starts planned unless a status is given.
func Create(ctx context.Context, db *database.DB, t Trip) (Trip, error) {
	if err := canManage(auth.From(ctx)); err != nil {
		return Trip{}, err
	}
	now := database.Now()
	t.ID, t.Version, t.CreatedAt, t.UpdatedAt = uuid.Must(uuid.NewV7()).String(), 1, now, now
	if t.Status == "" {
		t.Status = Planned
	}
	t.normalise()
	if err := t.Validate(); err != nil {
		return Trip{}, err
	}
	err := db.WithTx(ctx, func(ctx context.Context) error {
		if err := checkReferences(ctx, db, t); err != nil {
			return err
		}
		if err := db.Conn(ctx).Omit("Regions", "Organisers").Create(&t).Error; err != nil {
			return err
		}
		if err := writeLinks(ctx, db, t); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Create, "trip", t.ID, t.Version, nil, t.view())
	})
	if err != nil {
		return Trip{}, err
	}
	return Get(ctx, db, t.ID)
}

// Get returns a trip with its regions and organisers.
func Get(ctx context.Context, db *database.DB, id string) (Trip, error) {
	return database.GetWith(ctx, db, "trip", id, withLinks)
}

// lock loads the trip and, on PostgreSQL, locks its row until the
// transaction ends, so registrations and cancellations of one trip take
// turns. (SQLite's BEGIN IMMEDIATE already lets one writer in at a time.)
func lock(ctx context.Context, db *database.DB, id string) (Trip, error) {
	q := db.Conn(ctx)
	if db.Engine == database.Postgres {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var t Trip
	err := q.Where("id = ?", id).Take(&t).Error
	if database.IsNotFound(err) {
		return t, apperr.New(apperr.NotFound, "No trip with id %s", id)
	}
	return t, err
}

func withLinks(ctx context.Context, db *database.DB, list []Trip) error {
	ids := make([]string, len(list))
	for i, t := range list {
		ids[i] = t.ID
	}
	type organiser struct{ TripID, OrganisationID string }
	type region struct{ TripID, Region string }
	orgs, err := database.Children(ctx, db, "trip_organisers", "trip_id", ids, "position", func(o organiser) string { return o.TripID })
	if err != nil {
		return err
	}
	regions, err := database.Children(ctx, db, "trip_regions", "trip_id", ids, "region", func(r region) string { return r.TripID })
	if err != nil {
		return err
	}
	for i := range list {
		list[i].Organisers, list[i].Regions = []string{}, []string{}
		for _, o := range orgs[list[i].ID] {
			list[i].Organisers = append(list[i].Organisers, o.OrganisationID)
		}
		for _, r := range regions[list[i].ID] {
			list[i].Regions = append(list[i].Regions, r.Region)
		}
	}
	return nil
}

// Patch changes a trip; absent fields stay.
type Patch struct {
	Title, Kind, Country, StartDate, EndDate, TimeZone, Status opt.Field[string]
	Cities, Regions, Organisers                                opt.Field[[]string]
	Capacity                                                   opt.Field[int]
	RegistrationDeadline                                       opt.Field[time.Time]
	Description                                                i18n.TextPatch
}

// Update applies a patch based on version. A status change must follow the
// allowed transitions; raising the capacity promotes waiting people. The
// news is those promotions and, when the trip is called off or its dates
// move, that news for everyone registered.
func Update(ctx context.Context, db *database.DB, id string, version int, in Patch) (Trip, []News, error) {
	if err := canManage(auth.From(ctx)); err != nil {
		return Trip{}, nil, err
	}
	var news []News
	err := db.WithTx(ctx, func(ctx context.Context) error {
		if _, err := lock(ctx, db, id); err != nil {
			return err
		}
		before, err := Get(ctx, db, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("trip", before.Version, version); err != nil {
			return err
		}
		after := before
		for dst, f := range map[*string]opt.Field[string]{&after.Title: in.Title, &after.Kind: in.Kind, &after.Country: in.Country,
			&after.StartDate: in.StartDate, &after.EndDate: in.EndDate, &after.TimeZone: in.TimeZone, &after.Status: in.Status} {
			if f.Set {
				*dst = f.Value
			}
		}
		if in.Cities.Set {
			after.Cities = strings.Join(in.Cities.Value, "\n")
		}
		if in.Regions.Set {
			after.Regions = slices.Clone(in.Regions.Value)
		}
		if in.Organisers.Set {
			after.Organisers = slices.Clone(in.Organisers.Value)
		}
		if in.Capacity.Set {
			after.Capacity = nil
			if !in.Capacity.Null {
				v := in.Capacity.Value
				after.Capacity = &v
			}
		}
		if in.RegistrationDeadline.Set {
			after.RegistrationDeadline = nil
			if !in.RegistrationDeadline.Null {
				v := in.RegistrationDeadline.Value
				after.RegistrationDeadline = &v
			}
		}
		after.Description = in.Description.Apply(after.Description)
		after.normalise()
		if err := after.Validate(); err != nil {
			return err
		}
		if after.Status != before.Status && !slices.Contains(next[before.Status], after.Status) {
			allowed := strings.Join(next[before.Status], " or ")
			if allowed == "" {
				allowed = "nothing"
			}
			return apperr.Fields{{Field: "status", Message: "cannot change from " + before.Status + " to " + after.Status + "; it may move to " + allowed}}.Err()
		}
		if err := checkReferences(ctx, db, after); err != nil {
			return err
		}
		if err := checkAgendaFits(ctx, db, after); err != nil {
			return err
		}
		if after.Version, err = db.UpdateVersioned(ctx, "trips", "trip", id, version, map[string]any{
			"title": after.Title, "kind": after.Kind, "country": after.Country, "cities": after.Cities, "start_date": after.StartDate,
			"end_date": after.EndDate, "time_zone": after.TimeZone, "status": after.Status, "capacity": after.Capacity,
			"registration_deadline": after.RegistrationDeadline, "description_de": after.Description.De, "description_en": after.Description.En,
			"description_ja": after.Description.Ja, "search_text": after.SearchText, "search_name": after.SearchName,
		}); err != nil {
			return err
		}
		if err := writeLinks(ctx, db, after); err != nil {
			return err
		}
		if err := audit.Record(ctx, db, audit.Update, "trip", id, after.Version, before.view(), after.view()); err != nil {
			return err
		}
		promoted, err := fillSeats(ctx, db, after)
		if err != nil {
			return err
		}
		news, err = tripNews(ctx, db, before, after, promoted)
		return err
	})
	if err != nil {
		return Trip{}, nil, err
	}
	t, err := Get(ctx, db, id)
	return t, news, err
}

// referrers are what may refer to a trip and keep it from going.
var referrers = database.Referrers{From: []database.Referrer{{Table: "projects", Column: "origin_trip_id", Noun: "projects"}}}

// Delete removes a trip with its agenda and registrations.
func Delete(ctx context.Context, db *database.DB, id string, version int) error {
	if err := canManage(auth.From(ctx)); err != nil {
		return err
	}
	return db.WithTx(ctx, func(ctx context.Context) error {
		before, err := Get(ctx, db, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("trip", before.Version, version); err != nil {
			return err
		}
		if err := db.DeleteVersioned(ctx, "trips", "trip", id, version, referrers); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Delete, "trip", id, before.Version, before.view(), nil)
	})
}
