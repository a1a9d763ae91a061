package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/trip"
	"github.com/labstack/echo/v4"
)

// Seats counts a trip's registrations.
type Seats struct {
	Confirmed  int  `json:"confirmed"`
	Waitlisted int  `json:"waitlisted"`
	Free       *int `json:"free" extensions:"x-nullable"` // null without a capacity
} // @name Seats

// Trip is a delegation trip, incoming delegation, trade fair or conference.
type Trip struct {
	ID                   string            `json:"id" format:"uuid"`
	Title                string            `json:"title" example:"Delegation trip to Osaka and Kawasaki 2026"`
	Kind                 string            `json:"kind"`
	OrganiserIDs         []string          `json:"organiser_ids"`
	Organisers           []OrganisationRef `json:"organisers"`
	Country              string            `json:"country" example:"JP"`
	Regions              []string          `json:"regions" example:"osaka,kawasaki"`
	Cities               []string          `json:"cities" example:"Osaka,Kawasaki"`
	StartDate            string            `json:"start_date" format:"date" example:"2026-04-13"`
	EndDate              string            `json:"end_date" format:"date" example:"2026-04-17"`
	TimeZone             string            `json:"time_zone" example:"Asia/Tokyo"`
	Status               string            `json:"status"`
	Capacity             *int              `json:"capacity" extensions:"x-nullable"`
	RegistrationDeadline *time.Time        `json:"registration_deadline" format:"date-time" extensions:"x-nullable"`
	Seats                Seats             `json:"seats"`
	Description          Text              `json:"description"`
	Version              int               `json:"version" example:"1"`
	CreatedAt            time.Time         `json:"created_at" format:"date-time"`
	UpdatedAt            time.Time         `json:"updated_at" format:"date-time"`
} // @name Trip

func (s *server) tripsOut(ctx context.Context, list []trip.Trip) (func(trip.Trip) Trip, error) {
	var orgIDs, tripIDs []string
	for _, t := range list {
		orgIDs = append(orgIDs, t.Organisers...)
		tripIDs = append(tripIDs, t.ID)
	}
	names, err := organisation.Refs(ctx, s.DB, orgIDs)
	if err != nil {
		return nil, err
	}
	seats, err := trip.Seats(ctx, s.DB, tripIDs)
	if err != nil {
		return nil, err
	}
	return func(t trip.Trip) Trip {
		out := Trip{ID: t.ID, Title: t.Title, Kind: t.Kind, OrganiserIDs: t.Organisers, Organisers: []OrganisationRef{}, Country: t.Country,
			Regions: t.Regions, Cities: t.CityList(), StartDate: t.StartDate, EndDate: t.EndDate, TimeZone: t.TimeZone, Status: t.Status,
			Capacity: t.Capacity, RegistrationDeadline: t.RegistrationDeadline, Description: textOut(t.Description), Version: t.Version,
			CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt}
		for _, o := range t.Organisers {
			out.Organisers = append(out.Organisers, orgRef(names, o))
		}
		c := seats[t.ID]
		out.Seats = Seats{Confirmed: c[0], Waitlisted: c[1]}
		if t.Capacity != nil {
			free := max(*t.Capacity-c[0], 0)
			out.Seats.Free = &free
		}
		return out
	}, nil
}

func (s *server) writeTrip(c echo.Context, status int, t trip.Trip) error {
	convert, err := s.tripsOut(c.Request().Context(), []trip.Trip{t})
	if err != nil {
		return err
	}
	return writeOne(c, status, t.Version, convert(t))
}

