package main

import (
	"fmt"
	"maps"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/trip"
	"github.com/innomunich/platform/pkg/view"
)

// value is a closed set or a shape the domain packages check for a
// property of some schemas. Sets come from the very lists the packages
// validate against, so the spec cannot name a value the server refuses
// or miss one it takes. (Lengths and ranges are swag struct tags in api/.)
type value struct {
	schemas  []string
	prop     string
	enum     []string
	pattern  string
	minItems uint64
}

// Codes the server upper-cases before it checks them may be sent in
// either case.
const countryPattern = `^[A-Za-z]{2}$`

var values = []value{
	{schemas: []string{"Organisation", "OrganisationCreate", "OrganisationPatch"}, prop: "kind", enum: organisation.Kinds},
	{schemas: []string{"OrganisationCreate", "OrganisationPatch", "TripCreate", "TripPatch"}, prop: "country", pattern: countryPattern},
	{schemas: []string{"Agreement", "AgreementCreate", "AgreementPatch"}, prop: "kind", enum: agreement.Kinds},
	{schemas: []string{"Agreement"}, prop: "status", enum: agreement.Statuses},
	// A year, a month or a day; empty for an unsigned draft.
	{schemas: []string{"AgreementCreate", "AgreementPatch"}, prop: "signed_on", pattern: `^(\d{4}(-\d{2}(-\d{2})?)?)?$`},
	{schemas: []string{"Trip", "TripCreate", "TripPatch"}, prop: "kind", enum: trip.Kinds},
	{schemas: []string{"Trip", "TripPatch"}, prop: "status", enum: trip.Statuses},
	// An IANA time zone name such as Asia/Tokyo or Etc/GMT+9.
	{schemas: []string{"TripCreate", "TripPatch"}, prop: "time_zone", pattern: `^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$`},
	{schemas: []string{"AgendaItem", "AgendaItemCreate", "AgendaItemPatch"}, prop: "kind", enum: trip.AgendaKinds},
	{schemas: []string{"Project", "ProjectCreate", "ProjectPatch", "PhaseChange"}, prop: "phase", enum: project.Phases},
	{schemas: []string{"ProjectPartner", "PartnerInput"}, prop: "role", enum: project.Roles},
	{schemas: []string{"Funding", "FundingCreate", "FundingPatch", "Money", "FunderTotal"}, prop: "currency", enum: slices.Sorted(maps.Keys(project.Currencies))},
	{schemas: []string{"User", "UserCreated", "UserCreate", "UserPatch", "Me"}, prop: "role", enum: auth.Roles},
	{schemas: []string{"User", "UserCreated", "UserCreate", "UserPatch", "MePatch"}, prop: "locale", enum: i18n.Locales},
	{schemas: []string{"SavedView", "SavedViewCreate"}, prop: "list", enum: view.Lists},
	{schemas: []string{"RegionCreate", "FocusAreaCreate", "FunderCreate"}, prop: "code", pattern: `^[a-z][a-z0-9_]{1,63}$`},
	// Lists the packages refuse empty (swag drops minItems with
	// swaggertype): two different organisations sign an agreement, a
	// project has one coordinator, a trip at least one organiser.
	{schemas: []string{"AgreementCreate", "AgreementPatch"}, prop: "parties", minItems: 2},
	{schemas: []string{"ProjectCreate", "ProjectPatch"}, prop: "partners", minItems: 1},
	{schemas: []string{"TripCreate", "TripPatch"}, prop: "organiser_ids", minItems: 1},
}

// applyValues writes the values into the schemas.
func applyValues(doc *openapi3.T) error {
	for _, v := range values {
		for _, name := range v.schemas {
			schema := doc.Components.Schemas[name]
			if schema == nil || schema.Value.Properties[v.prop] == nil {
				return fmt.Errorf("values: %s has no property %s", name, v.prop)
			}
			prop := schema.Value.Properties[v.prop].Value
			if v.enum != nil {
				prop.Enum = nil
				for _, e := range v.enum {
					prop.Enum = append(prop.Enum, e)
				}
			}
			if v.pattern != "" {
				prop.Pattern = v.pattern
			}
			prop.MinItems = max(prop.MinItems, v.minItems)
		}
	}
	return nil
}
