// Package auth owns who is calling: the principal (a signed-in user or an
// API key), roles and scopes, and the Ed25519 keys that sign and verify
// access tokens. It keeps no records; users and API keys live in their
// own packages.
package auth

import (
	"context"
	"slices"
)

// Roles, from most to least powerful. API keys never have the admin role.
const (
	RoleAdmin       = "admin"
	RoleCoordinator = "coordinator"
	RoleMember      = "member"
	RoleViewer      = "viewer"
)

// Roles lists every role.
var Roles = []string{RoleAdmin, RoleCoordinator, RoleMember, RoleViewer}

// Scopes an API key can hold. Users hold every scope their role allows.
const (
	ScopeRead               = "read"
	ScopeWriteOrganisations = "write:organisations"
	ScopeWritePeople        = "write:people"
	ScopeWriteAgreements    = "write:agreements"
	ScopeWriteTrips         = "write:trips"
	ScopeWriteProjects      = "write:projects"
)

// Scopes lists every scope.
var Scopes = []string{ScopeRead, ScopeWriteOrganisations, ScopeWritePeople, ScopeWriteAgreements, ScopeWriteTrips, ScopeWriteProjects}

// Partnering scopes: write:opportunities lets a key keep its
// organisation's opportunities; read:opportunity_details lets it read the
// details of opportunities, which otherwise only signed-in users see.
const (
	ScopeWriteOpportunities     = "write:opportunities"
	ScopeReadOpportunityDetails = "read:opportunity_details"
)

func init() { Scopes = append(Scopes, ScopeWriteOpportunities, ScopeReadOpportunityDetails) }

// ScopeReadReports lets a key read the network's reports (the KPIs, their
// exports and frozen reports), which otherwise coordinators, admins and
// viewers read.
const ScopeReadReports = "reports:read"

func init() { Scopes = append(Scopes, ScopeReadReports) }

// Kinds of principal.
const (
	KindUser   = "user"
	KindAPIKey = "api_key"
	KindSystem = "system"
)

// Principal is the caller of a request.
type Principal struct {
	Kind           string
	ID             string
	Name           string // e-mail of a user, name of a key; for the audit log
	Role           string
	OrganisationID string // empty when the caller belongs to none
	Scopes         []string
	Locale         string
	// ExternalSystem restricts an API key to writing the external ids of
	// one partner system (pkg/extid); empty for everyone else.
	ExternalSystem string
}

// Allows reports whether the principal holds scope. Users (and the
// system itself, e.g. seeding demo data) hold every scope; their role
// alone limits them.
func (p Principal) Allows(scope string) bool {
	return p.Kind == KindUser || p.Kind == KindSystem || slices.Contains(p.Scopes, scope)
}

// System is the principal of the program acting on its own, such as
// seeding demo data; the audit log shows it as "system".
func System(name string) Principal {
	return Principal{Kind: KindSystem, Name: name, Role: RoleAdmin}
}

// IsAdmin reports whether the principal is an admin user.
func (p Principal) IsAdmin() bool { return p.Kind == KindUser && p.Role == RoleAdmin }

// IsCoordinator reports whether the principal coordinates (admins do too).
func (p Principal) IsCoordinator() bool { return p.Role == RoleAdmin || p.Role == RoleCoordinator }

// SeesContactsOf reports whether the principal may see e-mail and phone of
// people of organisation orgID: coordinators and admins see all, members
// their own organisation's.
func (p Principal) SeesContactsOf(orgID string) bool {
	return p.IsCoordinator() || (p.Role == RoleMember && orgID != "" && p.OrganisationID == orgID)
}

type principalKey struct{}

// With returns ctx carrying p.
func With(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// From returns the principal in ctx; the zero Principal (no role) if none.
func From(ctx context.Context) Principal {
	p, _ := ctx.Value(principalKey{}).(Principal)
	return p
}

// ScopeWebhooksManage lets a key manage its own webhook subscriptions.
const ScopeWebhooksManage = "webhooks:manage"

func init() { Scopes = append(Scopes, ScopeWebhooksManage) }
