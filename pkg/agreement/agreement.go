// Package agreement owns the register of agreements between organisations:
// MoUs, cooperation agreements and the contracts that follow, with their
// parties, renewals and a status derived from the dates.
package agreement

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/meeting"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/reference"
	"github.com/innomunich/platform/pkg/search"
)

// Kinds of agreement.
var Kinds = []string{"mou", "cooperation_agreement", "letter_of_intent", "confidentiality_agreement", "material_transfer", "licence", "research_collaboration"}

// Statuses, derived from the dates.
const (
	Draft      = "draft"
	Active     = "active"
	Expiring   = "expiring"
	Expired    = "expired"
	Terminated = "terminated"
)

// Statuses lists every status.
var Statuses = []string{Draft, Active, Expiring, Expired, Terminated}

// ExpiringWithin is how soon an end makes an agreement "expiring".
const ExpiringWithin = 90

// StatusZone is the time zone whose calendar day decides the status.
var StatusZone = mustZone("Europe/Berlin")

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// Today is the date in StatusZone.
func Today(now time.Time) string { return now.In(StatusZone).Format(time.DateOnly) }

func addDays(day string, n int) string {
	t, _ := time.Parse(time.DateOnly, day)
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

// Party is one organisation of an agreement, with who signed for it.
type Party struct {
	AgreementID    string
	OrganisationID string
	SignatoryID    *string
	Position       int
}

func (Party) TableName() string { return "agreement_parties" }

// Renewal extends an agreement.
type Renewal struct {
	ID                 string
	AgreementID        string
	RenewedOn          string
	ValidUntil         *string
	PreviousValidUntil *string
	Note               string
	CreatedAt          time.Time
}

func (Renewal) TableName() string { return "agreement_renewals" }

// Agreement is one record of the register.
type Agreement struct {
	ID             string
	Title          string
	Kind           string
	SignedOn       string // "", "2011", "2011-04" or "2011-04-01"
	ValidFrom      *string
	ValidUntil     *string // the current end, renewals included; nil is open-ended
	ValidUntilSort string
	TerminatedOn   *string
	Summary        i18n.Text `gorm:"embedded;embeddedPrefix:summary_"`
	// OriginInterestID is the expression of interest (and through it the
	// opportunity) the agreement came from, if any.
	OriginInterestID *string
	SearchText       string
	SearchName       string
	// SearchRank is a search's relevance bucket, read by ranked lists only.
	SearchRank int `gorm:"column:search_rank;->"`
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Parties    []Party   `gorm:"-"`
	Renewals   []Renewal `gorm:"-"`
	FocusAreas []string  `gorm:"-"`

	// OriginMeetingID names the B2B meeting the agreement came from (pkg/meeting).
	OriginMeetingID *string
}

// Status derives the status on the given day (YYYY-MM-DD). StatusWhere
// states the same rules in SQL.
func (a Agreement) Status(today string) string {
	switch {
	case a.TerminatedOn != nil && *a.TerminatedOn <= today:
		return Terminated
	case a.SignedOn == "":
		return Draft
	case a.ValidUntil != nil && *a.ValidUntil < today:
		return Expired
	case a.ValidUntil != nil && *a.ValidUntil <= addDays(today, ExpiringWithin):
		return Expiring
	}
	return Active
}

// StatusWhere is the SQL condition for a status on the given day, so
// that a status filter runs in the database.
func StatusWhere(status, today string) (string, []any) {
	notTerminated := "(terminated_on IS NULL OR terminated_on > ?)"
	soon := addDays(today, ExpiringWithin)
	switch status {
	case Terminated:
		return "terminated_on IS NOT NULL AND terminated_on <= ?", []any{today}
	case Draft:
		return notTerminated + " AND signed_on = ''", []any{today}
	case Expired:
		return notTerminated + " AND signed_on <> '' AND valid_until < ?", []any{today, today}
	case Expiring:
		return notTerminated + " AND signed_on <> '' AND valid_until >= ? AND valid_until <= ?", []any{today, today, soon}
	default: // Active
		return notTerminated + " AND signed_on <> '' AND (valid_until IS NULL OR valid_until > ?)", []any{today, soon}
	}
}

type view struct {
	Title            string    `json:"title"`
	Kind             string    `json:"kind"`
	SignedOn         string    `json:"signed_on"`
	ValidFrom        *string   `json:"valid_from"`
	ValidUntil       *string   `json:"valid_until"`
	TerminatedOn     *string   `json:"terminated_on"`
	Summary          i18n.Text `json:"summary"`
	Parties          []Party   `json:"parties"`
	FocusAreas       []string  `json:"focus_areas"`
	OriginInterestID *string   `json:"origin_interest_id"`

	OriginMeetingID *string `json:"origin_meeting_id"` // set by name below
}

func (a Agreement) view() view {
	v := view{a.Title, a.Kind, a.SignedOn, a.ValidFrom, a.ValidUntil, a.TerminatedOn, a.Summary, a.Parties, a.FocusAreas, a.OriginInterestID, nil}
	v.OriginMeetingID = a.OriginMeetingID
	return v
}

var reducedDate = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// validReducedDate accepts 2011, 2011-04 and 2011-04-01 when they name a
// real year, month or day.
func validReducedDate(s string) bool {
	if !reducedDate.MatchString(s) {
		return false
	}
	layout := map[int]string{4: "2006", 7: "2006-01", 10: time.DateOnly}[len(s)]
	_, err := time.Parse(layout, s)
	return err == nil
}

func validDate(s *string) bool {
	if s == nil {
		return true
	}
	_, err := time.Parse(time.DateOnly, *s)
	return err == nil
}

func (a *Agreement) normalise() {
	a.Title = strings.TrimSpace(a.Title)
	// SignedOn is not trimmed: " " is no date, and the spec's pattern
	// says so; "" (or null) is a draft.
	slices.Sort(a.FocusAreas)
	a.FocusAreas = slices.Compact(a.FocusAreas)
	for i := range a.Parties {
		a.Parties[i].Position = i + 1
	}
}

func (a *Agreement) derive() {
	a.ValidUntilSort = "9999-12-31"
	if a.ValidUntil != nil {
		a.ValidUntilSort = *a.ValidUntil
	}
	a.SearchName = search.Names(a.Title)
	a.SearchText = search.Document(a.Title, a.Summary.De, a.Summary.En, a.Summary.Ja)
}

// Reindex recomputes the stored search text of every agreement when the
// search folding changed (see search.Refresh).
func Reindex(ctx context.Context, db *database.DB) (int, error) {
	return search.Refresh(ctx, db, "agreements", func(a Agreement) string { return a.ID }, func(a Agreement) search.Stored {
		a.derive()
		return search.Stored{Text: a.SearchText, Name: a.SearchName, Grams: a.grams()}
	})
}

func (a Agreement) grams() []string { return search.Grams(a.Title) }

// Prepare returns a as Create stores it (trimmed, validated, derived
// columns filled) with its search grams, for bulk loaders.
func Prepare(a Agreement) (Agreement, []string, error) {
	a.normalise()
	if err := a.Validate(); err != nil {
		return a, nil, err
	}
	a.derive()
	return a, a.grams(), nil
}

// Validate checks what needs no database.
func (a Agreement) Validate() error {
	var bad apperr.Fields
	if n := utf8.RuneCountInString(a.Title); n < 1 || n > 300 {
		bad.Add("title", "must be 1 to 300 characters")
	}
	if !slices.Contains(Kinds, a.Kind) {
		bad.Add("kind", "must be one of %s", strings.Join(Kinds, ", "))
	}
	if a.SignedOn != "" && !validReducedDate(a.SignedOn) {
		bad.Add("signed_on", "must be a year, a month or a day: 2011, 2011-04 or 2011-04-01")
	}
	for field, d := range map[string]*string{"valid_from": a.ValidFrom, "valid_until": a.ValidUntil, "terminated_on": a.TerminatedOn} {
		if !validDate(d) {
			bad.Add(field, "must be a date such as 2026-04-01")
		}
	}
	if a.ValidFrom != nil && a.ValidUntil != nil && validDate(a.ValidFrom) && validDate(a.ValidUntil) && *a.ValidUntil < *a.ValidFrom {
		bad.Add("valid_until", "must not be before valid_from")
	}
	if a.TerminatedOn != nil && a.SignedOn == "" {
		bad.Add("terminated_on", "needs a signed agreement (set signed_on)")
	}
	seen := map[string]bool{}
	for _, p := range a.Parties {
		if uuid.Validate(p.OrganisationID) != nil {
			bad.Add("parties", "%q is not an organisation id", p.OrganisationID)
		} else if seen[p.OrganisationID] {
			bad.Add("parties", "names organisation %s twice", p.OrganisationID)
		}
		seen[p.OrganisationID] = true
		if p.SignatoryID != nil && uuid.Validate(*p.SignatoryID) != nil {
			bad.Add("parties", "%q is not a person id", *p.SignatoryID)
		}
	}
	if len(seen) < 2 {
		bad.Add("parties", "must name at least two different organisations")
	}
	if a.OriginInterestID != nil && uuid.Validate(*a.OriginInterestID) != nil {
		bad.Add("origin_interest_id", "must be the id of an expression of interest")
	}
	if s := a.Summary; utf8.RuneCountInString(s.De) > 5000 || utf8.RuneCountInString(s.En) > 5000 || utf8.RuneCountInString(s.Ja) > 5000 {
		bad.Add("summary", "each language must be at most 5000 characters")
	}
	return bad.Err()
}

// checkReferences verifies parties, signatories and focus areas exist and
// that a signatory belongs to the party they signed for.
func checkReferences(ctx context.Context, db *database.DB, a Agreement) error {
	ids := make([]string, len(a.Parties))
	for i, p := range a.Parties {
		ids[i] = p.OrganisationID
	}
	missing, err := organisation.Missing(ctx, db, ids)
	if err != nil {
		return err
	}
	var bad apperr.Fields
	for _, p := range a.Parties {
		if slices.Contains(missing, p.OrganisationID) {
			bad.Add("parties", "organisation %s is not in the directory", p.OrganisationID)
			continue
		}
		if p.SignatoryID != nil {
			org, err := person.OrganisationOf(ctx, db, *p.SignatoryID)
			switch {
			case apperr.Is(err, apperr.NotFound):
				bad.Add("parties", "signatory %s is not a person in the directory", *p.SignatoryID)
			case err != nil:
				return err
			case org != p.OrganisationID:
				bad.Add("parties", "signatory %s does not belong to organisation %s", *p.SignatoryID, p.OrganisationID)
			}
		}
	}
	if err := bad.Err(); err != nil {
		return err
	}
	if err := meeting.CheckExists(ctx, db, "origin_meeting_id", a.OriginMeetingID); err != nil {
		return err
	}
	return reference.CheckCodes(ctx, db, reference.FocusAreas, "focus_areas", a.FocusAreas)
}

// canWrite: coordinators and admins keep the register; keys need
// write:agreements.
func canWrite(p auth.Principal) error {
	if !p.Allows(auth.ScopeWriteAgreements) {
		return apperr.New(apperr.Forbidden, "This API key lacks the write:agreements scope")
	}
	if !p.IsCoordinator() {
		return apperr.New(apperr.Forbidden, "Only coordinators and admins keep the register of agreements")
	}
	return nil
}

func writeLinks(ctx context.Context, db *database.DB, a Agreement) error {
	if err := db.Conn(ctx).Exec("DELETE FROM agreement_parties WHERE agreement_id = ?", a.ID).Error; err != nil {
		return err
	}
	for _, p := range a.Parties {
		p.AgreementID = a.ID
		if err := db.Conn(ctx).Create(&p).Error; err != nil {
			return err
		}
	}
	if err := search.WriteGrams(ctx, db, "agreements", a.ID, a.grams()); err != nil {
		return err
	}
	return reference.SetFocusAreas(ctx, db, "agreement_focus_areas", "agreement_id", a.ID, a.FocusAreas)
}

// Create adds an agreement.
func Create(ctx context.Context, db *database.DB, a Agreement) (Agreement, error) {
	if err := canWrite(auth.From(ctx)); err != nil {
		return Agreement{}, err
	}
	now := database.Now()
	a.ID, a.Version, a.CreatedAt, a.UpdatedAt, a.Renewals = uuid.Must(uuid.NewV7()).String(), 1, now, now, nil
	a.normalise()
	if err := a.Validate(); err != nil {
		return Agreement{}, err
	}
	a.derive()
	err := db.WithTx(ctx, func(ctx context.Context) error {
		if err := checkReferences(ctx, db, a); err != nil {
			return err
		}
		if err := db.Conn(ctx).Omit("Parties", "Renewals", "FocusAreas").Create(&a).Error; err != nil {
			return originError(err)
		}
		if err := writeLinks(ctx, db, a); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Create, "agreement", a.ID, a.Version, nil, a.view())
	})
	if err != nil {
		return Agreement{}, err
	}
	return Get(ctx, db, a.ID)
}

