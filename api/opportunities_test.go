package api_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/apikey"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/person"
)

type opportunityBody struct {
	ID             string `json:"id"`
	OrganisationID string `json:"organisation_id"`
	Organisation   struct {
		Name    string `json:"name"`
		Country string `json:"country"`
	} `json:"organisation"`
	Kind             string             `json:"kind"`
	Title            map[string]string  `json:"title"`
	Details          *map[string]string `json:"details"`
	MissingLanguages []string           `json:"missing_languages"`
	FocusAreas       []string           `json:"focus_areas"`
	Modalities       []string           `json:"modalities"`
	Stage            string             `json:"stage"`
	TargetCountries  []string           `json:"target_countries"`
	IPStatus         string             `json:"ip_status"`
	ContactPersonID  *string            `json:"contact_person_id"`
	ValidUntil       string             `json:"valid_until"`
	Expired          bool               `json:"expired"`
	Status           string             `json:"status"`
	ClosedReason     *string            `json:"closed_reason"`
	PublishedAt      *time.Time         `json:"published_at"`
	Version          int                `json:"version"`
}

type criterionBody struct {
	Criterion string   `json:"criterion"`
	Points    int      `json:"points"`
	Values    []string `json:"values"`
}

type matchBody struct {
	Opportunity opportunityBody `json:"opportunity"`
	Score       int             `json:"score"`
	Why         struct {
		Matched   []criterionBody `json:"matched"`
		Unmatched []criterionBody `json:"unmatched"`
	} `json:"why"`
}

// oppDay is a date relative to today in the zone that decides expiry.
func oppDay(offset int) string {
	return time.Now().In(opportunity.Zone).AddDate(0, 0, offset).Format(time.DateOnly)
}

func (h *harness) createOpportunity(as string, body map[string]any) opportunityBody {
	h.t.Helper()
	rec := h.do(request{method: "POST", url: "/api/v1/opportunities", body: body, as: as})
	if rec.Code != 201 {
		h.t.Fatalf("create opportunity: %d %s", rec.Code, rec.Body.String())
	}
	return decode[opportunityBody](h.t, rec)
}

// offer is a published technology offer of org, with overrides.
func offer(org string, over map[string]any) map[string]any {
	b := map[string]any{"organisation_id": org, "kind": "technology_offer", "status": "published",
		"title":       map[string]string{"en": "Allogeneic CAR-T platform", "de": "Allogene CAR-T-Plattform"},
		"summary":     map[string]string{"en": "Off-the-shelf CAR-T cells for solid tumours", "de": "CAR-T-Zellen von der Stange"},
		"details":     map[string]string{"en": "Confidential: yields and vector design"},
		"focus_areas": []string{"cell_gene_therapy"}, "modalities": []string{"cell_therapy"}, "stage": "preclinical",
		"cooperation_types": []string{"licensing", "co_development"}, "target_countries": []string{"JP"}, "ip_status": "granted"}
	for k, v := range over {
		b[k] = v
	}
	return b
}

func ids(list []opportunityBody) []string {
	out := make([]string, len(list))
	for i, o := range list {
		out[i] = o.ID
	}
	return out
}

func (h *harness) listOpportunities(as, query string) []opportunityBody {
	h.t.Helper()
	rec := h.do(request{url: "/api/v1/opportunities" + query, as: as})
	if rec.Code != 200 {
		h.t.Fatalf("list %s: %d %s", query, rec.Code, rec.Body.String())
	}
	return decode[struct{ Items []opportunityBody }](h.t, rec).Items
}

