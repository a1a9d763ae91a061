// Package project owns the binational R&D joint projects: partners on
// both sides with exactly one coordinator, a phase that only moves
// forward, fundings in their own currency, milestones, and the trip or
// agreement the cooperation grew from.
package project

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/meeting"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/reference"
	"github.com/innomunich/platform/pkg/search"
	"github.com/innomunich/platform/pkg/trip"
)

// Phases in their order; discontinued ends a project from any phase
// before completed.
var Phases = []string{"idea", "concept", "application", "implementation", "completed", "discontinued"}

const (
	application  = "application"
	completed    = "completed"
	discontinued = "discontinued"
)

// Roles of a partner.
var Roles = []string{"coordinator", "partner", "associated"}

// Partner is an organisation in a project.
type Partner struct {
	ProjectID      string
	OrganisationID string
	Role           string
	Position       int
}

func (Partner) TableName() string { return "project_partners" }

// PhaseChange is one step of a project's phase history.
type PhaseChange struct {
	ID        string
	ProjectID string
	Phase     string
	ChangedOn string
	CreatedAt time.Time
}

func (PhaseChange) TableName() string { return "project_phases" }

// Project is one joint project.
type Project struct {
	ID                string
	Title             string
	Acronym           string
	Summary           i18n.Text `gorm:"embedded;embeddedPrefix:summary_"`
	Phase             string
	StartDate         *string
	EndDate           *string
	StartSort         string
	TitleSort         string
	OriginTripID      *string
	OriginAgreementID *string
	// OriginInterestID is the expression of interest (and through it the
	// opportunity) the project came from directly; one that came through
	// an agreement names that agreement, which names the interest.
	OriginInterestID *string
	SearchText       string
	SearchName       string
	// SearchRank is a search's relevance bucket, read by ranked lists only.
	SearchRank int `gorm:"column:search_rank;->"`
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Partners   []Partner     `gorm:"-"`
	FocusAreas []string      `gorm:"-"`
	History    []PhaseChange `gorm:"-"`

	// OriginMeetingID names the B2B meeting the project came from (pkg/meeting).
	OriginMeetingID *string
}

type view struct {
	Title             string    `json:"title"`
	Acronym           string    `json:"acronym"`
	Summary           i18n.Text `json:"summary"`
	Phase             string    `json:"phase"`
	StartDate         *string   `json:"start_date"`
	EndDate           *string   `json:"end_date"`
	OriginTripID      *string   `json:"origin_trip_id"`
	OriginAgreementID *string   `json:"origin_agreement_id"`
	OriginInterestID  *string   `json:"origin_interest_id"`
	Partners          []Partner `json:"partners"`
	FocusAreas        []string  `json:"focus_areas"`

	OriginMeetingID *string `json:"origin_meeting_id"` // set by name below
}

func (p Project) view() view {
	v := view{p.Title, p.Acronym, p.Summary, p.Phase, p.StartDate, p.EndDate, p.OriginTripID, p.OriginAgreementID, p.OriginInterestID, p.Partners, p.FocusAreas, nil}
	v.OriginMeetingID = p.OriginMeetingID
	return v
}

// Coordinator returns the coordinating organisation's id, or "".
func (p Project) Coordinator() string {
	for _, x := range p.Partners {
		if x.Role == "coordinator" {
			return x.OrganisationID
		}
	}
	return ""
}

func phaseIndex(ph string) int { return slices.Index(Phases, ph) }

// PhaseAllowed reports whether a project may move from one phase to another.
func PhaseAllowed(from, to string) bool {
	if from == to {
		return true
	}
	switch {
	case from == completed || from == discontinued:
		return false
	case to == discontinued:
		return true
	}
	return phaseIndex(to) > phaseIndex(from)
}

func (p *Project) normalise() {
	p.Title, p.Acronym = strings.TrimSpace(p.Title), strings.TrimSpace(p.Acronym)
	slices.Sort(p.FocusAreas)
	p.FocusAreas = slices.Compact(p.FocusAreas)
	for i := range p.Partners {
		p.Partners[i].Position = i + 1
	}
	p.StartSort = "9999-12-31"
	if p.StartDate != nil {
		p.StartSort = *p.StartDate
	}
	p.deriveSearch()
}

