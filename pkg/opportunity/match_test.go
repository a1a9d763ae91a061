package opportunity

import (
	"slices"
	"testing"

	"github.com/innomunich/platform/pkg/i18n"
)

func TestWeightsAddUpToOneHundred(t *testing.T) {
	for name, ws := range map[string][]Weight{"Weights": Weights, "SuggestionWeights": SuggestionWeights} {
		sum := 0
		for _, w := range ws {
			sum += w.Points
		}
		if sum != 100 {
			t.Errorf("%s add up to %d", name, sum)
		}
	}
}

func TestStagesAreCompatibleWithTheirNeighbours(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"preclinical", "preclinical", true}, {"preclinical", "discovery", true}, {"clinical_phase_1", "preclinical", true},
		{"clinical_phase_1", "clinical_phase_3", false}, {"approved", "clinical_phase_3", true},
		{"not_applicable", "not_applicable", true}, {"not_applicable", "discovery", false},
	} {
		if got := stageCompatible(tc.a, tc.b); got != tc.want {
			t.Errorf("%s ~ %s: %v", tc.a, tc.b, got)
		}
	}
}

// Words are in search's normalized form (search.Normalize), the form
// the stored search text of a candidate has: "tumours" is "tumors",
// プラットフォーム is プラットフォム.
func TestWordsInEveryLanguage(t *testing.T) {
	got := Words("Allogeneic CAR-T platform for solid tumours", "Allogene CAR-T-Plattform", "固形がん向け他家CAR-Tプラットフォーム", "ＣＡＲ")
	for _, w := range []string{"allogeneic", "platform", "tumors", "allogene", "plattform", "固形", "プラットフォム"} {
		if !slices.Contains(got, w) {
			t.Errorf("%q missing from %v", w, got)
		}
	}
	for _, w := range []string{"for", "car", "solid"} {
		if slices.Contains(got, w) && w != "solid" {
			t.Errorf("%q should be left out: %v", w, got)
		}
	}
}

func TestScoreSaysWhyAndIsSymmetricInItsCriteria(t *testing.T) {
	offer := Opportunity{ID: "a", Kind: TechnologyOffer, FocusAreas: []string{"cell_gene_therapy", "viral_oncology"}, Modalities: []string{"cell_therapy"},
		Stage: "preclinical", CooperationTypes: []string{"licensing"}, TargetCountries: []string{"JP"},
		Title: i18n.Text{En: "Allogeneic CAR-T platform"}}
	request := Opportunity{ID: "b", Kind: TechnologyRequest, FocusAreas: []string{"cell_gene_therapy"}, Modalities: []string{"antibody"},
		Stage: "clinical_phase_2", CooperationTypes: []string{"licensing", "co_development"},
		Title: i18n.Text{Ja: "CAR-T細胞", En: "Allogeneic cells wanted"}}
	m := Score(NewSide(offer, "DE"), NewSide(request, "JP"))
	var matched, unmatched []string
	for _, c := range m.Matched {
		matched = append(matched, c.Criterion)
	}
	for _, c := range m.Unmatched {
		unmatched = append(unmatched, c.Criterion)
	}
	if m.Score != 30+15+10+10 || !slices.Equal(matched, []string{"focus_areas", "cooperation_types", "target_country", "words"}) ||
		!slices.Equal(unmatched, []string{"modalities", "stage"}) {
		t.Errorf("score %d, matched %v, unmatched %v", m.Score, matched, unmatched)
	}
	if !slices.Equal(m.Matched[0].Values, []string{"cell_gene_therapy"}) || !slices.Equal(m.Unmatched[0].Values, []string{"antibody"}) {
		t.Errorf("values: %+v %+v", m.Matched[0], m.Unmatched[0])
	}
	back := Score(NewSide(request, "JP"), NewSide(offer, "DE"))
	if back.Score != m.Score {
		t.Errorf("score one way %d, the other %d", m.Score, back.Score)
	}
	// The offer targets Japan: a German request does not meet it there.
	if de := Score(NewSide(offer, "DE"), NewSide(request, "DE")); de.Score != m.Score-10 {
		t.Errorf("target country: %d", de.Score)
	}
}
