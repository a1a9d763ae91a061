package api

import (
	"context"
	"net/http"
	"time"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/project"
	"github.com/labstack/echo/v4"
)

// ProjectPartner is an organisation in a project.
type ProjectPartner struct {
	OrganisationID string          `json:"organisation_id" format:"uuid"`
	Organisation   OrganisationRef `json:"organisation"`
	Country        string          `json:"country" example:"JP"`
	Role           string          `json:"role"`
} // @name ProjectPartner

// PhaseChange is one step of a project's phase history.
type PhaseChange struct {
	Phase     string `json:"phase"`
	ChangedOn string `json:"changed_on" format:"date"`
} // @name PhaseChange

// Money is an amount in minor units of its currency (cents for EUR, yen for JPY).
type Money struct {
	Amount   int64  `json:"amount" format:"int64" example:"1250000"`
	Currency string `json:"currency" example:"EUR"`
} // @name Money

// FunderTotal sums one funder's fundings in one currency.
type FunderTotal struct {
	Funder   string `json:"funder" example:"bmbf"`
	Amount   int64  `json:"amount" format:"int64"`
	Currency string `json:"currency"`
} // @name FunderTotal

// FundingTotals never add different currencies together.
type FundingTotals struct {
	ByCurrency []Money       `json:"by_currency"`
	ByFunder   []FunderTotal `json:"by_funder"`
} // @name FundingTotals

// Project is a binational R&D joint project.
type Project struct {
	ID                string           `json:"id" format:"uuid"`
	Title             string           `json:"title"`
	Acronym           string           `json:"acronym"`
	Summary           Text             `json:"summary"`
	Phase             string           `json:"phase"`
	PhaseHistory      []PhaseChange    `json:"phase_history"`
	StartDate         *string          `json:"start_date" format:"date" extensions:"x-nullable"`
	EndDate           *string          `json:"end_date" format:"date" extensions:"x-nullable"`
	OriginTripID      *string          `json:"origin_trip_id" format:"uuid" extensions:"x-nullable"`
	OriginAgreementID *string          `json:"origin_agreement_id" format:"uuid" extensions:"x-nullable"`
	Partners          []ProjectPartner `json:"partners"`
	FocusAreas        []string         `json:"focus_areas"`
	Totals            FundingTotals    `json:"funding_totals"`
	Version           int              `json:"version"`
	CreatedAt         time.Time        `json:"created_at" format:"date-time"`
	UpdatedAt         time.Time        `json:"updated_at" format:"date-time"`

	// OriginInterestID is the expression of interest the project came
	// from directly. OriginInterest shows the interest it came from,
	// directly or through its origin agreement, and the opportunity.
	OriginInterestID *string         `json:"origin_interest_id" format:"uuid" extensions:"x-nullable"`
	OriginInterest   *InterestOrigin `json:"origin_interest" extensions:"x-nullable"`

	// OriginMeetingID is the B2B meeting the project came from.
	OriginMeetingID *string `json:"origin_meeting_id" format:"uuid" extensions:"x-nullable"`
} // @name Project

