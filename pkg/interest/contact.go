package interest

import (
	"context"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/person"
)

// The personal-data rule, extended for partnering. An interest has two
// contact persons: the interested organisation's (the interest's person)
// and the opportunity's. Who sees how much of each:
//   - coordinators, admins and the person's own organisation: everything
//     (the directory's rule, person.ContactVisibleTo);
//   - the other side, once the owner accepted the interest: everything
//     (name, e-mail, phone) — acceptance is the moment contact data is
//     shared, and the audit log records it (ShareContacts);
//   - the other side before acceptance (and after a decline or a
//     withdrawal): nothing of the person, not even who it is; the
//     organisation and the message are what it sees;
//   - viewers: the name, as in the directory, never e-mail or phone.

// Contact is a contact person as the caller may see them.
type Contact struct {
	PersonID        string
	DisplayName     string // in the caller's language's order
	GivenName       string
	FamilyName      string
	GivenNameLocal  string
	FamilyNameLocal string
	Position        string
	Email           string
	Phone           string
	// ContactData says whether e-mail and phone are shown (they may still
	// be empty), so that "withheld" and "none" can be told apart.
	ContactData bool
}

// Contacts are the two contact persons of an interest as the caller sees
// them; nil is withheld (or no person).
type Contacts struct {
	Interested  *Contact // the interested organisation's contact person
	Opportunity *Contact // the opportunity's contact person
}

type seen int

const (
	hidden seen = iota
	nameOnly
	full
)

// sees says how much the caller sees of a contact person of organisation
// personOrg in interest i.
func sees(c auth.Principal, i Interest, personOrg string) seen {
	switch {
	case c.SeesContactsOf(personOrg):
		return full
	case i.AcceptedOnce() && c.Role == auth.RoleMember && c.OrganisationID != "" &&
		(c.OrganisationID == i.OrganisationID || c.OrganisationID == i.Opportunity.OrganisationID):
		return full
	case c.Role == auth.RoleViewer:
		return nameOnly
	}
	return hidden
}

func contactOf(p person.Person, s seen, locale string) *Contact {
	if s == hidden {
		return nil
	}
	out := &Contact{PersonID: p.ID, DisplayName: p.DisplayName(locale), GivenName: p.GivenName, FamilyName: p.FamilyName, GivenNameLocal: p.GivenNameLocal,
		FamilyNameLocal: p.FamilyNameLocal, Position: p.Position}
	if s == full {
		out.Email, out.Phone, out.ContactData = p.Email, p.Phone, true
	}
	return out
}

// ContactsOf returns, by interest id, the contact persons of the
// interests as the caller in ctx may see them. The people come from the
// person package, in one query.
func ContactsOf(ctx context.Context, db *database.DB, list []Interest) (map[string]Contacts, error) {
	var ids []string
	for _, i := range list {
		if i.PersonID != nil {
			ids = append(ids, *i.PersonID)
		}
		if i.Opportunity.ContactPersonID != nil {
			ids = append(ids, *i.Opportunity.ContactPersonID)
		}
	}
	people, err := person.ByIDs(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	c := auth.From(ctx)
	out := make(map[string]Contacts, len(list))
	for _, i := range list {
		var cs Contacts
		if i.PersonID != nil {
			if p, ok := people[*i.PersonID]; ok {
				cs.Interested = contactOf(p, sees(c, i, p.OrganisationID), c.Locale)
			}
		}
		if i.Opportunity.ContactPersonID != nil {
			if p, ok := people[*i.Opportunity.ContactPersonID]; ok {
				cs.Opportunity = contactOf(p, sees(c, i, p.OrganisationID), c.Locale)
			}
		}
		out[i.ID] = cs
	}
	return out, nil
}

// SeesOpportunityContact reports whether the caller in ctx may see the
// e-mail and phone of the contact person (of organisation personOrg) of
// the opportunity: coordinators, admins and the person's own organisation
// always, and members of an organisation whose interest in it the owner
// accepted.
func SeesOpportunityContact(ctx context.Context, db *database.DB, opportunityID, personOrg string) (bool, error) {
	c := auth.From(ctx)
	if c.SeesContactsOf(personOrg) {
		return true, nil
	}
	if c.Role != auth.RoleMember || c.OrganisationID == "" {
		return false, nil
	}
	var n int64
	err := db.Conn(ctx).Model(&Interest{}).Where("opportunity_id = ? AND organisation_id = ? AND accepted_at IS NOT NULL", opportunityID, c.OrganisationID).Count(&n).Error
	return n > 0, err
}
