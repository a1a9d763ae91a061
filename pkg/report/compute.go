package report

import (
	"context"
	"sort"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/interest"
	"github.com/innomunich/platform/pkg/meeting"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/report/span"
	"github.com/innomunich/platform/pkg/trip"
	"golang.org/x/sync/errgroup"
	"gorm.io/gorm"
)

// sectionsAtOnce is how many sections of a report run at once on
// PostgreSQL. PostgreSQL parallelises the larger statements itself, so
// more sections at once only make them compete: at one million
// organisations on two cores, the 2025 report took 1.4 s one section at
// a time, 1.37 s two at a time, 1.46 s three and 1.6–2.3 s all seven
// (docs/performance.md). Two also leave a larger server's other cores to
// the other users while a report runs.
const sectionsAtOnce = 2

// Compute counts the KPIs of the period. Each figure is counted by the
// package that owns its data, in SQL; this package only puts them
// together. lang (de, en, ja) chooses the titles of opportunities in the
// chains of what the network initiated.
func Compute(ctx context.Context, db *database.DB, p Period, lang string) (KPIs, error) {
	s := p.Span()
	k := KPIs{Period: p}
	steps := []func(context.Context, *database.DB, span.Span, string, *KPIs) error{
		directory, trips, agreements, partnering, projects, funding, funnel,
	}
	// The sections are independent and each writes only its own part of
	// k, so on PostgreSQL they run two at a time, on connections of
	// their own; within a transaction (freezing) and on SQLite one after
	// another.
	if _, inTx := database.SQLTx(ctx); inTx || db.Engine != database.Postgres {
		for _, step := range steps {
			if err := step(ctx, db, s, lang, &k); err != nil {
				return KPIs{}, err
			}
		}
		return k, nil
	}
	var g errgroup.Group
	g.SetLimit(sectionsAtOnce)
	for _, step := range steps {
		g.Go(func() error { return step(ctx, db, s, lang, &k) })
	}
	if err := g.Wait(); err != nil {
		return KPIs{}, err
	}
	return k, nil
}

// tallyOf adds n to the Tally of code in m.
type tallyMap map[string]*Tally

func (m tallyMap) add(code string, added, total int64) {
	t := m[code]
	if t == nil {
		t = &Tally{Code: code}
		m[code] = t
	}
	t.Added += added
	t.Total += total
}

