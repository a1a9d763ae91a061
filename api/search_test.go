package api_test

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

type idItem struct {
	ID string `json:"id"`
}

type idList struct {
	Items      []idItem `json:"items"`
	NextCursor *string  `json:"next_cursor"`
}

// searchWorld is German and Japanese data in every searchable list, by a
// label for each record.
type searchWorld map[string]string

func seedSearchWorld(h *harness) searchWorld {
	w := searchWorld{}
	org := func(label string, body map[string]any) string {
		if body["kind"] == nil {
			body["kind"] = "biotech"
		}
		w[label] = h.createOrg(body).ID
		return w[label]
	}
	muller := org("Müller Biotech", map[string]any{"name": "Müller Biotech GmbH", "country": "DE", "city": "München"})
	org("Mueller Pharma", map[string]any{"name": "Mueller Pharma AG", "country": "DE", "city": "Berlin"})
	org("Miller Systems", map[string]any{"name": "Miller Systems Inc.", "country": "US", "city": "Boston"})
	org("Schäfer Diagnostik", map[string]any{"name": "Schäfer Diagnostik", "short_name": "SDX", "country": "DE", "city": "Köln"})
	org("Weiß Analytik", map[string]any{"name": "Weiß Analytik GmbH", "country": "DE", "city": "Muenchen"})
	osaka := org("Ōsaka Bio Lab", map[string]any{"name": "Ōsaka Bio Lab", "name_local": "大阪バイオ研究所", "name_kana": "オーサカバイオケンキュウショ", "country": "JP", "city": "Ōsaka"})
	org("Okasa Foods", map[string]any{"name": "Okasa Foods", "country": "JP", "city": "Kobe"})
	org("Takahashi Pharma", map[string]any{"name": "Takahashi Pharma", "name_local": "髙橋製薬株式会社", "name_kana": "タカハシセイヤク", "country": "JP", "city": "Tokyo"})
	org("Takanashi Trading", map[string]any{"name": "Takanashi Trading", "name_local": "高梨商事", "country": "JP", "city": "Tokyo"})
	org("Yamasaki Shoji", map[string]any{"name": "Yamasaki Shoji", "name_local": "山﨑商事", "country": "JP", "city": "Nagoya"})
	org("Tōkyō Devices", map[string]any{"name": "Tōkyō Medical Devices", "country": "JP", "city": "Tokyo"})
	org("Kyōto Devices", map[string]any{"name": "Kyōto Medical Devices", "country": "JP", "city": "Kyoto"})
	org("Sawai Yakuhin", map[string]any{"name": "Sawai Yakuhin", "name_local": "澤井薬品", "country": "JP", "city": "Osaka"})

	person := func(label string, body map[string]any) {
		rec := h.do(request{method: "POST", url: "/api/v1/people", body: body})
		if rec.Code != 201 {
			h.t.Fatalf("create %s: %d %s", label, rec.Code, rec.Body.String())
		}
		w[label] = decode[idItem](h.t, rec).ID
	}
	person("Hans Müller", map[string]any{"organisation_id": muller, "given_name": "Hans", "family_name": "Müller"})
	person("Hans Mueller", map[string]any{"organisation_id": muller, "given_name": "Hans", "family_name": "Mueller"})
	person("Hans Meier", map[string]any{"organisation_id": muller, "given_name": "Hans", "family_name": "Meier"})
	person("Anna Schmidt", map[string]any{"organisation_id": muller, "given_name": "Anna", "family_name": "Schmidt"})
	person("Max Mustermann", map[string]any{"organisation_id": muller, "given_name": "Max", "family_name": "Mustermann"})
	person("Erika Mustermann", map[string]any{"organisation_id": muller, "given_name": "Erika", "family_name": "Mustermann"})
	person("山田 太郎", map[string]any{"organisation_id": osaka, "given_name": "Tarō", "family_name": "Yamada", "given_name_local": "太郎", "family_name_local": "山田",
		"given_name_kana": "タロウ", "family_name_kana": "ヤマダ"})
	person("山田 花子", map[string]any{"organisation_id": osaka, "given_name": "Hanako", "family_name": "Yamada", "given_name_local": "花子", "family_name_local": "山田",
		"given_name_kana": "ハナコ", "family_name_kana": "ヤマダ"})
	person("齋藤 一郎", map[string]any{"organisation_id": osaka, "given_name": "Ichirō", "family_name": "Saitō", "given_name_local": "一郎", "family_name_local": "齋藤"})
	person("佐藤 次郎", map[string]any{"organisation_id": osaka, "given_name": "Jirō", "family_name": "Satō", "given_name_local": "次郎", "family_name_local": "佐藤"})
	person("渡邉 恵", map[string]any{"organisation_id": osaka, "given_name": "Megumi", "family_name": "Watanabe", "given_name_local": "恵", "family_name_local": "渡邉"})

	w["Göttingen agreement"] = h.createAgreement(map[string]any{"title": "Kooperationsvereinbarung Universität Göttingen", "kind": "mou",
		"parties": parties(muller, osaka), "signed_on": "2024"}).ID
	w["Köln agreement"] = h.createAgreement(map[string]any{"title": "Kooperationsvereinbarung Köln", "kind": "mou",
		"parties": parties(muller, osaka), "signed_on": "2023"}).ID
	trip := func(label, title, city string) {
		w[label] = h.createTrip(map[string]any{"title": title, "kind": "delegation_trip", "organiser_ids": []string{muller}, "country": "JP",
			"cities": []string{city}, "start_date": "2027-04-12", "end_date": "2027-04-16", "time_zone": "Asia/Tokyo", "status": "planned"}).ID
	}
	trip("Tōkyō trip", "Delegationsreise nach Tōkyō", "Tokyo")
	trip("Kyōto trip", "Delegationsreise nach Kyōto", "Kyoto")
	project := func(label, title string) {
		rec := h.do(request{method: "POST", url: "/api/v1/projects", body: map[string]any{"title": title, "partners": partnerList(muller, "coordinator")}})
		if rec.Code != 201 {
			h.t.Fatalf("create project: %d %s", rec.Code, rec.Body.String())
		}
		w[label] = decode[idItem](h.t, rec).ID
	}
	project("澤井 project", "澤井 CAR-T 共同研究")
	project("択 project", "選択 CAR-T 共同研究")
	w["Ōsaka offer"] = h.createOpportunity("", offer(osaka, map[string]any{"title": map[string]string{"en": "Ōsaka organoid platform"}})).ID
	w["Okasa offer"] = h.createOpportunity("", offer(osaka, map[string]any{"title": map[string]string{"en": "Okasa organoid platform"}})).ID
	return w
}

