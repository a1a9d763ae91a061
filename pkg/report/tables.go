package report

import (
	"strings"
)

// Sections of a report, in their order; every table key starts with its
// section's key.
var Sections = []string{"directory", "trips", "agreements", "partnering", "projects", "funding", "funnel"}

// Tables flattens the KPIs into report tables, section by section in the
// order of Sections. Keys (of tables and columns) are stable; a Code
// column's values are codes of the catalogue named by the column key
// (country "JP", kind "pharma", figure "added").
func (k KPIs) Tables() []Table {
	var out []Table
	for _, s := range Sections {
		out = append(out, k.SectionTables(s)...)
	}
	return out
}

// SectionTables is the tables of one section (nil for an unknown one).
func (k KPIs) SectionTables(section string) []Table {
	switch section {
	case "directory":
		d := k.Directory
		return []Table{
			figures("directory_totals",
				fig{"organisations_added", d.Organisations.Added}, fig{"organisations_total", d.Organisations.Total},
				fig{"people_added", d.People.Added}, fig{"people_total", d.People.Total}),
			tallies("directory_organisations_by_country", "country", d.Organisations.ByCountry),
			tallies("directory_organisations_by_region", "region", d.Organisations.ByRegion),
			tallies("directory_organisations_by_kind", "organisation_kind", d.Organisations.ByKind),
			tallies("directory_smes_by_country", "country", d.Organisations.SMEs),
			tallies("directory_people_by_country", "country", d.People.ByCountry),
		}
	case "trips":
		t := k.Trips
		out := []Table{figures("trips_totals",
			fig{"held", t.Held}, fig{"confirmed", t.Confirmed}, fig{"attended", t.Attended},
			fig{"organisations", t.Organisations}, fig{"japanese_organisations_visited", t.JapaneseOrganisationsVisited})}
		byKind := Table{Key: "trips_by_kind", Columns: []Column{{"trip_kind", Code}, {"trips", Count}, {"confirmed", Count}, {"attended", Count}}, Rows: [][]any{}}
		for _, r := range t.ByKind {
			byKind.Rows = append(byKind.Rows, []any{r.Code, r.Trips, r.Confirmed, r.Attended})
		}
		out = append(out, byKind,
			counts("trips_organisations_by_country", "country", "organisations", t.OrganisationsByCountry),
			counts("trips_organisations_by_kind", "organisation_kind", "organisations", t.OrganisationsByKind),
			counts("trips_smes_by_country", "country", "organisations", t.SMEsByCountry))
		if m := t.Meetings; m != nil {
			out = append(out, figures("trips_meetings", fig{"requested", m.Requested}, fig{"held", m.Held}),
				counts("trips_meetings_by_next_step", "next_step", "meetings", m.OutcomesByNextStep))
		}
		return out
	case "agreements":
		a := k.Agreements
		return []Table{
			figures("agreements_totals", fig{"signed", a.Signed}, fig{"renewed", a.Renewed}, fig{"terminated", a.Terminated}, fig{"active_at_end", a.ActiveAtEnd}),
			agreementRows("agreements_by_kind", "agreement_kind", a.ByKind),
			agreementRows("agreements_by_region", "region", a.ByRegion),
		}
	case "partnering":
		p := k.Partnering
		return []Table{
			figures("partnering_totals", fig{"published", p.Published}, fig{"expressed", p.Expressed}, fig{"accepted", p.Accepted}),
			counts("partnering_published_by_kind", "opportunity_kind", "opportunities", p.PublishedByKind),
			counts("partnering_interests_by_status", "interest_status", "interests", p.ByStatus),
		}
	case "projects":
		p := k.Projects
		binational := Table{Key: "projects_binational", Columns: []Column{{"projects", Count}, {"binational", Count}, {"share", Share}},
			Rows: [][]any{{p.AtEnd, p.Binational, p.BinationalShare}}}
		network := Table{Key: "projects_network", Columns: []Column{{"project", Text}, {"acronym", Text}, {"initiated_on", Date}, {"origin", Code}, {"chain", Text}}, Rows: [][]any{}}
		for _, r := range p.Network {
			titles := make([]string, len(r.Chain))
			for i, l := range r.Chain {
				titles[i] = l.Title
			}
			network.Rows = append(network.Rows, []any{r.Title, r.Acronym, r.InitiatedOn, r.Origin, strings.Join(titles, " → ")})
		}
		return []Table{
			figures("projects_totals", fig{"at_end", p.AtEnd}, fig{"initiated", p.Initiated}, fig{"started", p.Started}, fig{"binational", p.Binational}),
			counts("projects_by_phase", "phase", "projects", p.ByPhaseAtEnd),
			binational,
			counts("projects_network_by_origin", "origin", "projects", p.NetworkByOrigin),
			network,
		}
	case "funding":
		f := k.Funding
		committed := Table{Key: "funding_committed", Columns: []Column{{"funder", Code}, {"programme", Text}, {"fundings", Count}, {"amount", Money}}, Rows: [][]any{}}
		for _, r := range f.Committed {
			committed.Rows = append(committed.Rows, []any{r.Funder, r.Programme, r.Fundings, r.Amount})
		}
		perYear := Table{Key: "funding_per_year", Columns: []Column{{"year", Text}, {"funder", Code}, {"amount", Money}}, Rows: [][]any{}}
		for _, r := range f.PerYear {
			perYear.Rows = append(perYear.Rows, []any{itoa(r.Year), r.Funder, r.Amount})
		}
		refs := Table{Key: "funding_references", Columns: []Column{{"reference", Text}, {"stem", Text}, {"funder", Code}, {"project", Text}, {"amount", Money}}, Rows: [][]any{}}
		for _, r := range f.References {
			refs.Rows = append(refs.Rows, []any{r.Reference, r.Stem, r.Funder, r.Project, r.Amount})
		}
		joint := Table{Key: "funding_joint", Columns: []Column{{"stem", Text}, {"references", Text}, {"amount", Money}}, Rows: [][]any{}}
		for _, r := range f.Joint {
			for _, a := range r.Amounts {
				joint.Rows = append(joint.Rows, []any{r.Stem, strings.Join(r.References, ", "), a})
			}
		}
		return []Table{committed, perYear, figures("funding_totals", fig{"undated", f.Undated}), refs, joint}
	case "funnel":
		return []Table{counts("funnel", "step", "organisations", k.Funnel.Steps)}
	}
	return nil
}

