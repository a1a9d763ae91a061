package interest_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/interest"
	"github.com/innomunich/platform/pkg/merge"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
)

func as(role, org string) context.Context {
	return auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: uuid.NewString(), Name: role + "@example.org", Role: role, OrganisationID: org})
}

func system() context.Context { return auth.With(context.Background(), auth.System("test")) }

func coordinator() context.Context { return as(auth.RoleCoordinator, "") }

func member(org string) context.Context { return as(auth.RoleMember, org) }

// world is a German offer with its contact person, and a Japanese and a
// third organisation with a person each.
type world struct {
	de, jp, other                    string
	deContact, jpPerson, otherPerson person.Person
	offer                            opportunity.Opportunity
}

func newWorld(t *testing.T, db *database.DB) world {
	t.Helper()
	var w world
	for _, o := range []struct {
		dst           *string
		name, country string
	}{{&w.de, "Example Biotech GmbH", "DE"}, {&w.jp, "サンプル製薬株式会社", "JP"}, {&w.other, "Other Example AG", "DE"}} {
		org, err := organisation.Create(system(), db, organisation.Organisation{Name: o.name, Kind: "biotech", Country: o.country}, false)
		if err != nil {
			t.Fatal(err)
		}
		*o.dst = org.ID
	}
	mk := func(org, family, email, phone string) person.Person {
		p, err := person.Create(system(), db, person.Person{OrganisationID: org, GivenName: "Kim", FamilyName: family, Email: email, Phone: phone})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	w.deContact = mk(w.de, "Offerer", "offer.contact@example.org", "+49 89 1111")
	w.jpPerson = mk(w.jp, "Yamada", "yamada@example.jp", "+81 6 2222")
	w.otherPerson = mk(w.other, "Third", "third@example.org", "+49 30 3333")
	w.offer = newOpportunity(t, db, w.de, &w.deContact.ID, opportunity.Published)
	return w
}

func newOpportunity(t *testing.T, db *database.DB, org string, contact *string, status string) opportunity.Opportunity {
	t.Helper()
	o := opportunity.Opportunity{OrganisationID: org, Kind: opportunity.TechnologyOffer, Title: i18n.Text{En: "Allogeneic CAR-T platform"},
		Summary: i18n.Text{En: "A platform looking for a licensee"}, ContactPersonID: contact, Status: status}
	if status == opportunity.Closed {
		r := "partner_found"
		o.ClosedReason = &r
	}
	out, err := opportunity.Create(system(), db, o)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func express(t *testing.T, db *database.DB, w world) interest.Interest {
	t.Helper()
	i, err := interest.Create(member(w.jp), db, nil, interest.New{OpportunityID: w.offer.ID, PersonID: w.jpPerson.ID, Message: "We would like to license it for Japan."})
	if err != nil {
		t.Fatal(err)
	}
	return i
}

func wantCode(t *testing.T, what string, err error, code apperr.Code) {
	t.Helper()
	if !apperr.Is(err, code) {
		t.Errorf("%s: got %v, want %s", what, err, code)
	}
}

func TestAnOrganisationAnswersOthersPublishedOpportunitiesOnceAtATime(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		w := newWorld(t, db)
		msg := "We would like to talk."
		i := express(t, db, w)
		if i.Status != interest.Open || i.OrganisationID != w.jp || i.Opportunity.OrganisationID != w.de || i.Version != 1 {
			t.Fatalf("created: %+v", i)
		}
		_, err := interest.Create(member(w.jp), db, nil, interest.New{OpportunityID: w.offer.ID, PersonID: w.jpPerson.ID, Message: msg})
		wantCode(t, "second open interest", err, apperr.Conflict)
		_, err = interest.Create(member(w.de), db, nil, interest.New{OpportunityID: w.offer.ID, PersonID: w.deContact.ID, Message: msg})
		wantCode(t, "own opportunity", err, apperr.Invalid)
		_, err = interest.Create(member(w.other), db, nil, interest.New{OpportunityID: w.offer.ID, OrganisationID: w.jp, PersonID: w.jpPerson.ID, Message: msg})
		wantCode(t, "member for another organisation", err, apperr.Forbidden)
		_, err = interest.Create(as(auth.RoleViewer, ""), db, nil, interest.New{OpportunityID: w.offer.ID, OrganisationID: w.other, PersonID: w.otherPerson.ID, Message: msg})
		wantCode(t, "viewer", err, apperr.Forbidden)
		_, err = interest.Create(member(w.other), db, nil, interest.New{OpportunityID: w.offer.ID, PersonID: w.jpPerson.ID, Message: msg})
		wantCode(t, "person of another organisation", err, apperr.Invalid)
		_, err = interest.Create(member(w.other), db, nil, interest.New{OpportunityID: w.offer.ID, PersonID: w.otherPerson.ID, Message: "  "})
		wantCode(t, "empty message", err, apperr.Invalid)
		_, err = interest.Create(coordinator(), db, nil, interest.New{OpportunityID: w.offer.ID, PersonID: w.otherPerson.ID, Message: msg})
		wantCode(t, "coordinator without organisation", err, apperr.Invalid)
		key := auth.With(context.Background(), auth.Principal{Kind: auth.KindAPIKey, ID: "k", Role: auth.RoleMember, OrganisationID: w.other, Scopes: []string{auth.ScopeRead}})
		_, err = interest.Create(key, db, nil, interest.New{OpportunityID: w.offer.ID, PersonID: w.otherPerson.ID, Message: msg})
		wantCode(t, "key without write:opportunities", err, apperr.Forbidden)

		draft := newOpportunity(t, db, w.de, nil, opportunity.Draft)
		_, err = interest.Create(member(w.other), db, nil, interest.New{OpportunityID: draft.ID, PersonID: w.otherPerson.ID, Message: msg})
		wantCode(t, "another organisation's draft", err, apperr.NotFound)
		_, err = interest.Create(coordinator(), db, nil, interest.New{OpportunityID: draft.ID, OrganisationID: w.other, PersonID: w.otherPerson.ID, Message: msg})
		wantCode(t, "a draft, by a coordinator who sees it", err, apperr.Invalid)
		closed := newOpportunity(t, db, w.de, nil, opportunity.Closed)
		_, err = interest.Create(member(w.other), db, nil, interest.New{OpportunityID: closed.ID, PersonID: w.otherPerson.ID, Message: msg})
		wantCode(t, "closed", err, apperr.Invalid)
		expired := newOpportunity(t, db, w.de, nil, opportunity.Published)
		if err := db.Conn(context.Background()).Table("opportunities").Where("id = ?", expired.ID).Update("valid_until", "2020-01-01").Error; err != nil {
			t.Fatal(err)
		}
		_, err = interest.Create(member(w.other), db, nil, interest.New{OpportunityID: expired.ID, PersonID: w.otherPerson.ID, Message: msg})
		wantCode(t, "expired", err, apperr.Invalid)

		// A coordinator answers on behalf of an organisation.
		byCoord, err := interest.Create(coordinator(), db, nil, interest.New{OpportunityID: w.offer.ID, OrganisationID: w.other, PersonID: w.otherPerson.ID, Message: msg})
		if err != nil || byCoord.OrganisationID != w.other {
			t.Fatalf("coordinator on behalf: %+v %v", byCoord, err)
		}
		// After a withdrawal the organisation may answer again.
		if _, err := interest.Withdraw(member(w.jp), db, nil, i.ID, i.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := interest.Create(member(w.jp), db, nil, interest.New{OpportunityID: w.offer.ID, PersonID: w.jpPerson.ID, Message: msg}); err != nil {
			t.Errorf("again after withdrawing: %v", err)
		}
	})
}

// The database itself refuses a second open interest, whatever the code
// does before it (two requests at once pass the check in Go together).
func TestTheDatabaseHoldsTheOneOpenInterestRule(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		w := newWorld(t, db)
		i := express(t, db, w)
		twin := i
		twin.ID, twin.Opportunity = uuid.Must(uuid.NewV7()).String(), interest.OpportunityRef{}
		err := db.Conn(context.Background()).Create(&twin).Error
		if !database.IsDuplicate(err) {
			t.Fatalf("second open row: %v, want a unique violation", err)
		}
		twin.Status = interest.Declined
		if err := db.Conn(context.Background()).Create(&twin).Error; err != nil {
			t.Errorf("a declined one next to the open one: %v", err)
		}
	})
}

