package report_test

import (
	"context"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/interest"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/report"
	"github.com/innomunich/platform/pkg/trip"
)

// naive recomputes the KPIs the simplest way there is: read every row of
// every table into Go and count with loops. It shares nothing with the
// SQL of the domain packages except the code lists and Split (tested on
// its own), so where the two agree the SQL counts what the definitions
// say.

type rawOrg struct {
	ID, Country, Kind string
	Region            *string
	SME               bool
	CreatedAt         time.Time
}
type rawPerson struct {
	OrganisationID string
	CreatedAt      time.Time
}
type rawTrip struct{ ID, Kind, Status, StartDate, Title string }
type rawParticipant struct{ TripID, OrganisationID, Status string }
type rawAgenda struct {
	TripID         string
	OrganisationID *string
}
type rawAgreement struct {
	ID, Kind, SignedOn, Title string
	ValidUntil, TerminatedOn  *string
	OriginInterestID          *string
}
type rawRenewal struct{ AgreementID, RenewedOn string }
type rawParty struct{ AgreementID, OrganisationID string }
type rawOpportunity struct {
	ID, Kind, OrganisationID  string
	TitleDe, TitleEn, TitleJa string
	PublishedAt               *time.Time
}
type rawInterest struct {
	ID, OpportunityID, OrganisationID, Status string
	CreatedAt                                 time.Time
	AcceptedAt                                *time.Time
}
type rawProject struct {
	ID, Title, Acronym                                string
	StartDate, EndDate                                *string
	OriginTripID, OriginAgreementID, OriginInterestID *string
}
type rawPhase struct {
	ID, ProjectID, Phase, ChangedOn string
	CreatedAt                       time.Time
}
type rawPartner struct{ ProjectID, OrganisationID string }
type rawFunding struct {
	ProjectID, Funder, Programme, Reference, Currency string
	Amount                                            int64
	FromDate, UntilDate                               *string
}