// TripCreate adds a trip.
type TripCreate struct {
	Title                string     `json:"title" minLength:"1" maxLength:"300"`
	Kind                 string     `json:"kind"`
	OrganiserIDs         []string   `json:"organiser_ids"`
	Country              string     `json:"country" example:"JP" pattern:"^[A-Za-z]{2}$"`
	Regions              []string   `json:"regions,omitempty"`
	Cities               []string   `json:"cities,omitempty"`
	StartDate            string     `json:"start_date" format:"date"`
	EndDate              string     `json:"end_date" format:"date"`
	TimeZone             string     `json:"time_zone" example:"Asia/Tokyo" minLength:"1"`
	Status               *string    `json:"status,omitempty" enums:"planned,registration_open"`
	Capacity             *int       `json:"capacity,omitempty" minimum:"1" maximum:"10000"`
	RegistrationDeadline *time.Time `json:"registration_deadline,omitempty" format:"date-time"`
	Description          Text       `json:"description,omitempty"`
} // @name TripCreate

// TripPatch changes a trip (JSON merge patch). status follows planned →
// registration_open → registration_closed → completed, or cancelled from
// any but completed.
type TripPatch struct {
	Title                opt.Field[string]    `json:"title,omitempty" swaggertype:"string" minLength:"1" maxLength:"300"`
	Kind                 opt.Field[string]    `json:"kind,omitempty" swaggertype:"string"`
	OrganiserIDs         opt.Field[[]string]  `json:"organiser_ids,omitempty" swaggertype:"array,string"`
	Country              opt.Field[string]    `json:"country,omitempty" swaggertype:"string" pattern:"^[A-Za-z]{2}$"`
	Regions              opt.Field[[]string]  `json:"regions,omitempty" swaggertype:"array,string"`
	Cities               opt.Field[[]string]  `json:"cities,omitempty" swaggertype:"array,string"`
	StartDate            opt.Field[string]    `json:"start_date,omitempty" swaggertype:"string" format:"date"`
	EndDate              opt.Field[string]    `json:"end_date,omitempty" swaggertype:"string" format:"date"`
	TimeZone             opt.Field[string]    `json:"time_zone,omitempty" swaggertype:"string" minLength:"1" example:"Asia/Tokyo"`
	Status               opt.Field[string]    `json:"status,omitempty" swaggertype:"string"`
	Capacity             opt.Field[int]       `json:"capacity,omitempty" swaggertype:"integer" extensions:"x-nullable" minimum:"1" maximum:"10000"`
	RegistrationDeadline opt.Field[time.Time] `json:"registration_deadline,omitempty" swaggertype:"string" format:"date-time" extensions:"x-nullable"`
	Description          TextPatch            `json:"description,omitempty"`
} // @name TripPatch

// listTrips godoc
//
//	@Summary	List trips and events, soonest first
//	@Tags		trips
//	@Produce	json
//	@Security	bearer
//	@Param		kind						query		string	false	"Kind"
//	@Param		status						query		string	false	"Status"
//	@Param		country						query		string	false	"Destination country"
//	@Param		region						query		string	false	"Region code"
//	@Param		from						query		string	false	"Overlaps dates from"	format(date)
//	@Param		to							query		string	false	"Overlaps dates until"	format(date)
//	@Param		organiser					query		string	false	"Organising organisation id"	format(uuid)
//	@Param		participant_organisation	query		string	false	"An organisation with a registration"	format(uuid)
//	@Param		q							query		string	false	"Search in titles, cities and descriptions"
//	@Param		limit						query		int		false	"Page size, 1–200"	default(50)
//	@Param		cursor						query		string	false	"next_cursor of the previous page"
//	@Param		sort						query		string	false	"start_date or updated_at; prefix - for descending"	default(start_date)
//	@Success	200							{object}	List[Trip]
//	@Failure	400							{object}	Problem
//	@Failure	401							{object}	Problem
//	@Router		/api/v1/trips [get]
func (s *server) listTrips(c echo.Context) error {
	q := newQuery(c, "kind", "status", "country", "region", "from", "to", "organiser", "participant_organisation", "q")
	f := trip.Filter{Kind: q.oneOf("kind", trip.Kinds...), Status: q.oneOf("status", trip.Statuses...), Country: q.country("country"),
		Region: q.str("region"), From: q.date("from"), To: q.date("to"), Organiser: q.id("organiser"),
		ParticipantOrganisation: q.id("participant_organisation"), Q: q.str("q")}
	p := q.page(trip.Sort)
	if err := q.err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	rows, next, err := trip.List(ctx, s.DB, f, p)
	if err != nil {
		return err
	}
	convert, err := s.tripsOut(ctx, rows)
	if err != nil {
		return err
	}
	return writeList(c, newList(rows, next, convert))
}

