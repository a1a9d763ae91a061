// Package interest owns expressions of interest in partnering
// opportunities: an organisation answers another's opportunity with a
// message and one of its people as contact; the owner accepts or
// declines, the interested side may withdraw; after acceptance the
// interest follows a pipeline (in discussion, NDA signed, agreement
// signed, project started, or closed) and may link the agreement and the
// project it produced. It also owns who sees whose contact person
// (contact.go): only on acceptance are the two sides' contact data shared.
package interest

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/notify"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
)

// Statuses of an interest.
const (
	Open            = "open"
	Accepted        = "accepted"
	InDiscussion    = "in_discussion"
	NDASigned       = "nda_signed"
	AgreementSigned = "agreement_signed"
	ProjectStarted  = "project_started"
	Declined        = "declined"
	Withdrawn       = "withdrawn"
	Closed          = "closed"
)

// Pipeline is the order of the stages after acceptance; an interest moves
// forward along it (steps may be skipped) or to Closed.
var Pipeline = []string{Accepted, InDiscussion, NDASigned, AgreementSigned, ProjectStarted}

// Statuses lists every status: open, the pipeline, then the ends.
var Statuses = append(append([]string{Open}, Pipeline...), Declined, Withdrawn, Closed)

// Ended are the statuses that no longer hold an organisation's one open
// interest in an opportunity (the partial unique index of the migration
// names the same three).
var Ended = []string{Declined, Withdrawn, Closed}

// Interest is one organisation's expression of interest in an opportunity.
type Interest struct {
	ID             string
	OpportunityID  string
	OrganisationID string  // the interested organisation
	PersonID       *string // its contact person; nil once the person was erased
	Message        string
	Status         string
	DeclineReason  string
	ClosedReason   string
	AgreementID    *string
	ProjectID      *string
	AcceptedAt     *time.Time
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// Opportunity is what the interest answers, as far as this package
	// needs it (owner, title, contact person).
	Opportunity OpportunityRef `gorm:"-"`
}

// TableName is the interests' table.
func (Interest) TableName() string { return "opportunity_interests" }

// OpportunityRef is the part of an opportunity an interest shows.
type OpportunityRef struct {
	ID              string
	OrganisationID  string // the owner
	Title           i18n.Text
	Status          string
	ContactPersonID *string
}

// AcceptedOnce reports whether the owner accepted the interest (it is in
// the pipeline, or was closed after acceptance): from then on the two
// sides see each other's contact person.
func (i Interest) AcceptedOnce() bool { return i.AcceptedAt != nil }

// InPipeline reports whether the interest is at a stage after acceptance.
func (i Interest) InPipeline() bool { return slices.Contains(Pipeline, i.Status) }

// view is what the audit log records of an interest: ids, the message and
// the status, never the contact data of people.
type view struct {
	OpportunityID  string  `json:"opportunity_id"`
	OrganisationID string  `json:"organisation_id"`
	PersonID       *string `json:"person_id"`
	Message        string  `json:"message"`
	Status         string  `json:"status"`
	DeclineReason  string  `json:"decline_reason"`
	ClosedReason   string  `json:"closed_reason"`
	AgreementID    *string `json:"agreement_id"`
	ProjectID      *string `json:"project_id"`
}

func (i Interest) view() view {
	return view{i.OpportunityID, i.OrganisationID, i.PersonID, i.Message, i.Status, i.DeclineReason, i.ClosedReason, i.AgreementID, i.ProjectID}
}

// disclosure is the audit record of the contact data that acceptance
// shares: whose contact data each side may now see (ids only).
type disclosure struct {
	InterestedPersonID       *string `json:"interested_person_id"`
	InterestedOrganisationID string  `json:"interested_organisation_id"`
	OpportunityContactID     *string `json:"opportunity_contact_person_id"`
	OwnerOrganisationID      string  `json:"owner_organisation_id"`
}

// ShareContacts is the audit action that records the disclosure.
const ShareContacts = "share_contacts"