func load[T any](t *testing.T, db *database.DB, table string) []T {
	t.Helper()
	var out []T
	if err := db.Conn(context.Background()).Table(table).Find(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

func firstDay(d string) string {
	switch len(d) {
	case 4:
		return d + "-01-01"
	case 7:
		return d + "-01"
	}
	return d
}

func within(d, from, to string) bool { return d != "" && d >= from && d <= to }

func codes(m map[string]int64) []report.CodeCount {
	out := []report.CodeCount{}
	for c, n := range m {
		out = append(out, report.CodeCount{Code: c, N: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

func tallies(m map[string]*report.Tally) []report.Tally {
	out := []report.Tally{}
	for _, t := range m {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

func tally(m map[string]*report.Tally, code string, added bool) {
	if m[code] == nil {
		m[code] = &report.Tally{Code: code}
	}
	m[code].Total++
	if added {
		m[code].Added++
	}
}

func naive(t *testing.T, db *database.DB, p report.Period, lang string) report.KPIs {
	t.Helper()
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil {
		t.Fatal(err)
	}
	from, _ := time.ParseInLocation(time.DateOnly, p.From, loc)
	to, _ := time.ParseInLocation(time.DateOnly, p.To, loc)
	end := to.AddDate(0, 0, 1)
	in := func(at time.Time) bool { return !at.Before(from) && at.Before(end) }

	orgs := load[rawOrg](t, db, "organisations")
	orgByID := map[string]rawOrg{}
	for _, o := range orgs {
		orgByID[o.ID] = o
	}
	k := report.KPIs{Period: p}

	// Directory.
	country, region, kind, smes, people := map[string]*report.Tally{}, map[string]*report.Tally{}, map[string]*report.Tally{}, map[string]*report.Tally{}, map[string]*report.Tally{}
	for _, o := range orgs {
		if !o.CreatedAt.Before(end) {
			continue
		}
		added := in(o.CreatedAt)
		k.Directory.Organisations.Total++
		if added {
			k.Directory.Organisations.Added++
		}
		tally(country, o.Country, added)
		r := "none"
		if o.Region != nil {
			r = *o.Region
		}
		tally(region, r, added)
		tally(kind, o.Kind, added)
		if o.SME {
			tally(smes, o.Country, added)
		}
	}
	k.Directory.Organisations.ByCountry, k.Directory.Organisations.ByRegion = tallies(country), tallies(region)
	k.Directory.Organisations.ByKind, k.Directory.Organisations.SMEs = tallies(kind), tallies(smes)
	for _, pe := range load[rawPerson](t, db, "people") {
		if !pe.CreatedAt.Before(end) {
			continue
		}
		k.Directory.People.Total++
		if in(pe.CreatedAt) {
			k.Directory.People.Added++
		}
		tally(people, orgByID[pe.OrganisationID].Country, in(pe.CreatedAt))
	}
	k.Directory.People.ByCountry = tallies(people)

	// Trips.
	trips := map[string]rawTrip{}
	held := map[string]bool{}
	for _, tr := range load[rawTrip](t, db, "trips") {
		trips[tr.ID] = tr
		if tr.Status != trip.Cancelled && within(tr.StartDate, p.From, p.To) {
			held[tr.ID] = true
		}
	}
	byKind := map[string]*report.TripKind{}
	for id := range held {
		kk := trips[id].Kind
		if byKind[kk] == nil {
			byKind[kk] = &report.TripKind{Code: kk}
		}
		byKind[kk].Trips++
		k.Trips.Held++
	}
	contacts, participating := map[string]bool{}, map[string]bool{}
	for _, pa := range load[rawParticipant](t, db, "trip_participants") {
		if !held[pa.TripID] || pa.Status != trip.Confirmed {
			continue
		}
		tk := byKind[trips[pa.TripID].Kind]
		tk.Confirmed++
		k.Trips.Confirmed++
		if trips[pa.TripID].Status == trip.Completed {
			tk.Attended++
			k.Trips.Attended++
		}
		participating[pa.OrganisationID] = true
		contacts[pa.OrganisationID] = true
	}
	k.Trips.ByKind = []report.TripKind{}
	for _, kk := range trip.Kinds {
		if byKind[kk] != nil {
			k.Trips.ByKind = append(k.Trips.ByKind, *byKind[kk])
		}
	}
	pc, pk, ps := map[string]int64{}, map[string]int64{}, map[string]int64{}
	for id := range participating {
		o := orgByID[id]
		k.Trips.Organisations++
		pc[o.Country]++
		pk[o.Kind]++
		if o.SME {
			ps[o.Country]++
		}
	}
	k.Trips.OrganisationsByCountry, k.Trips.OrganisationsByKind, k.Trips.SMEsByCountry = codes(pc), codes(pk), codes(ps)
	visited := map[string]bool{}
	for _, a := range load[rawAgenda](t, db, "trip_agenda") {
		if held[a.TripID] && a.OrganisationID != nil {
			contacts[*a.OrganisationID] = true
			if orgByID[*a.OrganisationID].Country == "JP" {
				visited[*a.OrganisationID] = true
			}
		}
	}
	k.Trips.JapaneseOrganisationsVisited = int64(len(visited))

	// Agreements.
	agreements := load[rawAgreement](t, db, "agreements")
	agreementByID := map[string]rawAgreement{}
	renewed := map[string]bool{}
	for _, r := range load[rawRenewal](t, db, "agreement_renewals") {
		if within(r.RenewedOn, p.From, p.To) {
			renewed[r.AgreementID] = true
		}
	}
	measures := map[string][4]bool{}
	signedIn := map[string]bool{}
	aKind := map[string]*report.AgreementRow{}
	for _, a := range agreements {
		agreementByID[a.ID] = a
		m := [4]bool{
			a.SignedOn != "" && within(firstDay(a.SignedOn), p.From, p.To),
			renewed[a.ID],
			a.TerminatedOn != nil && within(*a.TerminatedOn, p.From, p.To),
			a.SignedOn != "" && firstDay(a.SignedOn) <= p.To && (a.TerminatedOn == nil || *a.TerminatedOn > p.To) && (a.ValidUntil == nil || *a.ValidUntil >= p.To),
		}
		measures[a.ID] = m
		signedIn[a.ID] = m[0]
		if aKind[a.Kind] == nil {
			aKind[a.Kind] = &report.AgreementRow{Code: a.Kind}
		}
		row := aKind[a.Kind]
		for i, f := range []*int64{&row.Signed, &row.Renewed, &row.Terminated, &row.ActiveAtEnd} {
			if m[i] {
				*f++
			}
		}
		for i, f := range []*int64{&k.Agreements.Signed, &k.Agreements.Renewed, &k.Agreements.Terminated, &k.Agreements.ActiveAtEnd} {
			if m[i] {
				*f++
			}
		}
	}
	k.Agreements.ByKind = []report.AgreementRow{}
	for _, kk := range agreement.Kinds {
		if r := aKind[kk]; r != nil && (r.Signed+r.Renewed+r.Terminated+r.ActiveAtEnd) > 0 {
			k.Agreements.ByKind = append(k.Agreements.ByKind, *r)
		}
	}
	regionSeen := map[[3]string]bool{} // region, measure, agreement
	aRegion := map[string]*report.AgreementRow{}
	partiesSigned := map[string]bool{}
	for _, pa := range load[rawParty](t, db, "agreement_parties") {
		o := orgByID[pa.OrganisationID]
		r := "none"
		if o.Region != nil {
			r = *o.Region
		}
		if signedIn[pa.AgreementID] {
			partiesSigned[pa.OrganisationID] = true
		}
		for i, ok := range measures[pa.AgreementID] {
			key := [3]string{r, string(rune('0' + i)), pa.AgreementID}
			if !ok || regionSeen[key] {
				continue
			}
			regionSeen[key] = true
			if aRegion[r] == nil {
				aRegion[r] = &report.AgreementRow{Code: r}
			}
			*[]*int64{&aRegion[r].Signed, &aRegion[r].Renewed, &aRegion[r].Terminated, &aRegion[r].ActiveAtEnd}[i]++
		}
	}
	k.Agreements.ByRegion = []report.AgreementRow{}
	for _, r := range aRegion {
		k.Agreements.ByRegion = append(k.Agreements.ByRegion, *r)
	}
	sort.Slice(k.Agreements.ByRegion, func(i, j int) bool { return k.Agreements.ByRegion[i].Code < k.Agreements.ByRegion[j].Code })

	// Partnering.
	opportunities := map[string]rawOpportunity{}
	published := map[string]int64{}
	for _, o := range load[rawOpportunity](t, db, "opportunities") {
		opportunities[o.ID] = o
		if o.PublishedAt != nil && in(*o.PublishedAt) {
			published[o.Kind]++
			k.Partnering.Published++
		}
	}
	k.Partnering.PublishedByKind = []report.CodeCount{}
	for _, kk := range opportunity.Kinds.Codes() {
		if published[kk] > 0 {
			k.Partnering.PublishedByKind = append(k.Partnering.PublishedByKind, report.CodeCount{Code: kk, N: published[kk]})
		}
	}
	byStatus := map[string]int64{}
	involved := map[string]bool{}
	interests := map[string]rawInterest{}
	for _, i := range load[rawInterest](t, db, "opportunity_interests") {
		interests[i.ID] = i
		if in(i.CreatedAt) {
			byStatus[i.Status]++
			k.Partnering.Expressed++
			involved[i.OrganisationID] = true
			involved[opportunities[i.OpportunityID].OrganisationID] = true
		}
		if i.AcceptedAt != nil && in(*i.AcceptedAt) {
			k.Partnering.Accepted++
		}
	}
	k.Partnering.ByStatus = []report.CodeCount{}
	for _, st := range interest.Statuses {
		if byStatus[st] > 0 {
			k.Partnering.ByStatus = append(k.Partnering.ByStatus, report.CodeCount{Code: st, N: byStatus[st]})
		}
	}

	// Projects.
	phases := load[rawPhase](t, db, "project_phases")
	last := map[string]rawPhase{}
	firstInitiating, firstStarted := map[string]string{}, map[string]string{}
	for _, ph := range phases {
		if ph.ChangedOn <= p.To {
			l, ok := last[ph.ProjectID]
			if !ok || ph.ChangedOn > l.ChangedOn || (ph.ChangedOn == l.ChangedOn && (ph.CreatedAt.After(l.CreatedAt) || (ph.CreatedAt.Equal(l.CreatedAt) && ph.ID > l.ID))) {
				last[ph.ProjectID] = ph
			}
		}
		if slices.Contains(project.Initiating, ph.Phase) {
			if d, ok := firstInitiating[ph.ProjectID]; !ok || ph.ChangedOn < d {
				firstInitiating[ph.ProjectID] = ph.ChangedOn
			}
		}
		if ph.Phase == "implementation" {
			if d, ok := firstStarted[ph.ProjectID]; !ok || ph.ChangedOn < d {
				firstStarted[ph.ProjectID] = ph.ChangedOn
			}
		}
	}
	byPhase := map[string]int64{}
	for _, l := range last {
		byPhase[l.Phase]++
		k.Projects.AtEnd++
	}
	k.Projects.ByPhaseAtEnd = []report.CodeCount{}
	for _, ph := range project.Phases {
		if byPhase[ph] > 0 {
			k.Projects.ByPhaseAtEnd = append(k.Projects.ByPhaseAtEnd, report.CodeCount{Code: ph, N: byPhase[ph]})
		}
	}
	initiated := map[string]bool{}
	for id, d := range firstInitiating {
		if within(d, p.From, p.To) {
			initiated[id] = true
			k.Projects.Initiated++
		}
	}
	for _, d := range firstStarted {
		if within(d, p.From, p.To) {
			k.Projects.Started++
		}
	}
	fundedProject := map[string]bool{}
	fundingRows := load[rawFunding](t, db, "project_fundings")
	for _, f := range fundingRows {
		fundedProject[f.ProjectID] = true
	}
	countriesOf := map[string]map[string]bool{}
	partnersInitiated, partnersFunded := map[string]bool{}, map[string]bool{}
	for _, pa := range load[rawPartner](t, db, "project_partners") {
		if _, ok := last[pa.ProjectID]; ok {
			if countriesOf[pa.ProjectID] == nil {
				countriesOf[pa.ProjectID] = map[string]bool{}
			}
			countriesOf[pa.ProjectID][orgByID[pa.OrganisationID].Country] = true
		}
		if initiated[pa.ProjectID] {
			partnersInitiated[pa.OrganisationID] = true
			if fundedProject[pa.ProjectID] {
				partnersFunded[pa.OrganisationID] = true
			}
		}
	}
	for _, c := range countriesOf {
		if c["DE"] && c["JP"] {
			k.Projects.Binational++
		}
	}
	if k.Projects.AtEnd > 0 {
		k.Projects.BinationalShare = float64(k.Projects.Binational) / float64(k.Projects.AtEnd)
	}
	projects := load[rawProject](t, db, "projects")
	projectByID := map[string]rawProject{}
	for _, pr := range projects {
		projectByID[pr.ID] = pr
	}
	oppTitle := func(id string) string {
		o := opportunities[id]
		byLang := map[string]string{"de": o.TitleDe, "en": o.TitleEn, "ja": o.TitleJa}
		for _, l := range []string{lang, "en", "de", "ja"} {
			if byLang[l] != "" {
				return byLang[l]
			}
		}
		return ""
	}
	interestChain := func(id string) []report.Link {
		opp := interests[id].OpportunityID
		return []report.Link{{Kind: "opportunity", ID: opp, Title: oppTitle(opp)}, {Kind: "interest", ID: id, Title: oppTitle(opp)}}
	}
	byOrigin := map[string]int64{}
	k.Projects.Network = []report.InitiatedProject{}
	for _, pr := range projects {
		if !initiated[pr.ID] || (pr.OriginTripID == nil && pr.OriginAgreementID == nil && pr.OriginInterestID == nil) {
			continue
		}
		ip := report.InitiatedProject{ID: pr.ID, Title: pr.Title, Acronym: pr.Acronym, InitiatedOn: firstInitiating[pr.ID]}
		switch {
		case pr.OriginInterestID != nil:
			ip.Origin, ip.Chain = "interest", interestChain(*pr.OriginInterestID)
		case pr.OriginAgreementID != nil:
			ip.Origin = "agreement"
			a := agreementByID[*pr.OriginAgreementID]
			if a.OriginInterestID != nil {
				ip.Chain = interestChain(*a.OriginInterestID)
			}
			ip.Chain = append(ip.Chain, report.Link{Kind: "agreement", ID: a.ID, Title: a.Title})
		default:
			ip.Origin = "trip"
			ip.Chain = []report.Link{{Kind: "trip", ID: *pr.OriginTripID, Title: trips[*pr.OriginTripID].Title}}
		}
		ip.Chain = append(ip.Chain, report.Link{Kind: "project", ID: pr.ID, Title: pr.Title})
		byOrigin[ip.Origin]++
		k.Projects.Network = append(k.Projects.Network, ip)
	}
	sort.Slice(k.Projects.Network, func(i, j int) bool {
		a, b := k.Projects.Network[i], k.Projects.Network[j]
		if a.InitiatedOn != b.InitiatedOn {
			return a.InitiatedOn < b.InitiatedOn
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.ID < b.ID
	})
	k.Projects.NetworkByOrigin = codes(byOrigin)

	// Funding.
	type committedKey struct{ funder, programme, currency string }
	committed := map[committedKey]*report.Committed{}
	type runKey struct{ funder, currency, from, until string }
	runs := map[runKey]int64{}
	type refKey struct{ ref, funder, project, currency string }
	refs := map[refKey]int64{}
	for _, f := range fundingRows {
		pr := projectByID[f.ProjectID]
		fr, un := f.FromDate, f.UntilDate
		if fr == nil {
			fr = pr.StartDate
		}
		if un == nil {
			un = pr.EndDate
		}
		if fr == nil || un == nil {
			k.Funding.Undated++
			continue
		}
		if *fr > p.To || *un < p.From {
			continue
		}
		ck := committedKey{f.Funder, f.Programme, f.Currency}
		if committed[ck] == nil {
			committed[ck] = &report.Committed{Funder: f.Funder, Programme: f.Programme, Amount: report.Amount{Currency: f.Currency}}
		}
		committed[ck].Fundings++
		committed[ck].Amount.Amount += f.Amount
		runs[runKey{f.Funder, f.Currency, *fr, *un}] += f.Amount
		if f.Reference != "" {
			refs[refKey{f.Reference, f.Funder, f.ProjectID, f.Currency}] += f.Amount
		}
	}
	k.Funding.Committed = []report.Committed{}
	for _, c := range committed {
		k.Funding.Committed = append(k.Funding.Committed, *c)
	}
	sort.Slice(k.Funding.Committed, func(i, j int) bool {
		a, b := k.Funding.Committed[i], k.Funding.Committed[j]
		if a.Funder != b.Funder {
			return a.Funder < b.Funder
		}
		if a.Programme != b.Programme {
			return a.Programme < b.Programme
		}
		return a.Amount.Currency < b.Amount.Currency
	})
	type yearKey struct {
		year             int
		funder, currency string
	}
	perYear := map[yearKey]int64{}
	for rk, amount := range runs {
		parts, err := report.Split(amount, rk.from, rk.until)
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range parts {
			perYear[yearKey{part.Year, rk.funder, rk.currency}] += part.Amount
		}
	}
	k.Funding.PerYear = []report.YearPart{}
	for yk, n := range perYear {
		k.Funding.PerYear = append(k.Funding.PerYear, report.YearPart{Year: yk.year, Funder: yk.funder, Amount: report.Amount{Amount: n, Currency: yk.currency}})
	}
	sort.Slice(k.Funding.PerYear, func(i, j int) bool {
		a, b := k.Funding.PerYear[i], k.Funding.PerYear[j]
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if a.Funder != b.Funder {
			return a.Funder < b.Funder
		}
		return a.Amount.Currency < b.Amount.Currency
	})
	k.Funding.References = []report.Reference{}
	for rk, n := range refs {
		k.Funding.References = append(k.Funding.References, report.Reference{Reference: rk.ref, Stem: project.ReferenceStem(rk.ref), Funder: rk.funder,
			ProjectID: rk.project, Project: projectByID[rk.project].Title, Amount: report.Amount{Amount: n, Currency: rk.currency}})
	}
	sort.Slice(k.Funding.References, func(i, j int) bool {
		a, b := k.Funding.References[i], k.Funding.References[j]
		if a.Reference != b.Reference {
			return a.Reference < b.Reference
		}
		if a.Funder != b.Funder {
			return a.Funder < b.Funder
		}
		if a.ProjectID != b.ProjectID {
			return a.ProjectID < b.ProjectID
		}
		return a.Amount.Currency < b.Amount.Currency
	})
	stemRefs := map[string]map[string]bool{}
	stemAmounts := map[string]map[string]int64{}
	for _, r := range k.Funding.References {
		if stemRefs[r.Stem] == nil {
			stemRefs[r.Stem], stemAmounts[r.Stem] = map[string]bool{}, map[string]int64{}
		}
		stemRefs[r.Stem][r.Reference] = true
		stemAmounts[r.Stem][r.Amount.Currency] += r.Amount.Amount
	}
	k.Funding.Joint = []report.Joint{}
	for stem, set := range stemRefs {
		if len(set) < 2 {
			continue
		}
		j := report.Joint{Stem: stem, Amounts: []report.Amount{}}
		for r := range set {
			j.References = append(j.References, r)
		}
		sort.Strings(j.References)
		for c, n := range stemAmounts[stem] {
			j.Amounts = append(j.Amounts, report.Amount{Amount: n, Currency: c})
		}
		sort.Slice(j.Amounts, func(a, b int) bool { return j.Amounts[a].Currency < j.Amounts[b].Currency })
		k.Funding.Joint = append(k.Funding.Joint, j)
	}
	sort.Slice(k.Funding.Joint, func(i, j int) bool { return k.Funding.Joint[i].Stem < k.Funding.Joint[j].Stem })

	// Funnel: of the contacts, those at each further step.
	steps := []map[string]bool{contacts, involved, partiesSigned, partnersInitiated, partnersFunded}
	for i, name := range report.FunnelSteps {
		var n int64
		for id := range contacts {
			if steps[i][id] {
				n++
			}
		}
		k.Funnel.Steps = append(k.Funnel.Steps, report.CodeCount{Code: name, N: n})
	}
	return k
}