func TestOwnerAnswersAndMovesAlongTheInterestedSideWithdraws(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		w := newWorld(t, db)
		i := express(t, db, w)
		_, err := interest.Accept(member(w.jp), db, nil, i.ID, i.Version)
		wantCode(t, "interested side accepts", err, apperr.Forbidden)
		_, err = interest.Withdraw(member(w.de), db, nil, i.ID, i.Version)
		wantCode(t, "owner withdraws", err, apperr.Forbidden)
		_, err = interest.Accept(member(w.other), db, nil, i.ID, i.Version)
		wantCode(t, "third organisation (cannot even read it)", err, apperr.NotFound)
		_, err = interest.Accept(as(auth.RoleViewer, ""), db, nil, i.ID, i.Version)
		wantCode(t, "viewer", err, apperr.Forbidden)
		_, err = interest.Accept(member(w.de), db, nil, i.ID, i.Version+1)
		wantCode(t, "stale version", err, apperr.PreconditionFailed)
		_, err = interest.Update(member(w.de), db, nil, i.ID, i.Version, interest.Patch{Status: interest.InDiscussion})
		wantCode(t, "pipeline before acceptance", err, apperr.Conflict)

		acc, err := interest.Accept(member(w.de), db, nil, i.ID, i.Version)
		if err != nil || acc.Status != interest.Accepted || acc.AcceptedAt == nil || acc.Version != 2 {
			t.Fatalf("accept: %+v %v", acc, err)
		}
		_, err = interest.Decline(member(w.de), db, nil, acc.ID, acc.Version, "")
		wantCode(t, "decline after accepting", err, apperr.Conflict)
		_, err = interest.Withdraw(member(w.jp), db, nil, acc.ID, acc.Version)
		wantCode(t, "withdraw after acceptance", err, apperr.Conflict)
		_, err = interest.Update(member(w.jp), db, nil, acc.ID, acc.Version, interest.Patch{Status: interest.InDiscussion})
		wantCode(t, "interested side moves the pipeline", err, apperr.Forbidden)

		nda, err := interest.Update(member(w.de), db, nil, acc.ID, acc.Version, interest.Patch{Status: interest.NDASigned})
		if err != nil || nda.Status != interest.NDASigned {
			t.Fatalf("skip to nda_signed: %+v %v", nda, err)
		}
		_, err = interest.Update(member(w.de), db, nil, nda.ID, nda.Version, interest.Patch{Status: interest.InDiscussion})
		wantCode(t, "backwards", err, apperr.Invalid)
		_, err = interest.Update(member(w.de), db, nil, nda.ID, nda.Version, interest.Patch{Status: interest.Declined})
		wantCode(t, "declined through the pipeline", err, apperr.Invalid)
		_, err = interest.Update(member(w.de), db, nil, nda.ID, nda.Version, interest.Patch{Status: interest.Closed})
		wantCode(t, "closed without a reason", err, apperr.Invalid)
		missing := uuid.Must(uuid.NewV7()).String()
		_, err = interest.Update(member(w.de), db, nil, nda.ID, nda.Version, interest.Patch{AgreementID: &interest.Link{ID: &missing}})
		wantCode(t, "link to no agreement", err, apperr.Invalid)

		a, err := agreement.Create(coordinator(), db, agreement.Agreement{Title: "Licence", Kind: "licence", Parties: []agreement.Party{{OrganisationID: w.de}, {OrganisationID: w.jp}}, OriginInterestID: &i.ID})
		if err != nil {
			t.Fatal(err)
		}
		signed, err := interest.Update(coordinator(), db, nil, nda.ID, nda.Version, interest.Patch{Status: interest.AgreementSigned, AgreementID: &interest.Link{ID: &a.ID}})
		if err != nil || signed.Status != interest.AgreementSigned || signed.AgreementID == nil || *signed.AgreementID != a.ID {
			t.Fatalf("agreement signed by a coordinator: %+v %v", signed, err)
		}
		closed, err := interest.Update(member(w.de), db, nil, signed.ID, signed.Version, interest.Patch{Status: interest.Closed, ClosedReason: "No funding found"})
		if err != nil || closed.Status != interest.Closed || closed.ClosedReason != "No funding found" {
			t.Fatalf("close: %+v %v", closed, err)
		}
		_, err = interest.Update(member(w.de), db, nil, closed.ID, closed.Version, interest.Patch{Status: interest.ProjectStarted})
		wantCode(t, "after closing", err, apperr.Conflict)
		_, err = agreement.Get(system(), db, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		err = agreement.Delete(coordinator(), db, a.ID, a.Version)
		wantCode(t, "deleting an agreement an interest links", err, apperr.Conflict)

		// Declining, with a reason, ends another organisation's interest.
		j, err := interest.Create(member(w.other), db, nil, interest.New{OpportunityID: w.offer.ID, PersonID: w.otherPerson.ID, Message: "Us too"})
		if err != nil {
			t.Fatal(err)
		}
		dec, err := interest.Decline(member(w.de), db, nil, j.ID, j.Version, " Not our market ")
		if err != nil || dec.Status != interest.Declined || dec.DeclineReason != "Not our market" || dec.AcceptedAt != nil {
			t.Fatalf("decline: %+v %v", dec, err)
		}
		_, err = interest.Accept(member(w.de), db, nil, dec.ID, dec.Version)
		wantCode(t, "accept after declining", err, apperr.Conflict)
	})
}