// Readable reports whether p may read the interest: coordinators, admins
// and viewers read all; a member the interests its organisation sent or
// received.
func Readable(p auth.Principal, i Interest) bool {
	switch p.Role {
	case auth.RoleAdmin, auth.RoleCoordinator, auth.RoleViewer:
		return true
	case auth.RoleMember:
		return p.OrganisationID != "" && (p.OrganisationID == i.OrganisationID || p.OrganisationID == i.Opportunity.OrganisationID)
	}
	return false
}

func writeScope(p auth.Principal) error {
	if !p.Allows(auth.ScopeWriteOpportunities) {
		return apperr.New(apperr.Forbidden, "This API key lacks the write:opportunities scope")
	}
	return nil
}

// canAct: coordinators and admins act for either side; a member for its
// own organisation only.
func canAct(p auth.Principal, orgID, what string) error {
	if err := writeScope(p); err != nil {
		return err
	}
	if p.IsCoordinator() || (p.Role == auth.RoleMember && p.OrganisationID != "" && p.OrganisationID == orgID) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "%s", what)
}

// New is an expression of interest as its sender writes it.
type New struct {
	OpportunityID  string
	OrganisationID string // empty: the caller's organisation
	PersonID       string
	Message        string
}

func (in New) validate() error {
	var bad apperr.Fields
	if uuid.Validate(in.OrganisationID) != nil {
		bad.Add("organisation_id", "must be an organisation id (a coordinator answers on behalf of an organisation and must name it)")
	}
	if uuid.Validate(in.PersonID) != nil {
		bad.Add("person_id", "must be the id of a person of the interested organisation")
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(in.Message)); n < 1 || n > 5000 {
		bad.Add("message", "must be 1 to 5000 characters")
	}
	return bad.Err()
}

// Create records an organisation's interest in a published, unexpired
// opportunity of another organisation. One organisation holds at most one
// open interest per opportunity (Conflict).
func Create(ctx context.Context, db *database.DB, n *notify.Notifier, in New) (Interest, error) {
	c := auth.From(ctx)
	if in.OrganisationID == "" && c.Role == auth.RoleMember {
		in.OrganisationID = c.OrganisationID
	}
	in.Message = strings.TrimSpace(in.Message)
	if err := canAct(c, in.OrganisationID, "A member expresses interest only for its own organisation"); err != nil {
		return Interest{}, err
	}
	if err := in.validate(); err != nil {
		return Interest{}, err
	}
	now := database.Now()
	i := Interest{ID: uuid.Must(uuid.NewV7()).String(), OpportunityID: in.OpportunityID, OrganisationID: in.OrganisationID, PersonID: &in.PersonID,
		Message: in.Message, Status: Open, Version: 1, CreatedAt: now, UpdatedAt: now}
	err := db.WithTx(ctx, func(ctx context.Context) error {
		// A draft of another organisation is NotFound here, as everywhere.
		o, err := opportunity.Get(ctx, db, in.OpportunityID)
		if err != nil {
			return err
		}
		switch {
		case o.Status != opportunity.Published:
			return apperr.New(apperr.Invalid, "Only a published opportunity can be answered; this one is %s", o.Status)
		case o.Expired(opportunity.Today(time.Now())):
			return apperr.New(apperr.Invalid, "This opportunity expired on %s and can no longer be answered", o.ValidUntil)
		case o.OrganisationID == in.OrganisationID:
			return apperr.Fields{{Field: "organisation_id", Message: "is the opportunity's own organisation, which cannot answer its own opportunity"}}.Err()
		}
		if err := organisation.CheckExists(ctx, db, "organisation_id", &in.OrganisationID); err != nil {
			return err
		}
		org, err := person.OrganisationOf(ctx, db, in.PersonID)
		switch {
		case apperr.Is(err, apperr.NotFound):
			return apperr.Fields{{Field: "person_id", Message: "is not a person in the directory"}}.Err()
		case err != nil:
			return err
		case org != in.OrganisationID:
			return apperr.Fields{{Field: "person_id", Message: "is not a person of the interested organisation"}}.Err()
		}
		if err := checkNoOpen(ctx, db, in.OpportunityID, in.OrganisationID); err != nil {
			return err
		}
		if err := db.Conn(ctx).Create(&i).Error; err != nil {
			if database.IsDuplicate(err) {
				return alreadyOpen() // a concurrent twin got in first
			}
			return err
		}
		i.Opportunity = refOf(o)
		if err := audit.Record(ctx, db, audit.Create, "interest", i.ID, i.Version, nil, i.view()); err != nil {
			return err
		}
		return notifyStep(ctx, db, n, i)
	})
	if err != nil {
		return Interest{}, err
	}
	return Get(ctx, db, i.ID)
}

