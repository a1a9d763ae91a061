package api_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/search"
	"gorm.io/gorm"
)

type orgBody struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	NameLocal   string            `json:"name_local"`
	Version     int               `json:"version"`
	FocusAreas  []string          `json:"focus_areas"`
	Archived    bool              `json:"archived"`
	Description map[string]string `json:"description"`
}

type orgList struct {
	Items      []orgBody `json:"items"`
	NextCursor *string   `json:"next_cursor"`
}

func names(l orgList) []string {
	out := make([]string, len(l.Items))
	for i, o := range l.Items {
		out[i] = o.Name
	}
	return out
}

func (h *harness) createOrg(body map[string]any) orgBody {
	h.t.Helper()
	rec := h.do(request{method: "POST", url: "/api/v1/organisations", body: body})
	if rec.Code != 201 {
		h.t.Fatalf("create organisation %v: %d %s", body["name"], rec.Code, rec.Body.String())
	}
	return decode[orgBody](h.t, rec)
}

// seedDirectory adds a small directory of both countries.
func seedDirectory(h *harness) map[string]orgBody {
	out := map[string]orgBody{}
	for _, b := range []map[string]any{
		{"name": "BioM Biotech Cluster Development GmbH", "short_name": "BioM", "kind": "cluster", "country": "DE", "region": "bavaria", "city": "Martinsried",
			"website": "https://www.bio-m.org", "focus_areas": []string{"personalised_medicine", "cell_gene_therapy"},
			"description": map[string]string{"de": "Das Münchner Biotech-Cluster", "en": "The Munich biotech cluster"}},
		{"name": "Osaka BioHeadquarters", "name_local": "大阪バイオ・ヘッドクォーター", "name_kana": "おおさかばいおへっどくぉーたー", "kind": "cluster", "country": "JP", "region": "osaka", "city": "Osaka",
			"focus_areas": []string{"immunomodulation"}},
		{"name": "Kawasaki City", "name_local": "川崎市", "name_kana": "カワサキシ", "kind": "government", "country": "JP", "region": "kawasaki", "city": "Kawasaki"},
		{"name": "Example Biotech GmbH", "kind": "biotech", "country": "DE", "region": "bavaria", "sme": true, "employees": 42, "website": "https://example-biotech.example",
			"focus_areas": []string{"cell_gene_therapy"}, "description": map[string]string{"en": "Fictional CAR-T developer 🧬"}},
		{"name": "Sample Pharma K.K.", "name_local": "サンプル製薬株式会社", "name_kana": "サンプルセイヤク", "kind": "pharma", "country": "JP", "employees": 3200,
			"focus_areas": []string{"small_molecules"}},
	} {
		o := h.createOrg(b)
		out[o.Name] = o
	}
	return out
}

func TestOrganisationsValidateAndRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		long := strings.Repeat("x", 201)
		h.run([]scenario{
			{name: "every rule names its field", req: request{method: "POST", url: "/api/v1/organisations", body: map[string]any{
				"name": "  ", "kind": "startup", "country": "Japan", "website": "ftp://example.org", "email": "info@", "sme": true, "employees": 250,
				"region": "atlantis", "focus_areas": []string{"astrology"}}}, wantStatus: 422,
				wantBody: []string{`"field":"name"`, `"field":"kind"`, `"field":"country"`, `"field":"website"`, `"field":"email"`, `"field":"sme"`}},
			{name: "unknown region and focus area are named", req: request{method: "POST", url: "/api/v1/organisations", body: map[string]any{
				"name": "Valid Name", "kind": "biotech", "country": "DE", "region": "atlantis", "focus_areas": []string{"astrology"}}}, wantStatus: 422,
				wantBody: []string{`"field":"region"`, `"field":"focus_areas"`}},
			{name: "name of 201 characters", req: request{method: "POST", url: "/api/v1/organisations", body: map[string]any{"name": long, "kind": "biotech", "country": "DE"}}, wantStatus: 422, wantBody: []string{`"field":"name"`}},
			{name: "descriptions take only de, en, ja", req: request{method: "POST", url: "/api/v1/organisations", body: map[string]any{"name": "X", "kind": "biotech", "country": "DE", "description": map[string]string{"fr": "non"}}}, wantStatus: 400, wantBody: []string{`"field":"fr"`}},
			{name: "SME with 249 employees is fine", req: request{method: "POST", url: "/api/v1/organisations", body: map[string]any{"name": "Small One", "kind": "biotech", "country": "de", "sme": true, "employees": 249}}, wantStatus: 201, wantBody: []string{`"country":"DE"`}},
		})
		// A merge patch of the description keeps the languages it does not name.
		m := h.createOrg(map[string]any{"name": "Merge Patch Bio", "kind": "biotech", "country": "DE", "description": map[string]string{"de": "Deutsch", "en": "English"}})
		rec := h.do(request{method: "PATCH", url: "/api/v1/organisations/" + m.ID, headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{"description": map[string]any{"en": "New English", "de": nil, "ja": "日本語"}}})
		if got := decode[orgBody](t, rec).Description; rec.Code != 200 || got["en"] != "New English" || got["de"] != "" || got["ja"] != "日本語" {
			t.Errorf("description merge patch: %d %v", rec.Code, got)
		}
		rec = h.do(request{method: "PATCH", url: "/api/v1/organisations/" + m.ID, headers: map[string]string{"If-Match": `"2"`}, body: map[string]any{"city": "Planegg"}})
		if got := decode[orgBody](t, rec).Description; got["en"] != "New English" || got["ja"] != "日本語" {
			t.Errorf("a patch without description changed it: %v", got)
		}
		name := "Ünïcödé 株式会社テスト 🧬 Grüße"
		o := h.createOrg(map[string]any{"name": name, "name_local": "テスト株式会社", "kind": "biotech", "country": "JP", "description": map[string]string{"ja": "日本語の説明 😀", "de": "Äußerst schön"}})
		got := decode[orgBody](t, h.get("/api/v1/organisations/"+o.ID))
		if got.Name != name || got.Description["ja"] != "日本語の説明 😀" || got.Description["de"] != "Äußerst schön" {
			t.Errorf("round trip: %+v", got)
		}
	})
}

func TestOrganisationFiltersSortsAndSearch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		orgs := seedDirectory(h)
		archived := h.createOrg(map[string]any{"name": "Old Example AG", "kind": "biotech", "country": "DE"})
		h.do(request{method: "PATCH", url: "/api/v1/organisations/" + archived.ID, headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{"archived": true}})

		list := func(query string) []string {
			t.Helper()
			rec := h.get("/api/v1/organisations?" + query)
			if rec.Code != 200 {
				t.Fatalf("?%s: %d %s", query, rec.Code, rec.Body.String())
			}
			return names(decode[orgList](t, rec))
		}
		tests := []struct {
			query string
			want  []string
		}{
			{"country=JP", []string{"Kawasaki City", "Osaka BioHeadquarters", "Sample Pharma K.K."}},
			{"region=bavaria", []string{"BioM Biotech Cluster Development GmbH", "Example Biotech GmbH"}},
			{"kind=pharma", []string{"Sample Pharma K.K."}},
			{"focus_area=cell_gene_therapy", []string{"BioM Biotech Cluster Development GmbH", "Example Biotech GmbH"}},
			{"focus_area=immunomodulation&focus_area=small_molecules", []string{"Osaka BioHeadquarters", "Sample Pharma K.K."}},
			{"sme=true", []string{"Example Biotech GmbH"}},
			{"archived=true", []string{"Old Example AG"}},
			{"q=osaka", []string{"Osaka BioHeadquarters"}},
			{"q=" + url.QueryEscape("大阪"), []string{"Osaka BioHeadquarters"}},
			{"q=" + url.QueryEscape("大阪バイオ"), []string{"Osaka BioHeadquarters"}},
			{"q=" + url.QueryEscape("ＢｉｏＭ"), []string{"BioM Biotech Cluster Development GmbH"}},
			{"q=" + url.QueryEscape("川崎"), []string{"Kawasaki City"}},
			{"q=" + url.QueryEscape("オオサカ"), []string{"Osaka BioHeadquarters"}}, // the reading, typed in katakana
			{"q=" + url.QueryEscape("münchner"), []string{"BioM Biotech Cluster Development GmbH"}},
			{"q=" + url.QueryEscape("car-t"), []string{"Example Biotech GmbH"}},
			{"q=" + url.QueryEscape("製薬"), []string{"Sample Pharma K.K."}},
			{"q=" + url.QueryEscape("100%"), nil},
			{"sort=-name&country=DE", []string{"Example Biotech GmbH", "BioM Biotech Cluster Development GmbH"}},
			{"sort=name_kana&country=JP", []string{"Osaka BioHeadquarters", "Kawasaki City", "Sample Pharma K.K."}}, // オ, カ, サ
		}
		for _, tt := range tests {
			got := list(tt.query)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("?%s = %v, want %v", tt.query, got, tt.want)
			}
		}
		if got := list("sort=created_at"); len(got) != 5 || got[0] != "BioM Biotech Cluster Development GmbH" {
			t.Errorf("by creation: %v", got)
		}
		if got := list("sort=-updated_at"); got[0] != "Sample Pharma K.K." {
			t.Errorf("by last change: %v", got)
		}
		rec := h.get("/api/v1/organisations?updated_since=2099-01-01T00:00:00Z")
		if got := names(decode[orgList](t, rec)); len(got) != 0 {
			t.Errorf("updated_since in the future: %v", got)
		}
		for _, bad := range []string{"sort=employees", "sme=maybe", "kind=startup", "updated_since=last-week", "focus=x"} {
			if code := h.status(request{url: "/api/v1/organisations?" + bad}); code != 400 {
				t.Errorf("?%s: %d, want 400", bad, code)
			}
		}
		_ = orgs
	})
}