func TestContactPersonsAreSharedOnlyOnAcceptance(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		w := newWorld(t, db)
		i := express(t, db, w)
		contacts := func(ctx context.Context) interest.Contacts {
			t.Helper()
			got, err := interest.Get(ctx, db, i.ID)
			if err != nil {
				t.Fatal(err)
			}
			cs, err := interest.ContactsOf(ctx, db, []interest.Interest{got})
			if err != nil {
				t.Fatal(err)
			}
			return cs[i.ID]
		}
		full := func(c *interest.Contact, email string) bool { return c != nil && c.ContactData && c.Email == email }
		sees := func(ctx context.Context) bool {
			ok, err := interest.SeesOpportunityContact(ctx, db, w.offer.ID, w.de)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}

		// Before acceptance each side sees its own contact, not the other's.
		owner, jp := contacts(member(w.de)), contacts(member(w.jp))
		if owner.Interested != nil || !full(owner.Opportunity, w.deContact.Email) {
			t.Errorf("owner before acceptance: %+v %+v", owner.Interested, owner.Opportunity)
		}
		if jp.Opportunity != nil || !full(jp.Interested, w.jpPerson.Email) {
			t.Errorf("interested side before acceptance: %+v %+v", jp.Interested, jp.Opportunity)
		}
		if sees(member(w.jp)) || !sees(member(w.de)) || !sees(coordinator()) || sees(as(auth.RoleViewer, "")) {
			t.Error("the opportunity's contact data before acceptance")
		}
		viewer := contacts(as(auth.RoleViewer, ""))
		if viewer.Interested == nil || viewer.Interested.FamilyName != "Yamada" || viewer.Interested.Email != "" || viewer.Interested.ContactData {
			t.Errorf("viewer sees the name only: %+v", viewer.Interested)
		}
		coord := contacts(coordinator())
		if !full(coord.Interested, w.jpPerson.Email) || !full(coord.Opportunity, w.deContact.Email) {
			t.Errorf("coordinator: %+v %+v", coord.Interested, coord.Opportunity)
		}

		acc, err := interest.Accept(member(w.de), db, nil, i.ID, i.Version)
		if err != nil {
			t.Fatal(err)
		}
		owner, jp = contacts(member(w.de)), contacts(member(w.jp))
		if !full(owner.Interested, w.jpPerson.Email) || owner.Interested.Phone != w.jpPerson.Phone {
			t.Errorf("owner after acceptance: %+v", owner.Interested)
		}
		if !full(jp.Opportunity, w.deContact.Email) || jp.Opportunity.Phone != w.deContact.Phone {
			t.Errorf("interested side after acceptance: %+v", jp.Opportunity)
		}
		if !sees(member(w.jp)) || sees(member(w.other)) {
			t.Error("the opportunity's contact data after acceptance: for the accepted counterpart only")
		}
		if _, err := interest.Get(member(w.other), db, i.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("third organisation reads the interest: %v", err)
		}

		// The disclosure is in the audit log, without the contact data.
		newest, err := audit.Sort.Parse(page.Params{})
		if err != nil {
			t.Fatal(err)
		}
		events, _, err := audit.List(coordinator(), db, audit.Filter{EntityType: "interest", EntityID: i.ID}, newest)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range events {
			actions = append(actions, e.Action)
			for _, secret := range []string{w.jpPerson.Email, w.deContact.Email, w.jpPerson.Phone, w.deContact.Phone} {
				if strings.Contains(e.Changes, secret) {
					t.Errorf("event %s holds %q", e.Action, secret)
				}
			}
			if e.Action == interest.ShareContacts {
				var ch map[string]audit.Change
				_ = json.Unmarshal([]byte(e.Changes), &ch)
				if ch["interested_person_id"].After != w.jpPerson.ID || ch["opportunity_contact_person_id"].After != w.deContact.ID || e.Version != acc.Version {
					t.Errorf("share_contacts event: %s", e.Changes)
				}
			}
		}
		if strings.Join(actions, ",") != "share_contacts,accept,create" && strings.Join(actions, ",") != "accept,share_contacts,create" {
			t.Errorf("events: %v", actions)
		}
	})
}

