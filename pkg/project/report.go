package project

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/report/span"
	"gorm.io/gorm"
)

// Projects' figures for reports (pkg/report). A project's phase on a day
// is its last phase change dated by then (project_phases, changed_on;
// on one day, the one recorded last).

// phaseAtEnd selects project_id and phase of each project's last phase
// change dated by the span's last day.
func phaseAtEnd(ctx context.Context, db *database.DB, s span.Span) *gorm.DB {
	return db.Conn(ctx).Table("project_phases ph").Select("ph.project_id, ph.phase").
		Where("ph.changed_on <= ? AND NOT EXISTS (SELECT 1 FROM project_phases p2 WHERE p2.project_id = ph.project_id AND p2.changed_on <= ? AND "+
			"(p2.changed_on > ph.changed_on OR (p2.changed_on = ph.changed_on AND (p2.created_at > ph.created_at OR (p2.created_at = ph.created_at AND p2.id > ph.id)))))", s.To, s.To)
}

// ByPhaseAtEnd counts the projects by their phase at the span's end, in
// the order of Phases, phases without any left out.
func ByPhaseAtEnd(ctx context.Context, db *database.DB, s span.Span) (map[string]int64, error) {
	var rows []struct {
		Phase string
		N     int64
	}
	if err := db.Conn(ctx).Table("(?) AS x", phaseAtEnd(ctx, db, s)).Select("phase, COUNT(*) AS n").Group("phase").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, r := range rows {
		out[r.Phase] = r.N
	}
	return out, nil
}

// CountSpanning counts the projects that exist at the span's end (have a
// phase by then) with partners in both countries a and b, by the country
// each partner row carries (organisation_country, kept with the
// organisation's; migration 00025).
func CountSpanning(ctx context.Context, db *database.DB, s span.Span, a, b string) (int64, error) {
	// Of the partners in a or b, a project has both when its smallest and
	// largest country differ (cheaper than COUNT(DISTINCT …) = 2).
	inner := db.Conn(ctx).Table("project_partners").Select("project_id").
		Where("organisation_country IN ? AND project_id IN (?)", []string{a, b},
			db.Conn(ctx).Table("project_phases").Select("project_id").Where("changed_on <= ?", s.To)).
		Group("project_id").Having("MIN(organisation_country) <> MAX(organisation_country)")
	var n int64
	err := db.Conn(ctx).Table("(?) AS x", inner).Count(&n).Error
	return n, err
}

// entered selects project_id and the day (on) each project first entered
// one of phases, for those whose day is within the span.
func entered(ctx context.Context, db *database.DB, s span.Span, phases ...string) *gorm.DB {
	return db.Conn(ctx).Table("project_phases").Select("project_id, MIN(changed_on) AS entered_on").
		Where("phase IN ?", phases).Group("project_id").Having("MIN(changed_on) >= ? AND MIN(changed_on) <= ?", s.From, s.To)
}

// Initiating are the phases a project is initiated by entering.
var Initiating = []string{"concept", "application"}

// Entered counts the projects that first entered one of phases within
// the span.
func Entered(ctx context.Context, db *database.DB, s span.Span, phases ...string) (int64, error) {
	var n int64
	err := db.Conn(ctx).Table("(?) AS x", entered(ctx, db, s, phases...)).Count(&n).Error
	return n, err
}

// InitiatedPartners is a subquery of the partners of the projects
// initiated within the span; with funded, only of those with a funding.
func InitiatedPartners(ctx context.Context, db *database.DB, s span.Span, funded bool) *gorm.DB {
	ids := db.Conn(ctx).Table("(?) AS x", entered(ctx, db, s, Initiating...)).Select("project_id")
	q := db.Conn(ctx).Table("project_partners").Select("organisation_id").Where("project_id IN (?)", ids)
	if funded {
		q = q.Where("project_id IN (SELECT project_id FROM project_fundings)")
	}
	return q
}

// Initiated is a project initiated within a span, with its origins.
type Initiated struct {
	ID                string
	Title             string
	Acronym           string
	EnteredOn         string
	OriginTripID      *string
	OriginAgreementID *string
	OriginInterestID  *string
	OriginMeetingID   *string
}

