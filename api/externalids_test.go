package api_test

import (
	"bytes"
	"encoding/csv"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

type orgWithIDs struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Version     int               `json:"version"`
	ExternalIDs map[string]string `json:"external_ids"`
	Identifiers struct {
		CorporateNumber    string `json:"corporate_number"`
		CommercialRegister *struct {
			Court, Type, Number string
		} `json:"commercial_register"`
		VATID string `json:"vat_id"`
		LEI   string `json:"lei"`
		RORID string `json:"ror_id"`
	} `json:"identifiers"`
}

func TestAPartnersNightlySyncIsALoopOfIdempotentPuts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		url := "/api/v1/organisations/by-external-id/osaka-bhq/OB-1234"
		body := map[string]any{"name": "Kansai Cell Therapy KK", "kind": "biotech", "country": "JP", "city": "Osaka",
			"identifiers": map[string]any{"corporate_number": "7000012050002"}}
		first := h.do(request{method: "PUT", url: url, body: body})
		if first.Code != 201 || first.Header().Get("Location") == "" {
			t.Fatalf("first PUT: %d %s", first.Code, first.Body.String())
		}
		o := decode[orgWithIDs](t, first)
		if o.ExternalIDs["osaka-bhq"] != "OB-1234" || o.Identifiers.CorporateNumber != "7000012050002" {
			t.Errorf("created: %+v", o)
		}
		again := h.do(request{method: "PUT", url: url, body: body})
		o2 := decode[orgWithIDs](t, again)
		if again.Code != 200 || o2.ID != o.ID || o2.Version != o.Version || again.Header().Get("ETag") != first.Header().Get("ETag") {
			t.Errorf("the same PUT again: %d v%d (v%d), want 200 and the same version", again.Code, o2.Version, o.Version)
		}
		stale := h.do(request{method: "PUT", url: url, body: map[string]any{"city": "Suita"}, headers: ifMatch(o.Version + 5)})
		if stale.Code != 412 {
			t.Errorf("PUT with a stale If-Match: %d", stale.Code)
		}
		moved := h.do(request{method: "PUT", url: url, body: map[string]any{"city": "Suita"}, headers: ifMatch(o.Version)})
		if o3 := decode[orgWithIDs](t, moved); moved.Code != 200 || o3.Version != o.Version+1 || o3.Name != "Kansai Cell Therapy KK" {
			t.Errorf("PUT with If-Match: %d %s", moved.Code, moved.Body.String())
		}
		// Another partner knows it by another name but the same 法人番号,
		// written with separators: the same organisation.
		other := h.do(request{method: "PUT", url: "/api/v1/organisations/by-external-id/kawasaki-crm/K-77",
			body: map[string]any{"name": "関西細胞治療株式会社", "kind": "biotech", "country": "JP", "identifiers": map[string]any{"corporate_number": "7-0000-1205-0002"}}})
		if o4 := decode[orgWithIDs](t, other); other.Code != 200 || o4.ID != o.ID || o4.ExternalIDs["kawasaki-crm"] != "K-77" {
			t.Errorf("PUT by another system with the same identifier: %d %s", other.Code, other.Body.String())
		}
		// A name duplicate without identifiers is the duplicate check's 409.
		dup := h.do(request{method: "PUT", url: "/api/v1/organisations/by-external-id/munich-erp/M-1", body: map[string]any{"name": "関西細胞治療株式会社", "kind": "biotech", "country": "JP"}})
		if dup.Code != 409 || !strings.Contains(dup.Body.String(), `"duplicate_of":"`+o.ID+`"`) {
			t.Errorf("PUT of a name duplicate: %d %s", dup.Code, dup.Body.String())
		}
		list := h.get("/api/v1/organisations?external_id=kawasaki-crm:K-77")
		if !strings.Contains(list.Body.String(), o.ID) {
			t.Errorf("list by external id: %s", list.Body.String())
		}
		events, _ := h.readFeed("", "", func(got []changeBody) bool { return len(eventsOf(got, o.ID)) >= 3 })
		if n := len(eventsOf(events, o.ID)); n != 3 {
			t.Errorf("the change feed has %d events of the organisation, want 3 (created, updated by If-Match, updated by the second system)", n)
		}
		for _, bad := range []string{"/api/v1/organisations/by-external-id/Osaka%20BHQ/1", "/api/v1/organisations/by-external-id/osaka-bhq/%20"} {
			if rec := h.do(request{method: "PUT", url: bad, body: body}); rec.Code != 422 {
				t.Errorf("PUT %s: %d, want 422", bad, rec.Code)
			}
		}
	})
}