func TestListsShowWhatTheCallerMayReadWithCountsPerStage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		w := newWorld(t, db)
		i := express(t, db, w)
		request := newOpportunity(t, db, w.jp, nil, opportunity.Published)
		sent, err := interest.Create(member(w.de), db, nil, interest.New{OpportunityID: request.ID, PersonID: w.deContact.ID, Message: "Interested"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := interest.Accept(member(w.jp), db, nil, sent.ID, sent.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := interest.Create(member(w.other), db, nil, interest.New{OpportunityID: request.ID, PersonID: w.otherPerson.ID, Message: "Us too"}); err != nil {
			t.Fatal(err)
		}
		ids := func(ctx context.Context, f interest.Filter) []string {
			t.Helper()
			p, err := interest.Sort.Parse(page.Params{})
			if err != nil {
				t.Fatal(err)
			}
			list, _, err := interest.List(ctx, db, f, p)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, x := range list {
				out = append(out, x.ID)
			}
			return out
		}
		if got := ids(member(w.de), interest.Filter{}); len(got) != 2 {
			t.Errorf("German member sees its sent and received: %v", got)
		}
		if got := ids(member(w.de), interest.Filter{Direction: interest.Received}); len(got) != 1 || got[0] != i.ID {
			t.Errorf("received: %v", got)
		}
		if got := ids(member(w.de), interest.Filter{Direction: interest.Sent}); len(got) != 1 || got[0] != sent.ID {
			t.Errorf("sent: %v", got)
		}
		if got := ids(member(w.other), interest.Filter{}); len(got) != 1 {
			t.Errorf("third organisation sees only its own: %v", got)
		}
		if got := ids(member(w.jp), interest.Filter{Direction: interest.Received, Status: interest.Open}); len(got) != 1 {
			t.Errorf("Japanese received and open: %v", got)
		}
		if got := ids(as(auth.RoleViewer, ""), interest.Filter{OpportunityID: request.ID}); len(got) != 2 {
			t.Errorf("viewer, one opportunity: %v", got)
		}
		if _, err := interest.Stages(coordinator(), db, interest.Filter{Direction: interest.Sent}); !apperr.Is(err, apperr.BadRequest) {
			t.Errorf("direction without an organisation: %v", err)
		}
		stages, err := interest.Stages(coordinator(), db, interest.Filter{})
		if err != nil || stages[interest.Open] != 2 || stages[interest.Accepted] != 1 || stages[interest.Closed] != 0 || len(stages) != len(interest.Statuses) {
			t.Errorf("stages: %v %v", stages, err)
		}
		mine, err := interest.Stages(member(w.other), db, interest.Filter{})
		if err != nil || mine[interest.Open] != 1 || mine[interest.Accepted] != 0 {
			t.Errorf("a member counts its own: %v %v", mine, err)
		}
	})
}