func TestSearchUsesIndexesOnPostgreSQL(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		if e != database.Postgres {
			continue
		}
		db := dbtest.New(t, e)
		h := newHarness(t, db)
		seedDirectory(h)
		ctx := context.Background()
		for _, q := range []string{"osaka bio", "大阪", "大"} {
			sql := db.Conn(ctx).ToSQL(func(tx *gorm.DB) *gorm.DB {
				return search.Matching(tx.Table("organisations").Select("id"), db, "organisations", q, false).Find(&[]struct{ ID string }{})
			})
			joined := dbtest.Explain(t, db, database.Statement{SQL: sql}, "")
			if !strings.Contains(joined, "organisations_search_idx") && !strings.Contains(joined, "organisations_grams_idx") {
				t.Errorf("search %q does not use a search index:\n%s", q, joined)
			}
		}
	}
}

func TestPagingThrough500OrganisationsWhileOthersAreAdded(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		for i := range 500 {
			h.newOrganisation(fmt.Sprintf("Paging Test %03d GmbH", i), "DE")
		}
		seen := map[string]int{}
		cursor := ""
		var wg sync.WaitGroup
		for pages := 0; ; pages++ {
			if pages > 30 {
				t.Fatal("paging does not end")
			}
			u := "/api/v1/organisations?limit=37&country=DE"
			if cursor != "" {
				u += "&cursor=" + cursor
			}
			l := decode[orgList](t, h.get(u))
			for _, o := range l.Items {
				seen[o.Name]++
			}
			wg.Add(1)
			go func() { // others add organisations meanwhile, before and after the position
				defer wg.Done()
				h.newOrganisation(fmt.Sprintf("Paging Test %03d-new AG", pages*13%500), "DE")
			}()
			if l.NextCursor == nil {
				break
			}
			cursor = *l.NextCursor
		}
		wg.Wait()
		for i := range 500 {
			if n := seen[fmt.Sprintf("Paging Test %03d GmbH", i)]; n != 1 {
				t.Errorf("Paging Test %03d GmbH seen %d times", i, n)
			}
		}
		for name, n := range seen {
			if n != 1 {
				t.Errorf("%s seen %d times", name, n)
			}
		}
	})
}

type personBody struct {
	ID           string  `json:"id"`
	DisplayName  string  `json:"display_name"`
	Email        *string `json:"email"`
	Phone        *string `json:"phone"`
	Version      int     `json:"version"`
	Organisation struct {
		ID, Name string
	} `json:"organisation"`
}