// Get returns an agreement with its parties, renewals and focus areas.
func Get(ctx context.Context, db *database.DB, id string) (Agreement, error) {
	return database.GetWith(ctx, db, "agreement", id, withDetails)
}

// withDetails loads parties, renewals and focus areas of many agreements
// with one query each.
func withDetails(ctx context.Context, db *database.DB, list []Agreement) error {
	ids := make([]string, len(list))
	for i, a := range list {
		ids[i] = a.ID
	}
	parties, err := database.Children(ctx, db, "agreement_parties", "agreement_id", ids, "position", func(p Party) string { return p.AgreementID })
	if err != nil {
		return err
	}
	renewals, err := database.Children(ctx, db, "agreement_renewals", "agreement_id", ids, "renewed_on, created_at", func(r Renewal) string { return r.AgreementID })
	if err != nil {
		return err
	}
	areas, err := reference.FocusAreasOf(ctx, db, "agreement_focus_areas", "agreement_id", ids)
	if err != nil {
		return err
	}
	for i := range list {
		id := list[i].ID
		list[i].Parties = append([]Party{}, parties[id]...)
		list[i].Renewals = append([]Renewal{}, renewals[id]...)
		list[i].FocusAreas = append([]string{}, areas[id]...)
	}
	return nil
}

// Patch changes an agreement; absent fields stay.
type Patch struct {
	Title, Kind, SignedOn               opt.Field[string]
	ValidFrom, ValidUntil, TerminatedOn opt.Field[string]
	Summary                             i18n.TextPatch
	Parties                             opt.Field[[]Party]
	FocusAreas                          opt.Field[[]string]
	OriginInterestID                    opt.Field[string]
	OriginMeetingID                     opt.Field[string]
}

