package api

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/project"
	"github.com/labstack/echo/v4"
)

// OpportunityOrganisation names the organisation of an opportunity and
// its country.
type OpportunityOrganisation struct {
	ID        string `json:"id" format:"uuid"`
	Name      string `json:"name"`
	NameLocal string `json:"name_local"`
	Country   string `json:"country" example:"DE"`
} // @name OpportunityOrganisation

// Opportunity is what an organisation offers or seeks.
type Opportunity struct {
	ID             string                  `json:"id" format:"uuid"`
	OrganisationID string                  `json:"organisation_id" format:"uuid"`
	Organisation   OpportunityOrganisation `json:"organisation"`
	Kind           string                  `json:"kind" enums:"technology_offer,technology_request,business_offer,business_request,research_cooperation"`
	Title          Text                    `json:"title"`
	Summary        Text                    `json:"summary"`
	// Details are for signed-in users of the network only: null for API
	// keys without the read:opportunity_details scope, and in matches.
	Details *Text `json:"details" extensions:"x-nullable"`
	// MissingLanguages are the languages (de, en, ja) in which the title or the summary is missing.
	MissingLanguages []string `json:"missing_languages" example:"ja"`
	FocusAreas       []string `json:"focus_areas" example:"cell_gene_therapy"`
	Modalities       []string `json:"modalities" example:"cell_therapy"`
	Stage            string   `json:"stage" enums:"discovery,preclinical,clinical_phase_1,clinical_phase_2,clinical_phase_3,approved,not_applicable"`
	CooperationTypes []string `json:"cooperation_types" example:"licensing"`
	// TargetCountries are the countries the opportunity addresses; empty is any.
	TargetCountries []string `json:"target_countries" example:"JP"`
	IPStatus        string   `json:"ip_status" enums:"granted,pending,none,not_applicable"`
	// ContactPersonID is a person of the organisation; null in matches.
	ContactPersonID *string `json:"contact_person_id" format:"uuid" extensions:"x-nullable"`
	ValidUntil      string  `json:"valid_until" format:"date"`
	// Expired is true once valid_until lies before today (Europe/Berlin).
	Expired      bool       `json:"expired"`
	Status       string     `json:"status" enums:"draft,published,closed"`
	ClosedReason *string    `json:"closed_reason" extensions:"x-nullable" enums:"partner_found,withdrawn,expired,other"`
	PublishedAt  *time.Time `json:"published_at" format:"date-time" extensions:"x-nullable"`
	Version      int        `json:"version" example:"1"`
	CreatedAt    time.Time  `json:"created_at" format:"date-time"`
	UpdatedAt    time.Time  `json:"updated_at" format:"date-time"`

	// ContactPerson is the contact person (single-opportunity responses
	// only; null in lists): the name for every reader, e-mail and phone
	// only for coordinators, admins, the own organisation and an
	// organisation whose interest the owner accepted.
	ContactPerson *InterestContact `json:"contact_person" extensions:"x-nullable"`
	// LedTo is what the opportunity led to (single-opportunity responses
	// only; null in lists): the expressions of interest the caller may
	// read, each with the agreements and projects it led to.
	LedTo []OpportunityOutcome `json:"led_to" extensions:"x-nullable"`
} // @name Opportunity

// opportunitiesOut converts opportunities for the caller, naming the
// organisations with one query each for names and countries; details only
// where the caller may read them.
func (s *server) opportunitiesOut(ctx context.Context, list []opportunity.Opportunity) (func(opportunity.Opportunity) Opportunity, error) {
	ids := make([]string, 0, len(list))
	for _, o := range list {
		ids = append(ids, o.OrganisationID)
	}
	names, err := organisation.Refs(ctx, s.DB, ids)
	if err != nil {
		return nil, err
	}
	countries, err := organisation.Countries(ctx, s.DB, ids)
	if err != nil {
		return nil, err
	}
	details := opportunity.DetailsVisibleTo(auth.From(ctx))
	today := opportunity.Today(time.Now())
	return func(o opportunity.Opportunity) Opportunity {
		out := Opportunity{ID: o.ID, OrganisationID: o.OrganisationID,
			Organisation: OpportunityOrganisation{ID: o.OrganisationID, Name: names[o.OrganisationID].Name, NameLocal: names[o.OrganisationID].NameLocal, Country: countries[o.OrganisationID]},
			Kind:         o.Kind, Title: textOut(o.Title), Summary: textOut(o.Summary), MissingLanguages: o.MissingLanguages(),
			FocusAreas: nonNil(o.FocusAreas), Modalities: nonNil(o.Modalities), Stage: o.Stage, CooperationTypes: nonNil(o.CooperationTypes),
			TargetCountries: nonNil(o.TargetCountries), IPStatus: o.IPStatus, ContactPersonID: o.ContactPersonID, ValidUntil: o.ValidUntil,
			Expired: o.Expired(today), Status: o.Status, ClosedReason: o.ClosedReason, PublishedAt: o.PublishedAt,
			Version: o.Version, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt}
		if details {
			d := textOut(o.Details)
			out.Details = &d
		}
		return out
	}, nil
}

