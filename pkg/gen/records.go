package gen

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/trip"
)

// Rows of the link tables that have no model of their own.
type orgArea struct{ OrganisationID, FocusArea string }

func (orgArea) TableName() string { return "organisation_focus_areas" }

type agreementArea struct{ AgreementID, FocusArea string }

func (agreementArea) TableName() string { return "agreement_focus_areas" }

type projectArea struct{ ProjectID, FocusArea string }

func (projectArea) TableName() string { return "project_focus_areas" }

type tripRegion struct{ TripID, Region string }

func (tripRegion) TableName() string { return "trip_regions" }

type tripOrganiser struct {
	TripID, OrganisationID string
	Position               int
}

func (tripOrganiser) TableName() string { return "trip_organisers" }

// Kinds of child record, each numbered within its parent.
const (
	kAgenda uint64 = kChild + iota
	kParticipant
	kFunding
	kPhase
)

func childIndex(parent, n int) int { return parent<<10 | n }

// country draws an organisation's country: the first draw of its rng, so
// others can learn it cheaply. other indexes others for the rest.
func country(r *rand.Rand) (c string, other int) {
	switch pick(r, 42, 45, 13) {
	case 0:
		return "DE", -1
	case 1:
		return "JP", -1
	}
	o := r.IntN(len(others))
	return others[o].country, o
}

func (g *generator) orgCountry(i int) string {
	c, _ := country(g.rng(kOrg, i))
	return c
}

func (g *generator) orgID(i int) string { return g.id(kOrg, i, created(i, g.scale.Orgs)) }

func (g *generator) personID(j int) string { return g.id(kPerson, j, g.personCreated(j)) }

func (g *generator) personCreated(j int) time.Time {
	return created(j/2, g.scale.Orgs).Add(time.Duration(j%2+1) * time.Hour)
}

// findOrg returns a random organisation in the country (or any, if none
// turns up quickly).
func (g *generator) findOrg(r *rand.Rand, c string) int {
	i := r.IntN(g.scale.Orgs)
	for range 64 {
		if g.orgCountry(i) == c {
			return i
		}
		i = r.IntN(g.scale.Orgs)
	}
	return i
}

// orgKinds weighs organisation.Kinds: pharma, biotech, medtech,
// research_institute, university, hospital, cluster, government,
// investor, service_provider, other.
var orgKinds = []int{10, 30, 9, 10, 9, 7, 2, 2, 4, 12, 5}

