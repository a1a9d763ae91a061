package api

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/innomunich/platform/pkg/apikey"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/trip"
	"github.com/labstack/echo/v4"
)

// Calendar feeds: a trip with its agenda, and the upcoming trips, as
// iCalendar (RFC 5545) for calendar clients to subscribe to. Those clients
// cannot send an Authorization header, so a feed also takes an API key as
// ?key=imk_…; keyFromQuery turns it into the bearer credential that
// authenticate checks.

const mimeCalendar = "text/calendar; charset=utf-8"

// keyFromQuery returns "Bearer <key>" for a GET or HEAD of a calendar feed
// (a path ending in .ics) with an API key in the key query parameter, and
// "" otherwise. Only API keys ride in URLs, and only to the feeds: access
// tokens are short-lived and stay in headers. authenticate uses it when a
// request has no Authorization header.
func keyFromQuery(c echo.Context) string {
	r := c.Request()
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return ""
	}
	if !strings.HasPrefix(r.URL.Path, "/api/") || !strings.HasSuffix(r.URL.Path, ".ics") {
		return ""
	}
	if k := c.QueryParam("key"); strings.HasPrefix(k, apikey.Prefix) {
		return "Bearer " + k
	}
	return ""
}

// calendarQuery accepts key as the only query parameter of a feed.
func calendarQuery(c echo.Context) error {
	q := newQuery(c, "key")
	for _, name := range listParams { // newQuery lets these through for lists
		if c.QueryParams().Has(name) {
			q.bad.Add(name, "is not a parameter of this endpoint")
		}
	}
	return q.err()
}

// writeCalendar renders the whole calendar first, so a failure is still a
// problem response rather than half a file.
func writeCalendar(c echo.Context, filename string, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, `inline; filename="`+filename+`"`)
	return c.Blob(http.StatusOK, mimeCalendar, buf.Bytes())
}

// tripCalendar godoc
//
//	@Summary		A trip and its agenda as a calendar
//	@Description	iCalendar (RFC 5545) to subscribe to: the trip as an all-day event from start_date to end_date (DTEND is the day after, as iCalendar ends are exclusive) and one event per agenda item with its start and end as UTC instants, which calendar clients show in the reader's time zone. UIDs stay the same across changes; a cancelled trip's events have STATUS:CANCELLED. Calendar clients that cannot send an Authorization header pass an API key (imk_…, with the read scope) as the key query parameter instead.
//	@Tags			trips
//	@Produce		text/calendar
//	@Security		bearer
//	@Param			id	path		string	true	"Trip id"	format(uuid)
//	@Param			key	query		string	false	"API key (imk_…) for clients that cannot send Authorization: Bearer; only on calendar feeds"
//	@Success		200	{string}	string	"text/calendar; charset=utf-8 (RFC 5545)"
//	@Failure		400	{object}	Problem
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/trips/{id}/calendar.ics [get]
func (s *server) tripCalendar(c echo.Context) error {
	id, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	if err := calendarQuery(c); err != nil {
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
	return writeCalendar(c, "trip-"+id+".ics", func(w io.Writer) error {
		return trip.WriteTripCalendar(w, t, items, database.Now())
	})
}

// upcomingCalendar godoc
//
//	@Summary		Upcoming trips as a calendar
//	@Description	iCalendar (RFC 5545) to subscribe to: every trip that is not cancelled and has not ended (a trip stays until its last day has ended in every time zone), soonest first, at most 500, each as an all-day event from start_date to end_date (DTEND is the day after, as iCalendar ends are exclusive). Calendar clients that cannot send an Authorization header pass an API key (imk_…, with the read scope) as the key query parameter instead.
//	@Tags			trips
//	@Produce		text/calendar
//	@Security		bearer
//	@Param			key	query		string	false	"API key (imk_…) for clients that cannot send Authorization: Bearer; only on calendar feeds"
//	@Success		200	{string}	string	"text/calendar; charset=utf-8 (RFC 5545)"
//	@Failure		400	{object}	Problem
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Router			/api/v1/trips/calendar.ics [get]
func (s *server) upcomingCalendar(c echo.Context) error {
	if err := calendarQuery(c); err != nil {
		return err
	}
	now := database.Now()
	// The date in the last time zone on earth (UTC−12): a trip is listed
	// until its end date has passed everywhere, whatever its own zone.
	today := now.Add(-12 * time.Hour).Format(time.DateOnly)
	trips, err := trip.Upcoming(c.Request().Context(), s.DB, today, trip.UpcomingLimit)
	if err != nil {
		return err
	}
	return writeCalendar(c, "innomunich-trips.ics", func(w io.Writer) error {
		return trip.WriteUpcomingCalendar(w, trips, now)
	})
}