func TestPeopleAreUpsertedByExternalIDAndErasedWithThem(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		org := h.newOrganisation("Example Biotech GmbH", "DE")
		url := "/api/v1/people/by-external-id/kawasaki-crm/P-4711"
		body := map[string]any{"organisation_id": org.ID, "given_name": "Hanako", "family_name": "Yamada"}
		first := h.do(request{method: "PUT", url: url, body: body})
		if first.Code != 201 {
			t.Fatalf("first PUT: %d %s", first.Code, first.Body.String())
		}
		p := decode[struct {
			ID          string            `json:"id"`
			Version     int               `json:"version"`
			ExternalIDs map[string]string `json:"external_ids"`
		}](t, first)
		again := h.do(request{method: "PUT", url: url, body: body})
		if again.Code != 200 || again.Header().Get("ETag") != first.Header().Get("ETag") {
			t.Errorf("the same PUT again: %d %s", again.Code, again.Header().Get("ETag"))
		}
		other := h.do(request{method: "POST", url: "/api/v1/people", body: map[string]any{"organisation_id": org.ID, "family_name": "Suzuki",
			"external_ids": map[string]string{"kawasaki-crm": "P-4711"}}})
		if other.Code != 409 || !strings.Contains(other.Body.String(), p.ID) {
			t.Errorf("another person with the id: %d %s", other.Code, other.Body.String())
		}
		if del := h.do(request{method: "DELETE", url: "/api/v1/people/" + p.ID, headers: ifMatch(p.Version)}); del.Code != 204 {
			t.Fatalf("erase: %d %s", del.Code, del.Body.String())
		}
		var n int64
		db.Conn(setupCtx()).Table("person_external_ids").Where("person_id = ?", p.ID).Count(&n)
		if n != 0 {
			t.Errorf("%d external ids left after the erasure", n)
		}
		// The id is free again: the next sync creates the person anew.
		if rec := h.do(request{method: "PUT", url: url, body: body}); rec.Code != 201 {
			t.Errorf("PUT after the erasure: %d", rec.Code)
		}
	})
}