func alreadyOpen() error {
	return apperr.New(apperr.Conflict, "This organisation already has an open interest in this opportunity; withdraw it or wait for its answer before sending another")
}

func checkNoOpen(ctx context.Context, db *database.DB, opportunityID, orgID string) error {
	var n int64
	if err := db.Conn(ctx).Model(&Interest{}).Where("opportunity_id = ? AND organisation_id = ? AND status NOT IN ?", opportunityID, orgID, Ended).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return alreadyOpen()
	}
	return nil
}

func refOf(o opportunity.Opportunity) OpportunityRef {
	return OpportunityRef{ID: o.ID, OrganisationID: o.OrganisationID, Title: o.Title, Status: o.Status, ContactPersonID: o.ContactPersonID}
}

// Get returns an interest the caller may read; others are NotFound.
func Get(ctx context.Context, db *database.DB, id string) (Interest, error) {
	i, err := load(ctx, db, id)
	if err != nil {
		return Interest{}, err
	}
	if !Readable(auth.From(ctx), i) {
		return Interest{}, notFound(id)
	}
	return i, nil
}

func notFound(id string) error { return apperr.New(apperr.NotFound, "No interest with id %s", id) }

// load reads an interest whatever the caller may see.
func load(ctx context.Context, db *database.DB, id string) (Interest, error) {
	if uuid.Validate(id) != nil {
		return Interest{}, notFound(id)
	}
	return database.GetWith(ctx, db, "interest", id, withOpportunities)
}

// oppRow is what interests read of their opportunities. The opportunity
// package owns the table; this is a read of the few columns an interest
// shows, one query per page rather than one Get per interest.
type oppRow struct {
	ID              string
	OrganisationID  string
	TitleDe         string
	TitleEn         string
	TitleJa         string
	Status          string
	ContactPersonID *string
}