// deriveSearch fills the columns the project is found and sorted by.
func (p *Project) deriveSearch() {
	p.TitleSort = search.SortKey(p.Title)
	p.SearchName = search.Names(p.Title, p.Acronym)
	p.SearchText = search.Document(p.Title, p.Acronym, p.Summary.De, p.Summary.En, p.Summary.Ja)
}

// Reindex recomputes the stored search text and title order of every
// project when the search folding changed (see search.Refresh).
func Reindex(ctx context.Context, db *database.DB) (int, error) {
	return search.Refresh(ctx, db, "projects", func(p Project) string { return p.ID }, func(p Project) search.Stored {
		p.deriveSearch()
		return search.Stored{Text: p.SearchText, Name: p.SearchName, Grams: p.grams(), Sort: map[string]string{"title_sort": p.TitleSort}}
	})
}

func (p Project) grams() []string { return search.Grams(p.Title, p.Acronym) }

// Prepare returns p as Create stores it (trimmed, validated, derived
// columns filled) with its search grams, for bulk loaders.
func Prepare(p Project) (Project, []string, error) {
	p.normalise()
	if err := p.Validate(); err != nil {
		return p, nil, err
	}
	return p, p.grams(), nil
}

func validDate(s *string) bool {
	if s == nil {
		return true
	}
	_, err := time.Parse(time.DateOnly, *s)
	return err == nil
}

// Validate checks what needs no database.
func (p Project) Validate() error {
	var bad apperr.Fields
	if n := utf8.RuneCountInString(p.Title); n < 1 || n > 300 {
		bad.Add("title", "must be 1 to 300 characters")
	}
	if utf8.RuneCountInString(p.Acronym) > 30 {
		bad.Add("acronym", "must be at most 30 characters")
	}
	if phaseIndex(p.Phase) < 0 {
		bad.Add("phase", "must be one of %s", strings.Join(Phases, ", "))
	}
	if !validDate(p.StartDate) {
		bad.Add("start_date", "must be a date such as 2018-01-01")
	}
	if !validDate(p.EndDate) {
		bad.Add("end_date", "must be a date such as 2020-12-31")
	}
	if p.StartDate != nil && p.EndDate != nil && validDate(p.StartDate) && validDate(p.EndDate) && *p.EndDate < *p.StartDate {
		bad.Add("end_date", "must not be before start_date")
	}
	if p.OriginTripID != nil && uuid.Validate(*p.OriginTripID) != nil {
		bad.Add("origin_trip_id", "must be the id of a trip")
	}
	if p.OriginAgreementID != nil && uuid.Validate(*p.OriginAgreementID) != nil {
		bad.Add("origin_agreement_id", "must be the id of an agreement")
	}
	if p.OriginInterestID != nil && uuid.Validate(*p.OriginInterestID) != nil {
		bad.Add("origin_interest_id", "must be the id of an expression of interest")
	}
	// A project grew from one thing. An agreement that came from an
	// interest names the interest itself, so the chain interest →
	// agreement → project needs only origin_agreement_id here.
	switch {
	case p.OriginTripID != nil && p.OriginAgreementID != nil:
		bad.Add("origin_agreement_id", "a project grew from a trip, an agreement or an expression of interest, not several")
	case p.OriginInterestID != nil && (p.OriginTripID != nil || p.OriginAgreementID != nil):
		bad.Add("origin_interest_id", "a project grew from a trip, an agreement or an expression of interest, not several; for a project from an agreement that came from an interest, name the agreement")
	}
	seen, coordinators := map[string]bool{}, 0
	for _, x := range p.Partners {
		if uuid.Validate(x.OrganisationID) != nil {
			bad.Add("partners", "%q is not an organisation id", x.OrganisationID)
		} else if seen[x.OrganisationID] {
			bad.Add("partners", "names organisation %s twice; an organisation takes part once", x.OrganisationID)
		}
		seen[x.OrganisationID] = true
		if !slices.Contains(Roles, x.Role) {
			bad.Add("partners", "role %q is not one of %s", x.Role, strings.Join(Roles, ", "))
		}
		if x.Role == "coordinator" {
			coordinators++
		}
	}
	if coordinators != 1 {
		bad.Add("partners", "must have exactly one coordinator (has %d)", coordinators)
	}
	return bad.Err()
}