// searchIDs lists the ids a list returns for q (one page of 200).
func (h *harness) searchIDs(list, q string, extra ...string) []string {
	h.t.Helper()
	u := "/api/v1/" + list + "?limit=200&q=" + url.QueryEscape(q) + strings.Join(extra, "")
	rec := h.get(u)
	if rec.Code != 200 {
		h.t.Fatalf("%s: %d %s", u, rec.Code, rec.Body.String())
	}
	var out []string
	for _, it := range decode[idList](h.t, rec).Items {
		out = append(out, it.ID)
	}
	return out
}

// TestSearchFindsWhatPeopleTypeInGermanAndJapanese has a row for each
// bullet of "what search must find": the query, the records it must find
// and the records that must not appear.
func TestSearchFindsWhatPeopleTypeInGermanAndJapanese(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		w := seedSearchWorld(h)
		tests := []struct {
			list, q   string
			want, not []string
		}{
			// Full names across fields, in either order, with or without a space.
			{"people", "Hans Müller", []string{"Hans Müller", "Hans Mueller"}, []string{"Hans Meier", "Anna Schmidt"}},
			{"people", "Müller Hans", []string{"Hans Müller", "Hans Mueller"}, []string{"Hans Meier"}},
			{"people", "Max Mustermann", []string{"Max Mustermann"}, []string{"Erika Mustermann"}},
			{"people", "Mustermann Max", []string{"Max Mustermann"}, []string{"Erika Mustermann"}},
			{"people", "山田 太郎", []string{"山田 太郎"}, []string{"山田 花子"}},
			{"people", "山田太郎", []string{"山田 太郎"}, []string{"山田 花子"}},
			{"people", "太郎 山田", []string{"山田 太郎"}, []string{"山田 花子"}},
			{"people", "ヤマダ タロウ", []string{"山田 太郎"}, []string{"山田 花子"}},
			{"people", "やまだ たろう", []string{"山田 太郎"}, []string{"山田 花子"}},
			{"people", "ヤマダタロウ", []string{"山田 太郎"}, []string{"山田 花子"}},
			{"people", "Taro Yamada", []string{"山田 太郎"}, []string{"山田 花子"}},
			{"people", "Yamada Taro", []string{"山田 太郎"}, []string{"山田 花子"}},
			{"people", "Yamada Tarou", []string{"山田 太郎"}, []string{"山田 花子"}},
			// Diacritics and German spellings.
			{"organisations", "osaka", []string{"Ōsaka Bio Lab"}, []string{"Okasa Foods"}},
			{"organisations", "ōsaka", []string{"Ōsaka Bio Lab"}, []string{"Okasa Foods"}},
			{"organisations", "ôsaka", []string{"Ōsaka Bio Lab"}, []string{"Okasa Foods"}},
			{"organisations", "oosaka", []string{"Ōsaka Bio Lab"}, []string{"Okasa Foods"}},
			{"organisations", "ohsaka", []string{"Ōsaka Bio Lab"}, []string{"Okasa Foods"}},
			{"organisations", "muller", []string{"Müller Biotech", "Mueller Pharma"}, []string{"Miller Systems"}},
			{"organisations", "mueller", []string{"Müller Biotech", "Mueller Pharma"}, []string{"Miller Systems"}},
			{"organisations", "müller", []string{"Müller Biotech", "Mueller Pharma"}, []string{"Miller Systems"}},
			{"organisations", "MÜLLER", []string{"Müller Biotech", "Mueller Pharma"}, []string{"Miller Systems"}},
			{"people", "muller", []string{"Hans Müller", "Hans Mueller"}, []string{"山田 太郎"}},
			{"organisations", "weiss", []string{"Weiß Analytik"}, nil},
			{"organisations", "schaefer", []string{"Schäfer Diagnostik"}, nil},
			{"organisations", "schafer", []string{"Schäfer Diagnostik"}, nil},
			{"people", "saito", []string{"齋藤 一郎"}, []string{"佐藤 次郎"}},
			{"agreements", "goettingen", []string{"Göttingen agreement"}, []string{"Köln agreement"}},
			{"agreements", "universitat gottingen", []string{"Göttingen agreement"}, []string{"Köln agreement"}},
			{"opportunities", "oosaka", []string{"Ōsaka offer"}, []string{"Okasa offer"}},
			// Variant kanji.
			{"organisations", "高橋", []string{"Takahashi Pharma"}, []string{"Takanashi Trading"}},
			{"organisations", "山崎", []string{"Yamasaki Shoji"}, nil},
			{"organisations", "沢井", []string{"Sawai Yakuhin"}, nil},
			{"people", "斎藤", []string{"齋藤 一郎"}, []string{"佐藤 次郎"}},
			{"people", "斉藤", []string{"齋藤 一郎"}, []string{"佐藤 次郎"}},
			{"people", "渡辺", []string{"渡邉 恵"}, nil},
			{"people", "渡邊", []string{"渡邉 恵"}, nil},
			{"projects", "沢井", []string{"澤井 project"}, []string{"択 project"}},
			// Long vowels in kana and romaji.
			{"organisations", "オオサカ", []string{"Ōsaka Bio Lab"}, []string{"Okasa Foods"}},
			{"organisations", "おおさか", []string{"Ōsaka Bio Lab"}, nil},
			{"organisations", "Toukyou", []string{"Tōkyō Devices"}, []string{"Kyōto Devices"}},
			{"organisations", "Tokyo medical", []string{"Tōkyō Devices"}, []string{"Kyōto Devices"}},
			{"trips", "toukyou", []string{"Tōkyō trip"}, []string{"Kyōto trip"}},
			{"trips", "Tōkyō", []string{"Tōkyō trip"}, []string{"Kyōto trip"}},
			// Secondary fields: short name, city; people by their
			// organisation, its names and, for a long word, its city.
			{"organisations", "München", []string{"Müller Biotech", "Weiß Analytik"}, []string{"Mueller Pharma"}},
			{"organisations", "SDX", []string{"Schäfer Diagnostik"}, nil},
			{"organisations", "koeln", []string{"Schäfer Diagnostik"}, nil},
			{"people", "Müller Biotech", []string{"Anna Schmidt", "Hans Meier", "Hans Müller"}, []string{"山田 太郎"}},
			{"people", "大阪バイオ", []string{"山田 太郎", "山田 花子"}, []string{"Hans Müller"}},
			{"people", "München", []string{"Anna Schmidt", "Hans Meier"}, []string{"山田 太郎"}},
			// Punctuation between the parts of a name, as people write
			// it, and characters that show nothing, pasted with it.
			{"people", "Yamada, Taro", []string{"山田 太郎"}, []string{"山田 花子"}},
			{"people", "山田・太郎", []string{"山田 太郎"}, []string{"山田 花子"}},
			{"people", "ヤマダ・タロウ", []string{"山田 太郎"}, []string{"山田 花子"}},
			{"people", "Müller, Hans", []string{"Hans Müller", "Hans Mueller"}, []string{"Hans Meier"}},
			{"organisations", "müller-biotech", []string{"Müller Biotech"}, []string{"Mueller Pharma"}},
			{"organisations", "tokyo–medical", []string{"Tōkyō Devices"}, []string{"Kyōto Devices"}},
			{"organisations", "mül\u00adler", []string{"Müller Biotech", "Mueller Pharma"}, []string{"Miller Systems"}},
			{"people", "\ufeff山田\u200b太郎", []string{"山田 太郎"}, []string{"山田 花子"}},
			{"organisations", "osaka\x01", []string{"Ōsaka Bio Lab"}, []string{"Okasa Foods"}},
			// A name as a business card, a signature or a letter gives
			// it: titles and forms of address before it, honorifics
			// after it.
			{"people", "Prof. Dr. Hans Müller", []string{"Hans Müller", "Hans Mueller"}, []string{"Hans Meier", "Anna Schmidt"}},
			{"people", "Herrn Dipl.-Ing. Max Mustermann", []string{"Max Mustermann"}, []string{"Erika Mustermann"}},
			{"people", "Frau Dr. med. Mustermann", []string{"Max Mustermann", "Erika Mustermann"}, []string{"Hans Müller"}},
			{"people", "H. Müller", []string{"Hans Müller", "Hans Mueller"}, []string{"山田 太郎"}},
			{"people", "山田 太郎 様", []string{"山田 太郎"}, []string{"山田 花子"}},
			{"people", "山田太郎様", []string{"山田 太郎"}, []string{"山田 花子"}},
			{"people", "山田さん", []string{"山田 太郎", "山田 花子"}, []string{"佐藤 次郎"}},
			{"people", "ヤマダ タロウ さま", []string{"山田 太郎"}, []string{"山田 花子"}},
			{"people", "齋藤先生", []string{"齋藤 一郎"}, []string{"佐藤 次郎"}},
			{"organisations", "大阪バイオ研究所御中", []string{"Ōsaka Bio Lab"}, []string{"Okasa Foods"}},
			// A legal form other than the company's, or on the other
			// side of the name (前株, 後株), or abbreviated.
			{"organisations", "Müller Biotech AG", []string{"Müller Biotech"}, []string{"Mueller Pharma", "Miller Systems"}},
			{"organisations", "株式会社髙橋製薬", []string{"Takahashi Pharma"}, []string{"Takanashi Trading"}},
			{"organisations", "㈱高橋製薬", []string{"Takahashi Pharma"}, []string{"Takanashi Trading"}},
			{"organisations", "Takahashi Pharma K.K.", []string{"Takahashi Pharma"}, []string{"Takanashi Trading"}},
		}
		for _, tt := range tests {
			got := h.searchIDs(tt.list, tt.q)
			for _, label := range tt.want {
				if !slices.Contains(got, w[label]) {
					t.Errorf("%s?q=%s does not find %s", tt.list, tt.q, label)
				}
			}
			for _, label := range tt.not {
				if slices.Contains(got, w[label]) {
					t.Errorf("%s?q=%s finds %s", tt.list, tt.q, label)
				}
			}
		}
		// A title or an honorific does not cost a name its rank: 山田
		// 太郎 is the name asked for.
		for _, q := range []string{"山田 太郎 様", "Dr. Yamada Taro"} {
			if got := h.searchIDs("people", q); len(got) == 0 || got[0] != w["山田 太郎"] {
				t.Errorf("people?q=%s: %v, want 山田 太郎 (%s) first", q, got, w["山田 太郎"])
			}
		}
		// Nor does the legal form written in full: the exact name first.
		if got := h.searchIDs("organisations", "Mueller Pharma AG"); len(got) == 0 || got[0] != w["Mueller Pharma"] {
			t.Errorf("organisations?q=Mueller Pharma AG: %v, want Mueller Pharma AG (%s) first", got, w["Mueller Pharma"])
		}
		// A match in the name ranks above one in other text: Hans Müller
		// before the people found by their organisation Müller Biotech.
		got := h.searchIDs("people", "Müller")
		if len(got) < 3 || got[0] != w["Hans Müller"] && got[0] != w["Hans Mueller"] || slices.Index(got, w["Anna Schmidt"]) < 2 {
			t.Errorf("people?q=Müller ranks the organisation's staff above the name: %v (Hans Müller %s, Anna Schmidt %s)", got, w["Hans Müller"], w["Anna Schmidt"])
		}
	})
}

