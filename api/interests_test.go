package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/jobs"
	"github.com/innomunich/platform/pkg/mail"
	"github.com/innomunich/platform/pkg/user"
	"github.com/riverqueue/river"
)

type contactBody struct {
	PersonID    string  `json:"person_id"`
	DisplayName string  `json:"display_name"`
	FamilyName  string  `json:"family_name"`
	Email       *string `json:"email"`
	Phone       *string `json:"phone"`
}

type interestBody struct {
	ID             string `json:"id"`
	OpportunityID  string `json:"opportunity_id"`
	OrganisationID string `json:"organisation_id"`
	Opportunity    struct {
		ID           string            `json:"id"`
		Title        map[string]string `json:"title"`
		Organisation struct{ ID, Name string }
	} `json:"opportunity"`
	Message            string       `json:"message"`
	Status             string       `json:"status"`
	DeclineReason      string       `json:"decline_reason"`
	ClosedReason       string       `json:"closed_reason"`
	AgreementID        *string      `json:"agreement_id"`
	ProjectID          *string      `json:"project_id"`
	ContactsShared     bool         `json:"contacts_shared"`
	InterestedContact  *contactBody `json:"interested_contact"`
	OpportunityContact *contactBody `json:"opportunity_contact"`
	Version            int          `json:"version"`
}

// partnering is two organisations, one in each country, each with a
// member and a contact person with e-mail and phone, a third organisation
// with a member, and the German side's published offer naming its
// contact person.
type partnering struct {
	de, jp, third                string
	deMember, jpMember, thirdMbr string
	viewer, coordinator          string
	deContact, jpPerson          string
	offer                        opportunityBody
}

const (
	deEmail, dePhone = "anna.offer@example.org", "+49 89 555 0101"
	jpEmail, jpPhone = "yamada.taro@example.jp", "+81 6 5555 0202"
)

func (h *harness) partnering() partnering {
	h.t.Helper()
	var p partnering
	p.de, p.jp, p.third = h.newOrganisation("Example Cell GmbH", "DE").ID, h.newOrganisation("サンプル製薬株式会社", "JP").ID, h.newOrganisation("Third Example AG", "DE").ID
	mk := func(role string, org *string, locale string) string {
		u, _, err := user.Create(setupCtx(), h.db, user.New{Email: fmt.Sprintf("%s-%s@example.org", role, randomSuffix()), DisplayName: role, Role: role, OrganisationID: org, Locale: locale})
		if err != nil {
			h.t.Fatal(err)
		}
		return h.bearer(u)
	}
	p.deMember, p.jpMember, p.thirdMbr = mk(auth.RoleMember, &p.de, "de"), mk(auth.RoleMember, &p.jp, "ja"), mk(auth.RoleMember, &p.third, "en")
	p.viewer, p.coordinator = mk(auth.RoleViewer, nil, "en"), mk(auth.RoleCoordinator, nil, "en")
	person := func(org, given, family, email, phone string) string {
		rec := h.do(request{method: "POST", url: "/api/v1/people", body: map[string]any{"organisation_id": org, "given_name": given, "family_name": family, "email": email, "phone": phone}})
		if rec.Code != 201 {
			h.t.Fatalf("create person: %d %s", rec.Code, rec.Body.String())
		}
		return decode[personBody](h.t, rec).ID
	}
	p.deContact = person(p.de, "Anna", "Offer", deEmail, dePhone)
	p.jpPerson = person(p.jp, "Taro", "Yamada", jpEmail, jpPhone)
	p.offer = h.createOpportunity(p.deMember, offer(p.de, map[string]any{"contact_person_id": p.deContact}))
	return p
}

func (h *harness) express(as, opportunityID string, body map[string]any) interestBody {
	h.t.Helper()
	rec := h.do(request{method: "POST", url: "/api/v1/opportunities/" + opportunityID + "/interests", as: as, body: body})
	if rec.Code != 201 {
		h.t.Fatalf("express interest: %d %s", rec.Code, rec.Body.String())
	}
	return decode[interestBody](h.t, rec)
}