func TestOpportunitiesRulesAndVisibility(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		de, jp := h.newOrganisation("Example Cell GmbH", "DE"), h.newOrganisation("サンプル製薬株式会社", "JP")
		memberDE, memberJP := h.bearer(h.newUser(auth.RoleMember, &de.ID)), h.bearer(h.newUser(auth.RoleMember, &jp.ID))
		coordinator, viewer := h.bearer(h.newUser(auth.RoleCoordinator, nil)), h.bearer(h.newUser(auth.RoleViewer, nil))
		contact, err := person.Create(setupCtx(), db, person.Person{OrganisationID: de.ID, GivenName: "Anna", FamilyName: "Example", Email: "anna@example.org"})
		if err != nil {
			t.Fatal(err)
		}
		other, err := person.Create(setupCtx(), db, person.Person{OrganisationID: jp.ID, GivenName: "Taro", FamilyName: "Sample"})
		if err != nil {
			t.Fatal(err)
		}

		pub := h.createOpportunity(memberDE, offer(de.ID, map[string]any{"contact_person_id": contact.ID}))
		if pub.Status != "published" || pub.PublishedAt == nil || pub.Organisation.Name != "Example Cell GmbH" || pub.Organisation.Country != "DE" ||
			!slices.Equal(pub.MissingLanguages, []string{"ja"}) || pub.Details == nil || pub.ValidUntil != oppDay(365) || pub.Expired {
			t.Errorf("as created: %+v", pub)
		}
		draft := h.createOpportunity(memberDE, map[string]any{"organisation_id": de.ID, "kind": "business_request",
			"title": map[string]string{"ja": "販売パートナー募集"}, "summary": map[string]string{"ja": "日本での販売代理店を探しています"}})
		if draft.Status != "draft" || draft.PublishedAt != nil || draft.Stage != "not_applicable" || draft.IPStatus != "not_applicable" ||
			!slices.Equal(draft.MissingLanguages, []string{"de", "en"}) {
			t.Errorf("draft defaults: %+v", draft)
		}
		expired := h.createOpportunity(coordinator, offer(jp.ID, map[string]any{"kind": "technology_request", "valid_until": oppDay(-1),
			"title": map[string]string{"ja": "抗体技術を求む", "en": "Antibody technology wanted"}}))
		if !expired.Expired {
			t.Errorf("expired: %+v", expired)
		}

		h.run([]scenario{
			{name: "every rule names its field", req: request{method: "POST", url: "/api/v1/opportunities", as: memberDE, body: map[string]any{
				"organisation_id": de.ID, "kind": "gift", "title": map[string]string{}, "summary": map[string]string{"en": strings.Repeat("x", 2001)},
				"modalities": []string{"magic"}, "stage": "phase_9", "cooperation_types": []string{"friendship"}, "target_countries": []string{"Japan"},
				"ip_status": "secret", "valid_until": "next year", "status": "open"}}, wantStatus: 422,
				wantBody: []string{`"field":"kind"`, `"field":"title"`, `"field":"summary"`, `"field":"modalities"`, `"field":"stage"`, `"field":"cooperation_types"`,
					`"field":"target_countries"`, `"field":"ip_status"`, `"field":"valid_until"`, `"field":"status"`}},
			{name: "closing needs a reason", req: request{method: "POST", url: "/api/v1/opportunities", as: memberDE, body: offer(de.ID, map[string]any{"status": "closed"})},
				wantStatus: 422, wantBody: []string{`"field":"closed_reason"`}},
			{name: "the contact person is of the organisation", req: request{method: "POST", url: "/api/v1/opportunities", as: memberDE, body: offer(de.ID, map[string]any{"contact_person_id": other.ID})},
				wantStatus: 422, wantBody: []string{`"field":"contact_person_id"`}},
			{name: "unknown focus area", req: request{method: "POST", url: "/api/v1/opportunities", as: memberDE, body: offer(de.ID, map[string]any{"focus_areas": []string{"astrology"}})},
				wantStatus: 422, wantBody: []string{`"field":"focus_areas"`}},
			{name: "unknown organisation", req: request{method: "POST", url: "/api/v1/opportunities", body: offer("01a229c0-0000-7000-8000-000000000000", nil)},
				wantStatus: 422, wantBody: []string{`"field":"organisation_id"`}},
			{name: "a member writes only for its own organisation", req: request{method: "POST", url: "/api/v1/opportunities", as: memberJP, body: offer(de.ID, nil)}, wantStatus: 403},
			{name: "a viewer writes none", req: request{method: "POST", url: "/api/v1/opportunities", as: viewer, body: offer(de.ID, nil)}, wantStatus: 403},
			{name: "another organisation's draft is not found", req: request{url: "/api/v1/opportunities/" + draft.ID, as: memberJP}, wantStatus: 404},
			{name: "nor for a viewer", req: request{url: "/api/v1/opportunities/" + draft.ID, as: viewer}, wantStatus: 404},
			{name: "a coordinator reads drafts", req: request{url: "/api/v1/opportunities/" + draft.ID, as: coordinator}, wantStatus: 200},
			{name: "the organisation reads its draft", req: request{url: "/api/v1/opportunities/" + draft.ID, as: memberDE}, wantStatus: 200, wantHeaders: map[string]string{"ETag": `"1"`}},
			{name: "another organisation cannot change it either", req: request{method: "PATCH", url: "/api/v1/opportunities/" + draft.ID, as: memberJP, headers: map[string]string{"If-Match": `"1"`},
				body: map[string]any{"status": "published"}}, wantStatus: 404},
			{name: "a published one is read by everyone signed in, details too", req: request{url: "/api/v1/opportunities/" + pub.ID, as: viewer}, wantStatus: 200,
				wantBody: []string{`"details":{"en":"Confidential`}},
			{name: "change needs If-Match", req: request{method: "PATCH", url: "/api/v1/opportunities/" + pub.ID, as: memberDE, body: map[string]any{"stage": "discovery"}}, wantStatus: 428},
			{name: "a stale If-Match is 412", req: request{method: "PATCH", url: "/api/v1/opportunities/" + pub.ID, as: memberDE, headers: map[string]string{"If-Match": `"7"`},
				body: map[string]any{"stage": "discovery"}}, wantStatus: 412},
			{name: "filters are checked", req: request{url: "/api/v1/opportunities?kind=gift&modality=magic&country=Japan&sort=title"}, wantStatus: 400,
				wantBody: []string{`"field":"kind"`, `"field":"modality"`, `"field":"country"`, `"field":"sort"`}},
			{name: "matches take no cursor", req: request{url: "/api/v1/opportunities/" + pub.ID + "/matches?cursor=x&limit=0"}, wantStatus: 400,
				wantBody: []string{`"field":"cursor"`, `"field":"limit"`}},
			{name: "codes in three languages", req: request{url: "/api/v1/opportunity-codes", as: viewer}, wantStatus: 200,
				wantBody: []string{`"code":"technology_offer","name":{"de":"Technologieangebot","en":"Technology offer","ja":"技術提供"}`, `"code":"partner_found"`}},
		})

		// Details: users of the network read them; an API key needs the scope.
		keyFor := func(scopes ...string) string {
			_, secret, err := apikey.Create(setupCtx(), db, apikey.New{Name: "details key", Role: auth.RoleViewer, Scopes: scopes, ExpiresAt: time.Now().Add(time.Hour)})
			if err != nil {
				t.Fatal(err)
			}
			return "Bearer " + secret
		}
		for _, tc := range []struct {
			as   string
			want bool
		}{{viewer, true}, {memberJP, true}, {keyFor(auth.ScopeRead), false}, {keyFor(auth.ScopeRead, auth.ScopeReadOpportunityDetails), true}} {
			got := decode[opportunityBody](t, h.do(request{url: "/api/v1/opportunities/" + pub.ID, as: tc.as}))
			list := h.listOpportunities(tc.as, "?organisation="+de.ID)
			if (got.Details != nil) != tc.want || len(list) == 0 || (list[0].Details != nil) != tc.want {
				t.Errorf("details shown %v, want %v", got.Details != nil, tc.want)
			}
		}

		// Lists: drafts only to their organisation and coordinators; expired ones on request.
		if got := ids(h.listOpportunities(memberJP, "")); !slices.Equal(got, []string{pub.ID}) {
			t.Errorf("another member's default list: %v, want only %s", got, pub.ID)
		}
		if got := ids(h.listOpportunities(memberDE, "")); len(got) != 2 || got[0] != pub.ID || got[1] != draft.ID {
			t.Errorf("own member sees its draft, published first: %v", got)
		}
		if got := ids(h.listOpportunities(coordinator, "?include_expired=true&sort=valid_until")); !slices.Equal(got, []string{expired.ID, pub.ID, draft.ID}) &&
			!slices.Equal(got, []string{expired.ID, draft.ID, pub.ID}) {
			t.Errorf("coordinator with expired ones: %v", got)
		}
		for query, want := range map[string][]string{
			"?kind=business_request":                        {draft.ID},
			"?focus_area=cell_gene_therapy":                 {pub.ID},
			"?modality=cell_therapy":                        {pub.ID},
			"?stage=preclinical":                            {pub.ID},
			"?cooperation_type=licensing":                   {pub.ID},
			"?country=JP&include_expired=true":              {expired.ID},
			"?target_country=JP":                            {pub.ID, draft.ID}, // the draft targets any country
			"?target_country=DE":                            {draft.ID},
			"?status=draft":                                 {draft.ID},
			"?organisation=" + jp.ID:                        {},
			"?q=販売":                                         {draft.ID},
			"?q=allogene":                                   {pub.ID},
			"?q=antibody%20technology&include_expired=true": {expired.ID},
		} {
			if got := ids(h.listOpportunities(coordinator, query)); !slices.Equal(got, want) {
				t.Errorf("%s: %v, want %v", query, got, want)
			}
		}

		// The audit log shows opportunities on the same terms: a draft's
		// texts not to a viewer, details not to a key without the scope.
		h.run([]scenario{
			{name: "a viewer reads a draft's events without its texts", req: request{url: "/api/v1/audit-events?entity_id=" + draft.ID, as: viewer},
				wantStatus: 200, wantBody: []string{`"entity_id":"` + draft.ID}, wantNotBody: []string{"販売"}},
			{name: "a coordinator reads them whole", req: request{url: "/api/v1/audit-events?entity_id=" + draft.ID, as: coordinator},
				wantStatus: 200, wantBody: []string{"販売"}},
			{name: "a key without the scope reads no details in events", req: request{url: "/api/v1/audit-events?entity_id=" + pub.ID, as: keyFor(auth.ScopeRead)},
				wantStatus: 200, wantBody: []string{"Allogeneic"}, wantNotBody: []string{"Confidential"}},
		})

		// Publishing stamps the date; closing needs and keeps a reason; every change is audited.
		rec := h.do(request{method: "PATCH", url: "/api/v1/opportunities/" + draft.ID, as: memberDE, headers: map[string]string{"If-Match": `"1"`},
			body: map[string]any{"status": "published", "title": map[string]any{"en": "Distribution partner wanted"}}})
		published := decode[opportunityBody](t, rec)
		if rec.Code != 200 || published.PublishedAt == nil || published.Version != 2 || published.Title["ja"] != "販売パートナー募集" {
			t.Fatalf("publish: %d %s", rec.Code, rec.Body.String())
		}
		rec = h.do(request{method: "PATCH", url: "/api/v1/opportunities/" + draft.ID, as: memberDE, headers: map[string]string{"If-Match": `"2"`},
			body: map[string]any{"status": "closed", "closed_reason": "partner_found"}})
		closed := decode[opportunityBody](t, rec)
		if rec.Code != 200 || closed.Status != "closed" || closed.ClosedReason == nil || *closed.ClosedReason != "partner_found" || !closed.PublishedAt.Equal(*published.PublishedAt) {
			t.Fatalf("close: %d %s", rec.Code, rec.Body.String())
		}
		var events int64
		db.Conn(context.Background()).Table("audit_events").Where("entity_type = 'opportunity' AND entity_id = ?", draft.ID).Count(&events)
		if events != 3 {
			t.Errorf("%d audit events for create, publish, close; want 3", events)
		}

		// An organisation with opportunities is archived, not deleted.
		rec = h.do(request{method: "DELETE", url: "/api/v1/organisations/" + jp.ID, headers: map[string]string{"If-Match": `"1"`}})
		if rec.Code != 409 || !strings.Contains(rec.Body.String(), "opportunities") {
			t.Errorf("deleting an organisation with opportunities: %d %s", rec.Code, rec.Body.String())
		}
		// A retry with the same Idempotency-Key answers the first response.
		retry := request{method: "POST", url: "/api/v1/opportunities", as: memberDE, headers: map[string]string{"Idempotency-Key": "opp-" + randomSuffix()}, body: offer(de.ID, nil)}
		first, second := h.do(retry), h.do(retry)
		if first.Code != 201 || second.Code != 201 || decode[opportunityBody](t, first).ID != decode[opportunityBody](t, second).ID {
			t.Errorf("idempotent create: %d %d", first.Code, second.Code)
		}

		// Erasing the contact person (GDPR) leaves the opportunity without one.
		if rec := h.do(request{method: "DELETE", url: "/api/v1/people/" + contact.ID, headers: map[string]string{"If-Match": `"1"`}}); rec.Code != 204 {
			t.Fatalf("erase contact: %d %s", rec.Code, rec.Body.String())
		}
		if after := decode[opportunityBody](t, h.get("/api/v1/opportunities/"+pub.ID)); after.ContactPersonID != nil {
			t.Errorf("contact after erasure: %v", *after.ContactPersonID)
		}
		rec = h.do(request{method: "DELETE", url: "/api/v1/opportunities/" + expired.ID, headers: map[string]string{"If-Match": `"1"`}})
		if rec.Code != 204 || h.get("/api/v1/opportunities/"+expired.ID).Code != 404 {
			t.Errorf("delete: %d %s", rec.Code, rec.Body.String())
		}
	})
}