func (s *server) projectsOut(ctx context.Context, list []project.Project) (func(project.Project) Project, error) {
	var orgIDs, ids []string
	for _, p := range list {
		ids = append(ids, p.ID)
		for _, x := range p.Partners {
			orgIDs = append(orgIDs, x.OrganisationID)
		}
	}
	names, err := organisation.Refs(ctx, s.DB, orgIDs)
	if err != nil {
		return nil, err
	}
	countries, err := organisation.Countries(ctx, s.DB, orgIDs)
	if err != nil {
		return nil, err
	}
	fundings, err := project.Fundings(ctx, s.DB, ids...)
	if err != nil {
		return nil, err
	}
	originOf, err := s.projectOrigins(ctx, list)
	if err != nil {
		return nil, err
	}
	byProject := map[string][]project.Funding{}
	for _, f := range fundings {
		byProject[f.ProjectID] = append(byProject[f.ProjectID], f)
	}
	return func(p project.Project) Project {
		out := Project{ID: p.ID, Title: p.Title, Acronym: p.Acronym, Summary: textOut(p.Summary), Phase: p.Phase, PhaseHistory: []PhaseChange{},
			StartDate: p.StartDate, EndDate: p.EndDate, OriginTripID: p.OriginTripID, OriginAgreementID: p.OriginAgreementID,
			Partners: []ProjectPartner{}, FocusAreas: append([]string{}, p.FocusAreas...), Version: p.Version, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
		out.OriginInterestID = p.OriginInterestID
		if o, ok := originOf[p.ID]; ok {
			out.OriginInterest = &o
		}
		out.OriginMeetingID = p.OriginMeetingID
		for _, h := range p.History {
			out.PhaseHistory = append(out.PhaseHistory, PhaseChange{Phase: h.Phase, ChangedOn: h.ChangedOn})
		}
		for _, x := range p.Partners {
			out.Partners = append(out.Partners, ProjectPartner{OrganisationID: x.OrganisationID, Organisation: orgRef(names, x.OrganisationID),
				Country: countries[x.OrganisationID], Role: x.Role})
		}
		byCur, byFun := project.Totals(byProject[p.ID])
		out.Totals = FundingTotals{ByCurrency: []Money{}, ByFunder: []FunderTotal{}}
		for _, t := range byCur {
			out.Totals.ByCurrency = append(out.Totals.ByCurrency, Money{Amount: t.Amount, Currency: t.Currency})
		}
		for _, t := range byFun {
			out.Totals.ByFunder = append(out.Totals.ByFunder, FunderTotal{Funder: t.Funder, Amount: t.Amount, Currency: t.Currency})
		}
		return out
	}, nil
}

func (s *server) writeProject(c echo.Context, status int, p project.Project) error {
	convert, err := s.projectsOut(c.Request().Context(), []project.Project{p})
	if err != nil {
		return err
	}
	return writeOne(c, status, p.Version, convert(p))
}

// PartnerInput names an organisation and its role.
type PartnerInput struct {
	OrganisationID string `json:"organisation_id" format:"uuid"`
	Role           string `json:"role"`
} // @name PartnerInput

func partnersIn(in []PartnerInput) []project.Partner {
	out := make([]project.Partner, len(in))
	for i, x := range in {
		out[i] = project.Partner{OrganisationID: x.OrganisationID, Role: x.Role}
	}
	return out
}

// ProjectCreate adds a project.
type ProjectCreate struct {
	Title             string         `json:"title" minLength:"1" maxLength:"300"`
	Acronym           string         `json:"acronym,omitempty" maxLength:"30"`
	Summary           Text           `json:"summary,omitempty"`
	Phase             *string        `json:"phase,omitempty"`
	StartDate         *string        `json:"start_date,omitempty" format:"date"`
	EndDate           *string        `json:"end_date,omitempty" format:"date"`
	OriginTripID      *string        `json:"origin_trip_id,omitempty" format:"uuid"`
	OriginAgreementID *string        `json:"origin_agreement_id,omitempty" format:"uuid"`
	Partners          []PartnerInput `json:"partners"`
	FocusAreas        []string       `json:"focus_areas,omitempty"`
	// OriginInterestID names the expression of interest the project came
	// from directly (not with a trip or agreement origin; a project from
	// an agreement that came from an interest names the agreement).
	OriginInterestID *string `json:"origin_interest_id,omitempty" format:"uuid"`

	OriginMeetingID *string `json:"origin_meeting_id,omitempty" format:"uuid"`
} // @name ProjectCreate

// ProjectPatch changes a project (JSON merge patch); partners replaces the list.
type ProjectPatch struct {
	Title             opt.Field[string]         `json:"title,omitempty" swaggertype:"string" minLength:"1" maxLength:"300"`
	Acronym           opt.Field[string]         `json:"acronym,omitempty" swaggertype:"string" maxLength:"30"`
	Summary           TextPatch                 `json:"summary,omitempty"`
	Phase             opt.Field[string]         `json:"phase,omitempty" swaggertype:"string"`
	StartDate         opt.Field[string]         `json:"start_date,omitempty" swaggertype:"string" format:"date" extensions:"x-nullable"`
	EndDate           opt.Field[string]         `json:"end_date,omitempty" swaggertype:"string" format:"date" extensions:"x-nullable"`
	OriginTripID      opt.Field[string]         `json:"origin_trip_id,omitempty" swaggertype:"string" format:"uuid" extensions:"x-nullable"`
	OriginAgreementID opt.Field[string]         `json:"origin_agreement_id,omitempty" swaggertype:"string" format:"uuid" extensions:"x-nullable"`
	Partners          opt.Field[[]PartnerInput] `json:"partners,omitempty" swaggertype:"array,object"`
	FocusAreas        opt.Field[[]string]       `json:"focus_areas,omitempty" swaggertype:"array,string"`
	// OriginInterestID names the expression of interest the project came from; null clears it.
	OriginInterestID opt.Field[string] `json:"origin_interest_id,omitempty" swaggertype:"string" format:"uuid" extensions:"x-nullable"`

	OriginMeetingID opt.Field[string] `json:"origin_meeting_id,omitempty" swaggertype:"string" format:"uuid" extensions:"x-nullable"`
} // @name ProjectPatch

// listProjects godoc
//
//	@Summary	List joint projects
//	@Tags		projects
//	@Produce	json
//	@Security	bearer
//	@Param		phase			query		string		false	"Phase"
//	@Param		focus_area		query		[]string	false	"Focus area; repeat for any of several"	collectionFormat(multi)
//	@Param		partner			query		string		false	"Organisation taking part"	format(uuid)
//	@Param		country			query		string		false	"A partner's country"
//	@Param		funder			query		string		false	"Funder code"	example(bmbf)
//	@Param		origin_trip		query		string		false	"Trip the project grew from"	format(uuid)
//	@Param		active_on		query		string		false	"Running on this date"	format(date)
//	@Param		q				query		string		false	"Search in titles, acronyms and summaries"
//	@Param		limit			query		int			false	"Page size, 1–200"	default(50)
//	@Param		cursor			query		string		false	"next_cursor of the previous page"
//	@Param		sort			query		string		false	"start_date, title or updated_at; prefix - for descending"	default(start_date)
//	@Success	200				{object}	List[Project]
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Router		/api/v1/projects [get]
func (s *server) listProjects(c echo.Context) error {
	q := newQuery(c, "phase", "focus_area", "partner", "country", "funder", "origin_trip", "active_on", "q")
	f := project.Filter{Phase: q.oneOf("phase", project.Phases...), FocusAreas: q.c.QueryParams()["focus_area"], Partner: q.id("partner"),
		Country: q.country("country"), Funder: q.str("funder"), OriginTrip: q.id("origin_trip"), ActiveOn: q.date("active_on"), Q: q.str("q")}
	return s.writeProjects(c, q, f)
}

func (s *server) writeProjects(c echo.Context, q *query, f project.Filter) error {
	p := q.page(project.Sort)
	if err := q.err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	rows, next, err := project.List(ctx, s.DB, f, p)
	if err != nil {
		return err
	}
	convert, err := s.projectsOut(ctx, rows)
	if err != nil {
		return err
	}
	return writeList(c, newList(rows, next, convert))
}

// listOrganisationProjects godoc
//
//	@Summary	Projects an organisation takes part in
//	@Tags		organisations
//	@Produce	json
//	@Security	bearer
//	@Param		id		path		string	true	"Organisation id"	format(uuid)
//	@Param		limit	query		int		false	"Page size, 1–200"	default(50)
//	@Param		cursor	query		string	false	"next_cursor of the previous page"
//	@Param		sort	query		string	false	"Field to sort by; prefix - for descending"
//	@Success	200		{object}	List[Project]
//	@Failure	401	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Router		/api/v1/organisations/{id}/projects [get]
func (s *server) listOrganisationProjects(c echo.Context) error {
	id, err := pathID(c, "id", "organisation")
	if err != nil {
		return err
	}
	if _, err := organisation.Get(c.Request().Context(), s.DB, id); err != nil {
		return err
	}
	return s.writeProjects(c, newQuery(c), project.Filter{Partner: id})
}

// listTripProjects godoc
//
//	@Summary	Projects that grew from a trip
//	@Tags		trips
//	@Produce	json
//	@Security	bearer
//	@Param		id		path		string	true	"Trip id"	format(uuid)
//	@Param		limit	query		int		false	"Page size, 1–200"	default(50)
//	@Param		cursor	query		string	false	"next_cursor of the previous page"
//	@Param		sort	query		string	false	"Field to sort by; prefix - for descending"
//	@Success	200		{object}	List[Project]
//	@Failure	401	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Router		/api/v1/trips/{id}/projects [get]
func (s *server) listTripProjects(c echo.Context) error {
	id, err := pathID(c, "id", "trip")
	if err != nil {
		return err
	}
	return s.writeProjects(c, newQuery(c), project.Filter{OriginTrip: id})
}

// createProject godoc
//
//	@Summary		Add a project
//	@Description	Exactly one coordinator; from phase application on at least one partner in Germany and one in Japan. Members may add projects their own organisation coordinates.
//	@Tags			projects
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			body	body		ProjectCreate	true	"The project"
//	@Success		201		{object}	Project
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		422		{object}	Problem
//	@Router			/api/v1/projects [post]
func (s *server) createProject(c echo.Context) error {
	var in ProjectCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	phase, err := orDefault("phase", in.Phase) // idea
	if err != nil {
		return err
	}
	p, err := project.Create(c.Request().Context(), s.DB, project.Project{Title: in.Title, Acronym: in.Acronym, Summary: textIn(in.Summary), Phase: phase,
		StartDate: in.StartDate, EndDate: in.EndDate, OriginTripID: in.OriginTripID, OriginAgreementID: in.OriginAgreementID,
		Partners: partnersIn(in.Partners), FocusAreas: in.FocusAreas, OriginInterestID: in.OriginInterestID,
		OriginMeetingID: in.OriginMeetingID})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/projects/"+p.ID)
	return s.writeProject(c, http.StatusCreated, p)
}

// getProject godoc
//
//	@Summary	Get a project with partners, phase history and funding totals
//	@Tags		projects
//	@Produce	json
//	@Security	bearer
//	@Param		id	path		string	true	"Project id"	format(uuid)
//	@Success	200	{object}	Project
//	@Failure	401	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Router		/api/v1/projects/{id} [get]
func (s *server) getProject(c echo.Context) error {
	id, err := pathID(c, "id", "project")
	if err != nil {
		return err
	}
	p, err := project.Get(c.Request().Context(), s.DB, id)
	if err != nil {
		return err
	}
	return s.writeProject(c, http.StatusOK, p)
}

// updateProject godoc
//
//	@Summary		Change a project
//	@Description	Phases move forward only (skipping allowed), or to discontinued before completed; each change is recorded in phase_history.
//	@Tags			projects
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string			true	"Project id"	format(uuid)
//	@Param			If-Match	header		string			true	"ETag of the version changed"
//	@Param			body		body		ProjectPatch	true	"Fields to change"
//	@Success		200			{object}	Project
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/projects/{id} [patch]
func (s *server) updateProject(c echo.Context) error {
	id, version, err := target(c, "project")
	if err != nil {
		return err
	}
	var in ProjectPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	patch := project.Patch{Title: in.Title, Acronym: in.Acronym, Summary: in.Summary.in(), Phase: in.Phase, StartDate: in.StartDate, EndDate: in.EndDate,
		OriginTripID: in.OriginTripID, OriginAgreementID: in.OriginAgreementID, FocusAreas: in.FocusAreas, OriginInterestID: in.OriginInterestID,
		OriginMeetingID: in.OriginMeetingID}
	if in.Partners.Set {
		patch.Partners = opt.Of(partnersIn(in.Partners.Value))
	}
	p, err := project.Update(c.Request().Context(), s.DB, id, version, patch)
	if err != nil {
		return err
	}
	return s.writeProject(c, http.StatusOK, p)
}

// deleteProject godoc
//
//	@Summary	Delete a project
//	@Tags		projects
//	@Security	bearer
//	@Param		id			path	string	true	"Project id"	format(uuid)
//	@Param		If-Match	header	string	true	"ETag of the version deleted"
//	@Success	204
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Failure	412	{object}	Problem
//	@Failure	428	{object}	Problem
//	@Router		/api/v1/projects/{id} [delete]
func (s *server) deleteProject(c echo.Context) error {
	id, version, err := target(c, "project")
	if err != nil {
		return err
	}
	if err := project.Delete(c.Request().Context(), s.DB, id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// addPartner godoc
//
//	@Summary	Add a partner to a project
//	@Tags		projects
//	@Accept		json
//	@Produce	json
//	@Security	bearer
//	@Param		id			path		string			true	"Project id"	format(uuid)
//	@Param		If-Match	header		string			true	"ETag of the project"
//	@Param		body		body		PartnerInput	true	"The partner"
//	@Success	201			{object}	Project
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Router		/api/v1/projects/{id}/partners [post]
func (s *server) addPartner(c echo.Context) error {
	id, version, err := target(c, "project")
	if err != nil {
		return err
	}
	var in PartnerInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	p, err := project.AddPartner(c.Request().Context(), s.DB, id, version, project.Partner{OrganisationID: in.OrganisationID, Role: in.Role})
	if err != nil {
		return err
	}
	return s.writeProject(c, http.StatusCreated, p)
}

// removePartner godoc
//
//	@Summary	Remove a partner from a project
//	@Tags		projects
//	@Produce	json
//	@Security	bearer
//	@Param		id				path		string	true	"Project id"	format(uuid)
//	@Param		organisation	path		string	true	"Organisation id"	format(uuid)
//	@Param		If-Match		header		string	true	"ETag of the project"
//	@Success	200				{object}	Project
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	412				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Failure	428				{object}	Problem
//	@Router		/api/v1/projects/{id}/partners/{organisation} [delete]
func (s *server) removePartner(c echo.Context) error {
	id, org, version, err := itemTarget(c, "project", "organisation", "organisation")
	if err != nil {
		return err
	}
	p, err := project.RemovePartner(c.Request().Context(), s.DB, id, version, org)
	if err != nil {
		return err
	}
	return s.writeProject(c, http.StatusOK, p)
}

// Funding is money for a project from one funder to one partner.
type Funding struct {
	ID              string  `json:"id" format:"uuid"`
	Funder          string  `json:"funder" example:"bmbf"`
	Programme       string  `json:"programme" example:"Internationalisierung von Spitzenclustern"`
	Reference       string  `json:"reference" example:"031B0123A"`
	ReferenceStem   string  `json:"reference_stem" example:"031B0123"`
	RecipientID     string  `json:"recipient_id" format:"uuid"`
	ExecutingBodyID *string `json:"executing_body_id" format:"uuid" extensions:"x-nullable"`
	Amount          int64   `json:"amount" format:"int64" example:"1250000"`
	Currency        string  `json:"currency" example:"EUR"`
	From            *string `json:"from" format:"date" extensions:"x-nullable"`
	Until           *string `json:"until" format:"date" extensions:"x-nullable"`
	Version         int     `json:"version"`
} // @name Funding

func fundingOut(f project.Funding) Funding {
	return Funding{ID: f.ID, Funder: f.Funder, Programme: f.Programme, Reference: f.Reference, ReferenceStem: project.ReferenceStem(f.Reference),
		RecipientID: f.RecipientID, ExecutingBodyID: f.ExecutingBodyID, Amount: f.Amount, Currency: f.Currency, From: f.FromDate, Until: f.UntilDate, Version: f.Version}
}

// FundingCreate adds a funding.
type FundingCreate struct {
	Funder          string  `json:"funder" example:"amed"`
	Programme       string  `json:"programme,omitempty" maxLength:"300"`
	Reference       string  `json:"reference,omitempty" maxLength:"100"`
	RecipientID     string  `json:"recipient_id" format:"uuid"`
	ExecutingBodyID *string `json:"executing_body_id,omitempty" format:"uuid"`
	Amount          *int64  `json:"amount" format:"int64" example:"30000000" minimum:"0" maximum:"1000000000000000"`
	Currency        string  `json:"currency" example:"JPY" pattern:"^[A-Za-z]{3}$"`
	From            *string `json:"from,omitempty" format:"date"`
	Until           *string `json:"until,omitempty" format:"date"`
} // @name FundingCreate

// FundingPatch changes a funding.
type FundingPatch struct {
	Funder          opt.Field[string] `json:"funder,omitempty" swaggertype:"string" minLength:"1"`
	Programme       opt.Field[string] `json:"programme,omitempty" swaggertype:"string" maxLength:"300"`
	Reference       opt.Field[string] `json:"reference,omitempty" swaggertype:"string" maxLength:"100"`
	RecipientID     opt.Field[string] `json:"recipient_id,omitempty" swaggertype:"string" format:"uuid"`
	ExecutingBodyID opt.Field[string] `json:"executing_body_id,omitempty" swaggertype:"string" format:"uuid" extensions:"x-nullable"`
	Amount          opt.Field[int64]  `json:"amount,omitempty" swaggertype:"integer" format:"int64" minimum:"0" maximum:"1000000000000000"`
	Currency        opt.Field[string] `json:"currency,omitempty" swaggertype:"string" pattern:"^[A-Za-z]{3}$"`
	From            opt.Field[string] `json:"from,omitempty" swaggertype:"string" format:"date" extensions:"x-nullable"`
	Until           opt.Field[string] `json:"until,omitempty" swaggertype:"string" format:"date" extensions:"x-nullable"`
} // @name FundingPatch

// listFundings godoc
//
//	@Summary	A project's fundings
//	@Tags		projects
//	@Produce	json
//	@Security	bearer
//	@Param		id	path		string	true	"Project id"	format(uuid)
//	@Success	200	{object}	List[Funding]
//	@Failure	401	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Router		/api/v1/projects/{id}/fundings [get]
func (s *server) listFundings(c echo.Context) error {
	id, err := pathID(c, "id", "project")
	if err != nil {
		return err
	}
	if _, err := project.Get(c.Request().Context(), s.DB, id); err != nil {
		return err
	}
	list, err := project.Fundings(c.Request().Context(), s.DB, id)
	if err != nil {
		return err
	}
	return writeList(c, newList(list, nil, fundingOut))
}

// addFunding godoc
//
//	@Summary		Add a funding
//	@Description	amount is in minor units of currency (cents for EUR, yen for JPY). A BMBF reference must have the shape of a Förderkennzeichen (031B0123A); sub-projects share the stem.
//	@Tags			projects
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id		path		string			true	"Project id"	format(uuid)
//	@Param			body	body		FundingCreate	true	"The funding"
//	@Success		201		{object}	Funding
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Failure		422		{object}	Problem
//	@Router			/api/v1/projects/{id}/fundings [post]
func (s *server) addFunding(c echo.Context) error {
	id, err := pathID(c, "id", "project")
	if err != nil {
		return err
	}
	var in FundingCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	// 0 is an amount (a funding yet to be quantified), so absent or null
	// must not quietly become it.
	if in.Amount == nil {
		return apperr.Fields{{Field: "amount", Message: "is required, in minor units of currency"}}.Err()
	}
	f, err := project.AddFunding(c.Request().Context(), s.DB, id, project.Funding{Funder: in.Funder, Programme: in.Programme, Reference: in.Reference,
		RecipientID: in.RecipientID, ExecutingBodyID: in.ExecutingBodyID, Amount: *in.Amount, Currency: in.Currency, FromDate: in.From, UntilDate: in.Until})
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusCreated, f.Version, fundingOut(f))
}

// updateFunding godoc
//
//	@Summary	Change a funding
//	@Tags		projects
//	@Accept		json
//	@Produce	json
//	@Security	bearer
//	@Param		id			path		string			true	"Project id"	format(uuid)
//	@Param		funding		path		string			true	"Funding id"	format(uuid)
//	@Param		If-Match	header		string			true	"ETag of the funding"
//	@Param		body		body		FundingPatch	true	"Fields to change"
//	@Success	200			{object}	Funding
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Router		/api/v1/projects/{id}/fundings/{funding} [patch]
func (s *server) updateFunding(c echo.Context) error {
	pid, id, version, err := itemTarget(c, "project", "funding", "funding")
	if err != nil {
		return err
	}
	var in FundingPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	f, err := project.UpdateFunding(c.Request().Context(), s.DB, pid, id, version, project.FundingPatch{Funder: in.Funder, Programme: in.Programme,
		Reference: in.Reference, RecipientID: in.RecipientID, Currency: in.Currency, ExecutingBodyID: in.ExecutingBodyID, FromDate: in.From, UntilDate: in.Until, Amount: in.Amount})
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, f.Version, fundingOut(f))
}

// deleteFunding godoc
//
//	@Summary	Remove a funding
//	@Tags		projects
//	@Security	bearer
//	@Param		id			path	string	true	"Project id"	format(uuid)
//	@Param		funding		path	string	true	"Funding id"	format(uuid)
//	@Param		If-Match	header	string	true	"ETag of the funding"
//	@Success	204
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Failure	412	{object}	Problem
//	@Failure	428	{object}	Problem
//	@Router		/api/v1/projects/{id}/fundings/{funding} [delete]
func (s *server) deleteFunding(c echo.Context) error {
	pid, id, version, err := itemTarget(c, "project", "funding", "funding")
	if err != nil {
		return err
	}
	if err := project.DeleteFunding(c.Request().Context(), s.DB, pid, id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// Milestone is a due date of a project.
type Milestone struct {
	ID      string  `json:"id" format:"uuid"`
	Title   string  `json:"title"`
	DueOn   string  `json:"due_on" format:"date"`
	DoneOn  *string `json:"done_on" format:"date" extensions:"x-nullable"`
	Overdue bool    `json:"overdue"`
	Version int     `json:"version"`
} // @name Milestone

func milestoneOut(today string) func(project.Milestone) Milestone {
	return func(m project.Milestone) Milestone {
		return Milestone{ID: m.ID, Title: m.Title, DueOn: m.DueOn, DoneOn: m.DoneOn, Overdue: m.Overdue(today), Version: m.Version}
	}
}

// MilestoneCreate adds a milestone.
type MilestoneCreate struct {
	Title  string  `json:"title" minLength:"1" maxLength:"300"`
	DueOn  string  `json:"due_on" format:"date"`
	DoneOn *string `json:"done_on,omitempty" format:"date"`
} // @name MilestoneCreate

// MilestonePatch changes a milestone.
type MilestonePatch struct {
	Title  opt.Field[string] `json:"title,omitempty" swaggertype:"string" minLength:"1" maxLength:"300"`
	DueOn  opt.Field[string] `json:"due_on,omitempty" swaggertype:"string" format:"date"`
	DoneOn opt.Field[string] `json:"done_on,omitempty" swaggertype:"string" format:"date" extensions:"x-nullable"`
} // @name MilestonePatch

// listMilestones godoc
//
//	@Summary		A project's milestones by due date
//	@Description	overdue is true for milestones due before today (Europe/Berlin) and not done.
//	@Tags			projects
//	@Produce		json
//	@Security		bearer
//	@Param			id	path		string	true	"Project id"	format(uuid)
//	@Success		200	{object}	List[Milestone]
//	@Failure		401	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/projects/{id}/milestones [get]
func (s *server) listMilestones(c echo.Context) error {
	id, err := pathID(c, "id", "project")
	if err != nil {
		return err
	}
	if _, err := project.Get(c.Request().Context(), s.DB, id); err != nil {
		return err
	}
	list, err := project.Milestones(c.Request().Context(), s.DB, id)
	if err != nil {
		return err
	}
	return writeList(c, newList(list, nil, milestoneOut(agreement.Today(time.Now()))))
}

// addMilestone godoc
//
//	@Summary	Add a milestone
//	@Tags		projects
//	@Accept		json
//	@Produce	json
//	@Security	bearer
//	@Param		id		path		string			true	"Project id"	format(uuid)
//	@Param		body	body		MilestoneCreate	true	"The milestone"
//	@Success	201		{object}	Milestone
//	@Failure	400		{object}	Problem
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Router		/api/v1/projects/{id}/milestones [post]
func (s *server) addMilestone(c echo.Context) error {
	id, err := pathID(c, "id", "project")
	if err != nil {
		return err
	}
	var in MilestoneCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	m, err := project.AddMilestone(c.Request().Context(), s.DB, id, project.Milestone{Title: in.Title, DueOn: in.DueOn, DoneOn: in.DoneOn})
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusCreated, m.Version, milestoneOut(agreement.Today(time.Now()))(m))
}

// updateMilestone godoc
//
//	@Summary	Change a milestone (e.g. mark it done)
//	@Tags		projects
//	@Accept		json
//	@Produce	json
//	@Security	bearer
//	@Param		id			path		string			true	"Project id"	format(uuid)
//	@Param		milestone	path		string			true	"Milestone id"	format(uuid)
//	@Param		If-Match	header		string			true	"ETag of the milestone"
//	@Param		body		body		MilestonePatch	true	"Fields to change"
//	@Success	200			{object}	Milestone
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Router		/api/v1/projects/{id}/milestones/{milestone} [patch]
func (s *server) updateMilestone(c echo.Context) error {
	pid, id, version, err := itemTarget(c, "project", "milestone", "milestone")
	if err != nil {
		return err
	}
	var in MilestonePatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	m, err := project.UpdateMilestone(c.Request().Context(), s.DB, pid, id, version, project.MilestonePatch{Title: in.Title, DueOn: in.DueOn, DoneOn: in.DoneOn})
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, m.Version, milestoneOut(agreement.Today(time.Now()))(m))
}

// deleteMilestone godoc
//
//	@Summary	Remove a milestone
//	@Tags		projects
//	@Security	bearer
//	@Param		id			path	string	true	"Project id"	format(uuid)
//	@Param		milestone	path	string	true	"Milestone id"	format(uuid)
//	@Param		If-Match	header	string	true	"ETag of the milestone"
//	@Success	204
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Failure	412	{object}	Problem
//	@Failure	428	{object}	Problem
//	@Router		/api/v1/projects/{id}/milestones/{milestone} [delete]
func (s *server) deleteMilestone(c echo.Context) error {
	pid, id, version, err := itemTarget(c, "project", "milestone", "milestone")
	if err != nil {
		return err
	}
	if err := project.DeleteMilestone(c.Request().Context(), s.DB, pid, id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// projectOrigins returns, by project id, the interest each project came
// from: its own origin_interest_id, or its origin agreement's.
func (s *server) projectOrigins(ctx context.Context, list []project.Project) (map[string]InterestOrigin, error) {
	var agreementIDs []string
	for _, p := range list {
		if p.OriginAgreementID != nil {
			agreementIDs = append(agreementIDs, *p.OriginAgreementID)
		}
	}
	refs, err := agreement.Refs(ctx, s.DB, agreementIDs, nil)
	if err != nil {
		return nil, err
	}
	viaAgreement := map[string]string{}
	for _, a := range refs {
		if a.OriginInterestID != nil {
			viaAgreement[a.ID] = *a.OriginInterestID
		}
	}
	interestOf := map[string]string{}
	var interestIDs []string
	for _, p := range list {
		switch {
		case p.OriginInterestID != nil:
			interestOf[p.ID] = *p.OriginInterestID
		case p.OriginAgreementID != nil && viaAgreement[*p.OriginAgreementID] != "":
			interestOf[p.ID] = viaAgreement[*p.OriginAgreementID]
		default:
			continue
		}
		interestIDs = append(interestIDs, interestOf[p.ID])
	}
	origins, err := s.interestOrigins(ctx, interestIDs)
	if err != nil {
		return nil, err
	}
	out := map[string]InterestOrigin{}
	for _, p := range list {
		o, ok := origins[interestOf[p.ID]]
		if !ok {
			continue
		}
		if p.OriginInterestID == nil {
			o.ViaAgreementID = p.OriginAgreementID
		}
		out[p.ID] = o
	}
	return out, nil
}
