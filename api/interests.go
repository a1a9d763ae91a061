package api

import (
	"context"
	"net/http"
	"time"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/interest"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/labstack/echo/v4"
)

// InterestContact is a contact person of an interest as the caller may
// see them. email and phone are null where withheld: the other side sees
// them only once the owner accepted the interest.
type InterestContact struct {
	PersonID        string  `json:"person_id" format:"uuid"`
	DisplayName     string  `json:"display_name" example:"山田 太郎"`
	GivenName       string  `json:"given_name"`
	FamilyName      string  `json:"family_name"`
	GivenNameLocal  string  `json:"given_name_local"`
	FamilyNameLocal string  `json:"family_name_local"`
	Position        string  `json:"position"`
	Email           *string `json:"email" format:"email" extensions:"x-nullable"`
	Phone           *string `json:"phone" extensions:"x-nullable"`
} // @name InterestContact

// InterestOpportunity is the opportunity an interest answers.
type InterestOpportunity struct {
	ID           string          `json:"id" format:"uuid"`
	Title        Text            `json:"title"`
	Status       string          `json:"status"`
	Organisation OrganisationRef `json:"organisation"`
} // @name InterestOpportunity

// Interest is an organisation's expression of interest in an opportunity.
type Interest struct {
	ID            string              `json:"id" format:"uuid"`
	OpportunityID string              `json:"opportunity_id" format:"uuid"`
	Opportunity   InterestOpportunity `json:"opportunity"`
	// OrganisationID is the interested organisation.
	OrganisationID string          `json:"organisation_id" format:"uuid"`
	Organisation   OrganisationRef `json:"organisation"`
	Message        string          `json:"message"`
	// Status: open, then accepted → in_discussion → nda_signed → agreement_signed → project_started, or declined, withdrawn, closed.
	Status        string     `json:"status" enums:"open,accepted,in_discussion,nda_signed,agreement_signed,project_started,declined,withdrawn,closed"`
	DeclineReason string     `json:"decline_reason"`
	ClosedReason  string     `json:"closed_reason"`
	AgreementID   *string    `json:"agreement_id" format:"uuid" extensions:"x-nullable"`
	ProjectID     *string    `json:"project_id" format:"uuid" extensions:"x-nullable"`
	AcceptedAt    *time.Time `json:"accepted_at" format:"date-time" extensions:"x-nullable"`
	// ContactsShared says whether the owner accepted, from when on the two
	// sides see each other's contact person.
	ContactsShared bool `json:"contacts_shared"`
	// InterestedContact is the interested organisation's contact person;
	// null for the other side before acceptance.
	InterestedContact *InterestContact `json:"interested_contact" extensions:"x-nullable"`
	// OpportunityContact is the opportunity's contact person; null for
	// the other side before acceptance (and when the opportunity names none).
	OpportunityContact *InterestContact `json:"opportunity_contact" extensions:"x-nullable"`
	Version            int              `json:"version"`
	CreatedAt          time.Time        `json:"created_at" format:"date-time"`
	UpdatedAt          time.Time        `json:"updated_at" format:"date-time"`
} // @name Interest

func contactOut(c *interest.Contact) *InterestContact {
	if c == nil {
		return nil
	}
	out := &InterestContact{PersonID: c.PersonID, DisplayName: c.DisplayName, GivenName: c.GivenName, FamilyName: c.FamilyName,
		GivenNameLocal: c.GivenNameLocal, FamilyNameLocal: c.FamilyNameLocal, Position: c.Position}
	if c.ContactData {
		out.Email, out.Phone = &c.Email, &c.Phone
	}
	return out
}

// interestsOut converts interests with their contact persons as the
// caller may see them (pkg/interest decides) and the names of both sides.
func (s *server) interestsOut(ctx context.Context, list []interest.Interest) (func(interest.Interest) Interest, error) {
	var orgIDs []string
	for _, i := range list {
		orgIDs = append(orgIDs, i.OrganisationID, i.Opportunity.OrganisationID)
	}
	names, err := organisation.Refs(ctx, s.DB, orgIDs)
	if err != nil {
		return nil, err
	}
	contacts, err := interest.ContactsOf(ctx, s.DB, list)
	if err != nil {
		return nil, err
	}
	return func(i interest.Interest) Interest {
		owner := i.Opportunity.OrganisationID
		return Interest{ID: i.ID, OpportunityID: i.OpportunityID,
			Opportunity:    InterestOpportunity{ID: i.OpportunityID, Title: textOut(i.Opportunity.Title), Status: i.Opportunity.Status, Organisation: orgRef(names, owner)},
			OrganisationID: i.OrganisationID, Organisation: orgRef(names, i.OrganisationID),
			Message: i.Message, Status: i.Status, DeclineReason: i.DeclineReason, ClosedReason: i.ClosedReason,
			AgreementID: i.AgreementID, ProjectID: i.ProjectID, AcceptedAt: i.AcceptedAt, ContactsShared: i.AcceptedOnce(),
			InterestedContact: contactOut(contacts[i.ID].Interested), OpportunityContact: contactOut(contacts[i.ID].Opportunity),
			Version: i.Version, CreatedAt: i.CreatedAt, UpdatedAt: i.UpdatedAt}
	}, nil
}