// createTrip godoc
//
//	@Summary	Add a trip
//	@Tags		trips
//	@Accept		json
//	@Produce	json
//	@Security	bearer
//	@Param		Idempotency-Key	header		string		false	"Makes a retry safe"
//	@Param		body			body		TripCreate	true	"The trip"
//	@Success	201				{object}	Trip
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Router		/api/v1/trips [post]
func (s *server) createTrip(c echo.Context) error {
	var in TripCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	status, err := orDefault("status", in.Status) // planned
	if err != nil {
		return err
	}
	t, err := trip.Create(c.Request().Context(), s.DB, trip.Trip{Title: in.Title, Kind: in.Kind, Organisers: in.OrganiserIDs, Country: in.Country,
		Regions: in.Regions, Cities: strings.Join(in.Cities, "\n"), StartDate: in.StartDate, EndDate: in.EndDate, TimeZone: in.TimeZone,
		Status: status, Capacity: in.Capacity, RegistrationDeadline: in.RegistrationDeadline, Description: textIn(in.Description)})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/trips/"+t.ID)
	return s.writeTrip(c, http.StatusCreated, t)
}

// getTrip godoc
//
//	@Summary	Get a trip
//	@Tags		trips
//	@Produce	json
//	@Security	bearer
//	@Param		id	path		string	true	"Trip id"	format(uuid)
//	@Success	200	{object}	Trip
//	@Failure	401	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Router		/api/v1/trips/{id} [get]
func (s *server) getTrip(c echo.Context) error {
	id, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	t, err := trip.Get(c.Request().Context(), s.DB, id)
	if err != nil {
		return err
	}
	return s.writeTrip(c, http.StatusOK, t)
}

// updateTrip godoc
//
//	@Summary		Change a trip
//	@Description	Status changes follow planned → registration_open → registration_closed → completed; cancelled from any but completed. Raising the capacity confirms people waiting, first come first served. Calling the trip off or moving its dates notifies everyone registered (trip_registration), with the calendar event.
//	@Tags			trips
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string		true	"Trip id"	format(uuid)
//	@Param			If-Match	header		string		true	"ETag of the version changed"
//	@Param			body		body		TripPatch	true	"Fields to change (JSON merge patch)"
//	@Success		200			{object}	Trip
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/trips/{id} [patch]
func (s *server) updateTrip(c echo.Context) error {
	id, version, err := target(c, "trip")
	if err != nil {
		return err
	}
	var in TripPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	var t trip.Trip
	err = s.DB.WithTx(c.Request().Context(), func(ctx context.Context) error {
		var news []trip.News
		t, news, err = trip.Update(ctx, s.DB, id, version, trip.Patch{Title: in.Title, Kind: in.Kind, Country: in.Country,
			StartDate: in.StartDate, EndDate: in.EndDate, TimeZone: in.TimeZone, Status: in.Status, Cities: in.Cities, Regions: in.Regions,
			Organisers: in.OrganiserIDs, Capacity: in.Capacity, RegistrationDeadline: in.RegistrationDeadline, Description: in.Description.in()})
		if err != nil {
			return err
		}
		return s.tellRegistrations(ctx, news)
	})
	if err != nil {
		return err
	}
	return s.writeTrip(c, http.StatusOK, t)
}

