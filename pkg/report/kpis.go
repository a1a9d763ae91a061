package report

// The KPIs of one period, as GET /api/v1/reports/kpis returns them and a
// frozen report stores them. Every figure is counted in SQL by the
// package that owns its data (see compute.go); docs/reporting.md says
// how each is counted. Lists are in a stable order (by code, or as the
// domain orders its codes), so that the same data gives the same JSON
// and the same hash.

// KPIs are the figures of a period, by section.
type KPIs struct {
	Period     Period     `json:"period"`
	Directory  Directory  `json:"directory"`
	Trips      Trips      `json:"trips"`
	Agreements Agreements `json:"agreements"`
	Partnering Partnering `json:"partnering"`
	Projects   Projects   `json:"projects"`
	Funding    Funding    `json:"funding"`
	Funnel     Funnel     `json:"funnel"`
}

// CodeCount is how many there are of one code.
type CodeCount struct {
	Code string `json:"code"`
	N    int64  `json:"n"`
}

// Tally is how many of one code were added in the period and how many
// there are at its end (created before its end).
type Tally struct {
	Code  string `json:"code"`
	Added int64  `json:"added"`
	Total int64  `json:"total"`
}

// Directory: organisations and people added in the period and in total at
// its end. A record counts from its created_at; archived organisations
// still count (archiving is not dated), merged ones are gone.
type Directory struct {
	Organisations Organisations `json:"organisations"`
	People        People        `json:"people"`
}

// Organisations of the directory, broken down. Region "none" holds those
// without a region. SMEs lists the SMEs by country, so German and
// Japanese SMEs are apart.
type Organisations struct {
	Added     int64   `json:"added"`
	Total     int64   `json:"total"`
	ByCountry []Tally `json:"by_country"`
	ByRegion  []Tally `json:"by_region"`
	ByKind    []Tally `json:"by_kind"`
	SMEs      []Tally `json:"smes"`
}

// People of the directory, by the country of their organisation.
type People struct {
	Added     int64   `json:"added"`
	Total     int64   `json:"total"`
	ByCountry []Tally `json:"by_country"`
}

// Trips: trips and events held in the period (start_date within it, not
// cancelled). Confirmed counts the confirmed seats of those trips;
// attended the confirmed seats of those completed (the platform records
// no separate attendance). Participating organisations are those with a
// confirmed participant; Japanese organisations visited are Japanese
// organisations on the agenda of a trip held in the period.
type Trips struct {
	Held                         int64       `json:"held"`
	ByKind                       []TripKind  `json:"by_kind"`
	Confirmed                    int64       `json:"confirmed"`
	Attended                     int64       `json:"attended"`
	Organisations                int64       `json:"organisations"`
	OrganisationsByCountry       []CodeCount `json:"organisations_by_country"`
	OrganisationsByKind          []CodeCount `json:"organisations_by_kind"`
	SMEsByCountry                []CodeCount `json:"smes_by_country"`
	JapaneseOrganisationsVisited int64       `json:"japanese_organisations_visited"`
	// Meetings is null until B2B meetings are part of the platform.
	Meetings *Meetings `json:"meetings"`
}

// TripKind is the trips of one kind held in the period.
type TripKind struct {
	Code      string `json:"code"`
	Trips     int64  `json:"trips"`
	Confirmed int64  `json:"confirmed"`
	Attended  int64  `json:"attended"`
}

// Meetings are the B2B meetings of the period's trips.
type Meetings struct {
	Requested          int64       `json:"requested"`
	Held               int64       `json:"held"`
	OutcomesByNextStep []CodeCount `json:"outcomes_by_next_step"`
}

// Agreements: signed (the first day of signed_on, which may be a year or
// a month, within the period), renewed (a renewal dated within it),
// terminated (terminated_on within it), and active at its end (signed by
// then, neither terminated nor expired on its last day).
type Agreements struct {
	Signed      int64          `json:"signed"`
	Renewed     int64          `json:"renewed"`
	Terminated  int64          `json:"terminated"`
	ActiveAtEnd int64          `json:"active_at_end"`
	ByKind      []AgreementRow `json:"by_kind"`
	// ByRegion counts an agreement under the region of each of its
	// parties (once per region), so the rows may sum to more than the
	// totals.
	ByRegion []AgreementRow `json:"by_region"`
}