func (s *server) writeInterest(c echo.Context, status int, i interest.Interest) error {
	convert, err := s.interestsOut(c.Request().Context(), []interest.Interest{i})
	if err != nil {
		return err
	}
	return writeOne(c, status, i.Version, convert(i))
}

// InterestCreate expresses an organisation's interest in an opportunity.
type InterestCreate struct {
	// OrganisationID is the interested organisation: a member's own by
	// default; a coordinator answering on behalf of one names it.
	OrganisationID string `json:"organisation_id,omitempty" format:"uuid"`
	// PersonID is the interested organisation's contact person.
	PersonID string `json:"person_id" format:"uuid"`
	Message  string `json:"message" minLength:"1" maxLength:"5000"`
} // @name InterestCreate

// InterestDecline is the owner's no.
type InterestDecline struct {
	Reason string `json:"reason,omitempty" maxLength:"1000"`
} // @name InterestDecline

// InterestPatch moves an accepted interest along the pipeline and links
// what it produced (JSON merge patch; null clears a link).
type InterestPatch struct {
	Status       opt.Field[string] `json:"status,omitempty" swaggertype:"string" enums:"accepted,in_discussion,nda_signed,agreement_signed,project_started,closed"`
	ClosedReason opt.Field[string] `json:"closed_reason,omitempty" swaggertype:"string" maxLength:"1000"`
	AgreementID  opt.Field[string] `json:"agreement_id,omitempty" swaggertype:"string" format:"uuid" extensions:"x-nullable"`
	ProjectID    opt.Field[string] `json:"project_id,omitempty" swaggertype:"string" format:"uuid" extensions:"x-nullable"`
} // @name InterestPatch

// InterestStage is the number of interests at one status.
type InterestStage struct {
	Status string `json:"status"`
	Count  int64  `json:"count"`
} // @name InterestStage

// InterestStages counts interests by status, every status present, in
// the order of the pipeline.
type InterestStages struct {
	Stages []InterestStage `json:"stages"`
} // @name InterestStages

var interestParams = []string{"status", "direction", "opportunity_id", "organisation_id"}

func interestFilter(q *query) interest.Filter {
	return interest.Filter{Status: q.oneOf("status", interest.Statuses...), Direction: q.oneOf("direction", interest.Directions...),
		OpportunityID: q.id("opportunity_id"), Organisation: q.id("organisation_id")}
}

// listInterests godoc
//
//	@Summary		List expressions of interest
//	@Description	The interests the caller may read: coordinators, admins and viewers all; a member those its organisation sent or received. direction=sent|received is for the organisation_id given, else the caller's own organisation (400 without either); organisation_id alone matches either side. Contact persons are shown as pkg/interest's rule says (see Interest).
//	@Tags			interests
//	@Produce		json
//	@Security		bearer
//	@Param			status			query		string	false	"Status"
//	@Param			direction		query		string	false	"sent or received, for the organisation"
//	@Param			opportunity_id	query		string	false	"Opportunity"	format(uuid)
//	@Param			organisation_id	query		string	false	"Organisation: with direction that side, else either"	format(uuid)
//	@Param			limit			query		int		false	"Page size, 1–200"	default(50)
//	@Param			cursor			query		string	false	"next_cursor of the previous page"
//	@Param			sort			query		string	false	"created_at or updated_at; prefix - for descending"	default(-created_at)
//	@Success		200				{object}	List[Interest]
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Router			/api/v1/interests [get]
func (s *server) listInterests(c echo.Context) error {
	q := newQuery(c, interestParams...)
	return s.writeInterests(c, q, interestFilter(q))
}

func (s *server) writeInterests(c echo.Context, q *query, f interest.Filter) error {
	p := q.page(interest.Sort)
	if err := q.err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	rows, next, err := interest.List(ctx, s.DB, f, p)
	if err != nil {
		return err
	}
	convert, err := s.interestsOut(ctx, rows)
	if err != nil {
		return err
	}
	return writeList(c, newList(rows, next, convert))
}

