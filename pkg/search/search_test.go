package search_test

import (
	"testing"

	"github.com/innomunich/platform/pkg/search"
)

func TestFoldMakesWidthCaseAndKanaAlike(t *testing.T) {
	tests := map[string]string{
		"ＢｉｏＭ":         "biom",
		"Osaka  BioHQ": "osaka biohq",
		"ﾊﾞｲｵ":         "バイオ",
		"ばいお":          "バイオ",
		"München":      "münchen",
	}
	for in, want := range tests {
		if got := search.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNameKeyIgnoresLegalFormsAndPunctuation(t *testing.T) {
	same := [][]string{
		{"Example Biotech GmbH", "example biotech", "EXAMPLE-BIOTECH AG", "Ｅｘａｍｐｌｅ Ｂｉｏｔｅｃｈ"},
		{"サンプル製薬株式会社", "株式会社サンプル製薬", "サンプル製薬"},
		{"Sample Pharma K.K.", "Sample Pharma Co., Ltd.", "sample pharma"},
	}
	for _, group := range same {
		want := search.NameKey(group[0])
		for _, name := range group[1:] {
			if got := search.NameKey(name); got != want {
				t.Errorf("NameKey(%q) = %q, want %q like %q", name, got, want, group[0])
			}
		}
	}
	if search.NameKey("Agenus") == search.NameKey("Genus") {
		t.Error("a name starting with a legal-form word lost it")
	}
}

func TestHost(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.bio-m.org/en/": "bio-m.org",
		"http://Example.jp:8080":    "example.jp",
		"":                          "",
	} {
		if got := search.Host(in); got != want {
			t.Errorf("Host(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKatakanaWritesHiraganaOnly(t *testing.T) {
	for in, want := range map[string]string{
		"おおさか":        "オオサカ",
		"ばいおへっどくぉーたー": "バイオヘッドクォーター",
		"ゔぁ ゖ":        "ヴァ ヶ",
		"ヤマダ":         "ヤマダ",
		"山田 Taro ｶﾅ":  "山田 Taro ｶﾅ",
		"":            "",
	} {
		if got := search.Katakana(in); got != want {
			t.Errorf("Katakana(%q) = %q, want %q", in, got, want)
		}
	}
}

// Names in the order a German or Japanese dictionary gives them, as a
// list sorted by SortKey shows them: the marks compared after the
// letters (so not at all: names that differ only in them tie).
func TestSortKeyOrdersNamesAsADictionaryDoes(t *testing.T) {
	ordered := []string{
		"Apotheke Nord", "Ärzteverbund Bayern", "Azur Pharma",
		"Eagle Bio", "Émile Labs", "Etoile",
		"Mueller Anna", "Müller Hans", "Mustermann Max",
		"Öko Pharma", "Oncology Partners", "Ōsaka Bio Labs", "Otto",
		"Straße Biotech", "Strauss", "Zymo Research",
		// Kana in 五十音順: ガ as カ, ッ as ツ, ー as the vowel before it,
		// after the Latin names.
		"カイア", "ガス", "カフェ", "キッテ", "キツネ", "ギャラリー", "キヨ",
		"コウベ", "コーヒー", "コオリ", "コク", "センター", "センタク", "ソーダ", "ソン",
	}
	for i := 1; i < len(ordered); i++ {
		a, b := search.SortKey(ordered[i-1]), search.SortKey(ordered[i])
		if a >= b {
			t.Errorf("SortKey(%q) = %q is not before SortKey(%q) = %q", ordered[i-1], a, ordered[i], b)
		}
	}
	same := [][2]string{
		{"Müller", "Muller"}, {"MÜLLER", "muller"}, {"Straße", "strasse"}, {"Ōsaka", "osaka"}, {"Ｍüｌｌｅｒ", "muller"},
		{"がす", "ガス"}, {"ｶﾞｽ", "カス"}, {"キャ", "キヤ"}, {"Ærø", "aero"}, {"Łódź", "lodz"},
		{"センター", "センタア"}, {"ショー", "シヨオ"}, {"ｺｰﾋｰ", "コオヒイ"}, {"ゲーム", "ケエム"}, {"スーパー", "スウハア"},
	}
	for _, p := range same {
		if a, b := search.SortKey(p[0]), search.SortKey(p[1]); a != b {
			t.Errorf("SortKey(%q) = %q, SortKey(%q) = %q; want the same", p[0], a, p[1], b)
		}
	}
	// A long-vowel mark after no vowel of a kana stays as it is.
	for in, want := range map[string]string{"ンー": "ンー", "ー": "ー", "Aー": "aー"} {
		if got := search.SortKey(in); got != want {
			t.Errorf("SortKey(%q) = %q, want %q", in, got, want)
		}
	}
	// Text without marks is only folded; kanji keep their order.
	for in, want := range map[string]string{"Isar  Pharma GmbH": "isar pharma gmbh", "髙橋製薬": "髙橋製薬", "": ""} {
		if got := search.SortKey(in); got != want {
			t.Errorf("SortKey(%q) = %q, want %q", in, got, want)
		}
	}
}
