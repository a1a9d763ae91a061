// Package opportunity owns partnering opportunities: what an organisation
// offers or seeks (a technology, a business, a research cooperation), in
// three languages, with the codes that matching compares (focus areas,
// modalities, stage, cooperation types, target countries). Drafts are
// visible only to their organisation and to coordinators; the details
// only to signed-in users of the network. Matching and suggestions
// (match.go, suggest.go) read only what the caller may read.
package opportunity

import (
	"context"
	"database/sql/driver"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/reference"
	"github.com/innomunich/platform/pkg/search"
)

// CodeSet is a list of codes stored as one space-separated column.
type CodeSet []string

// Value stores the codes separated by spaces.
func (s CodeSet) Value() (driver.Value, error) { return strings.Join(s, " "), nil }

// Scan reads codes separated by spaces.
func (s *CodeSet) Scan(src any) error {
	switch v := src.(type) {
	case string:
		*s = strings.Fields(v)
	case []byte:
		*s = strings.Fields(string(v))
	case nil:
		*s = nil
	default:
		return fmt.Errorf("opportunity: cannot scan %T into a code set", src)
	}
	return nil
}

// Opportunity is one offer or request of an organisation.
type Opportunity struct {
	ID               string
	OrganisationID   string
	Kind             string
	Title            i18n.Text `gorm:"embedded;embeddedPrefix:title_"`
	Summary          i18n.Text `gorm:"embedded;embeddedPrefix:summary_"`
	Details          i18n.Text `gorm:"embedded;embeddedPrefix:details_"`
	Modalities       CodeSet
	Stage            string
	CooperationTypes CodeSet
	TargetCountries  CodeSet
	IPStatus         string `gorm:"column:ip_status"`
	ContactPersonID  *string
	ValidUntil       string // YYYY-MM-DD
	Status           string
	ClosedReason     *string
	PublishedAt      *time.Time
	PublishedSort    string // PublishedAt fixed-width, "" if never published
	SearchText       string
	SearchName       string
	// SearchRank is a search's relevance bucket, read by ranked lists only.
	SearchRank int `gorm:"column:search_rank;->"`
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
	FocusAreas []string `gorm:"-"`
}

// DefaultValidity is how long an opportunity stays valid unless told.
const DefaultValidity = 1 // year

// Zone is the time zone whose calendar day decides whether an
// opportunity has expired.
var Zone = mustZone("Europe/Berlin")

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// Today is the date in Zone.
func Today(now time.Time) string { return now.In(Zone).Format(time.DateOnly) }

// Expired reports whether the opportunity's validity ended before today.
func (o Opportunity) Expired(today string) bool { return o.ValidUntil < today }

// MissingLanguages lists the languages in which the title or the summary
// is missing, in the order of i18n.Locales.
func (o Opportunity) MissingLanguages() []string {
	out := []string{}
	for _, l := range i18n.Locales {
		if textIn(o.Title, l) == "" || textIn(o.Summary, l) == "" {
			out = append(out, l)
		}
	}
	return out
}

func textIn(t i18n.Text, l string) string {
	switch l {
	case "de":
		return t.De
	case "en":
		return t.En
	}
	return t.Ja
}

// view is what the audit log records of an opportunity.
type view struct {
	OrganisationID   string    `json:"organisation_id"`
	Kind             string    `json:"kind"`
	Title            i18n.Text `json:"title"`
	Summary          i18n.Text `json:"summary"`
	Details          i18n.Text `json:"details"`
	FocusAreas       []string  `json:"focus_areas"`
	Modalities       []string  `json:"modalities"`
	Stage            string    `json:"stage"`
	CooperationTypes []string  `json:"cooperation_types"`
	TargetCountries  []string  `json:"target_countries"`
	IPStatus         string    `json:"ip_status"`
	ContactPersonID  *string   `json:"contact_person_id"`
	ValidUntil       string    `json:"valid_until"`
	Status           string    `json:"status"`
	ClosedReason     *string   `json:"closed_reason"`
}

func (o Opportunity) view() view {
	return view{o.OrganisationID, o.Kind, o.Title, o.Summary, o.Details, o.FocusAreas, o.Modalities, o.Stage,
		o.CooperationTypes, o.TargetCountries, o.IPStatus, o.ContactPersonID, o.ValidUntil, o.Status, o.ClosedReason}
}

func trimText(t i18n.Text) i18n.Text {
	return i18n.Text{De: strings.TrimSpace(t.De), En: strings.TrimSpace(t.En), Ja: strings.TrimSpace(t.Ja)}
}