// checkSides: from the application phase on, the partners must include an
// organisation in Germany and one in Japan.
func checkSides(ctx context.Context, db *database.DB, p Project) error {
	if p.Phase == discontinued || phaseIndex(p.Phase) < phaseIndex(application) {
		return nil
	}
	ids := make([]string, len(p.Partners))
	for i, x := range p.Partners {
		ids[i] = x.OrganisationID
	}
	byID, err := organisation.Countries(ctx, db, ids)
	if err != nil {
		return err
	}
	countries := slices.Collect(maps.Values(byID))
	var missing []string
	if !slices.Contains(countries, "DE") {
		missing = append(missing, "Germany (DE)")
	}
	if !slices.Contains(countries, "JP") {
		missing = append(missing, "Japan (JP)")
	}
	if len(missing) > 0 {
		return apperr.Fields{{Field: "partners", Message: fmt.Sprintf("from phase application on a partner in %s is needed", strings.Join(missing, " and "))}}.Err()
	}
	return nil
}

func checkReferences(ctx context.Context, db *database.DB, p Project) error {
	ids := make([]string, len(p.Partners))
	for i, x := range p.Partners {
		ids[i] = x.OrganisationID
	}
	missing, err := organisation.Missing(ctx, db, ids)
	if err != nil {
		return err
	}
	var bad apperr.Fields
	for _, id := range missing {
		bad.Add("partners", "organisation %s is not in the directory", id)
	}
	if p.OriginTripID != nil {
		if uuid.Validate(*p.OriginTripID) != nil {
			bad.Add("origin_trip_id", "is not a trip")
		} else if _, err := trip.Get(ctx, db, *p.OriginTripID); apperr.Is(err, apperr.NotFound) {
			bad.Add("origin_trip_id", "is not a trip")
		} else if err != nil {
			return err
		}
	}
	if p.OriginAgreementID != nil {
		if uuid.Validate(*p.OriginAgreementID) != nil {
			bad.Add("origin_agreement_id", "is not an agreement")
		} else if _, err := agreement.Get(ctx, db, *p.OriginAgreementID); apperr.Is(err, apperr.NotFound) {
			bad.Add("origin_agreement_id", "is not an agreement")
		} else if err != nil {
			return err
		}
	}
	if err := bad.Err(); err != nil {
		return err
	}
	if err := meeting.CheckExists(ctx, db, "origin_meeting_id", p.OriginMeetingID); err != nil {
		return err
	}
	if err := reference.CheckCodes(ctx, db, reference.FocusAreas, "focus_areas", p.FocusAreas); err != nil {
		return err
	}
	return checkSides(ctx, db, p)
}

// canCreate: coordinators and admins; a member may start a project its
// own organisation coordinates. Keys need write:projects.
func canChange(c auth.Principal, p Project) error {
	if !c.Allows(auth.ScopeWriteProjects) {
		return apperr.New(apperr.Forbidden, "This API key lacks the write:projects scope")
	}
	if c.IsCoordinator() || (c.Role == auth.RoleMember && c.OrganisationID != "" && c.OrganisationID == p.Coordinator()) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "You may change only projects your organisation coordinates")
}

func writeLinks(ctx context.Context, db *database.DB, p Project) error {
	conn := db.Conn(ctx)
	if err := conn.Exec("DELETE FROM project_partners WHERE project_id = ?", p.ID).Error; err != nil {
		return err
	}
	for _, x := range p.Partners {
		x.ProjectID = p.ID
		if err := conn.Create(&x).Error; err != nil {
			return err
		}
	}
	if err := search.WriteGrams(ctx, db, "projects", p.ID, p.grams()); err != nil {
		return err
	}
	return reference.SetFocusAreas(ctx, db, "project_focus_areas", "project_id", p.ID, p.FocusAreas)
}

func recordPhase(ctx context.Context, db *database.DB, id, phase string) error {
	h := PhaseChange{ID: uuid.Must(uuid.NewV7()).String(), ProjectID: id, Phase: phase, ChangedOn: agreement.Today(time.Now()), CreatedAt: database.Now()}
	return db.Conn(ctx).Create(&h).Error
}