func TestSearchRanksExactPrefixWordSubstringThenOtherText(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		ids := map[string]string{}
		// Created out of order, so that neither creation nor name order
		// gives the ranked order by chance.
		for _, b := range []map[string]any{
			{"name": "Aaa Zylo Partners"}, // word prefix
			{"name": "Zylomed"},           // prefix
			{"name": "Aaa Holding", "description": map[string]string{"en": "We own Zylo"}}, // other text
			{"name": "Zylo"},                      // exact
			{"name": "Bzylo Labs"},                // substring
			{"name": "Aab Zylo Partners"},         // word prefix, after "Aaa …" by name
			{"name": "Aaa Other", "city": "Zylo"}, // other text (city)
		} {
			b["kind"], b["country"] = "biotech", "DE"
			ids[b["name"].(string)] = h.createOrg(b).ID
		}
		want := []string{"Zylo", "Zylomed", "Aaa Zylo Partners", "Aab Zylo Partners", "Bzylo Labs", "Aaa Holding", "Aaa Other"}
		var wantIDs []string
		for _, n := range want {
			wantIDs = append(wantIDs, ids[n])
		}
		if got := h.searchIDs("organisations", "zylo"); !slices.Equal(got, wantIDs) {
			t.Errorf("ranked: %v, want %v (%v)", got, wantIDs, want)
		}
		if got := h.searchIDs("organisations", "zylo", "&sort=relevance"); !slices.Equal(got, wantIDs) {
			t.Errorf("sort=relevance: %v, want %v", got, wantIDs)
		}
		// A word in quotes or with a mark after it ranks as the word.
		for _, q := range []string{`"zylo"`, "Zylo!", "「zylo」"} {
			if got := h.searchIDs("organisations", q); !slices.Equal(got, wantIDs) {
				t.Errorf("q=%s: %v, want %v", q, got, wantIDs)
			}
		}
		// sort= overrides: by name.
		byName := []string{"Aaa Holding", "Aaa Other", "Aaa Zylo Partners", "Aab Zylo Partners", "Bzylo Labs", "Zylo", "Zylomed"}
		var byNameIDs []string
		for _, n := range byName {
			byNameIDs = append(byNameIDs, ids[n])
		}
		if got := h.searchIDs("organisations", "zylo", "&sort=name"); !slices.Equal(got, byNameIDs) {
			t.Errorf("sort=name: %v, want %v", got, byNameIDs)
		}

		// Paging through the ranked results, two at a time, gives each
		// record once and in the same order.
		var paged []string
		cursor := ""
		for range 10 {
			u := "/api/v1/organisations?limit=2&q=zylo"
			if cursor != "" {
				u += "&cursor=" + url.QueryEscape(cursor)
			}
			rec := h.get(u)
			if rec.Code != 200 {
				t.Fatalf("%s: %d %s", u, rec.Code, rec.Body.String())
			}
			l := decode[idList](t, rec)
			for _, it := range l.Items {
				paged = append(paged, it.ID)
			}
			if l.NextCursor == nil {
				break
			}
			cursor = *l.NextCursor
		}
		if !slices.Equal(paged, wantIDs) {
			t.Errorf("paged: %v, want %v", paged, wantIDs)
		}
		// A cursor of the ranked order is not one of another order.
		if code := h.status(request{url: "/api/v1/organisations?limit=2&q=zylo&sort=name&cursor=" + url.QueryEscape(firstCursor(h, "/api/v1/organisations?limit=2&q=zylo"))}); code != 400 {
			t.Errorf("a relevance cursor with sort=name: %d, want 400", code)
		}
		if code := h.status(request{url: "/api/v1/organisations?sort=rank"}); code != 400 {
			t.Errorf("sort=rank: %d, want 400", code)
		}

		// The buckets follow a rename and a delete in the same request
		// (PostgreSQL reads them from search_terms, which a trigger keeps):
		// "Zylo" renamed "Zylotron" is a prefix match after "Zylomed"; the
		// deleted "Zylomed" is gone; "Aaa Holding", renamed to "Zylo", is
		// the exact match, and no longer found by its old name.
		rename := func(name, to string) {
			t.Helper()
			if code := h.status(request{method: "PATCH", url: "/api/v1/organisations/" + ids[name], headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{"name": to}}); code != 200 {
				t.Fatalf("renaming %s: %d", name, code)
			}
		}
		rename("Zylo", "Zylotron")
		rename("Aaa Holding", "ZYLO")
		if code := h.status(request{method: "DELETE", url: "/api/v1/organisations/" + ids["Zylomed"], headers: map[string]string{"If-Match": `"1"`}}); code != 204 {
			t.Fatalf("deleting Zylomed: %d", code)
		}
		after := []string{ids["Aaa Holding"], ids["Zylo"], ids["Aaa Zylo Partners"], ids["Aab Zylo Partners"], ids["Bzylo Labs"], ids["Aaa Other"]}
		if got := h.searchIDs("organisations", "zylo"); !slices.Equal(got, after) {
			t.Errorf("after renames and a delete: %v, want %v", got, after)
		}
		if got := h.searchIDs("organisations", "holding"); len(got) != 0 {
			t.Errorf("the old name holding still finds %v", got)
		}

		// Within a bucket the list's own order, which PostgreSQL reads
		// from search_terms too, follows a change of it alone: the
		// agreements register, newest signed first, after one is signed.
		a, b := ids["Aaa Zylo Partners"], ids["Bzylo Labs"]
		older := h.createAgreement(map[string]any{"title": "Zylo accord", "kind": "mou", "parties": parties(a, b), "signed_on": "2019"})
		newer := h.createAgreement(map[string]any{"title": "Zylo charter", "kind": "mou", "parties": parties(a, b), "signed_on": "2024"})
		unsigned := h.createAgreement(map[string]any{"title": "Zylo letter", "kind": "letter_of_intent", "parties": parties(a, b)})
		if got, want := h.searchIDs("agreements", "zylo"), []string{newer.ID, older.ID, unsigned.ID}; !slices.Equal(got, want) {
			t.Errorf("agreements: %v, want %v (newest signed first)", got, want)
		}
		if code := h.status(request{method: "PATCH", url: "/api/v1/agreements/" + unsigned.ID, headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{"signed_on": "2026-01-15"}}); code != 200 {
			t.Fatalf("signing: %d", code)
		}
		if got, want := h.searchIDs("agreements", "zylo"), []string{unsigned.ID, newer.ID, older.ID}; !slices.Equal(got, want) {
			t.Errorf("agreements after signing one: %v, want %v (newest signed first)", got, want)
		}
	})
}

