package api_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

type agreementBody struct {
	ID         string  `json:"id"`
	Title      string  `json:"title"`
	SignedOn   string  `json:"signed_on"`
	ValidUntil *string `json:"valid_until"`
	Status     string  `json:"status"`
	Version    int     `json:"version"`
	Parties    []struct {
		OrganisationID string `json:"organisation_id"`
		Organisation   struct{ Name string }
	} `json:"parties"`
	Renewals []struct {
		RenewedOn          string  `json:"renewed_on"`
		ValidUntil         *string `json:"valid_until"`
		PreviousValidUntil *string `json:"previous_valid_until"`
		Note               string  `json:"note"`
	} `json:"renewals"`
}

// day is a date relative to today in the zone that decides statuses.
func day(offset int) string {
	return time.Now().In(agreement.StatusZone).AddDate(0, 0, offset).Format(time.DateOnly)
}

func (h *harness) createAgreement(body map[string]any) agreementBody {
	h.t.Helper()
	rec := h.do(request{method: "POST", url: "/api/v1/agreements", body: body})
	if rec.Code != 201 {
		h.t.Fatalf("create agreement: %d %s", rec.Code, rec.Body.String())
	}
	return decode[agreementBody](h.t, rec)
}

func parties(ids ...string) []map[string]any {
	out := make([]map[string]any, len(ids))
	for i, id := range ids {
		out[i] = map[string]any{"organisation_id": id}
	}
	return out
}