// AgreementRow is the agreements of one kind or partner region.
type AgreementRow struct {
	Code        string `json:"code"`
	Signed      int64  `json:"signed"`
	Renewed     int64  `json:"renewed"`
	Terminated  int64  `json:"terminated"`
	ActiveAtEnd int64  `json:"active_at_end"`
}

// Partnering: opportunities published in the period (published_at within
// it), interests expressed (created within it) and accepted (accepted_at
// within it); the interests expressed in the period by the stage of the
// pipeline they are at now.
type Partnering struct {
	Published       int64       `json:"published"`
	PublishedByKind []CodeCount `json:"published_by_kind"`
	Expressed       int64       `json:"expressed"`
	Accepted        int64       `json:"accepted"`
	ByStatus        []CodeCount `json:"by_status"`
}

// Projects: the phase of each project at the end of the period (its last
// phase change dated by then), phase changes within it (initiated =
// entered concept or application, counted once per project; started =
// entered implementation), the binational share of the projects at its
// end (German and Japanese partners), and what the network initiated.
type Projects struct {
	ByPhaseAtEnd    []CodeCount        `json:"by_phase_at_end"`
	AtEnd           int64              `json:"at_end"`
	Initiated       int64              `json:"initiated"`
	Started         int64              `json:"started"`
	Binational      int64              `json:"binational"`
	BinationalShare float64            `json:"binational_share"`
	Network         []InitiatedProject `json:"network"`
	NetworkByOrigin []CodeCount        `json:"network_by_origin"`
}

// InitiatedProject is a project initiated in the period whose origin is a
// trip, an agreement or an interest in an opportunity, with the chain it
// grew along, first link first, the project last.
type InitiatedProject struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Acronym     string `json:"acronym"`
	InitiatedOn string `json:"initiated_on"`
	Origin      string `json:"origin"` // trip, agreement or interest
	Chain       []Link `json:"chain"`
}

// Link is one record of a chain.
type Link struct {
	Kind  string `json:"kind"` // trip, opportunity, interest, agreement, project
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Funding: fundings whose running time (from_date..until_date, else the
// project's start..end) overlaps the period. Committed sums them per
// funder, programme and currency; PerYear spreads each over the budget
// years it covers, pro rata by days, in minor units (Split); EUR and JPY
// are never added. Undated counts the fundings left out for want of
// dates. References lists the Förderkennzeichen with their stems; Joint
// groups them by stem (a joint project's sub-projects share a stem).
type Funding struct {
	Committed  []Committed `json:"committed"`
	PerYear    []YearPart  `json:"per_year"`
	Undated    int64       `json:"undated"`
	References []Reference `json:"references"`
	Joint      []Joint     `json:"joint"`
}

// Committed is the fundings of one funder, programme and currency.
type Committed struct {
	Funder    string `json:"funder"`
	Programme string `json:"programme"`
	Fundings  int64  `json:"fundings"`
	Amount    Amount `json:"amount"`
}

// YearPart is the part of the fundings of one funder falling into one
// budget year, in one currency.
type YearPart struct {
	Year   int    `json:"year"`
	Funder string `json:"funder"`
	Amount Amount `json:"amount"`
}

// Reference is one Förderkennzeichen (or other funder's reference).
type Reference struct {
	Reference string `json:"reference"`
	Stem      string `json:"stem"`
	Funder    string `json:"funder"`
	ProjectID string `json:"project_id"`
	Project   string `json:"project"`
	Amount    Amount `json:"amount"`
}

// Joint is the references sharing a stem: a joint project's sub-projects.
type Joint struct {
	Stem       string   `json:"stem"`
	References []string `json:"references"`
	Amounts    []Amount `json:"amounts"` // one per currency
}

// Funnel: of the organisations the network was in contact with in the
// period (Contacts), how many went on, within the period, to each further
// step. See FunnelSteps.
type Funnel struct {
	Steps []CodeCount `json:"steps"`
}

// FunnelSteps in their order. Each counts organisations within the
// period: contacts = a confirmed participant in, or on the agenda of, a
// trip held in it; then, of those contacts: meetings = in a B2B meeting
// (left out until meetings are part of the platform); interests =
// expressed an interest or received one in its opportunity; agreements =
// party to an agreement signed; projects = partner in a project
// initiated; funded_projects = partner in a project initiated that has a
// funding.
var FunnelSteps = []string{"contacts", "interests", "agreements", "projects", "funded_projects"}