func TestPeopleContactDataOnlyForThoseAllowed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers()
		mk := func(org string, body map[string]any) personBody {
			body["organisation_id"] = org
			rec := h.do(request{method: "POST", url: "/api/v1/people", body: body})
			if rec.Code != 201 {
				t.Fatalf("create person: %d %s", rec.Code, rec.Body.String())
			}
			return decode[personBody](t, rec)
		}
		a := mk(cs.orgA, map[string]any{"given_name": "Anna", "family_name": "Berger", "email": "anna.berger@a.example", "phone": "+49 89 1234", "languages": []string{"de", "en"}})
		b := mk(cs.orgB, map[string]any{"given_name": "Taro", "family_name": "Yamada", "given_name_local": "太郎", "family_name_local": "山田",
			"given_name_kana": "タロウ", "family_name_kana": "ヤマダ", "email": "yamada@b.example", "phone": "+81 6 1234", "languages": []string{"ja"}})

		seesContact := map[string][2]bool{ // caller → sees A's, sees B's
			"admin": {true, true}, "coordinator": {true, true}, "member of A": {true, false}, "member of B": {false, true},
			"viewer": {false, false}, "key coordinator": {true, true}, "key member of A": {true, false}, "key viewer": {false, false},
		}
		for caller, want := range seesContact {
			as := cs.bearer[caller]
			for i, p := range []personBody{a, b} {
				email := map[bool]string{true: []string{"anna.berger@a.example", "yamada@b.example"}[i], false: ""}
				for _, u := range []string{"/api/v1/people/" + p.ID, "/api/v1/people?q=" + url.QueryEscape(p.DisplayName[:3]), "/api/v1/people", "/api/v1/organisations/" + []string{cs.orgA, cs.orgB}[i] + "/people"} {
					body := h.do(request{url: u, as: as}).Body.String()
					has := strings.Contains(body, []string{"anna.berger@a.example", "yamada@b.example"}[i])
					if has != want[i] {
						t.Errorf("%s reading %s: sees the e-mail %v, want %v", caller, u, has, want[i])
					}
					_ = email
				}
			}
		}
		// A member cannot find someone by an e-mail they may not see.
		if body := h.do(request{url: "/api/v1/people?q=yamada%40b", as: cs.bearer["member of A"]}).Body.String(); strings.Contains(body, "Yamada") {
			t.Errorf("searching by a hidden e-mail finds the person: %s", body)
		}
		// Display names follow the reader's language.
		ja := h.newUser("viewer", nil)
		ctx := setupCtx()
		_ = ctx
		h.do(request{method: "PATCH", url: "/api/v1/me", as: h.bearer(ja), headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{"locale": "ja"}})
		got := decode[personBody](t, h.do(request{url: "/api/v1/people/" + b.ID, as: h.bearer(ja)}))
		if got.DisplayName != "山田 太郎" || got.Organisation.Name != "メンバーB製薬株式会社" {
			t.Errorf("for a Japanese reader: %q of %q, want 山田 太郎 of メンバーB製薬株式会社", got.DisplayName, got.Organisation.Name)
		}
		if en := decode[personBody](t, h.get("/api/v1/people/"+b.ID)); en.DisplayName != "Taro Yamada" {
			t.Errorf("for an English reader: %q", en.DisplayName)
		}
		// Sorted by reading: ベルガー? No: Latin names sort by their Latin form, Japanese by kana.
		l := decode[struct{ Items []personBody }](t, h.get("/api/v1/people?q="+url.QueryEscape("ヤマダ")))
		if len(l.Items) != 1 || l.Items[0].ID != b.ID {
			t.Errorf("search by reading: %+v", l.Items)
		}
	})
}