// Create adds a project; it starts as an idea unless a phase is given.
func Create(ctx context.Context, db *database.DB, p Project) (Project, error) {
	now := database.Now()
	p.ID, p.Version, p.CreatedAt, p.UpdatedAt = uuid.Must(uuid.NewV7()).String(), 1, now, now
	if p.Phase == "" {
		p.Phase = "idea"
	}
	p.normalise()
	if err := p.Validate(); err != nil {
		return Project{}, err
	}
	if err := canChange(auth.From(ctx), p); err != nil {
		return Project{}, err
	}
	err := db.WithTx(ctx, func(ctx context.Context) error {
		if err := checkReferences(ctx, db, p); err != nil {
			return err
		}
		if err := db.Conn(ctx).Omit("Partners", "FocusAreas", "History").Create(&p).Error; err != nil {
			return originError(err)
		}
		if err := writeLinks(ctx, db, p); err != nil {
			return err
		}
		if err := recordPhase(ctx, db, p.ID, p.Phase); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Create, "project", p.ID, p.Version, nil, p.view())
	})
	if err != nil {
		return Project{}, err
	}
	return Get(ctx, db, p.ID)
}

// Get returns a project with partners, focus areas and phase history.
func Get(ctx context.Context, db *database.DB, id string) (Project, error) {
	return database.GetWith(ctx, db, "project", id, withDetails)
}

func withDetails(ctx context.Context, db *database.DB, list []Project) error {
	ids := make([]string, len(list))
	for i, p := range list {
		ids[i] = p.ID
	}
	partners, err := database.Children(ctx, db, "project_partners", "project_id", ids, "position", func(x Partner) string { return x.ProjectID })
	if err != nil {
		return err
	}
	history, err := database.Children(ctx, db, "project_phases", "project_id", ids, "created_at, id", func(h PhaseChange) string { return h.ProjectID })
	if err != nil {
		return err
	}
	areas, err := reference.FocusAreasOf(ctx, db, "project_focus_areas", "project_id", ids)
	if err != nil {
		return err
	}
	for i := range list {
		id := list[i].ID
		list[i].Partners = append([]Partner{}, partners[id]...)
		list[i].History = append([]PhaseChange{}, history[id]...)
		list[i].FocusAreas = append([]string{}, areas[id]...)
	}
	return nil
}

// Patch changes a project; absent fields stay.
type Patch struct {
	Title, Acronym, Phase           opt.Field[string]
	StartDate, EndDate              opt.Field[string]
	OriginTripID, OriginAgreementID opt.Field[string]
	OriginInterestID                opt.Field[string]
	Summary                         i18n.TextPatch
	Partners                        opt.Field[[]Partner]
	FocusAreas                      opt.Field[[]string]
	OriginMeetingID                 opt.Field[string]
}

func setOpt(dst **string, f opt.Field[string]) {
	if f.Set {
		*dst = nil
		// null clears; "" is no date or id and fails validation, as the
		// spec (format: date, uuid) says.
		if !f.Null {
			v := f.Value
			*dst = &v
		}
	}
}

// Update applies a patch based on version. A phase change must move
// forward (or to discontinued) and is recorded in the history.
func Update(ctx context.Context, db *database.DB, id string, version int, in Patch) (Project, error) {
	err := db.WithTx(ctx, func(ctx context.Context) error {
		before, err := Get(ctx, db, id)
		if err != nil {
			return err
		}
		if err := canChange(auth.From(ctx), before); err != nil {
			return err
		}
		if err := database.CheckVersion("project", before.Version, version); err != nil {
			return err
		}
		after := before
		if in.Title.Set {
			after.Title = in.Title.Value
		}
		if in.Acronym.Set {
			after.Acronym = in.Acronym.Value
		}
		if in.Phase.Set {
			after.Phase = in.Phase.Value
		}
		setOpt(&after.StartDate, in.StartDate)
		setOpt(&after.EndDate, in.EndDate)
		setOpt(&after.OriginTripID, in.OriginTripID)
		setOpt(&after.OriginAgreementID, in.OriginAgreementID)
		setOpt(&after.OriginInterestID, in.OriginInterestID)
		setOpt(&after.OriginMeetingID, in.OriginMeetingID)
		after.Summary = in.Summary.Apply(after.Summary)
		if in.Partners.Set {
			after.Partners = slices.Clone(in.Partners.Value)
		}
		if in.FocusAreas.Set {
			after.FocusAreas = slices.Clone(in.FocusAreas.Value)
		}
		after.normalise()
		if err := after.Validate(); err != nil {
			return err
		}
		if !PhaseAllowed(before.Phase, after.Phase) {
			return apperr.Fields{{Field: "phase", Message: fmt.Sprintf("cannot go from %s to %s: phases only move forward, or to discontinued before completed", before.Phase, after.Phase)}}.Err()
		}
		if err := checkReferences(ctx, db, after); err != nil {
			return err
		}
		if after.Version, err = db.UpdateVersioned(ctx, "projects", "project", id, version, map[string]any{
			"title": after.Title, "acronym": after.Acronym, "summary_de": after.Summary.De, "summary_en": after.Summary.En, "summary_ja": after.Summary.Ja,
			"phase": after.Phase, "start_date": after.StartDate, "end_date": after.EndDate, "start_sort": after.StartSort, "title_sort": after.TitleSort,
			"origin_trip_id": after.OriginTripID, "origin_agreement_id": after.OriginAgreementID, "search_text": after.SearchText, "search_name": after.SearchName,
			"origin_interest_id": after.OriginInterestID,
			"origin_meeting_id":  after.OriginMeetingID,
		}); err != nil {
			return originError(err)
		}
		if err := writeLinks(ctx, db, after); err != nil {
			return err
		}
		if after.Phase != before.Phase {
			if err := recordPhase(ctx, db, id, after.Phase); err != nil {
				return err
			}
		}
		return audit.Record(ctx, db, audit.Update, "project", id, after.Version, before.view(), after.view())
	})
	if err != nil {
		return Project{}, err
	}
	return Get(ctx, db, id)
}