func nonNil(s []string) []string { return append([]string{}, s...) }

func (s *server) writeOpportunity(c echo.Context, status int, o opportunity.Opportunity) error {
	ctx := c.Request().Context()
	convert, err := s.opportunitiesOut(ctx, []opportunity.Opportunity{o})
	if err != nil {
		return err
	}
	out := convert(o)
	if out.ContactPerson, err = s.opportunityContact(ctx, o); err != nil {
		return err
	}
	if out.LedTo, err = s.ledTo(ctx, o.ID); err != nil {
		return err
	}
	return writeOne(c, status, o.Version, out)
}

// OpportunityCreate adds an opportunity. Absent: stage and ip_status
// not_applicable, status draft, valid_until one year from today.
type OpportunityCreate struct {
	OrganisationID   string   `json:"organisation_id" format:"uuid"`
	Kind             string   `json:"kind" enums:"technology_offer,technology_request,business_offer,business_request,research_cooperation"`
	Title            Text     `json:"title"`
	Summary          Text     `json:"summary"`
	Details          Text     `json:"details,omitempty"`
	FocusAreas       []string `json:"focus_areas,omitempty"`
	Modalities       []string `json:"modalities,omitempty"`
	Stage            *string  `json:"stage,omitempty" enums:"discovery,preclinical,clinical_phase_1,clinical_phase_2,clinical_phase_3,approved,not_applicable"`
	CooperationTypes []string `json:"cooperation_types,omitempty"`
	TargetCountries  []string `json:"target_countries,omitempty"`
	IPStatus         *string  `json:"ip_status,omitempty" enums:"granted,pending,none,not_applicable"`
	ContactPersonID  *string  `json:"contact_person_id,omitempty" format:"uuid"`
	ValidUntil       *string  `json:"valid_until,omitempty" format:"date"`
	Status           *string  `json:"status,omitempty" enums:"draft,published,closed"`
	ClosedReason     *string  `json:"closed_reason,omitempty" enums:"partner_found,withdrawn,expired,other"`
} // @name OpportunityCreate

// OpportunityPatch changes an opportunity (JSON merge patch). The
// organisation never changes.
type OpportunityPatch struct {
	Kind             opt.Field[string]   `json:"kind,omitempty" swaggertype:"string" enums:"technology_offer,technology_request,business_offer,business_request,research_cooperation"`
	Title            TextPatch           `json:"title,omitempty"`
	Summary          TextPatch           `json:"summary,omitempty"`
	Details          TextPatch           `json:"details,omitempty"`
	FocusAreas       opt.Field[[]string] `json:"focus_areas,omitempty" swaggertype:"array,string"`
	Modalities       opt.Field[[]string] `json:"modalities,omitempty" swaggertype:"array,string"`
	Stage            opt.Field[string]   `json:"stage,omitempty" swaggertype:"string" enums:"discovery,preclinical,clinical_phase_1,clinical_phase_2,clinical_phase_3,approved,not_applicable"`
	CooperationTypes opt.Field[[]string] `json:"cooperation_types,omitempty" swaggertype:"array,string"`
	TargetCountries  opt.Field[[]string] `json:"target_countries,omitempty" swaggertype:"array,string"`
	IPStatus         opt.Field[string]   `json:"ip_status,omitempty" swaggertype:"string" enums:"granted,pending,none,not_applicable"`
	ContactPersonID  opt.Field[string]   `json:"contact_person_id,omitempty" swaggertype:"string" format:"uuid" extensions:"x-nullable"`
	ValidUntil       opt.Field[string]   `json:"valid_until,omitempty" swaggertype:"string" format:"date"`
	Status           opt.Field[string]   `json:"status,omitempty" swaggertype:"string" enums:"draft,published,closed"`
	ClosedReason     opt.Field[string]   `json:"closed_reason,omitempty" swaggertype:"string" extensions:"x-nullable" enums:"partner_found,withdrawn,expired,other"`
} // @name OpportunityPatch