func TestAnAPIKeyOfOneExternalSystemWritesOnlyItsIDs(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		rec := h.do(request{method: "POST", url: "/api/v1/api-keys", body: map[string]any{
			"name": "Osaka sync", "role": "coordinator", "scopes": []string{"read", "write:organisations"}, "external_system": "osaka-bhq",
			"expires_at": time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339),
		}})
		if rec.Code != 201 || !strings.Contains(rec.Body.String(), `"external_system":"osaka-bhq"`) {
			t.Fatalf("create key: %d %s", rec.Code, rec.Body.String())
		}
		key := "Bearer " + decode[struct {
			Secret string `json:"secret"`
		}](t, rec).Secret
		if bad := h.do(request{method: "POST", url: "/api/v1/api-keys", body: map[string]any{"name": "x", "role": "viewer", "scopes": []string{"read"},
			"external_system": "Osaka BHQ", "expires_at": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)}}); bad.Code != 422 || !strings.Contains(bad.Body.String(), `"field":"external_system"`) {
			t.Errorf("a key for a bad system name: %d %s", bad.Code, bad.Body.String())
		}
		body := map[string]any{"name": "Osaka Bio Venture KK", "kind": "biotech", "country": "JP"}
		h.run([]scenario{
			{name: "its own system", req: request{method: "PUT", url: "/api/v1/organisations/by-external-id/osaka-bhq/OB-1", body: body, as: key}, wantStatus: 201},
			{name: "another system", req: request{method: "PUT", url: "/api/v1/organisations/by-external-id/kawasaki-crm/K-1", body: body, as: key}, wantStatus: 403},
			{name: "another system's id in the body", req: request{method: "PUT", url: "/api/v1/organisations/by-external-id/osaka-bhq/OB-1",
				body: map[string]any{"external_ids": map[string]string{"kawasaki-crm": "K-1"}}, as: key}, wantStatus: 403},
			{name: "another system's id on create", req: request{method: "POST", url: "/api/v1/organisations",
				body: map[string]any{"name": "Other KK", "kind": "biotech", "country": "JP", "external_ids": map[string]string{"kawasaki-crm": "K-2"}}, as: key}, wantStatus: 403},
			{name: "people need write:people still", req: request{method: "PUT", url: "/api/v1/people/by-external-id/osaka-bhq/P-1", body: map[string]any{"family_name": "Tanaka"}, as: key}, wantStatus: 403},
			{name: "an admin writes any system", req: request{method: "PUT", url: "/api/v1/organisations/by-external-id/osaka-bhq/OB-1",
				body: map[string]any{"external_ids": map[string]string{"kawasaki-crm": "K-1"}}}, wantStatus: 200, wantBody: []string{`"kawasaki-crm":"K-1"`, `"osaka-bhq":"OB-1"`}},
		})
	})
}

func TestIdentifiersAreValidatedNormalisedAndUnique(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		rec := h.do(request{method: "POST", url: "/api/v1/organisations", body: map[string]any{"name": "Beispiel Pharma GmbH", "kind": "pharma", "country": "DE",
			"identifiers": map[string]any{"vat_id": "de 129 273 398", "lei": "5299 00W1 8LQJ JN6S J336", "ror_id": "https://ror.org/05591te55",
				"commercial_register": map[string]any{"court": "Amtsgericht München", "type": "hrb", "number": "6684"}}}})
		if rec.Code != 201 {
			t.Fatalf("create: %d %s", rec.Code, rec.Body.String())
		}
		o := decode[orgWithIDs](t, rec)
		if o.Identifiers.VATID != "DE129273398" || o.Identifiers.LEI != "529900W18LQJJN6SJ336" || o.Identifiers.RORID != "05591te55" ||
			o.Identifiers.CommercialRegister == nil || o.Identifiers.CommercialRegister.Court != "München" || o.Identifiers.CommercialRegister.Type != "HRB" {
			t.Errorf("normalised: %+v", o.Identifiers)
		}
		h.run([]scenario{
			{name: "a bad check digit names the field", req: request{method: "POST", url: "/api/v1/organisations", body: map[string]any{"name": "X GmbH", "kind": "pharma", "country": "DE",
				"identifiers": map[string]any{"vat_id": "DE129273399"}}}, wantStatus: 422, wantBody: []string{`"field":"identifiers.vat_id"`}},
			{name: "a LEI off by one", req: request{method: "POST", url: "/api/v1/organisations", body: map[string]any{"name": "X GmbH", "kind": "pharma", "country": "DE",
				"identifiers": map[string]any{"lei": "529900W18LQJJN6SJ337"}}}, wantStatus: 422, wantBody: []string{`"field":"identifiers.lei"`}},
			{name: "the same register entry spelt otherwise is the same organisation", req: request{method: "POST", url: "/api/v1/organisations?allow_duplicate=true",
				body: map[string]any{"name": "Ganz Anders AG", "kind": "pharma", "country": "DE", "identifiers": map[string]any{"commercial_register": map[string]any{"court": "münchen", "type": "HRB", "number": "6684"}}}},
				wantStatus: 409, wantBody: []string{`"duplicate_of":"` + o.ID + `"`}},
			{name: "clearing one identifier by PATCH", req: request{method: "PATCH", url: "/api/v1/organisations/" + o.ID, headers: ifMatch(o.Version),
				body: map[string]any{"identifiers": map[string]any{"ror_id": nil, "commercial_register": nil}}}, wantStatus: 200,
				wantBody: []string{`"ror_id":""`, `"commercial_register":null`, `"lei":"529900W18LQJJN6SJ336"`}},
			{name: "found by its identifier", req: request{url: "/api/v1/organisations?q=529900W18LQJJN6SJ336"}, wantStatus: 200, wantBody: []string{o.ID}},
		})
	})
}