func TestTheChainFromOpportunityToProjectFollowsBothWays(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		w := newWorld(t, db)
		i := express(t, db, w)
		acc, err := interest.Accept(member(w.de), db, nil, i.ID, i.Version)
		if err != nil {
			t.Fatal(err)
		}
		bogus := uuid.Must(uuid.NewV7()).String()
		_, err = agreement.Create(coordinator(), db, agreement.Agreement{Title: "NDA", Kind: "confidentiality_agreement", Parties: []agreement.Party{{OrganisationID: w.de}, {OrganisationID: w.jp}}, OriginInterestID: &bogus})
		wantCode(t, "agreement from no interest", err, apperr.Invalid)
		a, err := agreement.Create(coordinator(), db, agreement.Agreement{Title: "Licence", Kind: "licence", Parties: []agreement.Party{{OrganisationID: w.de}, {OrganisationID: w.jp}}, OriginInterestID: &i.ID})
		if err != nil {
			t.Fatal(err)
		}
		partners := []project.Partner{{OrganisationID: w.de, Role: "coordinator"}, {OrganisationID: w.jp, Role: "partner"}}
		_, err = project.Create(coordinator(), db, project.Project{Title: "Both", Partners: partners, OriginAgreementID: &a.ID, OriginInterestID: &i.ID})
		wantCode(t, "project from an agreement and an interest", err, apperr.Invalid)
		_, err = project.Create(coordinator(), db, project.Project{Title: "None", Partners: partners, OriginInterestID: &bogus})
		wantCode(t, "project from no interest", err, apperr.Invalid)
		p, err := project.Create(coordinator(), db, project.Project{Title: "CAR-T Japan", Partners: partners, OriginAgreementID: &a.ID})
		if err != nil {
			t.Fatal(err)
		}
		direct, err := project.Create(coordinator(), db, project.Project{Title: "Side study", Partners: partners})
		if err != nil {
			t.Fatal(err)
		}
		if direct, err = project.Update(coordinator(), db, direct.ID, direct.Version, project.Patch{OriginInterestID: opt.Of(i.ID)}); err != nil || direct.OriginInterestID == nil {
			t.Fatalf("project naming the interest: %+v %v", direct, err)
		}
		if _, err := interest.Update(member(w.de), db, nil, acc.ID, acc.Version, interest.Patch{Status: interest.ProjectStarted, ProjectID: &interest.Link{ID: &p.ID}}); err != nil {
			t.Fatal(err)
		}

		led, err := interest.LedTo(member(w.jp), db, w.offer.ID)
		if err != nil || len(led) != 1 {
			t.Fatalf("led to: %+v %v", led, err)
		}
		if len(led[0].Agreements) != 1 || led[0].Agreements[0].ID != a.ID || len(led[0].Projects) != 2 {
			t.Errorf("led to: %+v", led[0])
		}
		if other, _ := interest.LedTo(member(w.other), db, w.offer.ID); len(other) != 0 {
			t.Errorf("a third organisation sees others' interests: %+v", other)
		}
		origins, err := interest.Origins(member(w.other), db, []string{i.ID})
		if err != nil || origins[i.ID].OpportunityID != w.offer.ID || origins[i.ID].OpportunityTitle == nil || origins[i.ID].OpportunityTitle.En != "Allogeneic CAR-T platform" {
			t.Errorf("origins: %+v %v", origins, err)
		}
		err = project.Delete(coordinator(), db, p.ID, p.Version)
		wantCode(t, "deleting a project an interest links", err, apperr.Conflict)
	})
}