var opportunityParams = []string{"kind", "focus_area", "modality", "stage", "cooperation_type", "country", "target_country", "status", "organisation", "q", "include_expired"}

// listOpportunities godoc
//
//	@Summary		List opportunities
//	@Description	What organisations offer or seek. Drafts appear only to their own organisation and to coordinators and admins. Expired ones (valid_until before today in Europe/Berlin) are left out unless include_expired=true. details are null unless the caller is a signed-in user or an API key with read:opportunity_details.
//	@Tags			opportunities
//	@Produce		json
//	@Security		bearer
//	@Param			kind				query		string		false	"Kind"
//	@Param			focus_area			query		[]string	false	"Focus area; repeat for any of several"	collectionFormat(multi)
//	@Param			modality			query		string		false	"Modality"
//	@Param			stage				query		string		false	"Stage"
//	@Param			cooperation_type	query		string		false	"Cooperation type"
//	@Param			country				query		string		false	"Country of the organisation"
//	@Param			target_country		query		string		false	"Addresses this country (or every country)"
//	@Param			status				query		string		false	"Status"
//	@Param			organisation		query		string		false	"Organisation id"	format(uuid)
//	@Param			q					query		string		false	"Search in titles and summaries, all three languages"
//	@Param			include_expired		query		bool		false	"Keep opportunities whose validity has ended"
//	@Param			limit				query		int			false	"Page size, 1–200"	default(50)
//	@Param			cursor				query		string		false	"next_cursor of the previous page"
//	@Param			sort				query		string		false	"published_at, valid_until or updated_at; prefix - for descending"	default(-published_at)
//	@Success		200					{object}	List[Opportunity]
//	@Failure		400					{object}	Problem
//	@Failure		401					{object}	Problem
//	@Router			/api/v1/opportunities [get]
func (s *server) listOpportunities(c echo.Context) error {
	q := newQuery(c, opportunityParams...)
	f := opportunity.Filter{Kind: q.oneOf("kind", opportunity.KindCodes...), FocusAreas: q.c.QueryParams()["focus_area"],
		Modality: q.oneOf("modality", opportunity.ModalityCodes...), Stage: q.oneOf("stage", opportunity.StageCodes...),
		CooperationType: q.oneOf("cooperation_type", opportunity.CooperationTypeCodes...), Country: q.country("country"),
		TargetCountry: q.country("target_country"), Status: q.oneOf("status", opportunity.StatusCodes...),
		OrganisationID: q.id("organisation"), Q: q.str("q")}
	if b := q.boolean("include_expired"); b != nil {
		f.IncludeExpired = *b
	}
	return s.writeOpportunities(c, q, f)
}

func (s *server) writeOpportunities(c echo.Context, q *query, f opportunity.Filter) error {
	p := q.page(opportunity.Sort)
	if err := q.err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	rows, next, err := opportunity.List(ctx, s.DB, f, p)
	if err != nil {
		return err
	}
	convert, err := s.opportunitiesOut(ctx, rows)
	if err != nil {
		return err
	}
	return writeList(c, newList(rows, next, convert))
}

// listOrganisationOpportunities godoc
//
//	@Summary	An organisation's opportunities, most recently published first
//	@Tags		organisations
//	@Produce	json
//	@Security	bearer
//	@Param		id				path		string	true	"Organisation id"	format(uuid)
//	@Param		include_expired	query		bool	false	"Keep opportunities whose validity has ended"
//	@Param		limit			query		int		false	"Page size, 1–200"	default(50)
//	@Param		cursor			query		string	false	"next_cursor of the previous page"
//	@Param		sort			query		string	false	"published_at, valid_until or updated_at; prefix - for descending"	default(-published_at)
//	@Success	200				{object}	List[Opportunity]
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Router		/api/v1/organisations/{id}/opportunities [get]
func (s *server) listOrganisationOpportunities(c echo.Context) error {
	id, err := pathID(c, "id", "organisation")
	if err != nil {
		return err
	}
	if _, err := organisation.Get(c.Request().Context(), s.DB, id); err != nil {
		return err
	}
	q := newQuery(c, "include_expired")
	f := opportunity.Filter{OrganisationID: id}
	if b := q.boolean("include_expired"); b != nil {
		f.IncludeExpired = *b
	}
	return s.writeOpportunities(c, q, f)
}