// interestStages godoc
//
//	@Summary		Count expressions of interest by status
//	@Description	The columns of a pipeline board: the interests the caller may read that match the filters, counted by status, every status present.
//	@Tags			interests
//	@Produce		json
//	@Security		bearer
//	@Param			direction		query		string	false	"sent or received, for the organisation"
//	@Param			opportunity_id	query		string	false	"Opportunity"	format(uuid)
//	@Param			organisation_id	query		string	false	"Organisation: with direction that side, else either"	format(uuid)
//	@Success		200				{object}	InterestStages
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Router			/api/v1/interests/stages [get]
func (s *server) interestStages(c echo.Context) error {
	q := newQuery(c, "direction", "opportunity_id", "organisation_id")
	f := interest.Filter{Direction: q.oneOf("direction", interest.Directions...), OpportunityID: q.id("opportunity_id"), Organisation: q.id("organisation_id")}
	if err := q.err(); err != nil {
		return err
	}
	counts, err := interest.Stages(c.Request().Context(), s.DB, f)
	if err != nil {
		return err
	}
	out := InterestStages{Stages: []InterestStage{}}
	for _, st := range interest.Statuses {
		out.Stages = append(out.Stages, InterestStage{Status: st, Count: counts[st]})
	}
	return writeList(c, out)
}

// listOpportunityInterests godoc
//
//	@Summary		The expressions of interest in an opportunity
//	@Description	All of them for its own organisation, coordinators, admins and viewers; another member sees its own organisation's only.
//	@Tags			interests
//	@Produce		json
//	@Security		bearer
//	@Param			id		path		string	true	"Opportunity id"	format(uuid)
//	@Param			status	query		string	false	"Status"
//	@Param			limit	query		int		false	"Page size, 1–200"	default(50)
//	@Param			cursor	query		string	false	"next_cursor of the previous page"
//	@Param			sort	query		string	false	"created_at or updated_at; prefix - for descending"	default(-created_at)
//	@Success		200		{object}	List[Interest]
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Router			/api/v1/opportunities/{id}/interests [get]
func (s *server) listOpportunityInterests(c echo.Context) error {
	id, err := pathID(c, "id", "opportunity")
	if err != nil {
		return err
	}
	if err := opportunity.CheckReadable(c.Request().Context(), s.DB, id); err != nil {
		return err
	}
	q := newQuery(c, "status")
	return s.writeInterests(c, q, interest.Filter{OpportunityID: id, Status: q.oneOf("status", interest.Statuses...)})
}

// createInterest godoc
//
//	@Summary		Express interest in an opportunity
//	@Description	A member for its own organisation, a coordinator or admin on behalf of one (organisation_id). The opportunity must be another organisation's, published and not expired (422; another organisation's draft is 404). An organisation holds one open interest per opportunity (409 on a second, until the first is declined, withdrawn or closed). The owner's organisation is notified.
//	@Tags			interests
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id				path		string			true	"Opportunity id"	format(uuid)
//	@Param			Idempotency-Key	header		string			false	"Makes a retry safe"
//	@Param			body			body		InterestCreate	true	"The interest"
//	@Success		201				{object}	Interest
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Failure		409				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Router			/api/v1/opportunities/{id}/interests [post]
func (s *server) createInterest(c echo.Context) error {
	id, err := pathID(c, "id", "opportunity")
	if err != nil {
		return err
	}
	var in InterestCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	i, err := interest.Create(c.Request().Context(), s.DB, s.notifier, interest.New{OpportunityID: id, OrganisationID: in.OrganisationID, PersonID: in.PersonID, Message: in.Message})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/interests/"+i.ID)
	return s.writeInterest(c, http.StatusCreated, i)
}

// getInterest godoc
//
//	@Summary	Get an expression of interest
//	@Tags		interests
//	@Produce	json
//	@Security	bearer
//	@Param		id	path		string	true	"Interest id"	format(uuid)
//	@Success	200	{object}	Interest
//	@Failure	401	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Router		/api/v1/interests/{id} [get]
func (s *server) getInterest(c echo.Context) error {
	id, err := pathID(c, "id", "interest")
	if err != nil {
		return err
	}
	i, err := interest.Get(c.Request().Context(), s.DB, id)
	if err != nil {
		return err
	}
	return s.writeInterest(c, http.StatusOK, i)
}