// orgOf makes organisation i as a person would enter it.
func (g *generator) orgOf(i int) organisation.Organisation {
	r := g.rng(kOrg, i)
	c, other := country(r)
	at := created(i, g.scale.Orgs)
	o := organisation.Organisation{ID: g.orgID(i), Country: c, Kind: organisation.Kinds[pick(r, orgKinds...)], Version: 1 + r.IntN(3), CreatedAt: at}
	o.UpdatedAt = at.Add(time.Duration(r.Int64N(int64(min(2*365*24*time.Hour, ref.Sub(at)+time.Hour))))).Truncate(time.Microsecond)
	area := areas(r, 3)
	o.FocusAreas = area
	fw := focusWords[area[0]]
	switch c {
	case "DE":
		place := one(r, dePlace)
		o.City = place.city
		if place.bavaria {
			o.Region = ptr("bavaria")
		}
		family := one(r, deFamily)
		switch o.Kind {
		case "research_institute":
			o.Name = fmt.Sprintf("%s-Institut für %s %s", family, strings.ToUpper(fw[1][:1])+fw[1][1:], place.name)
		case "university":
			o.Name = fmt.Sprintf("Lehrstuhl %s für %s, Hochschule %s", family, fw[1], place.name)
		case "hospital":
			o.Name = fmt.Sprintf("Klinikum %s %s", place.name, family)
		default:
			lead := place.name
			if r.IntN(3) == 0 {
				lead = family
				if r.IntN(3) == 0 {
					lead += " & " + one(r, deFamily)
				}
			}
			o.Name = fmt.Sprintf("%s %s %s %s", lead, one(r, deStem), one(r, deTail), one(r, deLegal))
			if r.IntN(2) == 0 {
				o.ShortName = lead
			}
		}
		o.Phone = fmt.Sprintf("+49 %d %d", 30+r.IntN(70), 100000+r.IntN(900000))
		o.Description = i18n.Text{De: o.Name + " " + fmt.Sprintf(one(r, descDe), fw[1]) + ".", En: o.Name + " " + fmt.Sprintf(one(r, descEn), fw[0]) + "."}
	case "JP":
		place := jaPlace[pick(r, jaWeights...)]
		o.City = place.latin
		if place.region != "" {
			o.Region = ptr(place.region)
		}
		family, stem := one(r, jaFamily), one(r, jaStem)
		switch o.Kind {
		case "university":
			o.NameLocal = place.local + stem.local + "大学" + family.local + "研究室"
			o.NameKana = place.kana + stem.kana + "ダイガク" + family.kana + "ケンキュウシツ"
			o.Name = fmt.Sprintf("%s Laboratory, %s University of %s", family.latin, place.latin, stem.latin)
		case "hospital":
			o.NameLocal = place.local + family.local + "病院"
			o.NameKana = place.kana + family.kana + "ビョウイン"
			o.Name = fmt.Sprintf("%s %s Hospital", place.latin, family.latin)
		default:
			lead := place.word
			if r.IntN(3) == 0 {
				lead = family
			}
			second := one(r, jaStem)
			suffix := jaSuffix[pick(r, 6, 3, 2, 1)]
			if o.Kind == "research_institute" {
				suffix = jaSuffix[2]
			}
			o.NameLocal = lead.local + stem.local + second.local + suffix.local
			o.NameKana = lead.kana + stem.kana + second.kana + suffix.kana
			o.Name = fmt.Sprintf("%s %s %s %s", lead.latin, stem.latin, second.latin, suffix.latin)
			if r.IntN(2) == 0 {
				o.ShortName = lead.latin + " " + stem.latin
			}
		}
		o.Phone = fmt.Sprintf("+81 %d %d", 3+r.IntN(90), 1000000+r.IntN(9000000))
		o.Description = i18n.Text{Ja: o.NameLocal + "は" + fmt.Sprintf(one(r, descJa), fw[2]) + "。", En: o.Name + " " + fmt.Sprintf(one(r, descEn), fw[0]) + "."}
	default:
		x := others[other]
		o.City = x.city
		o.Name = fmt.Sprintf("%s%s %s %s", one(r, deStem), strings.ToLower(one(r, deStem)), one(r, deTail), x.legal)
		o.Description = i18n.Text{En: o.Name + " " + fmt.Sprintf(one(r, descEn), fw[0]) + "."}
	}
	switch o.Kind {
	case "biotech", "medtech", "service_provider", "other":
		if r.IntN(4) > 0 {
			o.SME, o.Employees = true, ptr(3+r.IntN(240))
		} else {
			o.Employees = ptr(250 + r.IntN(5000))
		}
	case "pharma":
		o.Employees = ptr(250 + r.IntN(60000))
	case "cluster", "investor":
		o.SME, o.Employees = true, ptr(5+r.IntN(60))
	default:
		if r.IntN(2) == 0 {
			o.Employees = ptr(100 + r.IntN(10000))
		}
	}
	host := slug(o.Name)
	host = fmt.Sprintf("%s-%s.example", strings.TrimSuffix(host[:min(len(host), 40)], "-"), strconv.FormatInt(int64(i), 36))
	o.Website = "https://www." + host
	o.Email = "info@" + host
	o.Archived = r.IntN(50) == 0
	return o
}

var jaWeights = func() []int {
	w := make([]int, len(jaPlace))
	for i, p := range jaPlace {
		w[i] = p.weight
	}
	return w
}()

func (g *generator) organisation(b *batch, i int) error {
	o, grams, err := organisation.Prepare(g.orgOf(i))
	if err != nil {
		return err
	}
	b.orgs, b.orgGrams = append(b.orgs, o), append(b.orgGrams, grams)
	for _, a := range o.FocusAreas {
		b.orgAreas = append(b.orgAreas, orgArea{o.ID, a})
	}
	return nil
}

