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
