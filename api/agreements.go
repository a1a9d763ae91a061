package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/labstack/echo/v4"
)

// AgreementParty is an organisation that is party to an agreement.
type AgreementParty struct {
	OrganisationID string          `json:"organisation_id" format:"uuid"`
	Organisation   OrganisationRef `json:"organisation"`
	SignatoryID    *string         `json:"signatory_id" format:"uuid" extensions:"x-nullable"`
} // @name AgreementParty

// Renewal is one extension of an agreement.
type Renewal struct {
	RenewedOn          string  `json:"renewed_on" format:"date" example:"2026-04-01"`
	ValidUntil         *string `json:"valid_until" format:"date" extensions:"x-nullable"`
	PreviousValidUntil *string `json:"previous_valid_until" format:"date" extensions:"x-nullable"`
	Note               string  `json:"note"`
} // @name Renewal

// Agreement is an MoU, cooperation agreement or contract between organisations.
type Agreement struct {
	ID    string `json:"id" format:"uuid"`
	Title string `json:"title" example:"Cooperation agreement BioM – Osaka BioHeadquarters"`
	Kind  string `json:"kind"`
	// SignedOn keeps the precision it was given: 2011, 2011-04 or 2011-04-01; empty while a draft.
	SignedOn     string  `json:"signed_on" example:"2011"`
	ValidFrom    *string `json:"valid_from" format:"date" extensions:"x-nullable"`
	ValidUntil   *string `json:"valid_until" format:"date" extensions:"x-nullable"`
	TerminatedOn *string `json:"terminated_on" format:"date" extensions:"x-nullable"`
	// Status is derived from the dates and today's date in Europe/Berlin.
	Status     string           `json:"status"`
	Parties    []AgreementParty `json:"parties"`
	Renewals   []Renewal        `json:"renewals"`
	FocusAreas []string         `json:"focus_areas"`
	Summary    Text             `json:"summary"`
	Version    int              `json:"version" example:"1"`
	CreatedAt  time.Time        `json:"created_at" format:"date-time"`
	UpdatedAt  time.Time        `json:"updated_at" format:"date-time"`

	// OriginInterestID is the expression of interest the agreement came
	// from; OriginInterest adds its opportunity.
	OriginInterestID *string         `json:"origin_interest_id" format:"uuid" extensions:"x-nullable"`
	OriginInterest   *InterestOrigin `json:"origin_interest" extensions:"x-nullable"`

	// OriginMeetingID is the B2B meeting the agreement came from.
	OriginMeetingID *string `json:"origin_meeting_id" format:"uuid" extensions:"x-nullable"`
} // @name Agreement

// agreementsOut converts agreements, naming the parties with one query.
func (s *server) agreementsOut(ctx context.Context, list []agreement.Agreement) (func(agreement.Agreement) Agreement, error) {
	var ids []string
	for _, a := range list {
		for _, p := range a.Parties {
			ids = append(ids, p.OrganisationID)
		}
	}
	names, err := organisation.Refs(ctx, s.DB, ids)
	if err != nil {
		return nil, err
	}
	var interestIDs []string
	for _, a := range list {
		if a.OriginInterestID != nil {
			interestIDs = append(interestIDs, *a.OriginInterestID)
		}
	}
	origins, err := s.interestOrigins(ctx, interestIDs)
	if err != nil {
		return nil, err
	}
	today := agreement.Today(time.Now())
	return func(a agreement.Agreement) Agreement {
		out := Agreement{ID: a.ID, Title: a.Title, Kind: a.Kind, SignedOn: a.SignedOn, ValidFrom: a.ValidFrom, ValidUntil: a.ValidUntil,
			TerminatedOn: a.TerminatedOn, Status: a.Status(today), Parties: []AgreementParty{}, Renewals: []Renewal{},
			FocusAreas: append([]string{}, a.FocusAreas...), Summary: textOut(a.Summary), Version: a.Version, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt,
			OriginInterestID: a.OriginInterestID}
		if a.OriginInterestID != nil {
			if o, ok := origins[*a.OriginInterestID]; ok {
				out.OriginInterest = &o
			}
		}
		for _, p := range a.Parties {
			out.Parties = append(out.Parties, AgreementParty{OrganisationID: p.OrganisationID, Organisation: orgRef(names, p.OrganisationID), SignatoryID: p.SignatoryID})
		}
		for _, r := range a.Renewals {
			out.Renewals = append(out.Renewals, Renewal{RenewedOn: r.RenewedOn, ValidUntil: r.ValidUntil, PreviousValidUntil: r.PreviousValidUntil, Note: r.Note})
		}
		out.OriginMeetingID = a.OriginMeetingID
		return out
	}, nil
}