func firstCursor(h *harness, u string) string {
	h.t.Helper()
	l := decode[idList](h.t, h.get(u))
	if l.NextCursor == nil {
		h.t.Fatalf("%s has one page", u)
	}
	return *l.NextCursor
}

type searchBody struct {
	Organisations []idItem `json:"organisations"`
	People        []struct {
		ID    string  `json:"id"`
		Email *string `json:"email"`
	} `json:"people"`
	Agreements    []idItem `json:"agreements"`
	Trips         []idItem `json:"trips"`
	Projects      []idItem `json:"projects"`
	Opportunities []idItem `json:"opportunities"`
}

func TestSearchReturnsTheBestFiveOfEachKind(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		w := seedSearchWorld(h)
		get := func(q, as string) searchBody {
			t.Helper()
			rec := h.do(request{url: "/api/v1/search?q=" + url.QueryEscape(q), as: as})
			if rec.Code != 200 {
				t.Fatalf("search %q: %d %s", q, rec.Code, rec.Body.String())
			}
			return decode[searchBody](t, rec)
		}
		r := get("山田 太郎", "")
		if len(r.People) != 1 || r.People[0].ID != w["山田 太郎"] {
			t.Errorf("山田 太郎: people %v", r.People)
		}
		r = get("Taro Yamada", "")
		if len(r.People) != 1 || r.People[0].ID != w["山田 太郎"] {
			t.Errorf("Taro Yamada: people %v", r.People)
		}
		r = get("Müller", "")
		if len(r.People) != 5 || (r.People[0].ID != w["Hans Müller"] && r.People[0].ID != w["Hans Mueller"]) {
			t.Errorf("Müller: %d people, first %v", len(r.People), r.People)
		}
		if len(r.Organisations) != 2 || len(r.Agreements) != 0 || len(r.Trips) != 0 {
			t.Errorf("Müller: %d organisations, %d agreements, %d trips", len(r.Organisations), len(r.Agreements), len(r.Trips))
		}
		r = get("oosaka", "")
		if len(r.Organisations) == 0 || r.Organisations[0].ID != w["Ōsaka Bio Lab"] || len(r.Opportunities) != 1 || r.Opportunities[0].ID != w["Ōsaka offer"] {
			t.Errorf("oosaka: %+v", r)
		}
		if got := get("toukyou", ""); len(got.Trips) != 1 || got.Trips[0].ID != w["Tōkyō trip"] {
			t.Errorf("toukyou: trips %v", got.Trips)
		}
		if got := get("沢井", ""); len(got.Projects) != 1 || len(got.Organisations) != 1 {
			t.Errorf("沢井: %+v", got)
		}
		// The people list's personal-data rule holds: a member of another
		// organisation sees no e-mail.
		other := h.createOrg(map[string]any{"name": "Elsewhere GmbH", "kind": "biotech", "country": "DE"}).ID
		member := h.bearer(h.newUser("member", &other))
		rec := h.do(request{method: "PATCH", url: "/api/v1/people/" + w["Hans Meier"], headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{"email": "hans.meier@example.org"}})
		if rec.Code != 200 {
			t.Fatalf("set e-mail: %d %s", rec.Code, rec.Body.String())
		}
		for _, p := range get("Hans Meier", member).People {
			if p.Email != nil {
				t.Errorf("a member of another organisation sees the e-mail %q", *p.Email)
			}
		}
		if got := get("Hans Meier", ""); len(got.People) != 1 || got.People[0].Email == nil {
			t.Errorf("the admin does not see the e-mail: %+v", got.People)
		}
		// limit: how many of each kind; one page, so no sort or cursor.
		rec = h.do(request{url: "/api/v1/search?limit=2&q=" + url.QueryEscape("Müller")})
		if rec.Code != 200 {
			t.Fatalf("limit=2: %d %s", rec.Code, rec.Body.String())
		}
		if r := decode[searchBody](t, rec); len(r.People) != 2 || len(r.Organisations) != 2 {
			t.Errorf("limit=2: %d people, %d organisations", len(r.People), len(r.Organisations))
		}
		rec = h.do(request{url: "/api/v1/search?limit=20&q=" + url.QueryEscape("Müller")})
		if r := decode[searchBody](t, rec); rec.Code != 200 || len(r.People) != 6 {
			t.Errorf("limit=20: %d, %d people, want all six of Müller Biotech", rec.Code, len(r.People))
		}
		for _, bad := range []string{"", "q=", "q=" + strings.Repeat("x", 201), "q=x&limit=0", "q=x&limit=21", "q=x&limit=ten",
			"q=x&sort=name", "q=x&cursor=abc", "q=x&updated_since=2026-01-01T00:00:00Z", "q=x&kind=pharma"} {
			rec := h.do(request{url: "/api/v1/search?" + bad})
			if rec.Code != 400 {
				t.Errorf("search?%s: %d, want 400", bad, rec.Code)
				continue
			}
			field := strings.SplitN(strings.SplitN(bad, "&", 2)[len(strings.SplitN(bad, "&", 2))-1], "=", 2)[0]
			if field != "" && !strings.Contains(rec.Body.String(), `"`+field+`"`) {
				t.Errorf("search?%s: the problem does not name %s: %s", bad, field, rec.Body.String())
			}
		}
	})
}