// deleteTrip godoc
//
//	@Summary	Delete a trip with its agenda and registrations
//	@Tags		trips
//	@Security	bearer
//	@Param		id			path	string	true	"Trip id"	format(uuid)
//	@Param		If-Match	header	string	true	"ETag of the version deleted"
//	@Success	204
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Failure	409	{object}	Problem
//	@Failure	412	{object}	Problem
//	@Failure	428	{object}	Problem
//	@Router		/api/v1/trips/{id} [delete]
func (s *server) deleteTrip(c echo.Context) error {
	id, version, err := target(c, "trip")
	if err != nil {
		return err
	}
	if err := trip.Delete(c.Request().Context(), s.DB, id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// AgendaItem is one point of a trip's programme. starts_at and ends_at
// are UTC; the _local fields give the same instants in the trip's time
// zone with its offset, the _viewer fields in the zone asked for with
// ?time_zone=.
type AgendaItem struct {
	ID             string           `json:"id" format:"uuid"`
	StartsAt       time.Time        `json:"starts_at" format:"date-time" example:"2026-04-14T00:00:00Z"`
	EndsAt         time.Time        `json:"ends_at" format:"date-time"`
	StartsAtLocal  string           `json:"starts_at_local" example:"2026-04-14T09:00:00+09:00"`
	EndsAtLocal    string           `json:"ends_at_local"`
	StartsAtViewer *string          `json:"starts_at_viewer,omitempty" example:"2026-04-14T02:00:00+02:00"`
	EndsAtViewer   *string          `json:"ends_at_viewer,omitempty"`
	TimeZone       string           `json:"time_zone" example:"Asia/Tokyo"`
	Title          string           `json:"title" example:"Visit to Sample Pharma"`
	Kind           string           `json:"kind"`
	Location       string           `json:"location"`
	OrganisationID *string          `json:"organisation_id" format:"uuid" extensions:"x-nullable"`
	Organisation   *OrganisationRef `json:"organisation,omitempty"`
	Version        int              `json:"version"`
} // @name AgendaItem

func (s *server) agendaOut(ctx context.Context, t trip.Trip, viewer *time.Location, items []trip.AgendaItem) (func(trip.AgendaItem) AgendaItem, error) {
	var ids []string
	for _, it := range items {
		if it.OrganisationID != nil {
			ids = append(ids, *it.OrganisationID)
		}
	}
	names, err := organisation.Refs(ctx, s.DB, ids)
	if err != nil {
		return nil, err
	}
	loc := t.Location()
	return func(it trip.AgendaItem) AgendaItem {
		out := AgendaItem{ID: it.ID, StartsAt: it.StartsAt.UTC(), EndsAt: it.EndsAt.UTC(), StartsAtLocal: it.StartsAt.In(loc).Format(time.RFC3339),
			EndsAtLocal: it.EndsAt.In(loc).Format(time.RFC3339), TimeZone: t.TimeZone, Title: it.Title, Kind: it.Kind, Location: it.Location,
			OrganisationID: it.OrganisationID, Version: it.Version}
		if viewer != nil {
			sv, ev := it.StartsAt.In(viewer).Format(time.RFC3339), it.EndsAt.In(viewer).Format(time.RFC3339)
			out.StartsAtViewer, out.EndsAtViewer = &sv, &ev
		}
		if it.OrganisationID != nil {
			ref := orgRef(names, *it.OrganisationID)
			out.Organisation = &ref
		}
		return out
	}, nil
}

// AgendaItemCreate adds a point to the programme.
type AgendaItemCreate struct {
	StartsAt       time.Time `json:"starts_at" format:"date-time" example:"2026-04-14T09:00:00+09:00"`
	EndsAt         time.Time `json:"ends_at" format:"date-time" example:"2026-04-14T11:00:00+09:00"`
	Title          string    `json:"title" minLength:"1" maxLength:"300"`
	Kind           string    `json:"kind"`
	Location       string    `json:"location,omitempty" maxLength:"300"`
	OrganisationID *string   `json:"organisation_id,omitempty" format:"uuid"`
} // @name AgendaItemCreate

// AgendaItemPatch changes a point of the programme.
type AgendaItemPatch struct {
	StartsAt       opt.Field[time.Time] `json:"starts_at,omitempty" swaggertype:"string" format:"date-time"`
	EndsAt         opt.Field[time.Time] `json:"ends_at,omitempty" swaggertype:"string" format:"date-time"`
	Title          opt.Field[string]    `json:"title,omitempty" swaggertype:"string" minLength:"1" maxLength:"300"`
	Kind           opt.Field[string]    `json:"kind,omitempty" swaggertype:"string"`
	Location       opt.Field[string]    `json:"location,omitempty" swaggertype:"string" maxLength:"300"`
	OrganisationID opt.Field[string]    `json:"organisation_id,omitempty" swaggertype:"string" format:"uuid" extensions:"x-nullable"`
} // @name AgendaItemPatch

// zone reads an IANA time zone parameter.
func (q *query) zone(name string) *time.Location {
	v := q.str(name)
	if v == "" {
		return nil
	}
	l, err := time.LoadLocation(v)
	if err != nil || v == "Local" {
		q.bad.Add(name, "must be an IANA time zone such as Europe/Berlin")
		return nil
	}
	return l
}

// listAgenda godoc
//
//	@Summary	A trip's programme in time order
//	@Tags		trips
//	@Produce	json
//	@Security	bearer
//	@Param		id			path		string	true	"Trip id"	format(uuid)
//	@Param		time_zone	query		string	false	"Also give the times in this IANA zone (the viewer's)"	example(Europe/Berlin)
//	@Success	200			{object}	List[AgendaItem]
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Router		/api/v1/trips/{id}/agenda [get]
func (s *server) listAgenda(c echo.Context) error {
	id, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	q := newQuery(c, "time_zone")
	viewer := q.zone("time_zone")
	if err := q.err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	t, err := trip.Get(ctx, s.DB, id)
	if err != nil {
		return err
	}
	items, err := trip.Agenda(ctx, s.DB, id)
	if err != nil {
		return err
	}
	convert, err := s.agendaOut(ctx, t, viewer, items)
	if err != nil {
		return err
	}
	return writeList(c, newList(items, nil, convert))
}

func (s *server) writeAgendaItem(c echo.Context, status int, tripID string, it trip.AgendaItem) error {
	ctx := c.Request().Context()
	t, err := trip.Get(ctx, s.DB, tripID)
	if err != nil {
		return err
	}
	convert, err := s.agendaOut(ctx, t, nil, []trip.AgendaItem{it})
	if err != nil {
		return err
	}
	return writeOne(c, status, it.Version, convert(it))
}

// addAgendaItem godoc
//
//	@Summary		Add a point to a trip's programme
//	@Description	The item must fall within the trip's dates in the trip's time zone. Send instants with their offset (09:00 in Osaka is 2026-04-14T09:00:00+09:00).
//	@Tags			trips
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id		path		string				true	"Trip id"	format(uuid)
//	@Param			body	body		AgendaItemCreate	true	"The item"
//	@Success		201		{object}	AgendaItem
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Failure		422		{object}	Problem
//	@Router			/api/v1/trips/{id}/agenda [post]
func (s *server) addAgendaItem(c echo.Context) error {
	id, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	var in AgendaItemCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	it, err := trip.AddAgendaItem(c.Request().Context(), s.DB, id, trip.AgendaItem{StartsAt: in.StartsAt, EndsAt: in.EndsAt, Title: in.Title,
		Kind: in.Kind, Location: in.Location, OrganisationID: in.OrganisationID})
	if err != nil {
		return err
	}
	return s.writeAgendaItem(c, http.StatusCreated, id, it)
}

// updateAgendaItem godoc
//
//	@Summary	Change a point of a trip's programme
//	@Tags		trips
//	@Accept		json
//	@Produce	json
//	@Security	bearer
//	@Param		id			path		string			true	"Trip id"	format(uuid)
//	@Param		item		path		string			true	"Agenda item id"	format(uuid)
//	@Param		If-Match	header		string			true	"ETag of the version changed"
//	@Param		body		body		AgendaItemPatch	true	"Fields to change"
//	@Success	200			{object}	AgendaItem
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Router		/api/v1/trips/{id}/agenda/{item} [patch]
func (s *server) updateAgendaItem(c echo.Context) error {
	tripID, id, version, err := itemTarget(c, "trip", "item", "agenda item")
	if err != nil {
		return err
	}
	var in AgendaItemPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	it, err := trip.UpdateAgendaItem(c.Request().Context(), s.DB, tripID, id, version, trip.AgendaPatch{StartsAt: in.StartsAt, EndsAt: in.EndsAt,
		Title: in.Title, Kind: in.Kind, Location: in.Location, OrganisationID: in.OrganisationID})
	if err != nil {
		return err
	}
	return s.writeAgendaItem(c, http.StatusOK, tripID, it)
}

// deleteAgendaItem godoc
//
//	@Summary	Remove a point of a trip's programme
//	@Tags		trips
//	@Security	bearer
//	@Param		id			path	string	true	"Trip id"	format(uuid)
//	@Param		item		path	string	true	"Agenda item id"	format(uuid)
//	@Param		If-Match	header	string	true	"ETag of the version deleted"
//	@Success	204
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Failure	412	{object}	Problem
//	@Failure	428	{object}	Problem
//	@Router		/api/v1/trips/{id}/agenda/{item} [delete]
func (s *server) deleteAgendaItem(c echo.Context) error {
	tripID, id, version, err := itemTarget(c, "trip", "item", "agenda item")
	if err != nil {
		return err
	}
	if err := trip.DeleteAgendaItem(c.Request().Context(), s.DB, tripID, id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// Participant is one registration for a trip.
type Participant struct {
	ID          string `json:"id" format:"uuid"`
	PersonID    string `json:"person_id" format:"uuid"`
	DisplayName string `json:"display_name" example:"山田 太郎"`
	// The name in Latin script and in Japanese script (empty where none is
	// known), for pages that show the other form as secondary text.
	NameLatin      string          `json:"name_latin" example:"Taro Yamada"`
	NameLocal      string          `json:"name_local" example:"山田 太郎"`
	OrganisationID string          `json:"organisation_id" format:"uuid"`
	Organisation   OrganisationRef `json:"organisation"`
	Status         string          `json:"status" enums:"confirmed,waitlisted,cancelled"`
	// Position on the waitlist (1 is next); null unless waitlisted.
	Position     *int      `json:"position" extensions:"x-nullable"`
	RegisteredAt time.Time `json:"registered_at" format:"date-time"`
	Version      int       `json:"version"`
} // @name Participant

func (s *server) participantsOut(ctx context.Context, list []trip.Participant) (func(trip.Participant) Participant, error) {
	var orgIDs, personIDs []string
	for _, p := range list {
		orgIDs, personIDs = append(orgIDs, p.OrganisationID), append(personIDs, p.PersonID)
	}
	people, err := person.ByIDs(ctx, s.DB, personIDs)
	if err != nil {
		return nil, err
	}
	names, err := organisation.Refs(ctx, s.DB, orgIDs)
	if err != nil {
		return nil, err
	}
	locale := auth.From(ctx).Locale
	return func(p trip.Participant) Participant {
		who := people[p.PersonID]
		out := Participant{ID: p.ID, PersonID: p.PersonID, DisplayName: who.DisplayName(locale), NameLatin: who.LatinName(), NameLocal: who.LocalName(), OrganisationID: p.OrganisationID,
			Organisation: orgRef(names, p.OrganisationID), Status: p.Status, RegisteredAt: p.RegisteredAt, Version: p.Version}
		if p.Position > 0 {
			pos := p.Position
			out.Position = &pos
		}
		return out
	}, nil
}

// ParticipantCreate registers a person.
type ParticipantCreate struct {
	PersonID string `json:"person_id" format:"uuid"`
} // @name ParticipantCreate

// listParticipants godoc
//
//	@Summary	A trip's registrations in registration order, with waitlist positions
//	@Tags		trips
//	@Produce	json
//	@Security	bearer
//	@Param		id	path		string	true	"Trip id"	format(uuid)
//	@Success	200	{object}	List[Participant]
//	@Failure	401	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Router		/api/v1/trips/{id}/participants [get]
func (s *server) listParticipants(c echo.Context) error {
	id, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	if err := newQuery(c).err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	list, err := trip.Participants(ctx, s.DB, id)
	if err != nil {
		return err
	}
	convert, err := s.participantsOut(ctx, list)
	if err != nil {
		return err
	}
	return writeList(c, newList(list, nil, convert))
}

// register godoc
//
//	@Summary		Register a person for a trip
//	@Description	Open only while the trip's status is registration_open and before its deadline. Seats are confirmed up to the capacity, then people wait in registration order. Members register people of their own organisation. A person holds at most one active registration (409). The person and their organisation's users are notified (trip_registration), with the calendar event for a seat.
//	@Tags			trips
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id		path		string				true	"Trip id"	format(uuid)
//	@Param			body	body		ParticipantCreate	true	"Who"
//	@Success		201		{object}	Participant
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Failure		409		{object}	Problem
//	@Failure		422		{object}	Problem
//	@Router			/api/v1/trips/{id}/participants [post]
func (s *server) register(c echo.Context) error {
	id, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	var in ParticipantCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if _, err := pathIDValue(in.PersonID, "person_id"); err != nil {
		return err
	}
	ctx := c.Request().Context()
	var p trip.Participant
	err = s.DB.WithTx(ctx, func(ctx context.Context) error {
		if p, err = person.RegisterForTrip(ctx, s.DB, id, in.PersonID); err != nil {
			return err
		}
		return s.tellRegistrations(ctx, []trip.News{trip.Registered(p)})
	})
	if err != nil {
		return err
	}
	convert, err := s.participantsOut(ctx, []trip.Participant{p})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/trips/"+id+"/participants/"+p.ID)
	return writeOne(c, http.StatusCreated, p.Version, convert(p))
}

// cancelRegistration godoc
//
//	@Summary		Cancel a registration
//	@Description	A freed seat goes to the first person waiting, at once. Both are notified (trip_registration): the cancellation removes the calendar event, the promotion adds it.
//	@Tags			trips
//	@Security		bearer
//	@Param			id			path	string	true	"Trip id"	format(uuid)
//	@Param			participant	path	string	true	"Registration id"	format(uuid)
//	@Param			If-Match	header	string	true	"ETag of the registration"
//	@Success		204
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Failure		409	{object}	Problem
//	@Failure		412	{object}	Problem
//	@Failure		428	{object}	Problem
//	@Router			/api/v1/trips/{id}/participants/{participant} [delete]
func (s *server) cancelRegistration(c echo.Context) error {
	tripID, id, version, err := itemTarget(c, "trip", "participant", "registration")
	if err != nil {
		return err
	}
	err = s.DB.WithTx(c.Request().Context(), func(ctx context.Context) error {
		news, err := trip.Cancel(ctx, s.DB, tripID, id, version)
		if err != nil {
			return err
		}
		return s.tellRegistrations(ctx, news)
	})
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// pathIDValue checks an id given in a body.
func pathIDValue(v, field string) (string, error) {
	if len(v) != 36 {
		return "", apperr.Fields{{Field: field, Message: "must be an id"}}.Err()
	}
	return v, nil
}