// AddPartner adds an organisation to a project.
func AddPartner(ctx context.Context, db *database.DB, id string, version int, x Partner) (Project, error) {
	p, err := Get(ctx, db, id)
	if err != nil {
		return Project{}, err
	}
	return Update(ctx, db, id, version, Patch{Partners: opt.Of(append(slices.Clone(p.Partners), x))})
}

// RemovePartner takes an organisation out of a project; the rules still hold.
func RemovePartner(ctx context.Context, db *database.DB, id string, version int, orgID string) (Project, error) {
	p, err := Get(ctx, db, id)
	if err != nil {
		return Project{}, err
	}
	rest := slices.DeleteFunc(slices.Clone(p.Partners), func(x Partner) bool { return x.OrganisationID == orgID })
	if len(rest) == len(p.Partners) {
		return Project{}, apperr.New(apperr.NotFound, "Organisation %s is not a partner of this project", orgID)
	}
	return Update(ctx, db, id, version, Patch{Partners: opt.Of(rest)})
}

// Delete removes a project with its fundings and milestones.
func Delete(ctx context.Context, db *database.DB, id string, version int) error {
	return db.WithTx(ctx, func(ctx context.Context) error {
		before, err := Get(ctx, db, id)
		if err != nil {
			return err
		}
		if err := canChange(auth.From(ctx), before); err != nil {
			return err
		}
		if err := database.CheckVersion("project", before.Version, version); err != nil {
			return err
		}
		if err := db.DeleteVersioned(ctx, "projects", "project", id, version, referrers); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Delete, "project", id, before.Version, before.view(), nil)
	})
}

// referrers are what may refer to a project and keep it from going.
var referrers = database.Referrers{From: []database.Referrer{{Table: "opportunity_interests", Column: "project_id", Noun: "expressions of interest"}}}

// originError names origin_interest_id when the database refuses the row
// for a foreign key: the interests' package builds on this one (it links
// projects), so that reference is checked by the foreign key rather than
// by asking that package. Trip and agreement origins are checked before
// the write, so a violation here is the interest's.
func originError(err error) error {
	if database.IsForeignKey(err) {
		return apperr.Fields{{Field: "origin_interest_id", Message: "is not an expression of interest"}}.Err()
	}
	return err
}

// FromMeetings returns the projects that name one of the meetings as
// their origin, by title.
func FromMeetings(ctx context.Context, db *database.DB, meetingIDs []string) ([]agreement.Origin, error) {
	out := []agreement.Origin{}
	for from := 0; from < len(meetingIDs); from += 500 {
		var rows []agreement.Origin
		if err := db.Conn(ctx).Table("projects").Select("id, title, origin_meeting_id").
			Where("origin_meeting_id IN ?", meetingIDs[from:min(from+500, len(meetingIDs))]).Order("title, id").Find(&rows).Error; err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	return out, nil
}