// InitiatedWithOrigin lists the projects initiated within the span that
// grew from a trip, a meeting, an agreement or an interest.
func InitiatedWithOrigin(ctx context.Context, db *database.DB, s span.Span) ([]Initiated, error) {
	out := []Initiated{}
	err := db.Conn(ctx).Table("projects p").Joins("JOIN (?) AS x ON x.project_id = p.id", entered(ctx, db, s, Initiating...)).
		Select("p.id, p.title, p.acronym, x.entered_on, p.origin_trip_id, p.origin_agreement_id, p.origin_interest_id, p.origin_meeting_id").
		Where("p.origin_trip_id IS NOT NULL OR p.origin_agreement_id IS NOT NULL OR p.origin_interest_id IS NOT NULL OR p.origin_meeting_id IS NOT NULL").
		Find(&out).Error
	return out, err
}

// Window is the SQL of a funding's running time: its own dates, else its
// project's.
const (
	fundingFrom  = "COALESCE(f.from_date, p.start_date)"
	fundingUntil = "COALESCE(f.until_date, p.end_date)"
)

func fundings(ctx context.Context, db *database.DB, s span.Span) *gorm.DB {
	return db.Conn(ctx).Table("project_fundings f").Joins("JOIN projects p ON p.id = f.project_id").
		Where(fundingFrom+" <= ? AND "+fundingUntil+" >= ?", s.To, s.From)
}

// FundingGroup is the fundings of one funder, programme and currency.
type FundingGroup struct {
	Funder    string
	Programme string
	Currency  string
	Fundings  int64
	Amount    int64
}

// FundingsInSpan sums the fundings whose running time overlaps the span,
// per funder, programme and currency; and counts those left out because
// they (and their project) have no dates.
func FundingsInSpan(ctx context.Context, db *database.DB, s span.Span) ([]FundingGroup, int64, error) {
	out := []FundingGroup{}
	if err := fundings(ctx, db, s).Select("f.funder AS funder, f.programme AS programme, f.currency AS currency, COUNT(*) AS fundings, SUM(f.amount) AS amount").
		Group("f.funder, f.programme, f.currency").Find(&out).Error; err != nil {
		return nil, 0, err
	}
	var undated int64
	err := db.Conn(ctx).Table("project_fundings f").Joins("JOIN projects p ON p.id = f.project_id").
		Where(fundingFrom + " IS NULL OR " + fundingUntil + " IS NULL").Count(&undated).Error
	return out, undated, err
}

// FundingRun is the sum of the fundings of one funder and currency with
// the same running time, which pkg/report spreads over budget years.
type FundingRun struct {
	Funder   string
	Currency string
	FromDate string
	Until    string
	Amount   int64
}

// FundingRuns sums the fundings overlapping the span per funder,
// currency and running time.
func FundingRuns(ctx context.Context, db *database.DB, s span.Span) ([]FundingRun, error) {
	out := []FundingRun{}
	err := fundings(ctx, db, s).Select("f.funder AS funder, f.currency AS currency, " + fundingFrom + " AS from_date, " + fundingUntil + " AS until, SUM(f.amount) AS amount").
		Group("f.funder, f.currency, " + fundingFrom + ", " + fundingUntil).Find(&out).Error
	return out, err
}

// ReferenceRow is one reference of the fundings overlapping a span.
type ReferenceRow struct {
	Reference string
	Funder    string
	ProjectID string
	Title     string
	Currency  string
	Amount    int64
}

// References lists the references of the fundings overlapping the span,
// summed per reference, funder, project and currency.
func References(ctx context.Context, db *database.DB, s span.Span) ([]ReferenceRow, error) {
	out := []ReferenceRow{}
	err := fundings(ctx, db, s).Select("f.reference AS reference, f.funder AS funder, f.project_id AS project_id, p.title AS title, f.currency AS currency, SUM(f.amount) AS amount").
		Where("f.reference <> ''").Group("f.reference, f.funder, f.project_id, p.title, f.currency").Find(&out).Error
	return out, err
}