func (g *generator) person(b *batch, j int) error {
	r := g.rng(kPerson, j)
	org := j / 2
	c := g.orgCountry(org)
	at := g.personCreated(j)
	p := person.Person{ID: g.personID(j), OrganisationID: g.orgID(org), Version: 1, CreatedAt: at, UpdatedAt: at}
	domain := "example.org"
	if (c == "JP" && r.IntN(10) > 0) || (c == "DE" && r.IntN(20) == 0) {
		f, gv := one(r, jaFamily), one(r, jaGiven)
		p.FamilyName, p.GivenName, p.FamilyNameLocal, p.GivenNameLocal, p.FamilyNameKana, p.GivenNameKana = f.latin, gv.latin, f.local, gv.local, f.kana, gv.kana
		p.Languages = one(r, []string{"ja en", "ja", "ja en de", "ja en"})
		p.Position = one(r, positions)
		if r.IntN(3) == 0 {
			p.Position = one(r, positionsJa)
		}
		domain = "example.jp"
	} else {
		p.FamilyName, p.GivenName = one(r, deFamily), one(r, deGiven)
		p.Languages = one(r, []string{"de en", "de en", "de", "de en ja", "en"})
		p.Position = one(r, positions)
	}
	p.Email = fmt.Sprintf("%s.%s.%s@%s", slug(p.GivenName), slug(p.FamilyName), strconv.FormatInt(int64(j), 36), domain)
	if r.IntN(2) == 0 {
		p.Phone = fmt.Sprintf("+%d %d", 10+r.IntN(80), 1000000+r.IntN(9000000))
	}
	if r.IntN(5) > 0 {
		p.ConsentAt = ptr(at)
	}
	p, grams, err := person.Prepare(p)
	if err != nil {
		return err
	}
	b.people, b.peopleGrams = append(b.people, p), append(b.peopleGrams, grams)
	return nil
}

var agreementLabels = map[string]string{"mou": "Memorandum of understanding", "cooperation_agreement": "Cooperation agreement",
	"letter_of_intent": "Letter of intent", "confidentiality_agreement": "Confidentiality agreement", "material_transfer": "Material transfer agreement",
	"licence": "Licence agreement", "research_collaboration": "Research collaboration agreement"}

const day = 24 * time.Hour

func (g *generator) agreement(b *batch, k int) error {
	r := g.rng(kAgreement, k)
	at := created(k, g.scale.Agreements)
	a := agreement.Agreement{ID: g.id(kAgreement, k, at), Kind: agreement.Kinds[pick(r, 20, 25, 10, 15, 10, 8, 12)], Version: 1, CreatedAt: at, UpdatedAt: at}
	orgs := []int{g.findOrg(r, "DE"), g.findOrg(r, "JP")}
	if r.IntN(5) == 0 {
		if x := r.IntN(g.scale.Orgs); x != orgs[0] && x != orgs[1] {
			orgs = append(orgs, x)
		}
	}
	if orgs[0] == orgs[1] { // a data set too small to have both countries
		orgs = []int{orgs[0], (orgs[0] + 1) % g.scale.Orgs}
	}
	names := make([]string, len(orgs))
	for n, o := range orgs {
		names[n] = g.orgOf(o).Name
		party := agreement.Party{AgreementID: a.ID, OrganisationID: g.orgID(o), Position: n + 1}
		if r.IntN(2) == 0 {
			party.SignatoryID = ptr(g.personID(2*o + r.IntN(2)))
		}
		a.Parties = append(a.Parties, party)
	}
	a.Title = agreementLabels[a.Kind] + ": " + strings.Join(names, " – ")
	a.FocusAreas = areas(r, 2)
	fw := focusWords[a.FocusAreas[0]]
	a.Summary = i18n.Text{En: "Cooperation in " + fw[0] + ".", De: "Zusammenarbeit: " + fw[1] + ".", Ja: fw[2] + "における協力。"}
	signed := at.Add(-time.Duration(r.IntN(60)) * day)
	if r.IntN(12) > 0 {
		switch pick(r, 70, 20, 10) {
		case 0:
			a.SignedOn = signed.Format(time.DateOnly)
		case 1:
			a.SignedOn = signed.Format("2006-01")
		default:
			a.SignedOn = signed.Format("2006")
		}
		a.ValidFrom = ptr(signed.Format(time.DateOnly))
		if r.IntN(4) > 0 {
			until := signed.AddDate(1+r.IntN(5), 0, 0)
			a.ValidUntil = ptr(until.Format(time.DateOnly))
			if r.IntN(30) == 0 && until.After(signed.Add(2*day)) {
				a.TerminatedOn = ptr(signed.Add(time.Duration(1+r.Int64N(int64(until.Sub(signed)/day)-1)) * day).Format(time.DateOnly))
			}
		}
	}
	a, grams, err := agreement.Prepare(a)
	if err != nil {
		return err
	}
	b.agreements, b.agrGrams, b.parties = append(b.agreements, a), append(b.agrGrams, grams), append(b.parties, a.Parties...)
	for _, f := range a.FocusAreas {
		b.agrAreas = append(b.agrAreas, agreementArea{a.ID, f})
	}
	return nil
}