// A query longer than any name is refused on every list and on /search,
// as is q given twice; the longest query of the most words it can hold
// is answered on both engines.
func TestSearchRefusesAQueryLongerThanAnyName(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		h.createOrg(map[string]any{"name": "w00 w01 Bio", "kind": "biotech", "country": "DE"})
		words := make([]string, 50) // 50 words of three characters: 199 with the spaces
		for i := range words {
			words[i] = fmt.Sprintf("w%02d", i)
		}
		longest := strings.Join(words, " ")
		// 88 words of one character each, which NFKC writes out (㌀ is
		// アパート, ㍿ 株式会社): the most distinct words a query holds.
		var squares []string
		for r := '\u3300'; r <= '\u3357'; r++ {
			squares = append(squares, string(r))
		}
		for _, list := range []string{"organisations", "people", "agreements", "trips", "projects", "opportunities", "search"} {
			for _, q := range []string{longest, strings.Repeat("、", 199) + "w", strings.Join(squares, " ")} {
				if rec := h.get("/api/v1/" + list + "?q=" + url.QueryEscape(q)); rec.Code != 200 {
					t.Errorf("%s?q= %d characters: %d %s", list, len([]rune(q)), rec.Code, rec.Body.String())
				}
			}
			rec := h.get("/api/v1/" + list + "?q=" + url.QueryEscape(longest+" x1"))
			if rec.Code != 400 || !strings.Contains(rec.Body.String(), "must be at most 200 characters") {
				t.Errorf("%s?q= 202 characters: %d %s", list, rec.Code, rec.Body.String())
			}
			if list == "search" {
				// Nothing to search for once what shows nothing is gone.
				for _, blank := range []string{"%E2%80%8B", "%C2%AD%01", "%20"} {
					rec := h.get("/api/v1/search?q=" + blank)
					if rec.Code != 400 || !strings.Contains(rec.Body.String(), "must have a word to search for") {
						t.Errorf("search?q=%s: %d %s", blank, rec.Code, rec.Body.String())
					}
				}
			}
			rec = h.get("/api/v1/" + list + "?q=osaka&q=tokyo")
			if rec.Code != 400 || !strings.Contains(rec.Body.String(), "must be given once") {
				t.Errorf("%s?q=osaka&q=tokyo: %d %s", list, rec.Code, rec.Body.String())
			}
		}
	})
}