func TestReferencedOrganisationsAreArchivedNotDeleted(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		o := h.createOrg(map[string]any{"name": "Referenced Bio AG", "kind": "biotech", "country": "DE"})
		rec := h.do(request{method: "POST", url: "/api/v1/people", body: map[string]any{"organisation_id": o.ID, "family_name": "Müller", "given_name": "Jana", "email": "jana@example.org"}})
		p := decode[personBody](t, rec)
		del := h.do(request{method: "DELETE", url: "/api/v1/organisations/" + o.ID, headers: map[string]string{"If-Match": `"1"`}})
		if del.Code != 409 || !strings.Contains(del.Body.String(), "1 people") || !strings.Contains(del.Body.String(), `"references":{"people":1}`) {
			t.Errorf("deleting a referenced organisation: %d %s", del.Code, del.Body.String())
		}
		arch := h.do(request{method: "PATCH", url: "/api/v1/organisations/" + o.ID, headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{"archived": true}})
		if arch.Code != 200 || !strings.Contains(arch.Body.String(), `"archived":true`) {
			t.Errorf("archiving: %d %s", arch.Code, arch.Body.String())
		}
		// Deleting a person erases them, and their data in the audit log.
		if code := h.status(request{method: "DELETE", url: "/api/v1/people/" + p.ID, headers: map[string]string{"If-Match": `"1"`}}); code != 204 {
			t.Fatalf("delete person: %d", code)
		}
		log := h.get("/api/v1/audit-events?entity_type=person&entity_id=" + p.ID).Body.String()
		if strings.Contains(log, "jana") || strings.Contains(log, "Müller") || !strings.Contains(log, `"action":"delete"`) || !strings.Contains(log, `"action":"create"`) {
			t.Errorf("audit log after erasure: %s", log)
		}
		if code := h.status(request{method: "DELETE", url: "/api/v1/organisations/" + o.ID, headers: map[string]string{"If-Match": `"2"`}}); code != 204 {
			t.Errorf("deleting the organisation nothing refers to any more: %d", code)
		}
	})
}

func TestDuplicatesAreDetectedAndMerged(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		orgs := seedDirectory(h)
		orig := orgs["Example Biotech GmbH"]
		dup := h.do(request{method: "POST", url: "/api/v1/organisations", body: map[string]any{"name": "EXAMPLE-BIOTECH AG", "kind": "biotech", "country": "DE"}})
		if dup.Code != 409 || !strings.Contains(dup.Body.String(), `"duplicate_of":"`+orig.ID+`"`) {
			t.Errorf("same name, other legal form: %d %s", dup.Code, dup.Body.String())
		}
		host := h.do(request{method: "POST", url: "/api/v1/organisations", body: map[string]any{"name": "Totally Different", "kind": "biotech", "country": "DE", "website": "http://www.example-biotech.example/about"}})
		if host.Code != 409 {
			t.Errorf("same website host: %d", host.Code)
		}
		jp := h.do(request{method: "POST", url: "/api/v1/organisations", body: map[string]any{"name": "Sample Pharma Co., Ltd.", "kind": "pharma", "country": "JP"}})
		if jp.Code != 409 {
			t.Errorf("Co., Ltd. vs K.K.: %d", jp.Code)
		}
		second := h.do(request{method: "POST", url: "/api/v1/organisations?allow_duplicate=true", body: map[string]any{"name": "Example Biotech AG", "kind": "biotech", "country": "DE", "focus_areas": []string{"immunomodulation"}}})
		if second.Code != 201 {
			t.Fatalf("allow_duplicate: %d %s", second.Code, second.Body.String())
		}
		d := decode[orgBody](t, second)
		h.do(request{method: "POST", url: "/api/v1/people", body: map[string]any{"organisation_id": d.ID, "family_name": "Klein"}})

		merged := h.do(request{method: "POST", url: "/api/v1/organisations/" + orig.ID + "/merge", headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{"duplicate_id": d.ID}})
		if merged.Code != 200 {
			t.Fatalf("merge: %d %s", merged.Code, merged.Body.String())
		}
		m := decode[orgBody](t, merged)
		if strings.Join(m.FocusAreas, ",") != "cell_gene_therapy,immunomodulation" || m.Version != 2 {
			t.Errorf("kept organisation after merge: %+v", m)
		}
		if people := h.get("/api/v1/organisations/" + orig.ID + "/people").Body.String(); !strings.Contains(people, "Klein") {
			t.Errorf("the duplicate's people did not move: %s", people)
		}
		if got := decode[orgBody](t, h.get("/api/v1/organisations/"+d.ID)); !got.Archived {
			t.Error("the duplicate is not archived")
		}
	})
}

