package project_test

import (
	"fmt"
	"testing"

	"github.com/innomunich/platform/pkg/project"
)

func TestPhasesMoveForwardOrStop(t *testing.T) {
	tests := []struct {
		from, to string
		ok       bool
	}{
		{"idea", "concept", true}, {"idea", "implementation", true}, {"implementation", "concept", false},
		{"application", "discontinued", true}, {"completed", "discontinued", false}, {"discontinued", "idea", false},
		{"completed", "completed", true},
	}
	for _, tt := range tests {
		if got := project.PhaseAllowed(tt.from, tt.to); got != tt.ok {
			t.Errorf("%s → %s: %v, want %v", tt.from, tt.to, got, tt.ok)
		}
	}
}

func TestTotalsNeverAddCurrencies(t *testing.T) {
	byCur, byFun := project.Totals([]project.Funding{
		{Funder: "bmbf", Amount: 100, Currency: "EUR"}, {Funder: "amed", Amount: 5000, Currency: "JPY"},
		{Funder: "bmbf", Amount: 50, Currency: "EUR"}, {Funder: "industry", Amount: 7, Currency: "EUR"},
	})
	if got := fmt.Sprint(byCur); got != "[{ EUR 157} { JPY 5000}]" {
		t.Errorf("by currency %s", got)
	}
	if got := fmt.Sprint(byFun); got != "[{amed JPY 5000} {bmbf EUR 150} {industry EUR 7}]" {
		t.Errorf("by funder %s", got)
	}
}

func TestReferenceStem(t *testing.T) {
	for ref, want := range map[string]string{"031B0123A": "031B0123", "031B0123": "031B0123", "AMED-XYZ": "AMED-XYZ"} {
		if got := project.ReferenceStem(ref); got != want {
			t.Errorf("ReferenceStem(%q) = %q, want %q", ref, got, want)
		}
	}
}