func withOpportunities(ctx context.Context, db *database.DB, list []Interest) error {
	ids := make([]string, 0, len(list))
	for _, i := range list {
		if !slices.Contains(ids, i.OpportunityID) {
			ids = append(ids, i.OpportunityID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	var rows []oppRow
	if err := db.Conn(ctx).Table("opportunities").Select("id, organisation_id, title_de, title_en, title_ja, status, contact_person_id").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return err
	}
	byID := map[string]OpportunityRef{}
	for _, r := range rows {
		byID[r.ID] = OpportunityRef{ID: r.ID, OrganisationID: r.OrganisationID, Title: i18n.Text{De: r.TitleDe, En: r.TitleEn, Ja: r.TitleJa}, Status: r.Status, ContactPersonID: r.ContactPersonID}
	}
	for k := range list {
		list[k].Opportunity = byID[list[k].OpportunityID]
	}
	return nil
}

// change loads the interest, checks who may and the version, lets step
// compute the new state and writes it with its audit event (and the
// notification of the other side) in one transaction.
func change(ctx context.Context, db *database.DB, n *notify.Notifier, id string, version int, action string, who func(c auth.Principal, i Interest) error, step func(ctx context.Context, i Interest) (Interest, error)) (Interest, error) {
	err := db.WithTx(ctx, func(ctx context.Context) error {
		before, err := Get(ctx, db, id)
		if err != nil {
			return err
		}
		if err := who(auth.From(ctx), before); err != nil {
			return err
		}
		if err := database.CheckVersion("interest", before.Version, version); err != nil {
			return err
		}
		after, err := step(ctx, before)
		if err != nil {
			return err
		}
		set := map[string]any{
			"status": after.Status, "decline_reason": after.DeclineReason, "closed_reason": after.ClosedReason,
			"agreement_id": after.AgreementID, "project_id": after.ProjectID, "accepted_at": after.AcceptedAt,
		}
		if after.Version, err = db.UpdateVersioned(ctx, "opportunity_interests", "interest", id, version, set); err != nil {
			return err
		}
		if err := audit.Record(ctx, db, action, "interest", id, after.Version, before.view(), after.view()); err != nil {
			return err
		}
		if !before.AcceptedOnce() && after.AcceptedOnce() {
			d := disclosure{after.PersonID, after.OrganisationID, after.Opportunity.ContactPersonID, after.Opportunity.OrganisationID}
			if err := audit.Record(ctx, db, ShareContacts, "interest", id, after.Version, nil, d); err != nil {
				return err
			}
		}
		if after.Status != before.Status {
			return notifyStep(ctx, db, n, after)
		}
		return nil
	})
	if err != nil {
		return Interest{}, err
	}
	return Get(ctx, db, id)
}

func ownerSide(p auth.Principal, i Interest) error {
	return canAct(p, i.Opportunity.OrganisationID, "Only the opportunity's organisation (or a coordinator) answers and moves an interest along")
}

func mustBeOpen(i Interest, verb string) error {
	if i.Status != Open {
		return apperr.New(apperr.Conflict, "Only an open interest can be %s; this one is %s", verb, i.Status)
	}
	return nil
}

// Accept is the owner's yes: the interest enters the pipeline and the two
// sides' contact persons become visible to each other, which the audit
// log records as a share_contacts event.
func Accept(ctx context.Context, db *database.DB, n *notify.Notifier, id string, version int) (Interest, error) {
	return change(ctx, db, n, id, version, "accept", ownerSide, func(_ context.Context, i Interest) (Interest, error) {
		if err := mustBeOpen(i, "accepted"); err != nil {
			return i, err
		}
		now := database.Now()
		i.Status, i.AcceptedAt = Accepted, &now
		return i, nil
	})
}

func checkReason(field, reason string, required bool) error {
	n := utf8.RuneCountInString(reason)
	switch {
	case required && n == 0:
		return apperr.Fields{{Field: field, Message: "is required"}}.Err()
	case n > 1000:
		return apperr.Fields{{Field: field, Message: "must be at most 1000 characters"}}.Err()
	}
	return nil
}

// Decline is the owner's no, with an optional reason.
func Decline(ctx context.Context, db *database.DB, n *notify.Notifier, id string, version int, reason string) (Interest, error) {
	reason = strings.TrimSpace(reason)
	return change(ctx, db, n, id, version, "decline", ownerSide, func(_ context.Context, i Interest) (Interest, error) {
		if err := checkReason("reason", reason, false); err != nil {
			return i, err
		}
		if err := mustBeOpen(i, "declined"); err != nil {
			return i, err
		}
		i.Status, i.DeclineReason = Declined, reason
		return i, nil
	})
}

// Withdraw is the interested side taking its interest back while it is
// still open.
func Withdraw(ctx context.Context, db *database.DB, n *notify.Notifier, id string, version int) (Interest, error) {
	interestedSide := func(c auth.Principal, i Interest) error {
		return canAct(c, i.OrganisationID, "Only the interested organisation (or a coordinator) withdraws an interest")
	}
	return change(ctx, db, n, id, version, "withdraw", interestedSide, func(_ context.Context, i Interest) (Interest, error) {
		if err := mustBeOpen(i, "withdrawn"); err != nil {
			return i, err
		}
		i.Status = Withdrawn
		return i, nil
	})
}

// Patch moves an accepted interest along the pipeline and links what it
// produced; absent fields stay, null clears a link.
type Patch struct {
	Status       string // "" stays
	ClosedReason string // required with Closed
	AgreementID  *Link
	ProjectID    *Link
}

// Link sets (ID) or clears (ID nil) a linked record.
type Link struct{ ID *string }

// StepAllowed reports whether an accepted interest may go from one stage
// to another: forward along the pipeline (skipping is fine), or to
// closed; closed is the end.
func StepAllowed(from, to string) bool {
	if from == Closed || !slices.Contains(Pipeline, from) {
		return false
	}
	return to == Closed || slices.Index(Pipeline, to) >= slices.Index(Pipeline, from)
}

// Update applies a pipeline step or link change, based on version. Only
// the owner's side (or a coordinator) moves an interest along.
func Update(ctx context.Context, db *database.DB, n *notify.Notifier, id string, version int, in Patch) (Interest, error) {
	in.ClosedReason = strings.TrimSpace(in.ClosedReason)
	var bad apperr.Fields
	if in.Status != "" && in.Status != Closed && !slices.Contains(Pipeline, in.Status) {
		bad.Add("status", "must be one of %s, %s (accept, decline and withdraw have endpoints of their own)", strings.Join(Pipeline, ", "), Closed)
	}
	if in.ClosedReason != "" && in.Status != Closed {
		bad.Add("closed_reason", "goes with status closed")
	}
	if in.Status == Closed {
		if err := checkReason("closed_reason", in.ClosedReason, true); err != nil {
			return Interest{}, err
		}
	}
	for field, l := range map[string]*Link{"agreement_id": in.AgreementID, "project_id": in.ProjectID} {
		if l != nil && l.ID != nil && uuid.Validate(*l.ID) != nil {
			bad.Add(field, "must be an id")
		}
	}
	if err := bad.Err(); err != nil {
		return Interest{}, err
	}
	action := audit.Update
	if in.Status != "" {
		action = "step"
	}
	return change(ctx, db, n, id, version, action, ownerSide, func(ctx context.Context, i Interest) (Interest, error) {
		if !i.InPipeline() {
			return i, apperr.New(apperr.Conflict, "Only an accepted interest moves along the pipeline or links records; this one is %s", i.Status)
		}
		if in.Status != "" && !StepAllowed(i.Status, in.Status) {
			return i, apperr.Fields{{Field: "status", Message: "cannot go from " + i.Status + " to " + in.Status + ": the pipeline only moves forward (" + strings.Join(Pipeline, " → ") + "), or to closed"}}.Err()
		}
		if in.Status != "" {
			i.Status = in.Status
		}
		if in.Status == Closed {
			i.ClosedReason = in.ClosedReason
		}
		if in.AgreementID != nil {
			if err := checkLink("agreement_id", in.AgreementID.ID, func(id string) error { _, err := agreement.Get(ctx, db, id); return err }); err != nil {
				return i, err
			}
			i.AgreementID = in.AgreementID.ID
		}
		if in.ProjectID != nil {
			if err := checkLink("project_id", in.ProjectID.ID, func(id string) error { _, err := project.Get(ctx, db, id); return err }); err != nil {
				return i, err
			}
			i.ProjectID = in.ProjectID.ID
		}
		return i, nil
	})
}

// checkLink asks the owning package whether the linked record exists.
func checkLink(field string, id *string, get func(string) error) error {
	if id == nil {
		return nil
	}
	err := get(*id)
	if apperr.Is(err, apperr.NotFound) {
		return apperr.Fields{{Field: field, Message: "names no record that exists"}}.Err()
	}
	return err
}

// An opportunity that has interests stays: they are the record of who
// answered it (close it instead).
func init() {
	opportunity.Referrers.From = append(opportunity.Referrers.From,
		database.Referrer{Table: "opportunity_interests", Column: "opportunity_id", Noun: "expressions of interest"})
}
