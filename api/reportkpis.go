package api

import (
	"encoding/json"

	"github.com/innomunich/platform/pkg/report"
)

// The KPIs of a period as the API writes them: the same JSON as
// pkg/report's structs (reportOut converts by that JSON), declared here
// for the OpenAPI document.

// ReportKPIs: see pkg/report.
type ReportKPIs struct {
	Period     ReportPeriod     `json:"period"`
	Directory  ReportDirectory  `json:"directory"`
	Trips      ReportTrips      `json:"trips"`
	Agreements ReportAgreements `json:"agreements"`
	Partnering ReportPartnering `json:"partnering"`
	Projects   ReportProjects   `json:"projects"`
	Funding    ReportFunding    `json:"funding"`
	Funnel     ReportFunnel     `json:"funnel"`
	// Trend is, with include=trend, the five years up to this period (a
	// date range: the budget years up to the one it ends in), oldest first.
	Trend []ReportTrendYear `json:"trend,omitempty"`
} // @name ReportKPIs

// ReportTrendYear is one year of a report's trend: the figures the
// trend charts (and the XLSX summary sheet) show, counted as the report
// of that year counts them.
type ReportTrendYear struct {
	Period       ReportPeriod `json:"period"`
	Trips        int64        `json:"trips"`        // trips held
	Participants int64        `json:"participants"` // their confirmed participants
	Agreements   int64        `json:"agreements"`   // agreements signed
	Projects     int64        `json:"projects"`     // projects initiated
} // @name ReportTrendYear

// ReportCodeCount: see pkg/report.
type ReportCodeCount struct {
	Code string `json:"code"`
	N    int64  `json:"n"`
} // @name ReportCodeCount

// ReportTally: see pkg/report.
type ReportTally struct {
	Code  string `json:"code"`
	Added int64  `json:"added"`
	Total int64  `json:"total"`
} // @name ReportTally

// ReportDirectory: see pkg/report.
type ReportDirectory struct {
	Organisations ReportOrganisations `json:"organisations"`
	People        ReportPeople        `json:"people"`
} // @name ReportDirectory

// ReportOrganisations: see pkg/report.
type ReportOrganisations struct {
	Added     int64         `json:"added"`
	Total     int64         `json:"total"`
	ByCountry []ReportTally `json:"by_country"`
	ByRegion  []ReportTally `json:"by_region"`
	ByKind    []ReportTally `json:"by_kind"`
	SMEs      []ReportTally `json:"smes"`
} // @name ReportOrganisations

// ReportPeople: see pkg/report.
type ReportPeople struct {
	Added     int64         `json:"added"`
	Total     int64         `json:"total"`
	ByCountry []ReportTally `json:"by_country"`
} // @name ReportPeople

// ReportTrips: see pkg/report.
type ReportTrips struct {
	Held                         int64             `json:"held"`
	ByKind                       []ReportTripKind  `json:"by_kind"`
	Confirmed                    int64             `json:"confirmed"`
	Attended                     int64             `json:"attended"`
	Organisations                int64             `json:"organisations"`
	OrganisationsByCountry       []ReportCodeCount `json:"organisations_by_country"`
	OrganisationsByKind          []ReportCodeCount `json:"organisations_by_kind"`
	SMEsByCountry                []ReportCodeCount `json:"smes_by_country"`
	JapaneseOrganisationsVisited int64             `json:"japanese_organisations_visited"`
	// Meetings are the B2B meetings at the trips held in the period.
	Meetings *ReportMeetings `json:"meetings" extensions:"x-nullable"`
} // @name ReportTrips

// ReportTripKind: see pkg/report.
type ReportTripKind struct {
	Code      string `json:"code"`
	Trips     int64  `json:"trips"`
	Confirmed int64  `json:"confirmed"`
	Attended  int64  `json:"attended"`
} // @name ReportTripKind

// ReportMeetings: see pkg/report.
type ReportMeetings struct {
	Requested          int64             `json:"requested"`
	Held               int64             `json:"held"`
	OutcomesByNextStep []ReportCodeCount `json:"outcomes_by_next_step"`
} // @name ReportMeetings

// ReportAgreements: see pkg/report.
type ReportAgreements struct {
	Signed      int64                `json:"signed"`
	Renewed     int64                `json:"renewed"`
	Terminated  int64                `json:"terminated"`
	ActiveAtEnd int64                `json:"active_at_end"`
	ByKind      []ReportAgreementRow `json:"by_kind"`
	// ByRegion counts an agreement under the region of each of its
	// parties (once per region), so the rows may sum to more than the
	// totals.
	ByRegion []ReportAgreementRow `json:"by_region"`
} // @name ReportAgreements

// ReportAgreementRow: see pkg/report.
type ReportAgreementRow struct {
	Code        string `json:"code"`
	Signed      int64  `json:"signed"`
	Renewed     int64  `json:"renewed"`
	Terminated  int64  `json:"terminated"`
	ActiveAtEnd int64  `json:"active_at_end"`
} // @name ReportAgreementRow

