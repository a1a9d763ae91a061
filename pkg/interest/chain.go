package interest

import (
	"context"
	"slices"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/project"
)

// The chain opportunity → interest → agreement → project, both ways.
// Forwards (LedTo): an interest links its agreement and project
// (agreement_id, project_id), and agreements and projects name the
// interest they came from (origin_interest_id), a project also through
// the agreement it came from (origin_agreement_id). Backwards (Origins):
// an agreement or project names its interest, and the interest its
// opportunity.

// Outcome is one interest in an opportunity with what it led to.
type Outcome struct {
	InterestID     string
	OrganisationID string
	Status         string
	Agreements     []agreement.Ref
	Projects       []project.Ref
}

// LedTo returns, oldest first, the interests in the opportunity that the
// caller may read, each with the agreements and projects it led to.
func LedTo(ctx context.Context, db *database.DB, opportunityID string) ([]Outcome, error) {
	q, err := where(ctx, db, Filter{OpportunityID: opportunityID})
	if err != nil {
		return nil, err
	}
	var list []Interest
	if err := q.Order("created_at, id").Limit(1000).Find(&list).Error; err != nil {
		return nil, err
	}
	out := []Outcome{}
	if len(list) == 0 {
		return out, nil
	}
	var ids, agreementIDs, projectIDs []string
	for _, i := range list {
		ids = append(ids, i.ID)
		if i.AgreementID != nil {
			agreementIDs = append(agreementIDs, *i.AgreementID)
		}
		if i.ProjectID != nil {
			projectIDs = append(projectIDs, *i.ProjectID)
		}
	}
	agreements, err := agreement.Refs(ctx, db, agreementIDs, ids)
	if err != nil {
		return nil, err
	}
	var fromAgreements []string
	for _, a := range agreements {
		fromAgreements = append(fromAgreements, a.ID)
	}
	projects, err := project.Refs(ctx, db, projectIDs, ids, fromAgreements)
	if err != nil {
		return nil, err
	}
	for _, i := range list {
		o := Outcome{InterestID: i.ID, OrganisationID: i.OrganisationID, Status: i.Status, Agreements: []agreement.Ref{}, Projects: []project.Ref{}}
		var mine []string
		for _, a := range agreements {
			if same(i.AgreementID, a.ID) || same(a.OriginInterestID, i.ID) {
				o.Agreements = append(o.Agreements, a)
				mine = append(mine, a.ID)
			}
		}
		for _, p := range projects {
			if same(i.ProjectID, p.ID) || same(p.OriginInterestID, i.ID) || (p.OriginAgreementID != nil && slices.Contains(mine, *p.OriginAgreementID)) {
				o.Projects = append(o.Projects, p)
			}
		}
		out = append(out, o)
	}
	return out, nil
}

func same(p *string, s string) bool { return p != nil && *p == s }

// Origin is where an agreement or project came from: an interest, and
// the opportunity it answered. The opportunity's title is there only when
// the caller may read the opportunity (a draft of another organisation's
// is not named).
type Origin struct {
	InterestID       string
	OpportunityID    string
	OpportunityTitle *i18n.Text
}

// Origins returns, by interest id, the origins the interests with the ids
// make.
func Origins(ctx context.Context, db *database.DB, ids []string) (map[string]Origin, error) {
	out := map[string]Origin{}
	if len(ids) == 0 {
		return out, nil
	}
	var list []Interest
	if err := db.Conn(ctx).Where("id IN ?", ids).Find(&list).Error; err != nil {
		return nil, err
	}
	if err := withOpportunities(ctx, db, list); err != nil {
		return nil, err
	}
	c := auth.From(ctx)
	for _, i := range list {
		o := Origin{InterestID: i.ID, OpportunityID: i.OpportunityID}
		if opportunity.Readable(c, opportunity.Opportunity{OrganisationID: i.Opportunity.OrganisationID, Status: i.Opportunity.Status}) {
			t := i.Opportunity.Title
			o.OpportunityTitle = &t
		}
		out[i.ID] = o
	}
	return out, nil
}