func (s *server) writeAgreement(c echo.Context, status int, a agreement.Agreement) error {
	convert, err := s.agreementsOut(c.Request().Context(), []agreement.Agreement{a})
	if err != nil {
		return err
	}
	return writeOne(c, status, a.Version, convert(a))
}

// PartyInput names a party and, optionally, who signed for it.
type PartyInput struct {
	OrganisationID string  `json:"organisation_id" format:"uuid"`
	SignatoryID    *string `json:"signatory_id,omitempty" format:"uuid"`
} // @name PartyInput

func partiesIn(in []PartyInput) []agreement.Party {
	out := make([]agreement.Party, len(in))
	for i, p := range in {
		out[i] = agreement.Party{OrganisationID: p.OrganisationID, SignatoryID: p.SignatoryID}
	}
	return out
}

// AgreementCreate adds an agreement.
type AgreementCreate struct {
	Title        string       `json:"title" minLength:"1" maxLength:"300"`
	Kind         string       `json:"kind"`
	Parties      []PartyInput `json:"parties"`
	SignedOn     string       `json:"signed_on,omitempty" example:"2017" pattern:"^$|^\\d{4}(-\\d{2}(-\\d{2})?)?$"`
	ValidFrom    *string      `json:"valid_from,omitempty" format:"date"`
	ValidUntil   *string      `json:"valid_until,omitempty" format:"date"`
	TerminatedOn *string      `json:"terminated_on,omitempty" format:"date"`
	FocusAreas   []string     `json:"focus_areas,omitempty"`
	Summary      Text         `json:"summary,omitempty"`
	// OriginInterestID names the expression of interest the agreement came from.
	OriginInterestID *string `json:"origin_interest_id,omitempty" format:"uuid"`

	OriginMeetingID *string `json:"origin_meeting_id,omitempty" format:"uuid"`
} // @name AgreementCreate

// AgreementPatch changes an agreement (JSON merge patch).
type AgreementPatch struct {
	Title        opt.Field[string]       `json:"title,omitempty" swaggertype:"string" minLength:"1" maxLength:"300"`
	Kind         opt.Field[string]       `json:"kind,omitempty" swaggertype:"string"`
	Parties      opt.Field[[]PartyInput] `json:"parties,omitempty" swaggertype:"array,object"`
	SignedOn     opt.Field[string]       `json:"signed_on,omitempty" swaggertype:"string" extensions:"x-nullable" pattern:"^$|^\\d{4}(-\\d{2}(-\\d{2})?)?$"`
	ValidFrom    opt.Field[string]       `json:"valid_from,omitempty" swaggertype:"string" format:"date" extensions:"x-nullable"`
	ValidUntil   opt.Field[string]       `json:"valid_until,omitempty" swaggertype:"string" format:"date" extensions:"x-nullable"`
	TerminatedOn opt.Field[string]       `json:"terminated_on,omitempty" swaggertype:"string" format:"date" extensions:"x-nullable"`
	FocusAreas   opt.Field[[]string]     `json:"focus_areas,omitempty" swaggertype:"array,string"`
	Summary      TextPatch               `json:"summary,omitempty"`
	// OriginInterestID names the expression of interest the agreement came from; null clears it.
	OriginInterestID opt.Field[string] `json:"origin_interest_id,omitempty" swaggertype:"string" format:"uuid" extensions:"x-nullable"`

	OriginMeetingID opt.Field[string] `json:"origin_meeting_id,omitempty" swaggertype:"string" format:"uuid" extensions:"x-nullable"`
} // @name AgreementPatch

// RenewalCreate extends an agreement.
type RenewalCreate struct {
	RenewedOn  string  `json:"renewed_on" format:"date" example:"2026-04-01"`
	ValidUntil *string `json:"valid_until" format:"date" example:"2031-03-31" extensions:"x-nullable"`
	Note       string  `json:"note,omitempty" maxLength:"1000"`
} // @name RenewalCreate