// ReportPartnering: see pkg/report.
type ReportPartnering struct {
	Published       int64             `json:"published"`
	PublishedByKind []ReportCodeCount `json:"published_by_kind"`
	Expressed       int64             `json:"expressed"`
	Accepted        int64             `json:"accepted"`
	ByStatus        []ReportCodeCount `json:"by_status"`
} // @name ReportPartnering

// ReportProjects: see pkg/report.
type ReportProjects struct {
	ByPhaseAtEnd    []ReportCodeCount        `json:"by_phase_at_end"`
	AtEnd           int64                    `json:"at_end"`
	Initiated       int64                    `json:"initiated"`
	Started         int64                    `json:"started"`
	Binational      int64                    `json:"binational"`
	BinationalShare float64                  `json:"binational_share"`
	Network         []ReportInitiatedProject `json:"network"`
	NetworkByOrigin []ReportCodeCount        `json:"network_by_origin"`
} // @name ReportProjects

// ReportInitiatedProject: see pkg/report.
type ReportInitiatedProject struct {
	ID          string       `json:"id"`
	Title       string       `json:"title"`
	Acronym     string       `json:"acronym"`
	InitiatedOn string       `json:"initiated_on"`
	Origin      string       `json:"origin"` // trip, agreement or interest
	Chain       []ReportLink `json:"chain"`
} // @name ReportInitiatedProject

// ReportLink: see pkg/report.
type ReportLink struct {
	Kind  string `json:"kind"` // trip, opportunity, interest, agreement, project
	ID    string `json:"id"`
	Title string `json:"title"`
} // @name ReportLink

// ReportFunding: see pkg/report.
type ReportFunding struct {
	Committed  []ReportCommitted `json:"committed"`
	PerYear    []ReportYearPart  `json:"per_year"`
	Undated    int64             `json:"undated"`
	References []ReportReference `json:"references"`
	Joint      []ReportJoint     `json:"joint"`
} // @name ReportFunding

// ReportCommitted: see pkg/report.
type ReportCommitted struct {
	Funder    string `json:"funder"`
	Programme string `json:"programme"`
	Fundings  int64  `json:"fundings"`
	Amount    Money  `json:"amount"`
} // @name ReportCommitted

// ReportYearPart: see pkg/report.
type ReportYearPart struct {
	Year   int    `json:"year"`
	Funder string `json:"funder"`
	Amount Money  `json:"amount"`
} // @name ReportYearPart

// ReportReference: see pkg/report.
type ReportReference struct {
	Reference string `json:"reference"`
	Stem      string `json:"stem"`
	Funder    string `json:"funder"`
	ProjectID string `json:"project_id"`
	Project   string `json:"project"`
	Amount    Money  `json:"amount"`
} // @name ReportReference

// ReportJoint: see pkg/report.
type ReportJoint struct {
	Stem       string   `json:"stem"`
	References []string `json:"references"`
	Amounts    []Money  `json:"amounts"` // one per currency
} // @name ReportJoint

// ReportFunnel: see pkg/report.
type ReportFunnel struct {
	Steps []ReportCodeCount `json:"steps"`
} // @name ReportFunnel

// ReportPeriod: see pkg/report.
type ReportPeriod struct {
	Key      string `json:"key"`  // 2025, FY2025 or 2025-01-01..2025-06-30
	Kind     string `json:"kind"` // budget_year, fiscal_year or range
	From     string `json:"from"`
	To       string `json:"to"`
	TimeZone string `json:"time_zone"`
} // @name ReportPeriod

// ReportChange is a figure of a frozen report that differs now. Path
// names it (directory.organisations.by_country[JP].total); frozen and
// current are its values (a number, a string such as "1000.00 EUR"
// written as minor units and currency, or a list), null where missing.
type ReportChange struct {
	Path    string `json:"path" example:"directory.organisations.by_country[JP].total"`
	Frozen  any    `json:"frozen" extensions:"x-nullable"`
	Current any    `json:"current" extensions:"x-nullable"`
} // @name ReportChange

// reportOut converts the KPIs by their JSON, which the two declarations
// share (a test holds them to it).
func trendOut(years []report.KPIs) []ReportTrendYear {
	out := make([]ReportTrendYear, len(years))
	for i, k := range years {
		p := k.Period
		out[i] = ReportTrendYear{
			Period: ReportPeriod{Key: p.Key, Kind: p.Kind, From: p.From, To: p.To, TimeZone: p.TimeZone},
			Trips:  k.Trips.Held, Participants: k.Trips.Confirmed, Agreements: k.Agreements.Signed, Projects: k.Projects.Initiated,
		}
	}
	return out
}

func reportOut(k report.KPIs) (ReportKPIs, error) {
	var out ReportKPIs
	b, err := json.Marshal(k)
	if err == nil {
		err = json.Unmarshal(b, &out)
	}
	return out, err
}