var (
	tripFrom = time.Date(2010, 3, 1, 0, 0, 0, 0, time.UTC)
	tripTo   = time.Date(2028, 12, 31, 0, 0, 0, 0, time.UTC)
	fairs    = []struct{ name, country, city, region string }{{"BioPharma Expo Osaka", "JP", "Osaka", "osaka"}, {"Life Science Fair Tokyo", "JP", "Tokyo", ""},
		{"Regenerative Medicine Forum Kawasaki", "JP", "Kawasaki", "kawasaki"}, {"Biotech Messe München", "DE", "München", "bavaria"}}
	agendaTitles = map[string]string{"company_visit": "Company visit", "b2b_meetings": "B2B meetings", "trade_fair": "Trade fair day",
		"conference": "Conference sessions", "networking": "Networking reception", "travel": "Travel"}
	tokyo, _  = time.LoadLocation("Asia/Tokyo")
	berlin, _ = time.LoadLocation("Europe/Berlin")
)

func (g *generator) tripID(t int) string { return g.id(kTrip, t, created(t, g.scale.Trips)) }

func (g *generator) trip(b *batch, t int) error {
	r := g.rng(kTrip, t)
	at := created(t, g.scale.Trips)
	x := trip.Trip{ID: g.tripID(t), Kind: trip.Kinds[pick(r, 40, 20, 25, 15)], Version: 1, CreatedAt: at, UpdatedAt: at}
	start := tripFrom.Add(time.Duration(float64(tripTo.Sub(tripFrom)) * float64(t) / float64(g.scale.Trips))).Truncate(day).Add(time.Duration(r.IntN(10)) * day)
	days := 3
	focus := focusWords[one(r, focusAreas)]
	var cities []string
	switch x.Kind {
	case "delegation_trip":
		x.Country, x.TimeZone, days = "JP", "Asia/Tokyo", 5+r.IntN(3)
		x.Regions = [][]string{{"osaka"}, {"kawasaki"}, {"osaka", "kawasaki"}}[r.IntN(3)]
		for _, reg := range x.Regions {
			cities = append(cities, map[string]string{"osaka": "Osaka", "kawasaki": "Kawasaki"}[reg])
		}
		if r.IntN(2) == 0 {
			cities = append(cities, one(r, []string{"Tokyo", "Kobe", "Kyoto"}))
		}
		x.Title = fmt.Sprintf("Delegation trip to %s %d", strings.Join(cities, " & "), start.Year())
	case "incoming_delegation":
		x.Country, x.TimeZone, days, x.Regions = "DE", "Europe/Berlin", 3+r.IntN(3), []string{"bavaria"}
		cities = []string{"München", "Martinsried"}
		x.Title = fmt.Sprintf("Incoming delegation from %s %d", one(r, jaPlace).latin, start.Year())
	case "trade_fair":
		f := fairs[pick(r, 35, 15, 10, 40)]
		x.Country, cities, x.Title = f.country, []string{f.city}, fmt.Sprintf("%s %d", f.name, start.Year())
		x.TimeZone = map[string]string{"JP": "Asia/Tokyo", "DE": "Europe/Berlin"}[f.country]
		if f.region != "" {
			x.Regions = []string{f.region}
		}
	default:
		if r.IntN(2) == 0 {
			x.Country, x.TimeZone, cities, x.Regions = "JP", "Asia/Tokyo", []string{"Osaka"}, []string{"osaka"}
		} else {
			x.Country, x.TimeZone, cities, x.Regions = "DE", "Europe/Berlin", []string{"München"}, []string{"bavaria"}
		}
		x.Title = fmt.Sprintf("German–Japanese symposium on %s %d", focus[0], start.Year())
		days = 2 + r.IntN(2)
	}
	loc := berlin
	if x.TimeZone == "Asia/Tokyo" {
		loc = tokyo
	}
	end := start.Add(time.Duration(days-1) * day)
	x.StartDate, x.EndDate, x.Cities = start.Format(time.DateOnly), end.Format(time.DateOnly), strings.Join(cities, "\n")
	switch {
	case end.Before(ref) && r.IntN(20) == 0:
		x.Status = trip.Cancelled
	case end.Before(ref):
		x.Status = trip.Completed
	case start.Before(ref.Add(day)):
		x.Status = trip.RegistrationClosed
	case start.Sub(ref) < 90*day || r.IntN(2) == 0:
		x.Status = trip.RegistrationOpen
	default:
		x.Status = trip.Planned
	}
	capacity := 10 + r.IntN(31)
	if x.Kind != "conference" || r.IntN(10) > 0 {
		x.Capacity = ptr(capacity)
	}
	deadline := time.Date(start.Year(), start.Month(), start.Day()-14, 23, 59, 0, 0, loc).UTC()
	x.RegistrationDeadline = &deadline
	x.Description = i18n.Text{En: "Programme on " + focus[0] + ".", De: "Programm zu " + focus[1] + ".", Ja: focus[2] + "に関するプログラム。"}
	organisers := []int{r.IntN(g.scale.Orgs)}
	if o := r.IntN(g.scale.Orgs); r.IntN(3) == 0 && o != organisers[0] {
		organisers = append(organisers, o)
	}
	for _, o := range organisers {
		x.Organisers = append(x.Organisers, g.orgID(o))
	}
	x, grams, err := trip.Prepare(x)
	if err != nil {
		return err
	}
	b.trips, b.tripGrams = append(b.trips, x), append(b.tripGrams, grams)
	for _, reg := range x.Regions {
		b.regions = append(b.regions, tripRegion{x.ID, reg})
	}
	for n, o := range x.Organisers {
		b.organisers = append(b.organisers, tripOrganiser{x.ID, o, n + 1})
	}
	items := 3 + r.IntN(4)
	for n := range items {
		kind := trip.AgendaKinds[pick(r, 35, 20, 10, 10, 15, 10)]
		d := r.IntN(days)
		hour := []int{9, 14}[r.IntN(2)]
		startsAt := time.Date(start.Year(), start.Month(), start.Day()+d, hour, 0, 0, 0, loc)
		item := trip.AgendaItem{ID: g.id(kAgenda, childIndex(t, n), at), TripID: x.ID, StartsAt: startsAt.UTC(), EndsAt: startsAt.Add(time.Duration(2+r.IntN(2)) * time.Hour).UTC(),
			Kind: kind, Title: agendaTitles[kind], Location: one(r, cities), Version: 1, CreatedAt: at, UpdatedAt: at}
		if kind == "company_visit" {
			o := r.IntN(g.scale.Orgs)
			item.OrganisationID = ptr(g.orgID(o))
			item.Title += ": " + g.orgOf(o).Name
		}
		b.agenda = append(b.agenda, item)
	}
	// Registrations, in order, before the deadline.
	n := 5 + r.IntN(capacity+10)
	seen := map[int]bool{}
	confirmed := 0
	registered := deadline.Add(-60 * day)
	for m := range n {
		p := r.IntN(g.scale.People)
		if seen[p] {
			continue
		}
		seen[p] = true
		registered = registered.Add(time.Duration(1+r.IntN(3600)) * time.Second).Truncate(time.Microsecond)
		part := trip.Participant{ID: g.id(kParticipant, childIndex(t, m), registered), TripID: x.ID, PersonID: g.personID(p), OrganisationID: g.orgID(p / 2),
			RegisteredAt: registered, Version: 1, CreatedAt: registered, UpdatedAt: registered}
		switch {
		case r.IntN(20) == 0:
			part.Status, part.CancelledAt, part.Version = trip.Withdrawn, ptr(registered.Add(day)), 2
		case x.Capacity == nil || confirmed < *x.Capacity:
			part.Status = trip.Confirmed
			confirmed++
		default:
			part.Status = trip.Waitlisted
		}
		b.participants = append(b.participants, part)
	}
	return nil
}