var agreementParams = []string{"party", "region", "country", "kind", "status", "focus_area", "signed_from", "signed_to", "q"}

// year reads a year parameter.
func (q *query) year(name string) int {
	v := q.str(name)
	if v == "" {
		return 0
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 1900 || y > 2200 {
		q.bad.Add(name, "must be a year such as 2011")
		return 0
	}
	return y
}

// listAgreements godoc
//
//	@Summary		List agreements
//	@Description	status is derived from the dates and today's date in Europe/Berlin: draft (not signed), active, expiring (ends within 90 days), expired, terminated; the status filter runs in the database.
//	@Tags			agreements
//	@Produce		json
//	@Security		bearer
//	@Param			party		query		[]string	false	"Organisation id of a party; repeat for any of several"	collectionFormat(multi)
//	@Param			region		query		string		false	"A party's region"
//	@Param			country		query		string		false	"A party's country"
//	@Param			kind		query		string		false	"Kind"
//	@Param			status		query		string		false	"Derived status"
//	@Param			focus_area	query		[]string	false	"Focus area; repeat for any of several"	collectionFormat(multi)
//	@Param			signed_from	query		int			false	"Signed in or after this year"
//	@Param			signed_to	query		int			false	"Signed in or before this year"
//	@Param			q			query		string		false	"Search in titles and summaries"
//	@Param			limit		query		int			false	"Page size, 1–200"	default(50)
//	@Param			cursor		query		string		false	"next_cursor of the previous page"
//	@Param			sort		query		string		false	"signed_on, valid_until or updated_at; prefix - for descending"	default(-signed_on)
//	@Success		200			{object}	List[Agreement]
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Router			/api/v1/agreements [get]
func (s *server) listAgreements(c echo.Context) error {
	q := newQuery(c, agreementParams...)
	f := agreement.Filter{Parties: q.ids("party"), Region: q.str("region"), Country: q.country("country"),
		Kind: q.oneOf("kind", agreement.Kinds...), Status: q.oneOf("status", agreement.Statuses...), FocusAreas: q.c.QueryParams()["focus_area"],
		SignedFrom: q.year("signed_from"), SignedTo: q.year("signed_to"), Q: q.str("q")}
	return s.writeAgreements(c, q, f)
}

func (s *server) writeAgreements(c echo.Context, q *query, f agreement.Filter) error {
	p := q.page(agreement.Sort)
	if err := q.err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	rows, next, err := agreement.List(ctx, s.DB, f, p)
	if err != nil {
		return err
	}
	convert, err := s.agreementsOut(ctx, rows)
	if err != nil {
		return err
	}
	return writeList(c, newList(rows, next, convert))
}

// listOrganisationAgreements godoc
//
//	@Summary	An organisation's agreements, newest first
//	@Tags		organisations
//	@Produce	json
//	@Security	bearer
//	@Param		id		path		string	true	"Organisation id"	format(uuid)
//	@Param		limit	query		int		false	"Page size, 1–200"	default(50)
//	@Param		cursor	query		string	false	"next_cursor of the previous page"
//	@Param		sort	query		string	false	"Field to sort by; prefix - for descending"	default(-signed_on)
//	@Success	200		{object}	List[Agreement]
//	@Failure	400		{object}	Problem
//	@Failure	401		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Router		/api/v1/organisations/{id}/agreements [get]
func (s *server) listOrganisationAgreements(c echo.Context) error {
	id, err := pathID(c, "id", "organisation")
	if err != nil {
		return err
	}
	if _, err := organisation.Get(c.Request().Context(), s.DB, id); err != nil {
		return err
	}
	return s.writeAgreements(c, newQuery(c), agreement.Filter{Parties: []string{id}})
}

// createAgreement godoc
//
//	@Summary	Add an agreement
//	@Tags		agreements
//	@Accept		json
//	@Produce	json
//	@Security	bearer
//	@Param		Idempotency-Key	header		string			false	"Makes a retry safe"
//	@Param		body			body		AgreementCreate	true	"The agreement"
//	@Success	201				{object}	Agreement
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Router		/api/v1/agreements [post]
func (s *server) createAgreement(c echo.Context) error {
	var in AgreementCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	a, err := agreement.Create(c.Request().Context(), s.DB, agreement.Agreement{Title: in.Title, Kind: in.Kind, Parties: partiesIn(in.Parties),
		SignedOn: in.SignedOn, ValidFrom: in.ValidFrom, ValidUntil: in.ValidUntil, TerminatedOn: in.TerminatedOn, FocusAreas: in.FocusAreas, Summary: textIn(in.Summary),
		OriginInterestID: in.OriginInterestID,
		OriginMeetingID:  in.OriginMeetingID})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/agreements/"+a.ID)
	return s.writeAgreement(c, http.StatusCreated, a)
}

// getAgreement godoc
//
//	@Summary	Get an agreement with its parties and renewals
//	@Tags		agreements
//	@Produce	json
//	@Security	bearer
//	@Param		id	path		string	true	"Agreement id"	format(uuid)
//	@Success	200	{object}	Agreement
//	@Failure	401	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Router		/api/v1/agreements/{id} [get]
func (s *server) getAgreement(c echo.Context) error {
	id, err := pathID(c, "id", "agreement")
	if err != nil {
		return err
	}
	a, err := agreement.Get(c.Request().Context(), s.DB, id)
	if err != nil {
		return err
	}
	return s.writeAgreement(c, http.StatusOK, a)
}

// updateAgreement godoc
//
//	@Summary	Change an agreement
//	@Tags		agreements
//	@Accept		json
//	@Produce	json
//	@Security	bearer
//	@Param		id			path		string			true	"Agreement id"	format(uuid)
//	@Param		If-Match	header		string			true	"ETag of the version changed"
//	@Param		body		body		AgreementPatch	true	"Fields to change (JSON merge patch)"
//	@Success	200			{object}	Agreement
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Router		/api/v1/agreements/{id} [patch]
func (s *server) updateAgreement(c echo.Context) error {
	id, version, err := target(c, "agreement")
	if err != nil {
		return err
	}
	var in AgreementPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	patch := agreement.Patch{Title: in.Title, Kind: in.Kind, SignedOn: in.SignedOn, ValidFrom: in.ValidFrom, ValidUntil: in.ValidUntil,
		TerminatedOn: in.TerminatedOn, Summary: in.Summary.in(), FocusAreas: in.FocusAreas, OriginInterestID: in.OriginInterestID,
		OriginMeetingID: in.OriginMeetingID}
	if in.Parties.Set {
		patch.Parties = opt.Of(partiesIn(in.Parties.Value))
	}
	a, err := agreement.Update(c.Request().Context(), s.DB, id, version, patch)
	if err != nil {
		return err
	}
	return s.writeAgreement(c, http.StatusOK, a)
}

// deleteAgreement godoc
//
//	@Summary	Delete an agreement
//	@Tags		agreements
//	@Security	bearer
//	@Param		id			path	string	true	"Agreement id"	format(uuid)
//	@Param		If-Match	header	string	true	"ETag of the version deleted"
//	@Success	204
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Failure	409	{object}	Problem
//	@Failure	412	{object}	Problem
//	@Failure	428	{object}	Problem
//	@Router		/api/v1/agreements/{id} [delete]
func (s *server) deleteAgreement(c echo.Context) error {
	id, version, err := target(c, "agreement")
	if err != nil {
		return err
	}
	if err := agreement.Delete(c.Request().Context(), s.DB, id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// renewAgreement godoc
//
//	@Summary		Renew an agreement
//	@Description	Appends a renewal to the history and extends the agreement to its valid_until (null: open-ended). A later end than the current one is required; a terminated agreement cannot be renewed (409).
//	@Tags			agreements
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string			true	"Agreement id"	format(uuid)
//	@Param			If-Match	header		string			true	"ETag of the agreement"
//	@Param			body		body		RenewalCreate	true	"The renewal"
//	@Success		201			{object}	Agreement
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/agreements/{id}/renewals [post]
func (s *server) renewAgreement(c echo.Context) error {
	id, version, err := target(c, "agreement")
	if err != nil {
		return err
	}
	var in RenewalCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	a, err := agreement.Renew(c.Request().Context(), s.DB, id, version, in.RenewedOn, in.ValidUntil, in.Note)
	if err != nil {
		return err
	}
	return s.writeAgreement(c, http.StatusCreated, a)
}