func TestOpportunitiesAuthorization(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers()
		writers := []string{"admin", "coordinator", "member of A", "key coordinator", "key member of A"}
		fresh := func(h *harness) opportunityBody { return h.createOpportunity("", offer(cs.orgA, nil)) }
		h.checkWrites(t, cs, []writeCase{
			{name: "create opportunity", allowed: writers, request: func(h *harness, _ string) request {
				return request{method: "POST", url: "/api/v1/opportunities", body: offer(cs.orgA, nil)}
			}},
			{name: "change opportunity", allowed: writers, request: func(h *harness, _ string) request {
				return request{method: "PATCH", url: "/api/v1/opportunities/" + fresh(h).ID, headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{"stage": "discovery"}}
			}},
			{name: "delete opportunity", allowed: writers, request: func(h *harness, _ string) request {
				return request{method: "DELETE", url: "/api/v1/opportunities/" + fresh(h).ID, headers: map[string]string{"If-Match": `"1"`}}
			}},
		})
		// A published opportunity of A (with details) and matches and
		// suggestions: who reads what.
		o := fresh(h)
		for _, caller := range callerNames {
			want := 200
			switch caller {
			case "anonymous":
				want = 401
			case "key without read":
				want = 403
			}
			for _, url := range []string{"/api/v1/opportunities", "/api/v1/opportunities/" + o.ID, "/api/v1/opportunities/" + o.ID + "/matches",
				"/api/v1/organisations/" + cs.orgA + "/suggestions", "/api/v1/organisations/" + cs.orgA + "/opportunities", "/api/v1/opportunity-codes"} {
				rec := h.do(request{url: url, as: cs.bearer[caller]})
				if rec.Code != want {
					t.Errorf("%s GET %s: %d, want %d", caller, url, rec.Code, want)
				}
				// Only "key viewer" lacks read:opportunity_details (the other keys hold every scope).
				if details := strings.Contains(rec.Body.String(), `"details":{`); caller == "key viewer" && details {
					t.Errorf("%s GET %s: an API key without read:opportunity_details reads details", caller, url)
				}
			}
		}
	})
}