func (h *harness) interest(as, id string) interestBody {
	h.t.Helper()
	rec := h.do(request{url: "/api/v1/interests/" + id, as: as})
	if rec.Code != 200 {
		h.t.Fatalf("get interest as %s: %d %s", as, rec.Code, rec.Body.String())
	}
	return decode[interestBody](h.t, rec)
}

func ifMatch(v int) map[string]string { return map[string]string{"If-Match": fmt.Sprintf(`"%d"`, v)} }

// sentMail is the queued notifications about interests: kind, language,
// recipient and subject of each.
func sentMail(t *testing.T, db *database.DB) []mail.Message {
	t.Helper()
	q, err := jobs.New(db, jobs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := q.JobList(context.Background(), river.NewJobListParams().Kinds(mail.SendArgs{}.Kind()).First(100))
	if err != nil {
		t.Fatal(err)
	}
	var out []mail.Message
	for _, j := range res.Jobs {
		var args mail.SendArgs
		if err := json.Unmarshal(j.EncodedArgs, &args); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(args.Message.Kind, "interest_") {
			out = append(out, args.Message)
		}
	}
	return out
}

func email(c *contactBody) string {
	if c == nil || c.Email == nil {
		return ""
	}
	return *c.Email
}

func TestExpressionsOfInterestShareContactDataOnlyOnAcceptance(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		p := h.partnering()
		interestsURL := "/api/v1/opportunities/" + p.offer.ID + "/interests"
		body := map[string]any{"person_id": p.jpPerson, "message": "弊社は日本でのライセンスに関心があります。"}

		rec := h.do(request{method: "POST", url: interestsURL, as: p.jpMember, body: body, headers: map[string]string{"Idempotency-Key": "interest-1"}})
		if rec.Code != 201 || rec.Header().Get("ETag") != `"1"` || !strings.HasPrefix(rec.Header().Get("Location"), "/api/v1/interests/") {
			t.Fatalf("express: %d %v %s", rec.Code, rec.Header(), rec.Body.String())
		}
		i := decode[interestBody](t, rec)
		if retry := h.do(request{method: "POST", url: interestsURL, as: p.jpMember, body: body, headers: map[string]string{"Idempotency-Key": "interest-1"}}); retry.Code != 201 || decode[interestBody](t, retry).ID != i.ID {
			t.Errorf("a retry with the same key: %d %s", retry.Code, retry.Body.String())
		}
		if i.Status != "open" || i.OrganisationID != p.jp || i.Opportunity.Organisation.ID != p.de || i.ContactsShared {
			t.Errorf("created: %+v", i)
		}
		if email(i.InterestedContact) != jpEmail || i.OpportunityContact != nil {
			t.Errorf("the interested side before acceptance sees its own contact only: %+v %+v", i.InterestedContact, i.OpportunityContact)
		}
		h.run([]scenario{
			{name: "a second open interest", req: request{method: "POST", url: interestsURL, as: p.jpMember, body: body}, wantStatus: 409},
			{name: "its own opportunity", req: request{method: "POST", url: interestsURL, as: p.deMember, body: map[string]any{"person_id": p.deContact, "message": "Us?"}}, wantStatus: 422, wantBody: []string{`"field":"organisation_id"`}},
			{name: "a person of another organisation", req: request{method: "POST", url: interestsURL, as: p.thirdMbr, body: body}, wantStatus: 422, wantBody: []string{`"field":"person_id"`}},
			{name: "a viewer", req: request{method: "POST", url: interestsURL, as: p.viewer, body: map[string]any{"organisation_id": p.third, "person_id": p.jpPerson, "message": "x"}}, wantStatus: 403},
			{name: "no such opportunity", req: request{method: "POST", url: "/api/v1/opportunities/0193b5c4-1f0e-7c2a-9d4e-5a6b7c8d9e0f/interests", as: p.jpMember, body: body}, wantStatus: 404},
			{name: "a field it does not take", req: request{method: "POST", url: interestsURL, as: p.jpMember, body: map[string]any{"person_id": p.jpPerson, "message": "x", "status": "accepted"}}, wantStatus: 400},
			{name: "a third organisation reads it", req: request{url: "/api/v1/interests/" + i.ID, as: p.thirdMbr}, wantStatus: 404},
			{name: "the owner before acceptance", req: request{url: "/api/v1/interests/" + i.ID, as: p.deMember}, wantStatus: 200,
				wantBody: []string{`"interested_contact":null`, "弊社は日本"}, wantNotBody: []string{jpEmail, jpPhone, p.jpPerson, "Yamada"}},
			{name: "the owner's list before acceptance", req: request{url: "/api/v1/interests?direction=received", as: p.deMember}, wantStatus: 200,
				wantBody: []string{i.ID}, wantNotBody: []string{jpEmail, jpPhone, "Yamada"}},
			{name: "the opportunity's contact data before acceptance", req: request{url: "/api/v1/opportunities/" + p.offer.ID, as: p.jpMember}, wantStatus: 200,
				wantBody: []string{`"family_name":"Offer"`, `"email":null`}, wantNotBody: []string{deEmail, dePhone}},
			{name: "the owner sees its own contact person", req: request{url: "/api/v1/opportunities/" + p.offer.ID, as: p.deMember}, wantStatus: 200, wantBody: []string{deEmail, dePhone}},
			{name: "accept without If-Match", req: request{method: "POST", url: "/api/v1/interests/" + i.ID + "/accept", as: p.deMember}, wantStatus: 428},
			{name: "accept on an old version", req: request{method: "POST", url: "/api/v1/interests/" + i.ID + "/accept", as: p.deMember, headers: ifMatch(7)}, wantStatus: 412},
			{name: "the interested side accepts", req: request{method: "POST", url: "/api/v1/interests/" + i.ID + "/accept", as: p.jpMember, headers: ifMatch(1)}, wantStatus: 403},
			{name: "the pipeline before acceptance", req: request{method: "PATCH", url: "/api/v1/interests/" + i.ID, as: p.deMember, headers: ifMatch(1), body: map[string]any{"status": "in_discussion"}}, wantStatus: 409},
		})
		if mails := sentMail(t, db); len(mails) != 1 || mails[0].Kind != "interest_new" || mails[0].Language != "de" || !strings.Contains(mails[0].Subject, "interessiert sich") {
			t.Errorf("the owner's member is told, in German: %+v", mails)
		}

		rec = h.do(request{method: "POST", url: "/api/v1/interests/" + i.ID + "/accept", as: p.deMember, headers: ifMatch(1)})
		if rec.Code != 200 || rec.Header().Get("ETag") != `"2"` {
			t.Fatalf("accept: %d %s", rec.Code, rec.Body.String())
		}
		owner, jp := h.interest(p.deMember, i.ID), h.interest(p.jpMember, i.ID)
		if !owner.ContactsShared || email(owner.InterestedContact) != jpEmail || *owner.InterestedContact.Phone != jpPhone {
			t.Errorf("the owner after acceptance: %+v", owner.InterestedContact)
		}
		if email(jp.OpportunityContact) != deEmail || *jp.OpportunityContact.Phone != dePhone {
			t.Errorf("the interested side after acceptance: %+v", jp.OpportunityContact)
		}
		if mails := sentMail(t, db); len(mails) != 2 || mails[1].Kind != "interest_accepted" || mails[1].Language != "ja" || !strings.Contains(mails[1].Subject, "承諾") {
			t.Errorf("the interested side is told, in Japanese: %+v", mails)
		}
		for _, m := range sentMail(t, db) {
			for _, secret := range []string{jpEmail, jpPhone, deEmail, dePhone} {
				if strings.Contains(m.Text, secret) {
					t.Errorf("mail %s carries %q", m.Kind, secret)
				}
			}
		}
		h.run([]scenario{
			{name: "the opportunity's contact data for the accepted side", req: request{url: "/api/v1/opportunities/" + p.offer.ID, as: p.jpMember}, wantStatus: 200, wantBody: []string{deEmail, dePhone}},
			{name: "but not for a third organisation", req: request{url: "/api/v1/opportunities/" + p.offer.ID, as: p.thirdMbr}, wantStatus: 200, wantNotBody: []string{deEmail, dePhone}},
			{name: "nor for a viewer", req: request{url: "/api/v1/opportunities/" + p.offer.ID, as: p.viewer}, wantStatus: 200, wantNotBody: []string{deEmail, dePhone}},
			{name: "a viewer reads the interest with names only", req: request{url: "/api/v1/interests/" + i.ID, as: p.viewer}, wantStatus: 200,
				wantBody: []string{`"family_name":"Yamada"`, `"family_name":"Offer"`}, wantNotBody: []string{jpEmail, jpPhone, deEmail, dePhone}},
			{name: "a third organisation's list", req: request{url: "/api/v1/interests", as: p.thirdMbr}, wantStatus: 200, wantBody: []string{`"items":[]`}},
			{name: "the opportunity's interests for a third organisation", req: request{url: interestsURL, as: p.thirdMbr}, wantStatus: 200, wantBody: []string{`"items":[]`}},
			{name: "the opportunity's interests for the owner", req: request{url: interestsURL, as: p.deMember}, wantStatus: 200, wantBody: []string{i.ID, jpEmail}},
			{name: "withdraw after acceptance", req: request{method: "POST", url: "/api/v1/interests/" + i.ID + "/withdraw", as: p.jpMember, headers: ifMatch(2)}, wantStatus: 409},
			{name: "decline after acceptance", req: request{method: "POST", url: "/api/v1/interests/" + i.ID + "/decline", as: p.deMember, headers: ifMatch(2), body: map[string]any{}}, wantStatus: 409},
		})

		// The audit log records the disclosure and holds no contact data
		// of the interest's people, for any reader.
		for _, as := range []string{"", p.coordinator, p.viewer} {
			rec := h.do(request{url: "/api/v1/audit-events?entity_type=interest&entity_id=" + i.ID, as: as})
			if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"action":"share_contacts"`) || !strings.Contains(rec.Body.String(), `"action":"accept"`) {
				t.Errorf("interest events: %d %s", rec.Code, rec.Body.String())
			}
			for _, secret := range []string{jpEmail, jpPhone, deEmail, dePhone} {
				if strings.Contains(rec.Body.String(), secret) {
					t.Errorf("the interest's events hold %q", secret)
				}
			}
		}
		if all := h.do(request{url: "/api/v1/audit-events?limit=200", as: p.viewer}).Body.String(); strings.Contains(all, jpEmail) || strings.Contains(all, deEmail) {
			t.Error("a viewer reads contact data in the audit log")
		}
	})
}

func TestAnAcceptedInterestLeadsToAnAgreementAndAProjectBothWays(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		p := h.partnering()
		i := h.express(p.jpMember, p.offer.ID, map[string]any{"person_id": p.jpPerson, "message": "Let us talk"})
		patch := func(as string, version int, body map[string]any) *interestBody {
			t.Helper()
			rec := h.do(request{method: "PATCH", url: "/api/v1/interests/" + i.ID, as: as, headers: ifMatch(version), body: body})
			if rec.Code != 200 {
				t.Fatalf("patch %v: %d %s", body, rec.Code, rec.Body.String())
			}
			out := decode[interestBody](t, rec)
			return &out
		}
		if rec := h.do(request{method: "POST", url: "/api/v1/interests/" + i.ID + "/accept", as: p.coordinator, headers: ifMatch(1)}); rec.Code != 200 {
			t.Fatalf("a coordinator accepts: %d %s", rec.Code, rec.Body.String())
		}
		step := patch(p.deMember, 2, map[string]any{"status": "nda_signed"})
		h.run([]scenario{
			{name: "backwards", req: request{method: "PATCH", url: "/api/v1/interests/" + i.ID, as: p.deMember, headers: ifMatch(step.Version), body: map[string]any{"status": "in_discussion"}}, wantStatus: 422, wantBody: []string{`"field":"status"`}},
			{name: "not a pipeline status", req: request{method: "PATCH", url: "/api/v1/interests/" + i.ID, as: p.deMember, headers: ifMatch(step.Version), body: map[string]any{"status": "declined"}}, wantStatus: 422},
			{name: "closed without a reason", req: request{method: "PATCH", url: "/api/v1/interests/" + i.ID, as: p.deMember, headers: ifMatch(step.Version), body: map[string]any{"status": "closed"}}, wantStatus: 422, wantBody: []string{`"field":"closed_reason"`}},
			{name: "the interested side moves it", req: request{method: "PATCH", url: "/api/v1/interests/" + i.ID, as: p.jpMember, headers: ifMatch(step.Version), body: map[string]any{"status": "agreement_signed"}}, wantStatus: 403},
			{name: "a link to nothing", req: request{method: "PATCH", url: "/api/v1/interests/" + i.ID, as: p.deMember, headers: ifMatch(step.Version), body: map[string]any{"agreement_id": p.offer.ID}}, wantStatus: 422, wantBody: []string{`"field":"agreement_id"`}},
			{name: "an agreement from no interest", req: request{method: "POST", url: "/api/v1/agreements", body: map[string]any{"title": "NDA", "kind": "confidentiality_agreement",
				"parties": []map[string]any{{"organisation_id": p.de}, {"organisation_id": p.jp}}, "origin_interest_id": p.offer.ID}}, wantStatus: 422, wantBody: []string{`"field":"origin_interest_id"`}},
		})
		rec := h.do(request{method: "POST", url: "/api/v1/agreements", as: p.coordinator, body: map[string]any{"title": "Licence CAR-T Japan", "kind": "licence", "signed_on": "2027-03",
			"parties": []map[string]any{{"organisation_id": p.de}, {"organisation_id": p.jp}}, "origin_interest_id": i.ID}})
		if rec.Code != 201 || !strings.Contains(rec.Body.String(), `"origin_interest":{"interest_id":"`+i.ID+`","opportunity_id":"`+p.offer.ID+`","opportunity_title":{`) {
			t.Fatalf("agreement from the interest: %d %s", rec.Code, rec.Body.String())
		}
		a := decode[agreementBody](t, rec)
		step = patch(p.coordinator, step.Version, map[string]any{"status": "agreement_signed", "agreement_id": a.ID})
		rec = h.do(request{method: "POST", url: "/api/v1/projects", as: p.coordinator, body: map[string]any{"title": "CAR-T Japan", "origin_agreement_id": a.ID,
			"partners": []map[string]any{{"organisation_id": p.de, "role": "coordinator"}, {"organisation_id": p.jp, "role": "partner"}}}})
		if rec.Code != 201 {
			t.Fatalf("project: %d %s", rec.Code, rec.Body.String())
		}
		pr := decode[struct{ ID string }](t, rec)
		step = patch(p.deMember, step.Version, map[string]any{"status": "project_started", "project_id": pr.ID})
		if step.Status != "project_started" || step.ProjectID == nil || *step.ProjectID != pr.ID || *step.AgreementID != a.ID {
			t.Errorf("project started: %+v", step)
		}
		h.run([]scenario{
			{name: "the project shows where it came from", req: request{url: "/api/v1/projects/" + pr.ID, as: p.thirdMbr}, wantStatus: 200,
				wantBody: []string{`"origin_interest":{"interest_id":"` + i.ID + `","opportunity_id":"` + p.offer.ID + `","opportunity_title":{"de":"Allogene CAR-T-Plattform","en":"Allogeneic CAR-T platform"},"via_agreement_id":"` + a.ID + `"}`}},
			{name: "the opportunity shows what it led to", req: request{url: "/api/v1/opportunities/" + p.offer.ID, as: p.jpMember}, wantStatus: 200,
				wantBody: []string{`"led_to":[{"interest_id":"` + i.ID + `"`, `"agreements":[{"id":"` + a.ID + `","title":"Licence CAR-T Japan","signed_on":"2027-03"}]`, `"projects":[{"id":"` + pr.ID + `","title":"CAR-T Japan"`}},
			{name: "not to a third organisation, which reads no one's interests", req: request{url: "/api/v1/opportunities/" + p.offer.ID, as: p.thirdMbr}, wantStatus: 200, wantBody: []string{`"led_to":[]`}},
			{name: "a project from an agreement and an interest", req: request{method: "POST", url: "/api/v1/projects", body: map[string]any{"title": "Both", "origin_agreement_id": a.ID, "origin_interest_id": i.ID,
				"partners": []map[string]any{{"organisation_id": p.de, "role": "coordinator"}}}}, wantStatus: 422, wantBody: []string{`"field":"origin_interest_id"`}},
			{name: "an agreement an interest links stays", req: request{method: "DELETE", url: "/api/v1/agreements/" + a.ID, headers: ifMatch(a.Version)}, wantStatus: 409},
			{name: "stages for the board", req: request{url: "/api/v1/interests/stages", as: p.coordinator}, wantStatus: 200,
				wantBody: []string{`{"status":"open","count":0}`, `{"status":"project_started","count":1}`}},
			{name: "stages of a direction without an organisation", req: request{url: "/api/v1/interests/stages?direction=sent", as: p.coordinator}, wantStatus: 400},
			{name: "list by status", req: request{url: "/api/v1/interests?status=project_started&organisation_id=" + p.jp + "&direction=sent", as: p.coordinator}, wantStatus: 200, wantBody: []string{i.ID}},
			{name: "list with a bad direction", req: request{url: "/api/v1/interests?direction=sideways"}, wantStatus: 400},
		})
		if mails := sentMail(t, db); len(mails) < 5 {
			t.Errorf("each step notifies: %d mails", len(mails))
		}
	})
}

func TestDecliningOrWithdrawingEndsAnInterestAndAnotherMayFollow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		p := h.partnering()
		body := map[string]any{"person_id": p.jpPerson, "message": "First try"}
		i := h.express(p.jpMember, p.offer.ID, body)
		h.run([]scenario{
			{name: "the owner withdraws", req: request{method: "POST", url: "/api/v1/interests/" + i.ID + "/withdraw", as: p.deMember, headers: ifMatch(1)}, wantStatus: 403},
			{name: "a reason too long", req: request{method: "POST", url: "/api/v1/interests/" + i.ID + "/decline", as: p.deMember, headers: ifMatch(1), body: map[string]any{"reason": strings.Repeat("x", 1001)}}, wantStatus: 422, wantBody: []string{`"field":"reason"`}},
			{name: "the owner declines with a reason", req: request{method: "POST", url: "/api/v1/interests/" + i.ID + "/decline", as: p.deMember, headers: ifMatch(1), body: map[string]any{"reason": "Not our market"}}, wantStatus: 200,
				wantBody: []string{`"status":"declined"`, `"decline_reason":"Not our market"`, `"contacts_shared":false`, `"interested_contact":null`}},
			{name: "the interested side sees the reason", req: request{url: "/api/v1/interests/" + i.ID, as: p.jpMember}, wantStatus: 200, wantBody: []string{`"decline_reason":"Not our market"`, `"opportunity_contact":null`}},
			{name: "accepting a declined one", req: request{method: "POST", url: "/api/v1/interests/" + i.ID + "/accept", as: p.deMember, headers: ifMatch(2)}, wantStatus: 409},
		})
		second := h.express(p.jpMember, p.offer.ID, map[string]any{"person_id": p.jpPerson, "message": "Second try"})
		h.run([]scenario{
			{name: "the interested side withdraws", req: request{method: "POST", url: "/api/v1/interests/" + second.ID + "/withdraw", as: p.jpMember, headers: ifMatch(1)}, wantStatus: 200, wantBody: []string{`"status":"withdrawn"`}},
			{name: "an opportunity with interests stays", req: request{method: "DELETE", url: "/api/v1/opportunities/" + p.offer.ID, as: p.deMember, headers: ifMatch(p.offer.Version)}, wantStatus: 409},
			{name: "the owner's list by status", req: request{url: "/api/v1/opportunities/" + p.offer.ID + "/interests?status=withdrawn", as: p.deMember}, wantStatus: 200, wantBody: []string{second.ID}, wantNotBody: []string{i.ID}},
		})
		third := h.express(p.jpMember, p.offer.ID, map[string]any{"person_id": p.jpPerson, "message": "Third try"})
		// Erasing the contact person (GDPR) keeps the interest, without them.
		person := decode[personBody](t, h.get("/api/v1/people/"+p.jpPerson))
		if rec := h.do(request{method: "DELETE", url: "/api/v1/people/" + p.jpPerson, headers: ifMatch(person.Version)}); rec.Code != 204 {
			t.Fatalf("erase the person: %d %s", rec.Code, rec.Body.String())
		}
		if got := h.interest(p.jpMember, third.ID); got.InterestedContact != nil || got.Status != "open" {
			t.Errorf("after erasing its person: %+v", got)
		}
	})
}