// A cursor continues the search and filters it came from: taken to
// another search, another filter or another list it is a 400, where it
// skipped that search's first rows without a word.
func TestACursorContinuesOnlyItsOwnSearch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		for _, name := range []string{"Zebra Bio 1", "Zebra Bio 2", "Zebra Bio 3", "Osaka Zebra Pharma"} {
			h.createOrg(map[string]any{"name": name, "kind": "biotech", "country": "DE"})
		}
		first := decode[idList](t, h.get("/api/v1/organisations?q=zebra&limit=1"))
		if first.NextCursor == nil {
			t.Fatal("no cursor after the first of four")
		}
		cursor := "&cursor=" + url.QueryEscape(*first.NextCursor)
		for _, same := range []string{"/api/v1/organisations?q=zebra&limit=2", "/api/v1/organisations?q=zebra%20&limit=1&country=", "/api/v1/organisations?q=ZEBRA"} {
			if rec := h.get(same + cursor); rec.Code != 200 {
				t.Errorf("%s with its cursor: %d %s", same, rec.Code, rec.Body.String())
			}
		}
		for _, other := range []string{"/api/v1/organisations?q=osaka", "/api/v1/organisations?q=zebra&country=DE", "/api/v1/people?q=zebra", "/api/v1/agreements?q=zebra"} {
			rec := h.get(other + cursor)
			if rec.Code != 400 || !strings.Contains(rec.Body.String(), "another list, search or filter") {
				t.Errorf("%s with the cursor of organisations?q=zebra: %d %s", other, rec.Code, rec.Body.String())
			}
		}
	})
}