func TestMatchesAndSuggestions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		de, de2 := h.newOrganisation("Example Cell GmbH", "DE"), h.newOrganisation("Beispiel Pharma AG", "DE")
		jp, jp2, jp3 := h.newOrganisation("サンプル製薬株式会社", "JP"), h.newOrganisation("Sample Bio K.K.", "JP"), h.newOrganisation("Fictional Devices KK", "JP")
		memberJP := h.bearer(h.newUser(auth.RoleMember, &jp.ID))
		contact, err := person.Create(setupCtx(), db, person.Person{OrganisationID: de.ID, GivenName: "Anna", FamilyName: "Example", Email: "anna@example.org"})
		if err != nil {
			t.Fatal(err)
		}

		// The Japanese request, and offers to meet it.
		req := h.createOpportunity(memberJP, map[string]any{"organisation_id": jp.ID, "kind": "technology_request", "status": "published",
			"title": map[string]string{"ja": "CAR-T細胞技術の導入", "en": "In-licensing of allogeneic CAR-T technology"}, "summary": map[string]string{"en": "We seek CAR-T platforms"},
			"focus_areas": []string{"cell_gene_therapy"}, "modalities": []string{"cell_therapy"}, "stage": "clinical_phase_1",
			"cooperation_types": []string{"licensing"}, "target_countries": []string{"DE"}})
		best := h.createOpportunity("", offer(de.ID, map[string]any{"contact_person_id": contact.ID})) // all six criteria
		weaker := h.createOpportunity("", offer(de2.ID, map[string]any{"modalities": []string{"antibody"}, "stage": "approved",
			"title": map[string]string{"en": "Bispecific antibodies"}, "summary": map[string]string{"en": "Humanised bispecifics"}, "focus_areas": []string{"cell_gene_therapy", "immunomodulation"}}))
		// Never matches: a draft, an expired one, another request, one of the same country, one without a shared focus area,
		// one of an archived organisation.
		h.createOpportunity("", offer(de.ID, map[string]any{"status": "draft"}))
		h.createOpportunity("", offer(de.ID, map[string]any{"valid_until": oppDay(-1)}))
		h.createOpportunity("", offer(de.ID, map[string]any{"kind": "business_request"}))
		h.createOpportunity("", offer(jp2.ID, nil))
		h.createOpportunity("", offer(de2.ID, map[string]any{"focus_areas": []string{"small_molecules"}}))
		archived := h.newOrganisation("Archived Example GmbH", "DE")
		h.createOpportunity("", offer(archived.ID, nil))
		if rec := h.do(request{method: "PATCH", url: "/api/v1/organisations/" + archived.ID, headers: map[string]string{"If-Match": `"1"`}, body: map[string]any{"archived": true}}); rec.Code != 200 {
			t.Fatalf("archive: %d %s", rec.Code, rec.Body.String())
		}

		rec := h.do(request{url: "/api/v1/opportunities/" + req.ID + "/matches", as: memberJP})
		if rec.Code != 200 {
			t.Fatalf("matches: %d %s", rec.Code, rec.Body.String())
		}
		ms := decode[struct{ Items []matchBody }](t, rec).Items
		if len(ms) != 2 || ms[0].Opportunity.ID != best.ID || ms[1].Opportunity.ID != weaker.ID {
			t.Fatalf("matches: %s", rec.Body.String())
		}
		if ms[0].Score != 100 || len(ms[0].Why.Unmatched) != 0 || ms[0].Opportunity.Details != nil || ms[0].Opportunity.ContactPersonID != nil ||
			strings.Contains(rec.Body.String(), "anna@example.org") {
			t.Errorf("best match: %+v", ms[0])
		}
		why := map[string]criterionBody{}
		for _, c := range ms[0].Why.Matched {
			why[c.Criterion] = c
		}
		if !slices.Equal(why["focus_areas"].Values, []string{"cell_gene_therapy"}) || why["focus_areas"].Points != 30 ||
			!slices.Equal(why["cooperation_types"].Values, []string{"licensing"}) || !slices.Contains(why["words"].Values, "allogeneic") {
			t.Errorf("why: %+v", ms[0].Why.Matched)
		}
		// weaker: focus area, cooperation type, target country met; modality, stage and words not.
		var unmet []string
		for _, c := range ms[1].Why.Unmatched {
			unmet = append(unmet, c.Criterion)
		}
		if ms[1].Score != 30+15+10 || !slices.Equal(unmet, []string{"modalities", "stage", "words"}) {
			t.Errorf("weaker: score %d, unmatched %v", ms[1].Score, unmet)
		}
		// The same answer each time.
		if again := h.do(request{url: "/api/v1/opportunities/" + req.ID + "/matches", as: memberJP}); again.Body.String() != rec.Body.String() {
			t.Errorf("matching is not deterministic")
		}

		// Suggestions for the Japanese organisation: both German
		// organisations through their offers; not once it has an agreement.
		sugg := func() []string {
			rec := h.do(request{url: "/api/v1/organisations/" + jp.ID + "/suggestions", as: memberJP})
			if rec.Code != 200 {
				t.Fatalf("suggestions: %d %s", rec.Code, rec.Body.String())
			}
			var out []string
			for _, s := range decode[struct {
				Items []struct {
					Organisation struct{ ID string }
					Score        int
				}
			}](t, rec).Items {
				out = append(out, s.Organisation.ID)
			}
			return out
		}
		if got := sugg(); !slices.Equal(got, []string{de.ID, de2.ID}) {
			t.Errorf("suggestions %v, want %v", got, []string{de.ID, de2.ID})
		}
		h.createAgreement(map[string]any{"title": "NDA (demo)", "kind": "confidentiality_agreement", "parties": parties(jp.ID, de.ID)})
		if got := sugg(); !slices.Equal(got, []string{de2.ID}) {
			t.Errorf("after an agreement with %s: %v", de.ID, got)
		}
		_ = jp3
	})
}

func TestMergeMovesOpportunities(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		kept, dup := h.newOrganisation("Example Cell GmbH", "DE"), h.newOrganisation("Example Cell", "DE")
		o := h.createOpportunity("", offer(dup.ID, nil))
		rec := h.do(request{method: "POST", url: "/api/v1/organisations/" + kept.ID + "/merge", headers: map[string]string{"If-Match": `"1"`},
			body: map[string]any{"duplicate_id": dup.ID}})
		if rec.Code != 200 {
			t.Fatalf("merge: %d %s", rec.Code, rec.Body.String())
		}
		moved := decode[opportunityBody](t, h.get("/api/v1/opportunities/"+o.ID))
		if moved.OrganisationID != kept.ID || moved.Version != 2 {
			t.Errorf("after merge: %+v", moved)
		}
	})
}