// createOpportunity godoc
//
//	@Summary		Add an opportunity
//	@Description	Members add their own organisation's opportunities, coordinators and admins any organisation's; API keys need write:opportunities. title and summary need at least one language each.
//	@Tags			opportunities
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			Idempotency-Key	header		string				false	"Makes a retry safe"
//	@Param			body			body		OpportunityCreate	true	"The opportunity"
//	@Success		201				{object}	Opportunity
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Router			/api/v1/opportunities [post]
func (s *server) createOpportunity(c echo.Context) error {
	var in OpportunityCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	o := opportunity.Opportunity{OrganisationID: in.OrganisationID, Kind: in.Kind, Title: in.Title.in(), Summary: in.Summary.in(),
		FocusAreas: in.FocusAreas, Modalities: in.Modalities, CooperationTypes: in.CooperationTypes, TargetCountries: in.TargetCountries,
		Details: in.Details.in(), ContactPersonID: in.ContactPersonID, ClosedReason: in.ClosedReason}
	// Absent fields take their defaults (opportunity.Create); sent ones,
	// "" included, are checked as they are.
	for _, f := range []struct {
		dst *string
		v   *string
		bad string
	}{{&o.Stage, in.Stage, "stage"}, {&o.IPStatus, in.IPStatus, "ip_status"}, {&o.ValidUntil, in.ValidUntil, "valid_until"}, {&o.Status, in.Status, "status"}} {
		if f.v != nil && *f.v == "" {
			return apperr.Fields{{Field: f.bad, Message: "must not be empty; leave it out for the default"}}.Err()
		}
		if f.v != nil {
			*f.dst = *f.v
		}
	}
	o, err := opportunity.Create(c.Request().Context(), s.DB, o)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/opportunities/"+o.ID)
	return s.writeOpportunity(c, http.StatusCreated, o)
}

// getOpportunity godoc
//
//	@Summary		Get an opportunity
//	@Description	A draft of another organisation is 404 unless the caller coordinates.
//	@Tags			opportunities
//	@Produce		json
//	@Security		bearer
//	@Param			id	path		string	true	"Opportunity id"	format(uuid)
//	@Success		200	{object}	Opportunity
//	@Failure		401	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/opportunities/{id} [get]
func (s *server) getOpportunity(c echo.Context) error {
	id, err := pathID(c, "id", "opportunity")
	if err != nil {
		return err
	}
	o, err := opportunity.Get(c.Request().Context(), s.DB, id)
	if err != nil {
		return err
	}
	return s.writeOpportunity(c, http.StatusOK, o)
}

// updateOpportunity godoc
//
//	@Summary		Change an opportunity
//	@Description	Publishing (status published) stamps published_at the first time; closing (status closed) needs a closed_reason.
//	@Tags			opportunities
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string				true	"Opportunity id"	format(uuid)
//	@Param			If-Match	header		string				true	"ETag of the version changed"
//	@Param			body		body		OpportunityPatch	true	"Fields to change (JSON merge patch)"
//	@Success		200			{object}	Opportunity
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/opportunities/{id} [patch]
func (s *server) updateOpportunity(c echo.Context) error {
	id, version, err := target(c, "opportunity")
	if err != nil {
		return err
	}
	var in OpportunityPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	o, err := opportunity.Update(c.Request().Context(), s.DB, id, version, opportunity.Patch{Kind: in.Kind, Stage: in.Stage,
		IPStatus: in.IPStatus, ValidUntil: in.ValidUntil, Status: in.Status, ContactPersonID: in.ContactPersonID, ClosedReason: in.ClosedReason,
		Title: in.Title.in(), Summary: in.Summary.in(), Details: in.Details.in(), FocusAreas: in.FocusAreas, Modalities: in.Modalities,
		CooperationTypes: in.CooperationTypes, TargetCountries: in.TargetCountries})
	if err != nil {
		return err
	}
	return s.writeOpportunity(c, http.StatusOK, o)
}