func setDate(dst **string, f opt.Field[string]) {
	if f.Set {
		*dst = nil
		// null clears a date; "" is no date and fails validation, as
		// the spec (format: date) says.
		if !f.Null {
			v := f.Value
			*dst = &v
		}
	}
}

// Update applies a patch based on version.
func Update(ctx context.Context, db *database.DB, id string, version int, in Patch) (Agreement, error) {
	if err := canWrite(auth.From(ctx)); err != nil {
		return Agreement{}, err
	}
	err := db.WithTx(ctx, func(ctx context.Context) error {
		before, err := Get(ctx, db, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("agreement", before.Version, version); err != nil {
			return err
		}
		after := before
		if in.Title.Set {
			after.Title = in.Title.Value
		}
		if in.Kind.Set {
			after.Kind = in.Kind.Value
		}
		if in.SignedOn.Set {
			after.SignedOn = in.SignedOn.Value // null: back to draft
		}
		setDate(&after.ValidFrom, in.ValidFrom)
		setDate(&after.ValidUntil, in.ValidUntil)
		setDate(&after.TerminatedOn, in.TerminatedOn)
		after.Summary = in.Summary.Apply(after.Summary)
		if in.Parties.Set {
			after.Parties = slices.Clone(in.Parties.Value)
		}
		if in.FocusAreas.Set {
			after.FocusAreas = slices.Clone(in.FocusAreas.Value)
		}
		setDate(&after.OriginInterestID, in.OriginInterestID)
		setDate(&after.OriginMeetingID, in.OriginMeetingID) // an id, set or cleared as a date is
		after.normalise()
		if err := after.Validate(); err != nil {
			return err
		}
		after.derive()
		if err := checkReferences(ctx, db, after); err != nil {
			return err
		}
		if after.Version, err = db.UpdateVersioned(ctx, "agreements", "agreement", id, version, map[string]any{
			"title": after.Title, "kind": after.Kind, "signed_on": after.SignedOn, "valid_from": after.ValidFrom,
			"valid_until": after.ValidUntil, "valid_until_sort": after.ValidUntilSort, "terminated_on": after.TerminatedOn,
			"summary_de": after.Summary.De, "summary_en": after.Summary.En, "summary_ja": after.Summary.Ja, "search_text": after.SearchText, "search_name": after.SearchName,
			"origin_interest_id": after.OriginInterestID,
			"origin_meeting_id":  after.OriginMeetingID,
		}); err != nil {
			return originError(err)
		}
		if err := writeLinks(ctx, db, after); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Update, "agreement", id, after.Version, before.view(), after.view())
	})
	if err != nil {
		return Agreement{}, err
	}
	return Get(ctx, db, id)
}