func TestAgreementsRegister(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		orgs := seedDirectory(h)
		biom, osaka, kawasaki := orgs["BioM Biotech Cluster Development GmbH"].ID, orgs["Osaka BioHeadquarters"].ID, orgs["Kawasaki City"].ID
		example, sample := orgs["Example Biotech GmbH"].ID, orgs["Sample Pharma K.K."].ID

		coop := h.createAgreement(map[string]any{"title": "Cooperation agreement BioM – Osaka BioHeadquarters", "kind": "cooperation_agreement",
			"parties": parties(biom, osaka), "signed_on": "2011", "focus_areas": []string{"personalised_medicine"}})
		mou := h.createAgreement(map[string]any{"title": "MoU BioM – Kawasaki City", "kind": "mou", "parties": parties(biom, kawasaki), "signed_on": "2017"})
		nda := h.createAgreement(map[string]any{"title": "Confidentiality agreement (demo)", "kind": "confidentiality_agreement", "parties": parties(example, sample),
			"signed_on": "2025-03", "valid_from": "2025-03-01", "valid_until": day(30), "summary": map[string]string{"en": "Exchange of CAR-T data"}})
		old := h.createAgreement(map[string]any{"title": "Material transfer (demo)", "kind": "material_transfer", "parties": parties(example, osaka),
			"signed_on": "2019-05-02", "valid_from": "2019-05-02", "valid_until": day(-1)})
		draft := h.createAgreement(map[string]any{"title": "Letter of intent (demo)", "kind": "letter_of_intent", "parties": parties(sample, biom)})

		if coop.SignedOn != "2011" || mou.SignedOn != "2017" || coop.Status != "active" || nda.Status != "expiring" || old.Status != "expired" || draft.Status != "draft" {
			t.Errorf("as created: %s %s %s; statuses %s %s %s %s", coop.SignedOn, mou.SignedOn, nda.SignedOn, coop.Status, nda.Status, old.Status, draft.Status)
		}
		if coop.Parties[1].Organisation.Name != "Osaka BioHeadquarters" {
			t.Errorf("parties are named: %+v", coop.Parties)
		}

		h.run([]scenario{
			{name: "an empty date is no date (null clears one)", req: request{method: "POST", url: "/api/v1/agreements", body: map[string]any{"title": "x", "kind": "mou", "parties": parties(biom, osaka),
				"valid_from": ""}}, wantStatus: 422, wantBody: []string{`"field":"valid_from"`}},
			{name: "a body of null is no patch", req: request{method: "PATCH", url: "/api/v1/agreements/" + coop.ID, headers: map[string]string{"If-Match": `"1"`}, body: "null"},
				wantStatus: 400, wantType: "application/problem+json"},
			{name: "valid_until before valid_from", req: request{method: "POST", url: "/api/v1/agreements", body: map[string]any{"title": "x", "kind": "mou", "parties": parties(biom, osaka),
				"valid_from": "2020-01-01", "valid_until": "2019-12-31"}}, wantStatus: 422, wantBody: []string{`"field":"valid_until"`}},
			{name: "one party is not enough", req: request{method: "POST", url: "/api/v1/agreements", body: map[string]any{"title": "x", "kind": "mou", "parties": parties(biom)}}, wantStatus: 422, wantBody: []string{`"field":"parties"`}},
			{name: "the same party twice", req: request{method: "POST", url: "/api/v1/agreements", body: map[string]any{"title": "x", "kind": "mou", "parties": parties(biom, biom)}}, wantStatus: 422, wantBody: []string{`"field":"parties"`}},
			{name: "signed_on of another precision", req: request{method: "POST", url: "/api/v1/agreements", body: map[string]any{"title": "x", "kind": "mou", "parties": parties(biom, osaka), "signed_on": "April 2011"}}, wantStatus: 422, wantBody: []string{`"field":"signed_on"`}},
			{name: "unknown kind", req: request{method: "POST", url: "/api/v1/agreements", body: map[string]any{"title": "x", "kind": "handshake", "parties": parties(biom, osaka)}}, wantStatus: 422, wantBody: []string{`"field":"kind"`}},
		})

		list := func(query string) []string {
			t.Helper()
			rec := h.get("/api/v1/agreements?" + query)
			if rec.Code != 200 {
				t.Fatalf("?%s: %d %s", query, rec.Code, rec.Body.String())
			}
			l := decode[struct{ Items []agreementBody }](t, rec)
			out := make([]string, len(l.Items))
			for i, a := range l.Items {
				out[i] = a.Title
			}
			return out
		}
		tests := []struct {
			query string
			want  []string
		}{
			{"", []string{nda.Title, old.Title, mou.Title, coop.Title, draft.Title}}, // newest signature first, drafts last
			{"status=active", []string{mou.Title, coop.Title}},
			{"status=expiring", []string{nda.Title}},
			{"status=expired", []string{old.Title}},
			{"status=draft", []string{draft.Title}},
			{"party=" + kawasaki, []string{mou.Title}},
			{"party=" + kawasaki + "&party=" + sample, []string{nda.Title, mou.Title, draft.Title}},
			{"region=osaka", []string{old.Title, coop.Title}},
			{"country=JP&kind=mou", []string{mou.Title}},
			{"focus_area=personalised_medicine", []string{coop.Title}},
			{"signed_from=2011&signed_to=2017", []string{mou.Title, coop.Title}},
			{"signed_from=2018", []string{nda.Title, old.Title}},
			{"q=car-t", []string{nda.Title}},
			{"q=kawasaki", []string{mou.Title}},
			{"sort=valid_until&status=expired", []string{old.Title}},
		}
		for _, tt := range tests {
			if got := list(tt.query); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("?%s = %v, want %v", tt.query, got, tt.want)
			}
		}
		if code := h.status(request{url: "/api/v1/agreements?status=valid"}); code != 400 {
			t.Errorf("unknown status: %d", code)
		}
		rec := h.get("/api/v1/organisations/" + biom + "/agreements")
		l := decode[struct{ Items []agreementBody }](t, rec)
		if len(l.Items) != 3 || l.Items[0].Title != mou.Title {
			t.Errorf("BioM's agreements newest first: %d %s", rec.Code, rec.Body.String())
		}

		// Renewals: the history stays, the end moves, the status follows.
		renew := func(a agreementBody, body map[string]any) (int, agreementBody) {
			rec := h.do(request{method: "POST", url: "/api/v1/agreements/" + a.ID + "/renewals", headers: map[string]string{"If-Match": fmt.Sprint(a.Version)}, body: body})
			if rec.Code != 201 {
				return rec.Code, agreementBody{}
			}
			return rec.Code, decode[agreementBody](t, rec)
		}
		code, renewed := renew(old, map[string]any{"renewed_on": day(0), "valid_until": day(400), "note": "Extended for a second phase"})
		if code != 201 || renewed.Status != "active" || len(renewed.Renewals) != 1 || *renewed.Renewals[0].PreviousValidUntil != day(-1) {
			t.Fatalf("renewal of an expired agreement: %d %+v", code, renewed)
		}
		code, renewed = renew(renewed, map[string]any{"renewed_on": day(1), "valid_until": day(800)})
		if code != 201 || len(renewed.Renewals) != 2 || renewed.Renewals[0].Note != "Extended for a second phase" || *renewed.ValidUntil != day(800) {
			t.Errorf("second renewal keeps the history in order: %d %+v", code, renewed)
		}
		if code, _ := renew(renewed, map[string]any{"renewed_on": day(2), "valid_until": day(100)}); code != 422 {
			t.Errorf("renewal to an earlier end: %d, want 422", code)
		}
		if code, _ := renew(old, map[string]any{"renewed_on": day(2), "valid_until": day(900)}); code != 412 {
			t.Errorf("renewal based on an old version: %d, want 412", code)
		}
		term := h.do(request{method: "PATCH", url: "/api/v1/agreements/" + nda.ID, headers: map[string]string{"If-Match": "1"}, body: map[string]any{"terminated_on": day(0)}})
		terminated := decode[agreementBody](t, term)
		if term.Code != 200 || terminated.Status != "terminated" {
			t.Fatalf("terminate: %d %s", term.Code, term.Body.String())
		}
		if code, _ := renew(terminated, map[string]any{"renewed_on": day(0), "valid_until": day(500)}); code != 409 {
			t.Errorf("renewing a terminated agreement: %d, want 409", code)
		}
	})
}