type fig struct {
	code string
	n    int64
}

// figures is a section's single figures: one row per figure.
func figures(key string, figs ...fig) Table {
	t := Table{Key: key, Columns: []Column{{"figure", Code}, {"value", Count}}, Rows: [][]any{}}
	for _, f := range figs {
		t.Rows = append(t.Rows, []any{f.code, f.n})
	}
	return t
}

func tallies(key, codeColumn string, list []Tally) Table {
	t := Table{Key: key, Columns: []Column{{codeColumn, Code}, {"added", Count}, {"total", Count}}, Rows: [][]any{}}
	for _, r := range list {
		t.Rows = append(t.Rows, []any{r.Code, r.Added, r.Total})
	}
	return t
}

func counts(key, codeColumn, countColumn string, list []CodeCount) Table {
	t := Table{Key: key, Columns: []Column{{codeColumn, Code}, {countColumn, Count}}, Rows: [][]any{}}
	for _, r := range list {
		t.Rows = append(t.Rows, []any{r.Code, r.N})
	}
	return t
}

func agreementRows(key, codeColumn string, list []AgreementRow) Table {
	t := Table{Key: key, Columns: []Column{{codeColumn, Code}, {"signed", Count}, {"renewed", Count}, {"terminated", Count}, {"active_at_end", Count}}, Rows: [][]any{}}
	for _, r := range list {
		t.Rows = append(t.Rows, []any{r.Code, r.Signed, r.Renewed, r.Terminated, r.ActiveAtEnd})
	}
	return t
}