// Renew appends a renewal and extends the agreement to its end.
func Renew(ctx context.Context, db *database.DB, id string, version int, renewedOn string, validUntil *string, note string) (Agreement, error) {
	if err := canWrite(auth.From(ctx)); err != nil {
		return Agreement{}, err
	}
	var bad apperr.Fields
	if !validDate(&renewedOn) {
		bad.Add("renewed_on", "must be a date such as 2026-04-01")
	}
	if !validDate(validUntil) {
		bad.Add("valid_until", "must be a date such as 2031-03-31, or null for open-ended")
	}
	if utf8.RuneCountInString(note) > 1000 {
		bad.Add("note", "must be at most 1000 characters")
	}
	if err := bad.Err(); err != nil {
		return Agreement{}, err
	}
	err := db.WithTx(ctx, func(ctx context.Context) error {
		before, err := Get(ctx, db, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("agreement", before.Version, version); err != nil {
			return err
		}
		if before.Status(Today(time.Now())) == Terminated {
			return apperr.New(apperr.Conflict, "A terminated agreement cannot be renewed")
		}
		if before.SignedOn == "" {
			return apperr.New(apperr.Conflict, "A draft cannot be renewed; sign it first (signed_on)")
		}
		if validUntil != nil && before.ValidUntil != nil && *validUntil <= *before.ValidUntil {
			return apperr.Fields{{Field: "valid_until", Message: "must be after the current end " + *before.ValidUntil}}.Err()
		}
		r := Renewal{ID: uuid.Must(uuid.NewV7()).String(), AgreementID: id, RenewedOn: renewedOn, ValidUntil: validUntil,
			PreviousValidUntil: before.ValidUntil, Note: strings.TrimSpace(note), CreatedAt: database.Now()}
		if err := db.Conn(ctx).Create(&r).Error; err != nil {
			return err
		}
		after := before
		after.ValidUntil = validUntil
		after.derive()
		if after.Version, err = db.UpdateVersioned(ctx, "agreements", "agreement", id, version, map[string]any{
			"valid_until": after.ValidUntil, "valid_until_sort": after.ValidUntilSort,
		}); err != nil {
			return err
		}
		return audit.Record(ctx, db, "renew", "agreement", id, after.Version, before.view(), after.view())
	})
	if err != nil {
		return Agreement{}, err
	}
	return Get(ctx, db, id)
}

// Delete removes an agreement, based on version.
func Delete(ctx context.Context, db *database.DB, id string, version int) error {
	if err := canWrite(auth.From(ctx)); err != nil {
		return err
	}
	return db.WithTx(ctx, func(ctx context.Context) error {
		before, err := Get(ctx, db, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("agreement", before.Version, version); err != nil {
			return err
		}
		if err := db.DeleteVersioned(ctx, "agreements", "agreement", id, version, referrers); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Delete, "agreement", id, before.Version, before.view(), nil)
	})
}

// referrers are what may refer to an agreement and keep it from going.
var referrers = database.Referrers{From: []database.Referrer{
	{Table: "projects", Column: "origin_agreement_id", Noun: "projects"},
	{Table: "opportunity_interests", Column: "agreement_id", Noun: "expressions of interest"},
}}

// originError names origin_interest_id when the database refuses the row
// for it: the interests' package builds on this one (it links agreements),
// so the reference is checked by the foreign key rather than by asking
// that package. The other foreign key of the row, origin_meeting_id, is
// checked before the write (pkg/meeting), so a violation here is the
// interest's.
func originError(err error) error {
	if database.IsForeignKey(err) {
		return apperr.Fields{{Field: "origin_interest_id", Message: "is not an expression of interest"}}.Err()
	}
	return err
}

// Origin is an agreement or project named by what it came from.
type Origin struct{ ID, Title, OriginMeetingID string }

// FromMeetings returns the agreements that name one of the meetings as
// their origin, by title.
func FromMeetings(ctx context.Context, db *database.DB, meetingIDs []string) ([]Origin, error) {
	out := []Origin{}
	for from := 0; from < len(meetingIDs); from += 500 {
		var rows []Origin
		if err := db.Conn(ctx).Table("agreements").Select("id, title, origin_meeting_id").
			Where("origin_meeting_id IN ?", meetingIDs[from:min(from+500, len(meetingIDs))]).Order("title, id").Find(&rows).Error; err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	return out, nil
}