func TestAgreementsAuthorization(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers()
		writers := []string{"admin", "coordinator", "key coordinator"}
		fresh := func(h *harness) agreementBody {
			return h.createAgreement(map[string]any{"title": "Target " + randomSuffix(), "kind": "mou", "parties": parties(cs.orgA, cs.orgB), "signed_on": "2020"})
		}
		h.checkWrites(t, cs, []writeCase{
			{name: "create agreement", allowed: writers, request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/agreements", body: map[string]any{"title": "New", "kind": "mou", "parties": parties(cs.orgA, cs.orgB)}}
			}},
			{name: "change agreement", allowed: writers, request: func(h *harness, _ string) request {
				return request{method: "PATCH", url: "/api/v1/agreements/" + fresh(h).ID, headers: map[string]string{"If-Match": "1"}, body: map[string]any{"title": "Renamed"}}
			}},
			{name: "renew agreement", allowed: writers, request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/agreements/" + fresh(h).ID + "/renewals", headers: map[string]string{"If-Match": "1"}, body: map[string]any{"renewed_on": day(0), "valid_until": day(365)}}
			}},
			{name: "delete agreement", allowed: writers, request: func(h *harness, _ string) request {
				return request{method: "DELETE", url: "/api/v1/agreements/" + fresh(h).ID, headers: map[string]string{"If-Match": "1"}}
			}},
		})
		// An organisation that is party to an agreement is archived, not deleted.
		rec := h.do(request{method: "DELETE", url: "/api/v1/organisations/" + cs.orgB, headers: map[string]string{"If-Match": fmt.Sprint(decode[orgBody](t, h.get("/api/v1/organisations/"+cs.orgB)).Version)}})
		if rec.Code != 409 || !strings.Contains(rec.Body.String(), "agreements") {
			t.Errorf("deleting a party: %d %s", rec.Code, rec.Body.String())
		}
	})
}