func TestOrganisationsExportAsCSV(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		seedDirectory(h)
		for _, r := range []request{{url: "/api/v1/organisations?format=csv&country=JP"}, {url: "/api/v1/organisations?country=JP", headers: map[string]string{"Accept": "text/csv"}}} {
			rec := h.do(r)
			if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
				t.Fatalf("export: %d %s", rec.Code, rec.Header().Get("Content-Type"))
			}
			body := strings.TrimPrefix(rec.Body.String(), "\ufeff")
			rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 4 || rows[0][1] != "name" || rows[2][2] != "大阪バイオ・ヘッドクォーター" {
				t.Errorf("CSV rows: %v", rows)
			}
		}
	})
}

func TestDirectoryAuthorization(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers()
		writers := []string{"admin", "coordinator", "key coordinator", "key without read"} // the last holds write:organisations
		ownA := []string{"member of A", "key member of A", "admin", "coordinator", "key coordinator"}
		ownOrgA := append([]string{"member of A", "key member of A"}, writers...)
		personOf := func(org string) personBody {
			return decode[personBody](t, h.do(request{method: "POST", url: "/api/v1/people", body: map[string]any{"organisation_id": org, "family_name": "Target"}}))
		}
		cases := []writeCase{
			{name: "create organisation", allowed: writers, request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/organisations", body: map[string]any{"name": "New Org " + randomSuffix(), "kind": "biotech", "country": "DE"}}
			}},
			{name: "change own organisation A", allowed: ownOrgA, request: func(h *harness, _ string) request {
				v := decode[orgBody](t, h.get("/api/v1/organisations/"+cs.orgA)).Version
				return request{method: "PATCH", url: "/api/v1/organisations/" + cs.orgA, headers: map[string]string{"If-Match": fmt.Sprint(v)}, body: map[string]any{"city": "München " + randomSuffix()}}
			}},
			{name: "delete organisation", allowed: writers, request: func(h *harness, _ string) request {
				o := h.newOrganisation("Deletable "+randomSuffix(), "DE")
				return request{method: "DELETE", url: "/api/v1/organisations/" + o.ID, headers: map[string]string{"If-Match": "1"}}
			}},
			{name: "merge organisations", allowed: writers, events: 2, request: func(h *harness, _ string) request {
				a, b := h.newOrganisation("Keep "+randomSuffix(), "DE"), h.newOrganisation("Dup "+randomSuffix(), "DE")
				return request{method: "POST", url: "/api/v1/organisations/" + a.ID + "/merge", headers: map[string]string{"If-Match": "1"}, body: map[string]any{"duplicate_id": b.ID}}
			}},
			{name: "add person to A", allowed: ownA, request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/people", body: map[string]any{"organisation_id": cs.orgA, "family_name": "Neu"}}
			}},
			{name: "change person of A", allowed: ownA, request: func(h *harness, _ string) request {
				p := personOf(cs.orgA)
				return request{method: "PATCH", url: "/api/v1/people/" + p.ID, headers: map[string]string{"If-Match": "1"}, body: map[string]any{"position": "CSO"}}
			}},
			{name: "delete person of A", allowed: ownA, request: func(h *harness, _ string) request {
				p := personOf(cs.orgA)
				return request{method: "DELETE", url: "/api/v1/people/" + p.ID, headers: map[string]string{"If-Match": "1"}}
			}},
		}
		h.checkWrites(t, cs, cases)
		// A member cannot move a person of theirs to another organisation.
		p := personOf(cs.orgA)
		if code := h.status(request{method: "PATCH", url: "/api/v1/people/" + p.ID, as: cs.bearer["member of A"], headers: map[string]string{"If-Match": "1"}, body: map[string]any{"organisation_id": cs.orgB}}); code != 403 {
			t.Errorf("member moving a person to another organisation: %d, want 403", code)
		}
	})
}