func sortedSet(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

func (o *Opportunity) normalise() {
	o.Title, o.Summary, o.Details = trimText(o.Title), trimText(o.Summary), trimText(o.Details)
	o.FocusAreas = sortedSet(o.FocusAreas)
	o.Modalities = sortedSet(o.Modalities)
	o.CooperationTypes = sortedSet(o.CooperationTypes)
	o.TargetCountries = sortedSet(o.TargetCountries)
}

// publishedSortLayout is fixed-width, so that text order is time order.
const publishedSortLayout = "2006-01-02T15:04:05.000000Z"

func (o *Opportunity) derive() {
	if o.Status != Closed {
		o.ClosedReason = nil // reopened: the reason (checked all the same) goes
	}
	o.PublishedSort = ""
	if o.PublishedAt != nil {
		o.PublishedSort = o.PublishedAt.UTC().Format(publishedSortLayout)
	}
	t, s := o.Title, o.Summary
	o.SearchName = search.Names(t.De, t.En, t.Ja)
	o.SearchText = search.Document(t.De, t.En, t.Ja, s.De, s.En, s.Ja)
}

// Reindex recomputes the stored search text of every opportunity when
// the search folding changed (see search.Refresh).
func Reindex(ctx context.Context, db *database.DB) (int, error) {
	return search.Refresh(ctx, db, "opportunities", func(o Opportunity) string { return o.ID }, func(o Opportunity) search.Stored {
		o.derive()
		return search.Stored{Text: o.SearchText, Name: o.SearchName, Grams: o.grams()}
	})
}

func (o Opportunity) grams() []string {
	return search.Grams(o.Title.De, o.Title.En, o.Title.Ja)
}

// AnyTarget is the tag of an opportunity open to every country.
const AnyTarget = "target:any"

// tags are what opportunity_tags holds for filtering and matching.
func (o Opportunity) tags() []string {
	var out []string
	for _, m := range o.Modalities {
		out = append(out, "modality:"+m)
	}
	for _, c := range o.CooperationTypes {
		out = append(out, "cooperation:"+c)
	}
	for _, c := range o.TargetCountries {
		out = append(out, "target:"+c)
	}
	if len(o.TargetCountries) == 0 {
		out = append(out, AnyTarget) // so that target_country=JP finds "any country" by index too
	}
	return out
}

func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

func checkCodes(bad *apperr.Fields, field string, l CodeList, codes []string) {
	for _, c := range codes {
		if !l.Has(c) {
			bad.Add(field, "%q is not one of %s", c, strings.Join(l.Codes(), ", "))
		}
	}
}

func checkText(bad *apperr.Fields, field string, t i18n.Text, required bool, max int) {
	if required && t.De == "" && t.En == "" && t.Ja == "" {
		bad.Add(field, "needs at least one language (de, en or ja)")
	}
	if utf8.RuneCountInString(t.De) > max || utf8.RuneCountInString(t.En) > max || utf8.RuneCountInString(t.Ja) > max {
		bad.Add(field, "each language must be at most %d characters", max)
	}
}

// Validate checks what needs no database.
func (o Opportunity) Validate() error {
	var bad apperr.Fields
	if uuid.Validate(o.OrganisationID) != nil {
		bad.Add("organisation_id", "must be an organisation id")
	}
	if !Kinds.Has(o.Kind) {
		bad.Add("kind", "must be one of %s", strings.Join(Kinds.Codes(), ", "))
	}
	checkText(&bad, "title", o.Title, true, 200)
	checkText(&bad, "summary", o.Summary, true, 2000)
	checkText(&bad, "details", o.Details, false, 20000)
	checkCodes(&bad, "modalities", Modalities, o.Modalities)
	checkCodes(&bad, "cooperation_types", CooperationTypes, o.CooperationTypes)
	if !Stages.Has(o.Stage) {
		bad.Add("stage", "must be one of %s", strings.Join(Stages.Codes(), ", "))
	}
	if !IPStatuses.Has(o.IPStatus) {
		bad.Add("ip_status", "must be one of %s", strings.Join(IPStatuses.Codes(), ", "))
	}
	for _, c := range o.TargetCountries {
		if !i18n.ValidCountry(c) {
			bad.Add("target_countries", "%q is not an ISO 3166-1 alpha-2 code", c)
		}
	}
	if len(o.FocusAreas) > 20 || len(o.TargetCountries) > 50 {
		bad.Add("focus_areas", "at most 20 focus areas and 50 target countries")
	}
	if o.ContactPersonID != nil && uuid.Validate(*o.ContactPersonID) != nil {
		bad.Add("contact_person_id", "must be a person id")
	}
	if !validDate(o.ValidUntil) {
		bad.Add("valid_until", "must be a date such as 2027-03-31")
	}
	if !Statuses.Has(o.Status) {
		bad.Add("status", "must be one of %s", strings.Join(Statuses.Codes(), ", "))
	}
	switch {
	case o.Status == Closed && o.ClosedReason == nil:
		bad.Add("closed_reason", "is required when the status is closed")
	case o.ClosedReason != nil && !ClosedReasons.Has(*o.ClosedReason):
		bad.Add("closed_reason", "must be one of %s", strings.Join(ClosedReasons.Codes(), ", "))
	}
	return bad.Err()
}

// checkReferences verifies the organisation, the contact person (of that
// organisation) and the focus areas exist.
func checkReferences(ctx context.Context, db *database.DB, o Opportunity) error {
	var bad apperr.Fields
	var orgs []string
	if err := db.Conn(ctx).Table("organisations").Where("id = ?", o.OrganisationID).Pluck("id", &orgs).Error; err != nil {
		return err
	}
	if len(orgs) == 0 {
		bad.Add("organisation_id", "is not an organisation in the directory")
	}
	if o.ContactPersonID != nil {
		var owners []string
		if err := db.Conn(ctx).Table("people").Where("id = ?", *o.ContactPersonID).Pluck("organisation_id", &owners).Error; err != nil {
			return err
		}
		switch {
		case len(owners) == 0:
			bad.Add("contact_person_id", "is not a person in the directory")
		case owners[0] != o.OrganisationID:
			bad.Add("contact_person_id", "must be a person of the opportunity's organisation")
		}
	}
	if err := bad.Err(); err != nil {
		return err
	}
	return reference.CheckCodes(ctx, db, reference.FocusAreas, "focus_areas", o.FocusAreas)
}

// Readable reports whether p may read o: drafts only their own
// organisation and coordinators (and admins); everything else every
// signed-in caller.
func Readable(p auth.Principal, o Opportunity) bool {
	return o.Status != Draft || p.IsCoordinator() || (p.OrganisationID != "" && p.OrganisationID == o.OrganisationID)
}

// DetailsVisibleTo reports whether p may read the details of
// opportunities: signed-in users of the network, and API keys holding
// read:opportunity_details. Public lists and feeds never carry them.
func DetailsVisibleTo(p auth.Principal) bool {
	switch p.Kind {
	case auth.KindUser, auth.KindSystem:
		return p.Role != ""
	case auth.KindAPIKey:
		return slices.Contains(p.Scopes, auth.ScopeReadOpportunityDetails)
	}
	return false
}

// Get returns an opportunity the caller may read; a draft of another
// organisation is NotFound, as if it did not exist.
func Get(ctx context.Context, db *database.DB, id string) (Opportunity, error) {
	o, err := load(ctx, db, id)
	if err != nil {
		return Opportunity{}, err
	}
	if !Readable(auth.From(ctx), o) {
		return Opportunity{}, notFound(id)
	}
	return o, nil
}

// CheckReadable answers NotFound unless the caller may read the
// opportunity with the id: for records that hang off an opportunity
// (interests) and must not reveal a draft of another organisation.
func CheckReadable(ctx context.Context, db *database.DB, id string) error {
	_, err := Get(ctx, db, id)
	return err
}

func notFound(id string) error { return apperr.New(apperr.NotFound, "No opportunity with id %s", id) }

// load reads an opportunity whatever the caller may see.
func load(ctx context.Context, db *database.DB, id string) (Opportunity, error) {
	if uuid.Validate(id) != nil {
		return Opportunity{}, notFound(id)
	}
	return database.GetWith(ctx, db, "opportunity", id, withFocusAreas)
}

var columns = database.Columns[Opportunity]("search_text", "search_name")

func withFocusAreas(ctx context.Context, db *database.DB, list []Opportunity) error {
	ids := make([]string, len(list))
	for i, o := range list {
		ids[i] = o.ID
	}
	areas, err := reference.FocusAreasOf(ctx, db, "opportunity_focus_areas", "opportunity_id", ids)
	if err != nil {
		return err
	}
	for i := range list {
		list[i].FocusAreas = append([]string{}, areas[list[i].ID]...)
	}
	return nil
}