// acceptInterest godoc
//
//	@Summary		Accept an expression of interest
//	@Description	The opportunity's organisation (or a coordinator) accepts an open interest (409 otherwise): it enters the pipeline, and the two sides' contact persons (name, e-mail, phone) become visible to each other; the audit log records the disclosure (share_contacts). The interested organisation is notified.
//	@Tags			interests
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string	true	"Interest id"	format(uuid)
//	@Param			If-Match	header		string	true	"ETag of the interest"
//	@Success		200			{object}	Interest
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/interests/{id}/accept [post]
func (s *server) acceptInterest(c echo.Context) error {
	id, version, err := target(c, "interest")
	if err != nil {
		return err
	}
	i, err := interest.Accept(c.Request().Context(), s.DB, s.notifier, id, version)
	if err != nil {
		return err
	}
	return s.writeInterest(c, http.StatusOK, i)
}

// declineInterest godoc
//
//	@Summary		Decline an expression of interest
//	@Description	The opportunity's organisation (or a coordinator) declines an open interest, with an optional reason the interested side sees; contact data stay unshared. The interested organisation is notified.
//	@Tags			interests
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string			true	"Interest id"	format(uuid)
//	@Param			If-Match	header		string			true	"ETag of the interest"
//	@Param			body		body		InterestDecline	true	"The reason, optional"
//	@Success		200			{object}	Interest
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/interests/{id}/decline [post]
func (s *server) declineInterest(c echo.Context) error {
	id, version, err := target(c, "interest")
	if err != nil {
		return err
	}
	var in InterestDecline
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	i, err := interest.Decline(c.Request().Context(), s.DB, s.notifier, id, version, in.Reason)
	if err != nil {
		return err
	}
	return s.writeInterest(c, http.StatusOK, i)
}

// withdrawInterest godoc
//
//	@Summary		Withdraw an expression of interest
//	@Description	The interested organisation (or a coordinator) takes back an open interest (409 once answered). The opportunity's organisation is notified.
//	@Tags			interests
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string	true	"Interest id"	format(uuid)
//	@Param			If-Match	header		string	true	"ETag of the interest"
//	@Success		200			{object}	Interest
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/interests/{id}/withdraw [post]
func (s *server) withdrawInterest(c echo.Context) error {
	id, version, err := target(c, "interest")
	if err != nil {
		return err
	}
	i, err := interest.Withdraw(c.Request().Context(), s.DB, s.notifier, id, version)
	if err != nil {
		return err
	}
	return s.writeInterest(c, http.StatusOK, i)
}

// updateInterest godoc
//
//	@Summary		Move an accepted interest along the pipeline
//	@Description	The opportunity's organisation (or a coordinator) moves an accepted interest forward (accepted → in_discussion → nda_signed → agreement_signed → project_started; steps may be skipped) or closes it with a closed_reason, and links the agreement and project it produced. Only accepted interests move (409); backwards is 422. The other side is notified of a new status.
//	@Tags			interests
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string			true	"Interest id"	format(uuid)
//	@Param			If-Match	header		string			true	"ETag of the interest"
//	@Param			body		body		InterestPatch	true	"Fields to change (JSON merge patch)"
//	@Success		200			{object}	Interest
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/interests/{id} [patch]
func (s *server) updateInterest(c echo.Context) error {
	id, version, err := target(c, "interest")
	if err != nil {
		return err
	}
	var in InterestPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	patch := interest.Patch{Status: in.Status.Value, ClosedReason: in.ClosedReason.Value, AgreementID: linkIn(in.AgreementID), ProjectID: linkIn(in.ProjectID)}
	if in.Status.Set && (in.Status.Null || in.Status.Value == "") {
		return apperr.Fields{{Field: "status", Message: "must be a pipeline status or closed"}}.Err()
	}
	i, err := interest.Update(c.Request().Context(), s.DB, s.notifier, id, version, patch)
	if err != nil {
		return err
	}
	return s.writeInterest(c, http.StatusOK, i)
}

func linkIn(f opt.Field[string]) *interest.Link {
	if !f.Set {
		return nil
	}
	if f.Null {
		return &interest.Link{}
	}
	v := f.Value
	return &interest.Link{ID: &v}
}

// InterestOrigin is where an agreement or project came from: an
// expression of interest and the opportunity it answered.
type InterestOrigin struct {
	InterestID    string `json:"interest_id" format:"uuid"`
	OpportunityID string `json:"opportunity_id" format:"uuid"`
	// OpportunityTitle is null when the caller may not read the
	// opportunity (another organisation's draft).
	OpportunityTitle *Text `json:"opportunity_title" extensions:"x-nullable"`
	// ViaAgreementID is, for a project, the agreement through which it
	// came from the interest; null when it names the interest itself.
	ViaAgreementID *string `json:"via_agreement_id" format:"uuid" extensions:"x-nullable"`
} // @name InterestOrigin

