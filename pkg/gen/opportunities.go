package gen

import (
	"math/rand/v2"
	"time"

	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/opportunity"
)

// kOpportunity numbers the random and id streams of opportunities
// (after the kinds of child record in records.go).
const kOpportunity uint64 = 100

// Reference is the day the data set describes; matching benchmarks judge
// expiry on it, so a data set gives the same answers whenever it is read.
func Reference() time.Time { return ref }

// opportunitySpan is how far back the opportunities were created: two
// years, each valid for one or two years, so that most of those
// published are still valid on the reference day.
const opportunitySpan = 730 * day

// opportunityWords are the phrases titles are made of, by kind:
// English, German, Japanese.
var opportunityWords = map[string][3]string{
	opportunity.TechnologyOffer:     {"Technology offer", "Technologieangebot", "技術提供"},
	opportunity.TechnologyRequest:   {"Seeking technology", "Technologie gesucht", "技術募集"},
	opportunity.BusinessOffer:       {"Partnering offer", "Partnerangebot", "提携提案"},
	opportunity.BusinessRequest:     {"Partner wanted", "Partner gesucht", "パートナー募集"},
	opportunity.ResearchCooperation: {"Research cooperation", "Forschungskooperation", "共同研究"},
}

// some picks up to most distinct codes of list, at least one.
func some(r *rand.Rand, list []string, most int) []string {
	n := 1 + r.IntN(most)
	var out []string
	for len(out) < n {
		if c := one(r, list); !contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func (g *generator) opportunity(b *batch, k int) error {
	r := g.rng(kOpportunity, k)
	at := ref.Add(-opportunitySpan + time.Duration(float64(opportunitySpan)*float64(k)/float64(max(g.scale.Opportunities, 1)))).Truncate(time.Microsecond)
	kind := opportunity.KindCodes[pick(r, 30, 20, 15, 15, 20)]
	c := one(r, []string{"DE", "JP"})
	org := g.findOrg(r, c)
	o := opportunity.Opportunity{ID: g.id(kOpportunity, k, at), OrganisationID: g.orgID(org), Kind: kind, Version: 1, CreatedAt: at, UpdatedAt: at,
		FocusAreas: areas(r, 2), Modalities: some(r, opportunity.ModalityCodes, 2), Stage: one(r, opportunity.StageCodes),
		CooperationTypes: some(r, opportunity.CooperationTypeCodes, 3), IPStatus: one(r, []string{"granted", "pending", "none", "not_applicable"}),
		ValidUntil: at.AddDate(1+r.IntN(2), 0, 0).Format(time.DateOnly)}
	if r.IntN(3) > 0 {
		o.TargetCountries = []string{map[string]string{"DE": "JP", "JP": "DE"}[g.orgCountry(org)]}
	}
	if r.IntN(2) == 0 {
		o.ContactPersonID = ptr(g.personID(2*org + r.IntN(2)))
	}
	fw, kw := focusWords[o.FocusAreas[0]], opportunityWords[kind]
	modality := opportunity.Modalities[indexOf(opportunity.ModalityCodes, o.Modalities[0])].Name
	o.Title = i18n.Text{En: kw[0] + ": " + modality.En + " in " + fw[0], De: kw[1] + ": " + modality.De + " – " + fw[1], Ja: kw[2] + "：" + fw[2] + "の" + modality.Ja}
	o.Summary = i18n.Text{En: "Fictional generated " + kw[0] + " about " + fw[0] + ".", De: "Erfundenes " + kw[1] + " zu " + fw[1] + ".",
		Ja: fw[2] + "に関する架空の" + kw[2] + "です。"}
	switch r.IntN(4) { // one in four misses a language
	case 0:
		o.Title.Ja, o.Summary.Ja = "", ""
	case 1:
		o.Title.De, o.Summary.De = "", ""
	}
	o.Details = i18n.Text{En: "Generated details for members of the network."}
	switch pick(r, 80, 12, 8) {
	case 0:
		o.Status = opportunity.Published
	case 1:
		o.Status = opportunity.Draft
	default:
		o.Status, o.ClosedReason = opportunity.Closed, ptr(one(r, opportunity.ClosedReasons.Codes()))
	}
	o, grams, tags, err := opportunity.Prepare(o, at)
	if err != nil {
		return err
	}
	b.opportunities, b.oppGrams = append(b.opportunities, o), append(b.oppGrams, grams)
	for _, t := range tags {
		b.oppTags = append(b.oppTags, opportunity.Tag{OpportunityID: o.ID, Tag: t})
	}
	for _, f := range o.FocusAreas {
		b.oppAreas = append(b.oppAreas, opportunity.FocusArea{OpportunityID: o.ID, FocusArea: f})
	}
	return nil
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return 0
}
