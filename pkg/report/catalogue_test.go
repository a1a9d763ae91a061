package report_test

import (
	"slices"
	"testing"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/interest"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/report"
	"github.com/innomunich/platform/pkg/trip"
)

// Every language names exactly the keys English names.
func TestCatalogueHasEveryKeyInEveryLanguage(t *testing.T) {
	en := report.CatalogueKeys("en")
	if len(en) < 50 {
		t.Fatalf("the English catalogue has %d keys; it did not load", len(en))
	}
	for _, lang := range i18n.Locales {
		keys := report.CatalogueKeys(lang)
		for _, k := range en {
			if !slices.Contains(keys, k) {
				t.Errorf("%s.json lacks %s", lang, k)
			}
		}
		for _, k := range keys {
			if !slices.Contains(en, k) {
				t.Errorf("%s.json has %s, which en.json (the reference) lacks", lang, k)
			}
		}
	}
}

// everyCode is a report holding every code the KPIs can produce, so that
// its tables show every table key, column key and code value.
func everyCode() report.KPIs {
	tallies := func(codes ...string) []report.Tally {
		var out []report.Tally
		for _, c := range codes {
			out = append(out, report.Tally{Code: c, Added: 1, Total: 2})
		}
		return out
	}
	counts := func(codes ...string) []report.CodeCount {
		var out []report.CodeCount
		for _, c := range codes {
			out = append(out, report.CodeCount{Code: c, N: 1})
		}
		return out
	}
	var k report.KPIs
	k.Directory.Organisations.ByCountry = tallies("DE", "JP")
	k.Directory.Organisations.ByRegion = tallies("none")
	k.Directory.Organisations.ByKind = tallies(organisation.Kinds...)
	k.Directory.Organisations.SMEs = tallies("DE", "JP")
	k.Directory.People.ByCountry = tallies("DE", "JP")
	for _, kind := range trip.Kinds {
		k.Trips.ByKind = append(k.Trips.ByKind, report.TripKind{Code: kind, Trips: 1})
	}
	k.Trips.OrganisationsByCountry = counts("DE", "JP")
	k.Trips.OrganisationsByKind = counts(organisation.Kinds...)
	k.Trips.SMEsByCountry = counts("JP")
	k.Trips.Meetings = &report.Meetings{}
	for _, kind := range agreement.Kinds {
		k.Agreements.ByKind = append(k.Agreements.ByKind, report.AgreementRow{Code: kind, Signed: 1})
	}
	k.Partnering.PublishedByKind = counts(opportunity.Kinds.Codes()...)
	k.Partnering.ByStatus = counts(interest.Statuses...)
	k.Projects.ByPhaseAtEnd = counts(project.Phases...)
	k.Projects.NetworkByOrigin = counts("trip", "agreement", "interest")
	k.Projects.Network = []report.InitiatedProject{{Title: "CellBridge", InitiatedOn: "2025-05-01", Origin: "trip"}}
	k.Funnel.Steps = counts(report.FunnelSteps...)
	return k
}

// Every key a report's tables hold has a name in every language, and so
// has every code of a code column (but for the reference data, named by
// the database; everyCode holds only the region "none", which the
// catalogue names).
func TestCatalogueNamesEveryKeyOfTheKPIs(t *testing.T) {
	tables := everyCode().Tables()
	for _, lang := range i18n.Locales {
		names := report.NewNames(lang, nil)
		for _, tb := range tables {
			if !names.HasTable(tb.Key) {
				t.Errorf("%s: no name for table %s", lang, tb.Key)
			}
			for i, c := range tb.Columns {
				if !names.HasColumn(c.Key) {
					t.Errorf("%s: no name for column %s (table %s)", lang, c.Key, tb.Key)
				}
				if c.Kind != report.Code {
					continue
				}
				for _, row := range tb.Rows {
					v := row[i].(string)
					if _, ok := names.Code(tb.Key, c.Key, v); !ok {
						t.Errorf("%s: no name for %s %q (table %s)", lang, c.Key, v, tb.Key)
					}
				}
			}
		}
	}
}

func TestCodeNames(t *testing.T) {
	ref := report.ReferenceNames{"region": {"osaka": {De: "Osaka", En: "Osaka", Ja: "大阪"}}}
	for _, c := range []struct{ lang, table, column, value, want string }{
		{"de", "x", "country", "JP", "Japan"},
		{"ja", "x", "country", "DE", "ドイツ"},
		{"en", "x", "country", "EU", "European Union"},
		{"ja", "x", "region", "osaka", "大阪"},
		{"de", "x", "region", "none", "Ohne Region"},
		{"de", "x", "opportunity_kind", "technology_offer", "Technologieangebot"},
		{"ja", "x", "phase", "implementation", "実施"},
		{"fr", "x", "phase", "implementation", "Implementation"}, // an unknown language is English
	} {
		got, ok := report.NewNames(c.lang, ref).Code(c.table, c.column, c.value)
		if !ok || got != c.want {
			t.Errorf("%s %s %s: %q (%v), want %q", c.lang, c.column, c.value, got, ok, c.want)
		}
	}
	if got, ok := report.NewNames("en", ref).Code("x", "region", "atlantis"); ok || got != "atlantis" {
		t.Errorf("an unknown code: %q %v, want it shown as it is and not ok", got, ok)
	}
}
