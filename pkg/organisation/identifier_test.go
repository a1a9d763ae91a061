package organisation_test

import (
	"testing"

	"github.com/innomunich/platform/pkg/organisation"
)

// Real numbers, as published by the registries (the National Tax Agency's
// 法人番号 search, GLEIF, ROR, the companies' imprints).
func TestCorporateNumbersAreCheckedByTheNTARule(t *testing.T) {
	for _, tt := range []struct {
		in    string
		valid bool
	}{
		{"7000012050002", true},    // 国税庁 (National Tax Agency)
		{"1180301018771", true},    // トヨタ自動車株式会社
		{"5010401089998", true},    // 楽天グループ株式会社 (Rakuten Group)
		{"1 1803-0101-8771", true}, // written with separators
		{"１１８０３０１０１８７７１", true},    // full width
		{"2180301018771", false},   // wrong check digit
		{"118030101877", false},    // 12 digits
		{"11803010187710", false},  // 14 digits
		{"A180301018771", false},
		{"", false},
	} {
		got := organisation.ValidCorporateNumber(organisation.NormaliseCorporateNumber(tt.in))
		if got != tt.valid {
			t.Errorf("%q: valid %v, want %v", tt.in, got, tt.valid)
		}
	}
}

func TestLEIsAreCheckedByMod97(t *testing.T) {
	for _, tt := range []struct {
		in    string
		valid bool
	}{
		{"506700GE1G29325QX363", true},     // GLEIF
		{"7LTWFZYICNSX8D621K86", true},     // Deutsche Bank AG
		{"529900W18LQJJN6SJ336", true},     // Siemens AG
		{"5299 00w1 8lqj jn6s j336", true}, // spaces and lower case
		{"529900W18LQJJN6SJ337", false},    // a check digit off
		{"529900W18LQJJN6SJ3", false},      // too short
		{"529900W18LQJJN6SJ3AB", false},    // letters where the check digits go
	} {
		got := organisation.ValidLEI(organisation.NormaliseLEI(tt.in))
		if got != tt.valid {
			t.Errorf("%q: valid %v, want %v", tt.in, got, tt.valid)
		}
	}
}

func TestRORIdsAreCheckedByTheirChecksum(t *testing.T) {
	for _, tt := range []struct {
		in, norm string
		valid    bool
	}{
		{"https://ror.org/05591te55", "05591te55", true}, // LMU München
		{"02kkvpp62", "02kkvpp62", true},                 // TU München
		{"ror.org/035t8zc32", "035t8zc32", true},         // Osaka University
		{"HTTPS://ROR.ORG/05591TE55/", "05591te55", true},
		{"05591te56", "05591te56", false}, // checksum off
		{"15591te55", "15591te55", false}, // must start with 0
		{"0559ite55", "0559ite55", false}, // i is no Crockford digit
		{"05591te5", "05591te5", false},
	} {
		n := organisation.NormaliseROR(tt.in)
		if n != tt.norm || organisation.ValidROR(n) != tt.valid {
			t.Errorf("%q: %q valid %v, want %q %v", tt.in, n, organisation.ValidROR(n), tt.norm, tt.valid)
		}
	}
}

func TestVATIdsAreCheckedByCountryFormatAndGermanCheckDigit(t *testing.T) {
	for _, tt := range []struct {
		in    string
		valid bool
	}{
		{"DE129273398", true},    // BMW AG
		{"DE 129 274 202", true}, // Siemens AG
		{"de143454214", true},    // SAP SE
		{"DE129273399", false},   // check digit off
		{"DE012927339", false},   // German numbers do not start with 0
		{"DE12927339", false},    // 8 digits
		{"ATU13585627", true},    // Austrian format
		{"FR40303265045", true},  // French: 2 characters and 9 digits
		{"NL004495445B01", true}, // Dutch
		{"EL094014201", true},    // Greek, with EL
		{"GR094014201", true},    // written GR
		{"IT00743110157", true},  // Italian
		{"ESA28015865", true},    // Spanish
		{"BE0403170701", true},   // Belgian
		{"XX123456789", false},   // no such member state
		{"US123456789", false},   // not in the EU
		{"ATU1358562", false},    // Austrian, too short
		{"123456789", false},     // no prefix
	} {
		got := organisation.ValidVATID(organisation.NormaliseVATID(tt.in))
		if got != tt.valid {
			t.Errorf("%q: valid %v, want %v", tt.in, got, tt.valid)
		}
	}
}

func TestCommercialRegisterEntriesAreReadFromTheirWrittenForm(t *testing.T) {
	for _, tt := range []struct {
		in                  string
		court, kind, number string
		ok                  bool
	}{
		{"Amtsgericht München HRB 123456", "München", "HRB", "123456", true},
		{"AG München, HRB 123456", "München", "HRB", "123456", true},
		{"München HRB123456", "München", "HRB", "123456", true},
		{"Amtsgericht Charlottenburg HRB 12345 B", "Charlottenburg", "HRB", "12345 B", true},
		{"Amtsgericht Frankfurt am Main HRA 4711", "Frankfurt am Main", "HRA", "4711", true},
		{"amtsgericht münchen hrb 123456", "münchen", "HRB", "123456", true},
		{"HRB 123456", "", "", "", false},
		{"Amtsgericht München GnR 12", "", "", "", false},
		{"Amtsgericht München HRB", "", "", "", false},
	} {
		r, ok := organisation.ParseRegister(tt.in)
		if ok != tt.ok || r.Court != tt.court || r.Type != tt.kind || r.Number != tt.number {
			t.Errorf("%q: %+v %v, want %s|%s|%s %v", tt.in, r, ok, tt.court, tt.kind, tt.number, tt.ok)
		}
	}
	a, _ := organisation.ParseRegister("Amtsgericht München HRB 123456")
	b, _ := organisation.ParseRegister("AG MÜNCHEN HRB 123 456")
	if a.Key != b.Key {
		t.Errorf("the same entry spelt two ways has two keys: %q, %q", a.Key, b.Key)
	}
}
