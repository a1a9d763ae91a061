package agreement

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/report/span"
	"gorm.io/gorm"
)

// Agreements' figures for reports (pkg/report). signed_on may be a year
// or a month: it counts at its first day.

// Measures of agreements in a span, in the order Figures holds them.
var Measures = []string{"signed", "renewed", "terminated", "active_at_end"}

// measure is the condition on agreements of one of Measures.
func measure(m string, s span.Span) (string, []any) {
	first := span.FirstDay("signed_on")
	switch m {
	case "signed":
		return "signed_on <> '' AND " + first + " >= ? AND " + first + " <= ?", []any{s.From, s.To}
	case "renewed":
		return "id IN (SELECT agreement_id FROM agreement_renewals WHERE renewed_on >= ? AND renewed_on <= ?)", []any{s.From, s.To}
	case "terminated":
		return "terminated_on >= ? AND terminated_on <= ?", []any{s.From, s.To}
	default: // active_at_end: signed by the last day, neither terminated nor expired on it
		return "signed_on <> '' AND " + first + " <= ? AND (terminated_on IS NULL OR terminated_on > ?) AND (valid_until IS NULL OR valid_until >= ?)", []any{s.To, s.To, s.To}
	}
}

// Figures is the agreements of one kind (or region) per measure.
type Figures struct {
	Code   string
	Counts [4]int64 // in the order of Measures
}

// ByKind counts the agreements of each measure by kind, in the order of
// Kinds, kinds without any left out.
func ByKind(ctx context.Context, db *database.DB, s span.Span) ([]Figures, error) {
	sel := "kind"
	var args []any
	for i, m := range Measures {
		cond, a := measure(m, s)
		sel += ", SUM(CASE WHEN " + cond + " THEN 1 ELSE 0 END) AS m" + string(rune('0'+i))
		args = append(args, a...)
	}
	var rows []struct {
		Kind           string
		M0, M1, M2, M3 int64
	}
	if err := db.Conn(ctx).Table("agreements").Select(sel, args...).Group("kind").Find(&rows).Error; err != nil {
		return nil, err
	}
	byKind := map[string]Figures{}
	for _, r := range rows {
		byKind[r.Kind] = Figures{r.Kind, [4]int64{r.M0, r.M1, r.M2, r.M3}}
	}
	out := []Figures{}
	for _, k := range Kinds {
		if f, ok := byKind[k]; ok && f.Counts != [4]int64{} {
			out = append(out, f)
		}
	}
	return out, nil
}

// Parties is a subquery of the organisation_id of the parties to the
// agreements of a measure.
func Parties(ctx context.Context, db *database.DB, m string, s span.Span) *gorm.DB {
	cond, args := measure(m, s)
	return db.Conn(ctx).Table("agreement_parties").Select("organisation_id").
		Where("agreement_id IN (?)", db.Conn(ctx).Table("agreements").Select("id").Where(cond, args...))
}

// CountByRegion counts the agreements of a measure per region of their
// parties ("" for none), once in each region a party of it is in, by the
// region each party row carries (organisation_region, kept with the
// organisation's; migration 00025).
func CountByRegion(ctx context.Context, db *database.DB, m string, s span.Span) (map[string]int64, error) {
	cond, args := measure(m, s)
	var rows []struct {
		Region string
		N      int64
	}
	err := db.Conn(ctx).Table("agreement_parties").Select("organisation_region AS region, COUNT(DISTINCT agreement_id) AS n").
		Where("agreement_id IN (?)", db.Conn(ctx).Table("agreements").Select("id").Where(cond, args...)).
		Group("organisation_region").Find(&rows).Error
	out := map[string]int64{}
	for _, r := range rows {
		out[r.Region] = r.N
	}
	return out, err
}

// ChainLink is an agreement as a link of a chain, with what it came from.
type ChainLink struct {
	ID               string
	Title            string
	OriginInterestID *string
	OriginMeetingID  *string
}

// ChainLinks returns the agreements with the ids and what they came from.
func ChainLinks(ctx context.Context, db *database.DB, ids []string) (map[string]ChainLink, error) {
	out := map[string]ChainLink{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []ChainLink
	err := db.Conn(ctx).Table("agreements").Select("id, title, origin_interest_id, origin_meeting_id").Where("id IN ?", ids).Find(&rows).Error
	for _, r := range rows {
		out[r.ID] = r
	}
	return out, err
}