// deleteOpportunity godoc
//
//	@Summary	Delete an opportunity
//	@Tags		opportunities
//	@Security	bearer
//	@Param		id			path	string	true	"Opportunity id"	format(uuid)
//	@Param		If-Match	header	string	true	"ETag of the version deleted"
//	@Success	204
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Failure	409	{object}	Problem
//	@Failure	412	{object}	Problem
//	@Failure	428	{object}	Problem
//	@Router		/api/v1/opportunities/{id} [delete]
func (s *server) deleteOpportunity(c echo.Context) error {
	id, version, err := target(c, "opportunity")
	if err != nil {
		return err
	}
	if err := opportunity.Delete(c.Request().Context(), s.DB, id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// MatchCriterion is one line of a score's "why": the criterion, the
// points it is worth, and the values it was met with (shared focus areas,
// words in common, …) or, when not met, what the other side has.
type MatchCriterion struct {
	Criterion string   `json:"criterion" example:"focus_areas"`
	Points    int      `json:"points" example:"30"`
	Values    []string `json:"values" example:"cell_gene_therapy"`
} // @name MatchCriterion

// MatchWhy says which criteria a score met and which it did not.
type MatchWhy struct {
	Matched   []MatchCriterion `json:"matched"`
	Unmatched []MatchCriterion `json:"unmatched"`
} // @name MatchWhy

// OpportunityMatch is a complementary opportunity of the other country
// with its score (0–100) and why. It carries no details and no contact person.
type OpportunityMatch struct {
	Opportunity Opportunity `json:"opportunity"`
	Score       int         `json:"score" example:"75"`
	Why         MatchWhy    `json:"why"`
} // @name OpportunityMatch

// Matches are the best matches, best first.
type Matches struct {
	Items []OpportunityMatch `json:"items"`
} // @name Matches

func whyOut(matched, unmatched []opportunity.Criterion) MatchWhy {
	conv := func(cs []opportunity.Criterion) []MatchCriterion {
		out := []MatchCriterion{}
		for _, c := range cs {
			out = append(out, MatchCriterion{Criterion: c.Criterion, Points: c.Points, Values: nonNil(c.Values)})
		}
		return out
	}
	return MatchWhy{Matched: conv(matched), Unmatched: conv(unmatched)}
}

// rankLimit reads the limit of a ranked answer (matches, suggestions):
// 1 to most, def when absent. Ranked answers have no further pages.
func (q *query) rankLimit(def, most int) int {
	for _, name := range []string{"cursor", "sort"} {
		if q.str(name) != "" {
			q.bad.Add(name, "is not a parameter of this endpoint")
		}
	}
	return q.limit(def, most)
}

// listOpportunityMatches godoc
//
//	@Summary		Matches of an opportunity
//	@Description	The complementary opportunities (an offer meets requests and research cooperations, a request meets offers) of organisations in another country (not archived), published and not expired, scored by the criteria and weights in README.md ("Partnering"): the points of every criterion met, 0–100, best first (then most recently published). Scored among the 200 most recently published candidates that share a focus area with the opportunity. Matches carry neither details nor contact person.
//	@Tags			opportunities
//	@Produce		json
//	@Security		bearer
//	@Param			id		path		string	true	"Opportunity id"	format(uuid)
//	@Param			limit	query		int		false	"How many"	default(20)	minimum(1)	maximum(100)
//	@Success		200		{object}	Matches
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Router			/api/v1/opportunities/{id}/matches [get]
func (s *server) listOpportunityMatches(c echo.Context) error {
	id, err := pathID(c, "id", "opportunity")
	if err != nil {
		return err
	}
	q := newQuery(c)
	limit := q.rankLimit(20, opportunity.MaxMatches)
	if err := q.err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	ms, err := opportunity.Matches(ctx, s.DB, id, limit, time.Now())
	if err != nil {
		return err
	}
	list := make([]opportunity.Opportunity, len(ms))
	for i, m := range ms {
		list[i] = m.Opportunity
	}
	convert, err := s.opportunitiesOut(ctx, list)
	if err != nil {
		return err
	}
	out := Matches{Items: []OpportunityMatch{}}
	for _, m := range ms {
		o := convert(m.Opportunity)
		o.Details, o.ContactPersonID = nil, nil // a match is a pointer to the opportunity, never its contact
		out.Items = append(out.Items, OpportunityMatch{Opportunity: o, Score: m.Score, Why: whyOut(m.Matched, m.Unmatched)})
	}
	return writeList(c, out)
}

// SuggestedOrganisation names a suggested partner.
type SuggestedOrganisation struct {
	ID         string   `json:"id" format:"uuid"`
	Name       string   `json:"name"`
	NameLocal  string   `json:"name_local"`
	Country    string   `json:"country" example:"JP"`
	Kind       string   `json:"kind" example:"pharma"`
	FocusAreas []string `json:"focus_areas"`
} // @name SuggestedOrganisation

// Suggestion is an organisation worth meeting, with its score (0–100)
// and why; the "opportunities" criterion lists its opportunities that
// match the organisation's.
type Suggestion struct {
	Organisation SuggestedOrganisation `json:"organisation"`
	Score        int                   `json:"score" example:"80"`
	Why          MatchWhy              `json:"why"`
} // @name Suggestion

// Suggestions are the best suggestions, best first.
type Suggestions struct {
	Items []Suggestion `json:"items"`
} // @name Suggestions

// listSuggestions godoc
//
//	@Summary		Partners worth meeting
//	@Description	Organisations of the other country (Germany ↔ Japan) worth meeting for this organisation, from the matches of its published opportunities, shared focus areas and complementary kinds, scored by the weights in README.md ("Partnering"), best first. Organisations it already has an agreement or a project with, and archived ones, are left out.
//	@Tags			organisations
//	@Produce		json
//	@Security		bearer
//	@Param			id		path		string	true	"Organisation id"	format(uuid)
//	@Param			limit	query		int		false	"How many"	default(20)	minimum(1)	maximum(100)
//	@Success		200		{object}	Suggestions
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Router			/api/v1/organisations/{id}/suggestions [get]
func (s *server) listSuggestions(c echo.Context) error {
	id, err := pathID(c, "id", "organisation")
	if err != nil {
		return err
	}
	q := newQuery(c)
	limit := q.rankLimit(20, opportunity.MaxSuggestions)
	if err := q.err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	org, err := organisation.Get(ctx, s.DB, id)
	if err != nil {
		return err
	}
	// Each package answers for its own records.
	withAgreement, err := agreement.CounterpartsOf(ctx, s.DB, id)
	if err != nil {
		return err
	}
	withProject, err := project.CounterpartsOf(ctx, s.DB, id)
	if err != nil {
		return err
	}
	list, err := opportunity.Suggest(ctx, s.DB, org, slices.Concat(withAgreement, withProject), limit, time.Now())
	if err != nil {
		return err
	}
	out := Suggestions{Items: []Suggestion{}}
	for _, sg := range list {
		o := sg.Organisation
		out.Items = append(out.Items, Suggestion{Organisation: SuggestedOrganisation{ID: o.ID, Name: o.Name, NameLocal: o.NameLocal,
			Country: o.Country, Kind: o.Kind, FocusAreas: nonNil(o.FocusAreas)}, Score: sg.Score, Why: whyOut(sg.Matched, sg.Unmatched)})
	}
	return writeList(c, out)
}

// CodeName is a stable code with its name in three languages.
type CodeName struct {
	Code string `json:"code" example:"technology_offer"`
	Name Text   `json:"name"`
} // @name CodeName

// OpportunityCodes are the values the fields of opportunities take, with
// their names: stable codes, the same on every installation.
type OpportunityCodes struct {
	Kinds            []CodeName `json:"kinds"`
	Modalities       []CodeName `json:"modalities"`
	Stages           []CodeName `json:"stages"`
	CooperationTypes []CodeName `json:"cooperation_types"`
	IPStatuses       []CodeName `json:"ip_statuses"`
	Statuses         []CodeName `json:"statuses"`
	ClosedReasons    []CodeName `json:"closed_reasons"`
} // @name OpportunityCodes

func codesOut(l opportunity.CodeList) []CodeName {
	out := make([]CodeName, len(l))
	for i, c := range l {
		out[i] = CodeName{Code: c.Code, Name: textOut(c.Name)}
	}
	return out
}

// getOpportunityCodes godoc
//
//	@Summary		Codes of opportunities
//	@Description	The kinds, modalities, stages, cooperation types, IP statuses, statuses and closed reasons of opportunities, each a stable code with its name in German, English and Japanese, in display order.
//	@Tags			reference
//	@Produce		json
//	@Security		bearer
//	@Success		200	{object}	OpportunityCodes
//	@Failure		401	{object}	Problem
//	@Router			/api/v1/opportunity-codes [get]
func (s *server) getOpportunityCodes(c echo.Context) error {
	return writeList(c, OpportunityCodes{Kinds: codesOut(opportunity.Kinds), Modalities: codesOut(opportunity.Modalities),
		Stages: codesOut(opportunity.Stages), CooperationTypes: codesOut(opportunity.CooperationTypes), IPStatuses: codesOut(opportunity.IPStatuses),
		Statuses: codesOut(opportunity.Statuses), ClosedReasons: codesOut(opportunity.ClosedReasons)})
}