func (g *generator) project(b *batch, k int) error {
	r := g.rng(kProject, k)
	at := created(k, g.scale.Projects)
	p := project.Project{ID: g.id(kProject, k, at), Phase: project.Phases[pick(r, 10, 15, 15, 35, 20, 5)], Version: 1, CreatedAt: at, UpdatedAt: at}
	funded := p.Phase == "implementation" || p.Phase == "completed" || (p.Phase == "discontinued" && r.IntN(2) == 0)
	if funded || p.Phase == "application" {
		start := at.Add(time.Duration(30+r.IntN(300)) * day)
		p.StartDate = ptr(start.Format(time.DateOnly))
		p.EndDate = ptr(start.AddDate(2+r.IntN(3), 0, -1).Format(time.DateOnly))
	}
	switch pick(r, 30, 20, 50) {
	case 0:
		if g.scale.Trips > 0 {
			p.OriginTripID = ptr(g.tripID(r.IntN(g.scale.Trips)))
		}
	case 1:
		if g.scale.Agreements > 0 {
			a := r.IntN(g.scale.Agreements)
			p.OriginAgreementID = ptr(g.id(kAgreement, a, created(a, g.scale.Agreements)))
		}
	}
	lead, other := "DE", "JP"
	if r.IntN(5) < 2 {
		lead, other = other, lead
	}
	orgs := []int{g.findOrg(r, lead), g.findOrg(r, other)}
	for range r.IntN(3) {
		if o := r.IntN(g.scale.Orgs); !containsInt(orgs, o) {
			orgs = append(orgs, o)
		}
	}
	if orgs[0] == orgs[1] {
		orgs = orgs[:1]
	}
	for n, o := range orgs {
		role := "partner"
		switch {
		case n == 0:
			role = "coordinator"
		case n > 1 && r.IntN(2) == 0:
			role = "associated"
		}
		p.Partners = append(p.Partners, project.Partner{ProjectID: p.ID, OrganisationID: g.orgID(o), Role: role})
	}
	p.FocusAreas = areas(r, 2)
	fw := focusWords[p.FocusAreas[0]]
	dePlace, jaPlaceName := one(r, dePlace).name, one(r, jaPlace).latin
	p.Acronym = strings.ToUpper(slug(dePlace)[:3] + slug(jaPlaceName)[:3] + "-" + one(r, deStem))
	p.Title = fmt.Sprintf("%s: %s %s between %s and %s", p.Acronym, one(r, []string{"Joint development of", "Translational research on", "Clinical validation of", "Platform for"}), fw[0], dePlace, jaPlaceName)
	p.Summary = i18n.Text{En: "A binational project on " + fw[0] + ".", De: "Ein binationales Projekt: " + fw[1] + ".", Ja: fw[2] + "に関する日独共同プロジェクト。"}
	p, grams, err := project.Prepare(p)
	if err != nil {
		return err
	}
	b.projects, b.projGrams, b.partners = append(b.projects, p), append(b.projGrams, grams), append(b.partners, p.Partners...)
	for _, f := range p.FocusAreas {
		b.projAreas = append(b.projAreas, projectArea{p.ID, f})
	}
	changed := at.Format(time.DateOnly)
	if p.StartDate != nil {
		changed = *p.StartDate
	}
	b.phases = append(b.phases, project.PhaseChange{ID: g.id(kPhase, k, at), ProjectID: p.ID, Phase: p.Phase, ChangedOn: changed, CreatedAt: at})
	if !funded {
		return nil
	}
	stem := fmt.Sprintf("031B%04d", k%10000)
	for n, o := range orgs[:2] {
		f := project.Funding{ID: g.id(kFunding, childIndex(k, n), at), ProjectID: p.ID, RecipientID: g.orgID(o), FromDate: p.StartDate, UntilDate: p.EndDate,
			Version: 1, CreatedAt: at, UpdatedAt: at}
		if g.orgCountry(o) == "JP" {
			f.Funder, f.Currency, f.Amount = "amed", "JPY", int64(10_000_000+r.IntN(190_000_000))
		} else {
			f.Funder, f.Currency, f.Amount = "bmbf", "EUR", int64(100_000+r.IntN(1_900_000))*100
			f.Programme, f.Reference = "Internationalisierung von Spitzenclustern, Zukunftsprojekten und vergleichbaren Netzwerken", stem+string(rune('A'+n))
		}
		b.fundings = append(b.fundings, f)
	}
	return nil
}

func containsInt(list []int, x int) bool {
	for _, v := range list {
		if v == x {
			return true
		}
	}
	return false
}
