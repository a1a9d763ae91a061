package demo

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/interest"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/person"
)

// demoInterest is an expression of interest of the demo set: which
// organisation answers which opportunity (by its English title), and how
// far it got.
type demoInterest struct {
	org, title, message string
	status              string // open, or a pipeline status it was moved to
}

var interests = []demoInterest{
	{"Sample Pharma K.K.", "Allogeneic CAR-T platform for solid tumours",
		"We are looking for an allogeneic CAR-T platform for Japan and would like to discuss a licence (fictional demo data).", interest.InDiscussion},
	{"Example Cell Therapy Kawasaki K.K.", "Oral small molecule against EBV-associated lymphoma",
		"弊社はEBV関連疾患の研究を進めており、共同開発に関心があります（架空のデモデータ）。", interest.Open},
}

// seedInterests adds the demo interests, each with the answering
// organisation's first person as contact; one is accepted and in
// discussion, one waits for an answer.
func seedInterests(ctx context.Context, db *database.DB, ids map[string]string) (int, error) {
	all, err := opportunity.Sort.Parse(page.Params{Limit: "200"})
	if err != nil {
		return 0, err
	}
	list, _, err := opportunity.List(ctx, db, opportunity.Filter{Status: opportunity.Published}, all)
	if err != nil {
		return 0, err
	}
	byTitle := map[string]string{}
	for _, o := range list {
		byTitle[o.Title.En] = o.ID
	}
	firstPerson, err := person.Sort.Parse(page.Params{Limit: "1", Sort: "created_at"})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, x := range interests {
		people, _, err := person.List(ctx, db, person.Filter{OrganisationID: ids[x.org]}, firstPerson)
		if err != nil || len(people) == 0 || byTitle[x.title] == "" {
			return n, err
		}
		i, err := interest.Create(ctx, db, nil, interest.New{OpportunityID: byTitle[x.title], OrganisationID: ids[x.org], PersonID: people[0].ID, Message: x.message})
		if err != nil {
			return n, err
		}
		if x.status != interest.Open {
			if i, err = interest.Accept(ctx, db, nil, i.ID, i.Version); err != nil {
				return n, err
			}
			if _, err = interest.Update(ctx, db, nil, i.ID, i.Version, interest.Patch{Status: x.status}); err != nil {
				return n, err
			}
		}
		n++
	}
	return n, nil
}
