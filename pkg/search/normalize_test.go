package search_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/search"
)

// finds reports what the lists do with a query and a stored text: every
// term of the query (its normalized words, split at the punctuation
// between names) is in the normalized text.
func finds(query, stored string) bool {
	text := search.Normalize(stored)
	for _, w := range search.Terms(query) {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// TestNormalizeFoldsWhatPeopleTypeDifferently is the table the issue asks
// for: queries as people type them, stored texts as they are written, and
// whether the one must find the other. Written by hand; every pair is a
// case someone would notice.
func TestNormalizeFoldsWhatPeopleTypeDifferently(t *testing.T) {
	tests := []struct {
		query, stored string
		want          bool
	}{
		// Diacritics and romaji long vowels.
		{"osaka", "Ōsaka", true},
		{"ōsaka", "Osaka", true},
		{"ôsaka", "Ōsaka", true},
		{"oosaka", "Ōsaka", true},
		{"ohsaka", "Ōsaka", true},
		{"Ōsaka", "Oosaka University", true},
		{"OSAKA", "Ōsaka", true},
		{"Osaka", "Ohsaka Bio", true},
		{"tokyo", "Tōkyō", true},
		{"Tōkyō", "Tokyo", true},
		{"toukyou", "Tōkyō", true},
		{"tokyo", "Toukyou Medical", true},
		{"tôkyô", "TOKYO", true},
		{"kyoto", "Kyōto", true},
		{"kyouto", "Kyōto", true},
		{"kobe", "Kōbe", true},
		{"kyushu", "Kyūshū", true},
		{"kyuushuu", "Kyūshū", true},
		{"yuki", "Yūki", true},
		{"yuuki", "Yūki", true},
		{"ryota", "Ryōta Satō", true},
		{"sato", "Satō", true},
		{"satou", "Satō", true},
		{"satoh", "Satō", true},
		{"ito", "Itō", true},
		{"itoh", "Itō", true},
		{"ono", "Ōno", true},
		{"oono", "Ōno", true},
		{"ohno", "Ōno", true},
		{"shinjuku", "Shinjuku", true},
		{"saito", "Saitō", true},
		// German spellings.
		{"muller", "Müller", true},
		{"mueller", "Müller", true},
		{"müller", "Müller", true},
		{"MÜLLER", "Müller", true},
		{"muller", "Mueller", true},
		{"mueller", "Mueller", true},
		{"müller", "Mueller", true},
		{"MÜLLER", "Mueller GmbH", true},
		{"munchen", "München", true},
		{"muenchen", "München", true},
		{"münchen", "Muenchen", true},
		{"MÜNCHEN", "Technische Universität München", true},
		{"strasse", "Leopoldstraße", true},
		{"straße", "Leopoldstrasse", true},
		{"STRASSE", "Straße", true},
		{"weiss", "Weiß", true},
		{"weiß", "Weiss", true},
		{"gross", "Großhadern", true},
		{"großhadern", "Grosshadern", true},
		{"schafer", "Schäfer", true},
		{"schaefer", "Schäfer", true},
		{"schäfer", "Schaefer", true},
		{"baer", "Bär", true},
		{"koln", "Köln", true},
		{"koeln", "Köln", true},
		{"köln", "Koeln", true},
		{"gottingen", "Göttingen", true},
		{"goettingen", "Göttingen", true},
		{"boehringer", "Böhringer", true},
		{"bohringer", "Boehringer Ingelheim", true},
		{"dusseldorf", "Düsseldorf", true},
		{"duesseldorf", "Düsseldorf", true},
		{"universitat", "Universität", true},
		{"universitaet", "Universität", true},
		{"jose", "José", true},
		{"francois", "François", true},
		{"zurich", "Zürich", true},
		{"kobenhavn", "København", true},
		{"aesculap", "Æsculap", true},
		// Kana: long-vowel mark and doubled vowels, hiragana and katakana,
		// half and full width.
		{"オーサカ", "オオサカ", true},
		{"オオサカ", "オーサカ", true},
		{"おおさか", "オーサカ", true},
		{"おーさか", "オオサカ", true},
		{"ｵｰｻｶ", "オオサカ", true},
		{"トーキョー", "トウキョウ", true},
		{"とうきょう", "トーキョー", true},
		{"キョウト", "キョート", true},
		{"サトウ", "サトー", true},
		{"さとう", "サトウ", true},
		{"ユウキ", "ユーキ", true},
		{"コーベ", "コウベ", true},
		{"ヤマダ タロウ", "ヤマダ タロー", true},
		{"たろう", "タロウ", true},
		{"バイオ", "ﾊﾞｲｵ", true},
		{"メール", "メエル", true},
		// Variant kanji (itaiji).
		{"高橋", "髙橋", true},
		{"髙橋", "高橋", true},
		{"山崎", "山﨑", true},
		{"山﨑", "山崎", true},
		{"斎藤", "齋藤", true},
		{"斎藤", "齊藤", true},
		{"斉藤", "斎藤", true},
		{"齋藤", "斉藤", true},
		{"渡辺", "渡邊", true},
		{"渡辺", "渡邉", true},
		{"渡邊", "渡邉", true},
		{"沢田", "澤田", true},
		{"澤田", "沢田", true},
		{"浜松", "濱松", true},
		{"島田", "嶋田", true},
		{"嶋田", "島田", true},
		{"徳島", "德島", true},
		{"桜井", "櫻井", true},
		{"竜馬", "龍馬", true},
		{"龍", "竜", true},
		{"国立", "國立", true},
		{"國", "国際", true},
		{"広島", "廣島", true},
		{"富沢", "冨澤", true}, // 冨 is a name form of 富
		{"澤", "沢", true},
		{"辺", "邉", true},
		{"学会", "學會", true},
		{"医学", "醫學", true},
		{"桧山", "檜山", true},
		// What must stay apart.
		{"埼玉", "崎玉", false},
		{"大阪", "大坂", false},
		{"オサカ", "オサキ", false},
		{"カ", "ガ", false},
		{"ハ", "パ", false},
		{"muller", "Miller", false},
		{"koln", "Kaln", false},
		{"osaka", "Okasa", false},
		{"tokyo", "Tokio", false},
		{"schafer", "Schiefer", false},
		{"hans muller", "Hans Meier", false},
		{"山田 太郎", "山田 花子", false},
		{"高橋", "高梨", false},
		{"斎藤", "佐藤", false},
		{"浜", "海", false},
		{"沢", "択", false},
		{"ヤマダ", "ヤマト", false},
		{"bio", "Bayern", false},
		// Full names in either order and with or without a space.
		{"Hans Müller", "Müller Hans", true},
		{"Müller Hans", "Hans Mueller", true},
		{"hans mueller", "Hans Müller", true},
		{"山田 太郎", "山田太郎", true},
		{"山田 太郎", "太郎 山田", true},
		{"山田太郎", "山田太郎", true},
		{"ヤマダ タロウ", "タロウ ヤマダ", true},
		{"Taro Yamada", "Yamada Tarō", true},
		{"Yamada Taro", "Tarō Yamada", true},
		{"Max Mustermann", "Mustermann Max", true},
		// Punctuation between the parts of a name, as people write it.
		{"Yamada, Taro", "Taro Yamada", true},
		{"Müller, Hans", "Hans Müller", true},
		{"山田・太郎", "山田 太郎", true},
		{"ヤマダ・タロウ", "ヤマダ タロウ", true},
		{"ハンス ミュラー", "ハンス・ミュラー", true},
		{"daiichi-sankyo", "Daiichi Sankyo", true},
		{"daiichi/sankyo", "Sankyo Daiichi", true},
		{"osaka-munchen", "Ōsaka–München MoU", true},
		{"Sample Co., Ltd.", "Sample Co., Ltd. Osaka", true},
		{"CAR-T", "Zelltherapie (CAR-T)", true},
		{"OB-4711", "crm:OB-4711", true},
		{"o’brien", "O'Brien Biotech", true},
		{"&", "Johnson & Johnson", true},
		{"daiichi-sankyo", "Daiichi Pharma", false},
		{"Yamada, Taro", "Yamada Jiro", false},
		{"&", "Johnson and Johnson", false},
		// Characters that show nothing, pasted with a name.
		{"zeb\u200bra", "Zebra", true},
		{"zebra", "Zeb\u00adra Labs", true},
		{"\ufeffzebra\u200e", "Zebra", true},
		{"zebra\x7f", "Zebra", true},
		{"葛\U000E0100城", "葛城", true},
		{"葛城", "葛\U000E0100城 Pharma", true},
	}
	for _, tt := range tests {
		if got := finds(tt.query, tt.stored); got != tt.want {
			t.Errorf("q=%q on %q: found %v, want %v (normalized %q on %q)", tt.query, tt.stored, got, tt.want, search.Normalize(tt.query), search.Normalize(tt.stored))
		}
	}
	if len(tests) < 100 {
		t.Errorf("the table has %d pairs; keep at least 100", len(tests))
	}
}

func TestNormalizeIsStable(t *testing.T) {
	for _, s := range []string{"Ōsaka", "Toukyou", "Ohio", "Mueller", "Inoue", "オーサカ", "トウキョウ", "髙橋", "Straße", "queue", "ohee", "Noh Theatre", "Zeb\u00adra–O’Brien", "a\x01b"} {
		once := search.Normalize(s)
		if twice := search.Normalize(once); twice != once {
			t.Errorf("Normalize(%q) = %q, but normalizing that gives %q", s, once, twice)
		}
	}
}

// A query's terms (folded: daiichi is daichi) are its words split where
// punctuation separates the parts of a name, each once; a word whose
// pieces would be too short to be found in all of a record's text, an
// identifier and a word of punctuation alone are looked up as they are.
func TestTermsSplitAtThePunctuationBetweenNames(t *testing.T) {
	for query, want := range map[string][]string{
		"Yamada, Taro":            {"yamada", "taro"},
		"山田·太郎 ヤマダ゠タロウ":           {"山田", "太郎", "ヤマダ", "タロ"},
		"山田・太郎":                   {"山田", "太郎"},
		"「山田」":                    {"山田"},
		"daiichi-sankyo":          {"daichi", "sankyo"},
		"Sankyo/Daiichi Sankyo":   {"sankyo", "daichi"},
		"Ōsaka–München":           {"osaka", "munchen"},
		"Sample Co., Ltd.":        {"sample"},
		"Isar Bio e.V.":           {"isar", "bio"},
		"e.V. Co.":                {"e.v.", "co."},
		"Bio-AG CAR-T co-founder": {"bio-ag", "car-t", "co-fonder"},
		"OB-4711 COVID-19":        {"ob-4711", "covid-19"},
		"O'Brien":                 {"o'brien"},
		"- + -a o-":               {"-", "+", "-a", "o-"},
		"e.":                      {"e."},
		"(株) 山田":                  {"山田"},
		"100% \"Pure\" Bio":       {"100%", "pure", "bio"},
	} {
		if got := search.Terms(query); !slices.Equal(got, want) {
			t.Errorf("Terms(%q) = %q, want %q", query, got, want)
		}
	}
}

// Titles and forms of address before a name and Japanese honorifics
// after one, as a business card or a letter has them, are no words of a
// query while others remain; words that only look like them stay.
func TestAQueryLeavesOutTitlesAndHonorifics(t *testing.T) {
	for query, want := range map[string]string{
		"Prof. Dr. Hans Müller":        "hans muller",
		"Herrn Dr. med. Müller":        "muller",
		"Frau Dipl.-Ing. Anna Schmidt": "anna schmidt",
		"Dr.-Ing. Schmidt, PhD":        "schmidt,",
		"Mr. Smith":                    "smith",
		"Dipl.-Biol. Anna Schmidt":     "anna schmidt",
		"Univ.-Prof. Dr. Schmidt":      "schmidt",
		"Prof.Dr. Schmidt, M.Sc.":      "schmidt,",
		"山田様、":                         "山田",
		"Mrs Smith":                    "smith",
		"Dr. Falk Pharma":              "falk pharma",
		"H. Müller":                    "muller",
		"Hans J. Müller":               "hans muller",
		"H.J. Müller":                  "muller",
		"山田様":                          "山田",
		"山田 太郎 様":                      "山田 太郎",
		"山田太郎さん":                       "山田太郎",
		"ヤマダ タロウ さま":                   "ヤマダ タロ",
		"林さん":                          "林",
		"ミュラーさん":                       "ミュラ",
		"山田先生":                         "山田",
		"山田教授":                         "山田",
		"山田准教授":                        "山田",
		"山田 太郎 名誉教授":                   "山田 太郎",
		"医学博士 山田":                      "山田",
		"大阪バイオ御中":                      "大阪バイオ",
		"山田氏":                          "山田",
		// Nothing else: kept.
		"Dr.":     "dr.",
		"Prof Dr": "prof dr",
		"様":       "様",
		"さん":      "サン",
		// Words that only look like them.
		"ジョナサン":        "ジョナサン",
		"おかあさん":        "オカサン",
		"MS therapy":   "ms therapy",
		"MR imaging":   "mr imaging",
		"Drosten":      "drosten",
		"e.V. Bio":     "e.v. bio",
		"Ä. Müller":    "muller",
		"Frauenklinik": "fraunklinik",
		"PK/PD":        "pk/pd",
	} {
		if got := strings.Join(search.Words(query), " "); got != want {
			t.Errorf("Words(%q) = %q, want %q", query, got, want)
		}
	}
}

// A legal form is no term: the name is found whichever one the query
// has, or none, and 株式会社 before the name finds it after, and the
// other way round. The phrase keeps it, so the name in full ranks first.
func TestALegalFormIsNoTermButPartOfThePhrase(t *testing.T) {
	for query, want := range map[string][]string{
		"Müller Biotech AG":       {"muller", "biotech"},
		"Müller GmbH & Co. KG":    {"muller"},
		"Sample Co.,Ltd.":         {"sample"},
		"Sample K.K.":             {"sample"},
		"大阪バイオ株式会社":               {"大阪バイオ"},
		"株式会社大阪バイオ":               {"大阪バイオ"},
		"㈱大阪バイオ":                  {"大阪バイオ"},
		"大阪バイオ(株)":                {"大阪バイオ"},
		"株式会社 大阪バイオ":              {"大阪バイオ"},
		"一般社団法人 バイオ協会":            {"バイオ協会"},
		"vaccines ag":             {"vaccines"},
		"GmbH":                    {"gmbh"},
		"株式会社":                    {"株式会社"},
		"EV therapeutics":         {"ev", "therapeutics"},
		"BioNTech SE":             {"biontech", "se"},
		"Johnson & Johnson Japan": {"jonson", "japan"},
	} {
		if got := search.Terms(query); !slices.Equal(got, want) {
			t.Errorf("Terms(%q) = %q, want %q", query, got, want)
		}
	}
	if got := search.Phrase("Müller Biotech GmbH"); got != "muller biotech gmbh" {
		t.Errorf("Phrase(Müller Biotech GmbH) = %q: the legal form belongs to the phrase", got)
	}
}

// The phrase that ranking compares with the names leaves out the
// separators at a word's ends, as the terms do.
func TestPhraseIsTheWordsWithoutTheMarksAroundThem(t *testing.T) {
	for query, want := range map[string]string{
		`"zebra"`: "zebra", "Zebra!": "zebra", "「山田」 太郎": "山田 太郎", "Yamada, Taro": "yamada taro",
		"daiichi-sankyo": "daichi-sankyo", "-a": "-a", "e.V.": "e.v.",
	} {
		if got := search.Phrase(query); got != want {
			t.Errorf("Phrase(%q) = %q, want %q", query, got, want)
		}
	}
}

func TestRankNamesTheBuckets(t *testing.T) {
	if got := search.Names("Hans Müller", "Müller Hans", "", "hans mueller"); got != "| hans muller | muller hans |" {
		t.Errorf("Names = %q", got)
	}
	if c := search.Rank("people", "  "); c.SQL != "" {
		t.Errorf("an empty query ranks: %q", c.SQL)
	}
}