func TestIdentifiersRoundTripThroughCSVExportAndImport(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		rec := h.do(request{method: "POST", url: "/api/v1/organisations", body: map[string]any{"name": "Rakuten Medical KK", "kind": "biotech", "country": "JP",
			"identifiers": map[string]any{"corporate_number": "5010401089998", "lei": "7LTWFZYICNSX8D621K86"}}})
		if rec.Code != 201 {
			t.Fatalf("create: %d %s", rec.Code, rec.Body.String())
		}
		o := decode[orgWithIDs](t, rec)
		export := h.get("/api/v1/organisations?format=csv")
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(export.Body.String(), "\ufeff"))).ReadAll()
		if err != nil || len(rows) != 2 {
			t.Fatalf("export: %v %d rows", err, len(rows))
		}
		col := map[string]int{}
		for i, c := range rows[0] {
			col[c] = i
		}
		if len(rows[1]) != len(rows[0]) || rows[1][col["corporate_number"]] != "5010401089998" || rows[1][col["lei"]] != "7LTWFZYICNSX8D621K86" {
			t.Fatalf("exported identifiers: %v", rows[1])
		}
		// Edited in a spreadsheet: the id column emptied, the name changed,
		// a register entry added; and a second line with another
		// organisation's identifier.
		rows[1][col["id"]] = ""
		rows[1][col["name"]] = "楽天メディカル株式会社"
		rows[1][col["commercial_register"]] = "AG Charlottenburg HRB 12345 B"
		line := make([]string, len(rows[0]))
		line[col["name"]], line[col["kind"]], line[col["country"]], line[col["lei"]] = "Another KK", "biotech", "JP", "7LTWFZYICNSX8D621K86"
		line[col["corporate_number"]] = "1180301018771" // Toyota's, below
		if rec := h.do(request{method: "POST", url: "/api/v1/organisations", body: map[string]any{"name": "Toyota Motor Corporation", "kind": "other", "country": "JP",
			"identifiers": map[string]any{"corporate_number": "1180301018771"}}}); rec.Code != 201 {
			t.Fatalf("create: %d %s", rec.Code, rec.Body.String())
		}
		bad := append([][]string{}, rows[0], line)
		imp := importCSV(h, rows)
		if imp.Code != 200 || !strings.Contains(imp.Body.String(), `"updated":1`) {
			t.Fatalf("import: %d %s", imp.Code, imp.Body.String())
		}
		got := decode[orgWithIDs](t, h.get("/api/v1/organisations/"+o.ID))
		if got.Name != "楽天メディカル株式会社" || got.Identifiers.CommercialRegister == nil || got.Identifiers.CommercialRegister.Number != "12345 B" {
			t.Errorf("after the import: %+v", got)
		}
		// The corporate number says it is Toyota, the LEI Rakuten Medical.
		if rec := importCSV(h, bad); !strings.Contains(rec.Body.String(), `"field":"lei"`) || !strings.Contains(rec.Body.String(), `"committed":false`) {
			t.Errorf("a line with identifiers of two organisations: %d %s", rec.Code, rec.Body.String())
		}
	})
}

func importCSV(h *harness, rows [][]string) *httptest.ResponseRecorder {
	var file bytes.Buffer
	w := csv.NewWriter(&file)
	_ = w.WriteAll(rows)
	return h.do(csvRequest("/api/v1/organisations/import?dry_run=false", file.String(), ""))
}