// interestOrigins returns, by interest id, the origins the interests make.
func (s *server) interestOrigins(ctx context.Context, ids []string) (map[string]InterestOrigin, error) {
	origins, err := interest.Origins(ctx, s.DB, ids)
	if err != nil {
		return nil, err
	}
	out := map[string]InterestOrigin{}
	for id, o := range origins {
		io := InterestOrigin{InterestID: o.InterestID, OpportunityID: o.OpportunityID}
		if o.OpportunityTitle != nil {
			t := textOut(*o.OpportunityTitle)
			io.OpportunityTitle = &t
		}
		out[id] = io
	}
	return out, nil
}

// ChainAgreement is an agreement an opportunity led to.
type ChainAgreement struct {
	ID       string `json:"id" format:"uuid"`
	Title    string `json:"title"`
	SignedOn string `json:"signed_on" example:"2027-03"`
} // @name ChainAgreement

// ChainProject is a project an opportunity led to.
type ChainProject struct {
	ID      string `json:"id" format:"uuid"`
	Title   string `json:"title"`
	Acronym string `json:"acronym"`
	Phase   string `json:"phase"`
} // @name ChainProject

// OpportunityOutcome is one expression of interest in an opportunity
// with the agreements and projects it led to (linked by the interest, or
// naming it as their origin; projects also through such an agreement).
type OpportunityOutcome struct {
	InterestID   string           `json:"interest_id" format:"uuid"`
	Organisation OrganisationRef  `json:"organisation"`
	Status       string           `json:"status"`
	Agreements   []ChainAgreement `json:"agreements"`
	Projects     []ChainProject   `json:"projects"`
} // @name OpportunityOutcome

// ledTo is what the opportunity led to, as far as the caller may read
// its interests (pkg/interest decides).
func (s *server) ledTo(ctx context.Context, opportunityID string) ([]OpportunityOutcome, error) {
	outcomes, err := interest.LedTo(ctx, s.DB, opportunityID)
	if err != nil {
		return nil, err
	}
	var orgIDs []string
	for _, o := range outcomes {
		orgIDs = append(orgIDs, o.OrganisationID)
	}
	names, err := organisation.Refs(ctx, s.DB, orgIDs)
	if err != nil {
		return nil, err
	}
	out := make([]OpportunityOutcome, 0, len(outcomes))
	for _, o := range outcomes {
		x := OpportunityOutcome{InterestID: o.InterestID, Organisation: orgRef(names, o.OrganisationID), Status: o.Status,
			Agreements: []ChainAgreement{}, Projects: []ChainProject{}}
		for _, a := range o.Agreements {
			x.Agreements = append(x.Agreements, ChainAgreement{ID: a.ID, Title: a.Title, SignedOn: a.SignedOn})
		}
		for _, p := range o.Projects {
			x.Projects = append(x.Projects, ChainProject{ID: p.ID, Title: p.Title, Acronym: p.Acronym, Phase: p.Phase})
		}
		out = append(out, x)
	}
	return out, nil
}

// opportunityContact is the opportunity's contact person as the caller
// may see them: the name for every reader, e-mail and phone only for
// coordinators, admins, the own organisation and organisations whose
// interest the owner accepted (pkg/interest decides).
func (s *server) opportunityContact(ctx context.Context, o opportunity.Opportunity) (*InterestContact, error) {
	if o.ContactPersonID == nil {
		return nil, nil
	}
	people, err := person.ByIDs(ctx, s.DB, []string{*o.ContactPersonID})
	if err != nil {
		return nil, err
	}
	p, ok := people[*o.ContactPersonID]
	if !ok {
		return nil, nil
	}
	shared, err := interest.SeesOpportunityContact(ctx, s.DB, o.ID, p.OrganisationID)
	if err != nil {
		return nil, err
	}
	out := &InterestContact{PersonID: p.ID, DisplayName: p.DisplayName(auth.From(ctx).Locale), GivenName: p.GivenName, FamilyName: p.FamilyName,
		GivenNameLocal: p.GivenNameLocal, FamilyNameLocal: p.FamilyNameLocal, Position: p.Position}
	if shared {
		out.Email, out.Phone = &p.Email, &p.Phone
	}
	return out, nil
}