func (m tallyMap) sorted() []Tally {
	out := []Tally{}
	for _, t := range m {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// noRegion is the code of organisations without a region.
const noRegion = "none"

func region(r string) string {
	if r == "" {
		return noRegion
	}
	return r
}

func directory(ctx context.Context, db *database.DB, s span.Span, _ string, k *KPIs) error {
	groups, err := organisation.Groups(ctx, db, s)
	if err != nil {
		return err
	}
	country, reg, kind, smes := tallyMap{}, tallyMap{}, tallyMap{}, tallyMap{}
	o := &k.Directory.Organisations
	for _, g := range groups {
		o.Added += g.Added
		o.Total += g.Total
		country.add(g.Country, g.Added, g.Total)
		reg.add(region(g.Region), g.Added, g.Total)
		kind.add(g.Kind, g.Added, g.Total)
		if g.SME {
			smes.add(g.Country, g.Added, g.Total)
		}
	}
	o.ByCountry, o.ByRegion, o.ByKind, o.SMEs = country.sorted(), reg.sorted(), kind.sorted(), smes.sorted()
	people, err := person.TallyByCountry(ctx, db, s)
	if err != nil {
		return err
	}
	byCountry := tallyMap{}
	for _, c := range people {
		byCountry.add(c.Country, c.AtEnd-c.AtStart, c.AtEnd)
	}
	k.Directory.People.ByCountry = []Tally{}
	for _, t := range byCountry.sorted() {
		if t.Total == 0 {
			continue // a country whose people all moved or went
		}
		k.Directory.People.Added += t.Added
		k.Directory.People.Total += t.Total
		k.Directory.People.ByCountry = append(k.Directory.People.ByCountry, t)
	}
	return nil
}

func codeCounts(m map[string]int64) []CodeCount {
	out := []CodeCount{}
	for c, n := range m {
		out = append(out, CodeCount{c, n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

func trips(ctx context.Context, db *database.DB, s span.Span, _ string, k *KPIs) error {
	t := &k.Trips
	byKind, err := trip.HeldByKind(ctx, db, s)
	if err != nil {
		return err
	}
	t.ByKind = []TripKind{}
	for _, r := range byKind {
		t.Held += r.Trips
		t.Confirmed += r.Confirmed
		t.Attended += r.Attended
		t.ByKind = append(t.ByKind, TripKind{r.Kind, r.Trips, r.Confirmed, r.Attended})
	}
	groups, err := organisation.GroupsAmong(ctx, db, trip.Participating(ctx, db, s))
	if err != nil {
		return err
	}
	country, kind, smes := map[string]int64{}, map[string]int64{}, map[string]int64{}
	for _, g := range groups {
		t.Organisations += g.Total
		country[g.Country] += g.Total
		kind[g.Kind] += g.Total
		if g.SME {
			smes[g.Country] += g.Total
		}
	}
	t.OrganisationsByCountry, t.OrganisationsByKind, t.SMEsByCountry = codeCounts(country), codeCounts(kind), codeCounts(smes)
	requested, held, steps, err := meeting.ReportFigures(ctx, db, trip.Held(ctx, db, s))
	if err != nil {
		return err
	}
	t.Meetings = &Meetings{Requested: requested, Held: held, OutcomesByNextStep: []CodeCount{}}
	for _, st := range steps {
		t.Meetings.OutcomesByNextStep = append(t.Meetings.OutcomesByNextStep, CodeCount{st.NextStep, st.N})
	}
	visited, err := organisation.GroupsAmong(ctx, db, trip.Visited(ctx, db, s))
	if err != nil {
		return err
	}
	for _, g := range visited {
		if g.Country == "JP" {
			t.JapaneseOrganisationsVisited += g.Total
		}
	}
	return nil
}

func agreements(ctx context.Context, db *database.DB, s span.Span, _ string, k *KPIs) error {
	a := &k.Agreements
	byKind, err := agreement.ByKind(ctx, db, s)
	if err != nil {
		return err
	}
	a.ByKind = []AgreementRow{}
	for _, f := range byKind {
		a.Signed += f.Counts[0]
		a.Renewed += f.Counts[1]
		a.Terminated += f.Counts[2]
		a.ActiveAtEnd += f.Counts[3]
		a.ByKind = append(a.ByKind, AgreementRow{f.Code, f.Counts[0], f.Counts[1], f.Counts[2], f.Counts[3]})
	}
	rows := map[string]*AgreementRow{}
	for i, m := range agreement.Measures {
		byRegion, err := agreement.CountByRegion(ctx, db, m, s)
		if err != nil {
			return err
		}
		for r, n := range byRegion {
			code := region(r)
			row := rows[code]
			if row == nil {
				row = &AgreementRow{Code: code}
				rows[code] = row
			}
			*[]*int64{&row.Signed, &row.Renewed, &row.Terminated, &row.ActiveAtEnd}[i] = n
		}
	}
	a.ByRegion = []AgreementRow{}
	for _, r := range rows {
		a.ByRegion = append(a.ByRegion, *r)
	}
	sort.Slice(a.ByRegion, func(i, j int) bool { return a.ByRegion[i].Code < a.ByRegion[j].Code })
	return nil
}

func partnering(ctx context.Context, db *database.DB, s span.Span, _ string, k *KPIs) error {
	p := &k.Partnering
	published, err := opportunity.PublishedByKind(ctx, db, s)
	if err != nil {
		return err
	}
	p.PublishedByKind = []CodeCount{}
	for _, r := range published {
		p.Published += r.N
		p.PublishedByKind = append(p.PublishedByKind, CodeCount{r.Kind, r.N})
	}
	byStatus, accepted, err := interest.ExpressedByStatus(ctx, db, s)
	if err != nil {
		return err
	}
	p.Accepted = accepted
	p.ByStatus = []CodeCount{}
	for _, r := range byStatus {
		p.Expressed += r.N
		p.ByStatus = append(p.ByStatus, CodeCount{r.Status, r.N})
	}
	return nil
}

func projects(ctx context.Context, db *database.DB, s span.Span, lang string, k *KPIs) error {
	p := &k.Projects
	byPhase, err := project.ByPhaseAtEnd(ctx, db, s)
	if err != nil {
		return err
	}
	p.ByPhaseAtEnd = []CodeCount{}
	for _, ph := range project.Phases {
		if n := byPhase[ph]; n > 0 {
			p.AtEnd += n
			p.ByPhaseAtEnd = append(p.ByPhaseAtEnd, CodeCount{ph, n})
		}
	}
	if p.Initiated, err = project.Entered(ctx, db, s, project.Initiating...); err != nil {
		return err
	}
	if p.Started, err = project.Entered(ctx, db, s, "implementation"); err != nil {
		return err
	}
	if p.Binational, err = project.CountSpanning(ctx, db, s, "DE", "JP"); err != nil {
		return err
	}
	if p.AtEnd > 0 {
		p.BinationalShare = float64(p.Binational) / float64(p.AtEnd)
	}
	return network(ctx, db, s, lang, p)
}

// network lists what the network initiated: the projects initiated in
// the period that grew from an interest, a meeting, an agreement or a
// trip (the first of these a project names is its origin), each with its
// chain, first link first: opportunity → interest → project; trip →
// meeting → project; [opportunity → interest | trip → meeting →]
// agreement → project; trip → project.
func network(ctx context.Context, db *database.DB, s span.Span, lang string, p *Projects) error {
	list, err := project.InitiatedWithOrigin(ctx, db, s)
	if err != nil {
		return err
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.EnteredOn != b.EnteredOn {
			return a.EnteredOn < b.EnteredOn
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.ID < b.ID
	})
	var agreementIDs []string
	for _, r := range list {
		if r.OriginAgreementID != nil {
			agreementIDs = append(agreementIDs, *r.OriginAgreementID)
		}
	}
	agreements, err := agreement.ChainLinks(ctx, db, agreementIDs)
	if err != nil {
		return err
	}
	var interestIDs, meetingIDs []string
	add := func(interestID, meetingID *string) {
		if interestID != nil {
			interestIDs = append(interestIDs, *interestID)
		}
		if meetingID != nil {
			meetingIDs = append(meetingIDs, *meetingID)
		}
	}
	for _, r := range list {
		add(r.OriginInterestID, r.OriginMeetingID)
	}
	for _, a := range agreements {
		add(a.OriginInterestID, a.OriginMeetingID)
	}
	meetings, err := meeting.Refs(ctx, db, meetingIDs)
	if err != nil {
		return err
	}
	tripIDs := []string{}
	for _, r := range list {
		if r.OriginTripID != nil {
			tripIDs = append(tripIDs, *r.OriginTripID)
		}
	}
	for _, m := range meetings {
		tripIDs = append(tripIDs, m.TripID)
	}
	tripTitles, err := trip.Titles(ctx, db, tripIDs)
	if err != nil {
		return err
	}
	opportunityOf, err := interest.OpportunitiesOf(ctx, db, interestIDs)
	if err != nil {
		return err
	}
	var opportunityIDs []string
	for _, id := range opportunityOf {
		opportunityIDs = append(opportunityIDs, id)
	}
	opportunityTitles, err := opportunity.Titles(ctx, db, opportunityIDs, lang)
	if err != nil {
		return err
	}
	interestChain := func(id string) []Link {
		opp := opportunityOf[id]
		return []Link{{"opportunity", opp, opportunityTitles[opp]}, {"interest", id, opportunityTitles[opp]}}
	}
	meetingChain := func(id string) []Link {
		m := meetings[id]
		return []Link{{"trip", m.TripID, tripTitles[m.TripID]}, {"meeting", id, m.Title}}
	}
	byOrigin := map[string]int64{}
	p.Network = []InitiatedProject{}
	for _, r := range list {
		ip := InitiatedProject{ID: r.ID, Title: r.Title, Acronym: r.Acronym, InitiatedOn: r.EnteredOn}
		switch {
		case r.OriginInterestID != nil:
			ip.Origin, ip.Chain = "interest", interestChain(*r.OriginInterestID)
		case r.OriginMeetingID != nil:
			ip.Origin, ip.Chain = "meeting", meetingChain(*r.OriginMeetingID)
		case r.OriginAgreementID != nil:
			ip.Origin = "agreement"
			a := agreements[*r.OriginAgreementID]
			switch {
			case a.OriginInterestID != nil:
				ip.Chain = interestChain(*a.OriginInterestID)
			case a.OriginMeetingID != nil:
				ip.Chain = meetingChain(*a.OriginMeetingID)
			}
			ip.Chain = append(ip.Chain, Link{"agreement", *r.OriginAgreementID, a.Title})
		default:
			ip.Origin = "trip"
			ip.Chain = []Link{{"trip", *r.OriginTripID, tripTitles[*r.OriginTripID]}}
		}
		ip.Chain = append(ip.Chain, Link{"project", r.ID, r.Title})
		byOrigin[ip.Origin]++
		p.Network = append(p.Network, ip)
	}
	p.NetworkByOrigin = codeCounts(byOrigin)
	return nil
}

func funding(ctx context.Context, db *database.DB, s span.Span, _ string, k *KPIs) error {
	f := &k.Funding
	groups, undated, err := project.FundingsInSpan(ctx, db, s)
	if err != nil {
		return err
	}
	f.Undated = undated
	f.Committed = []Committed{}
	for _, g := range groups {
		f.Committed = append(f.Committed, Committed{g.Funder, g.Programme, g.Fundings, Amount{g.Amount, g.Currency}})
	}
	// Sorted here, not by the database, whose collation differs by engine.
	sort.Slice(f.Committed, func(i, j int) bool {
		a, b := f.Committed[i], f.Committed[j]
		if a.Funder != b.Funder {
			return a.Funder < b.Funder
		}
		if a.Programme != b.Programme {
			return a.Programme < b.Programme
		}
		return a.Amount.Currency < b.Amount.Currency
	})
	runs, err := project.FundingRuns(ctx, db, s)
	if err != nil {
		return err
	}
	var unreadable int64
	f.PerYear, unreadable = splitRuns(runs)
	f.Undated += unreadable
	sort.Slice(f.PerYear, func(i, j int) bool {
		a, b := f.PerYear[i], f.PerYear[j]
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if a.Funder != b.Funder {
			return a.Funder < b.Funder
		}
		return a.Amount.Currency < b.Amount.Currency
	})
	refs, err := project.References(ctx, db, s)
	if err != nil {
		return err
	}
	sort.Slice(refs, func(i, j int) bool {
		a, b := refs[i], refs[j]
		if a.Reference != b.Reference {
			return a.Reference < b.Reference
		}
		if a.Funder != b.Funder {
			return a.Funder < b.Funder
		}
		if a.ProjectID != b.ProjectID {
			return a.ProjectID < b.ProjectID
		}
		return a.Currency < b.Currency
	})
	f.References = []Reference{}
	stems := map[string][]string{}
	stemAmounts := map[string]map[string]int64{} // stem → currency → amount
	for _, r := range refs {
		stem := project.ReferenceStem(r.Reference)
		f.References = append(f.References, Reference{r.Reference, stem, r.Funder, r.ProjectID, r.Title, Amount{r.Amount, r.Currency}})
		if l := stems[stem]; len(l) == 0 || l[len(l)-1] != r.Reference {
			stems[stem] = append(l, r.Reference)
		}
		if stemAmounts[stem] == nil {
			stemAmounts[stem] = map[string]int64{}
		}
		stemAmounts[stem][r.Currency] += r.Amount
	}
	f.Joint = []Joint{}
	for stem, list := range stems {
		if len(list) < 2 {
			continue
		}
		j := Joint{Stem: stem, References: list, Amounts: []Amount{}}
		for currency, n := range stemAmounts[stem] {
			j.Amounts = append(j.Amounts, Amount{n, currency})
		}
		sort.Slice(j.Amounts, func(a, b int) bool { return j.Amounts[a].Currency < j.Amounts[b].Currency })
		f.Joint = append(f.Joint, j)
	}
	sort.Slice(f.Joint, func(i, j int) bool { return f.Joint[i].Stem < f.Joint[j].Stem })
	return nil
}

// splitRuns spreads the funding runs over the budget years they cover
// (Split), summed per year, funder and currency; undated counts the runs
// whose dates Split cannot read (a date the funding's validation let
// through), left out rather than failing the whole figure.
func splitRuns(runs []project.FundingRun) (parts []YearPart, undated int64) {
	type key struct {
		year             int
		funder, currency string
	}
	perYear := map[key]int64{}
	for _, r := range runs {
		shares, err := Split(r.Amount, r.FromDate, r.Until)
		if err != nil {
			undated++
			continue
		}
		for _, part := range shares {
			perYear[key{part.Year, r.Funder, r.Currency}] += part.Amount
		}
	}
	parts = []YearPart{}
	for kk, n := range perYear {
		parts = append(parts, YearPart{kk.year, kk.funder, Amount{n, kk.currency}})
	}
	return parts, undated
}

func funnel(ctx context.Context, db *database.DB, s span.Span, _ string, k *KPIs) error {
	contacts := []*gorm.DB{trip.Participating(ctx, db, s), trip.Visited(ctx, db, s)}
	n, err := organisation.CountFunnel(ctx, db, contacts,
		meeting.HeldBy(ctx, db, trip.Held(ctx, db, s)),
		interest.Involved(ctx, db, s),
		[]*gorm.DB{agreement.Parties(ctx, db, "signed", s)},
		[]*gorm.DB{project.InitiatedPartners(ctx, db, s, false)},
		[]*gorm.DB{project.InitiatedPartners(ctx, db, s, true)},
	)
	if err != nil {
		return err
	}
	k.Funnel.Steps = make([]CodeCount, len(FunnelSteps))
	for i, step := range FunnelSteps {
		k.Funnel.Steps[i] = CodeCount{step, n[i]}
	}
	return nil
}