func TestMergingOrganisationsMovesInterestsAndKeepsOneOpen(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		w := newWorld(t, db)
		express(t, db, w)
		dup, err := organisation.Create(system(), db, organisation.Organisation{Name: "Sample Pharma (duplicate)", Kind: "pharma", Country: "JP"}, false)
		if err != nil {
			t.Fatal(err)
		}
		p, err := person.Create(system(), db, person.Person{OrganisationID: dup.ID, FamilyName: "Suzuki"})
		if err != nil {
			t.Fatal(err)
		}
		twin, err := interest.Create(member(dup.ID), db, nil, interest.New{OpportunityID: w.offer.ID, PersonID: p.ID, Message: "Same company"})
		if err != nil {
			t.Fatal(err)
		}
		kept, err := organisation.Get(system(), db, w.jp)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := merge.Organisations(coordinator(), db, w.jp, dup.ID, kept.Version); err != nil {
			t.Fatal(err)
		}
		got, err := interest.Get(coordinator(), db, twin.ID)
		if err != nil || got.OrganisationID != w.jp || got.Status != interest.Withdrawn || got.Version != 2 {
			t.Errorf("the duplicate's interest: %+v %v", got, err)
		}
	})
}

// Two requests at once for the same organisation and opportunity: one
// interest is created, the other answer is a conflict, never a 500.
func TestConcurrentTwinsMakeOneInterest(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		w := newWorld(t, db)
		errs := make(chan error, 2)
		for range 2 {
			go func() {
				_, err := interest.Create(member(w.jp), db, nil, interest.New{OpportunityID: w.offer.ID, PersonID: w.jpPerson.ID, Message: "At once"})
				errs <- err
			}()
		}
		var created, conflicts int
		for range 2 {
			switch err := <-errs; {
			case err == nil:
				created++
			case apperr.Is(err, apperr.Conflict):
				conflicts++
			default:
				t.Errorf("unexpected: %v", err)
			}
		}
		if created != 1 || conflicts != 1 {
			t.Errorf("created %d, conflicts %d; want one of each", created, conflicts)
		}
	})
}
