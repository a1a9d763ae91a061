package organisation

import (
	"context"
	"fmt"
	"strings"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/report/span"
	"gorm.io/gorm"
)

// The directory's figures for reports (pkg/report). Other packages ask
// about "their" organisations by handing in a subquery of organisation
// IDs, so that each package reads only its own tables and the database
// does the counting.

// Group is the organisations of one country, region ("" for none), kind
// and SME flag: how many were added in a span and how many exist at its
// end.
type Group struct {
	Country string
	Region  string
	Kind    string
	SME     bool
	Added   int64
	Total   int64
}

// Groups counts the organisations created before the span's end, and
// those created within it, by country, region, kind and SME flag.
// Archived organisations count: archiving is not dated. The months before
// the span's edges come from the kept counts (organisation_months,
// migration 00025); the rows of the two partial months are counted one
// by one.
func Groups(ctx context.Context, db *database.DB, s span.Span) ([]Group, error) {
	m := s.Cut(span.Month)
	cols, colArgs := s.AtStartAtEnd("created_at", span.Month)
	edges, edgeArgs := s.Edges("created_at", span.Month)
	var rows []struct {
		Country, Region, Kind string
		SME                   bool
		AtStart, AtEnd        int64
	}
	args := append([]any{m.StartKey, m.EndKey}, colArgs...)
	err := db.Conn(ctx).Raw("SELECT country, region, kind, sme, SUM(at_start) AS at_start, SUM(at_end) AS at_end FROM ("+
		"SELECT country, region, kind, sme, CASE WHEN month < ? THEN n ELSE 0 END AS at_start, n AS at_end FROM organisation_months WHERE month < ? "+
		"UNION ALL SELECT country, COALESCE(region, '') AS region, kind, sme, "+cols+" FROM organisations WHERE "+edges+
		") x GROUP BY country, region, kind, sme HAVING SUM(at_end) <> 0 ORDER BY country, region, kind, sme",
		append(args, edgeArgs...)...).Scan(&rows).Error
	out := make([]Group, len(rows))
	for i, r := range rows {
		out[i] = Group{r.Country, r.Region, r.Kind, r.SME, r.AtEnd - r.AtStart, r.AtEnd}
	}
	return out, err
}

// GroupsAmong counts the organisations of ids, a subquery selecting organisation IDs (duplicates
// allowed); the counts are of distinct organisations, Added is 0.
func GroupsAmong(ctx context.Context, db *database.DB, ids *gorm.DB) ([]Group, error) {
	var out []Group
	err := db.Conn(ctx).Table("organisations").
		Select("country, COALESCE(region, '') AS region, kind, sme, 0 AS added, COUNT(*) AS total").
		Where("id IN (?)", ids).
		Group("country, COALESCE(region, ''), kind, sme").
		Order("country, region, kind, sme").Find(&out).Error
	return out, err
}

// CountryTally is how many items of one country were created before a
// span's start and before its end.
type CountryTally struct {
	Country string
	AtStart int64
	AtEnd   int64
}

// TallyByCountry counts the rows of sub, a subquery selecting
// organisation_id, at_start and at_end (1 or 0) per item, by the country
// of the item's organisation.
func TallyByCountry(ctx context.Context, db *database.DB, sub *gorm.DB) ([]CountryTally, error) {
	var out []CountryTally
	err := db.Conn(ctx).Table("(?) AS s", sub).
		Joins("JOIN organisations o ON o.id = s.organisation_id").
		Select("o.country AS country, SUM(s.at_start) AS at_start, SUM(s.at_end) AS at_end").
		Group("o.country").Order("o.country").Find(&out).Error
	return out, err
}

// CountFunnel counts the organisations of first and, for each step of
// then, those of first that are also in the step: one statement. Each
// is a list of subqueries of organisation IDs, an organisation being in
// it when it is in any of them.
func CountFunnel(ctx context.Context, db *database.DB, first []*gorm.DB, then ...[]*gorm.DB) ([]int64, error) {
	cols := []string{"COUNT(*)"}
	var args []any
	for _, step := range then {
		cond, a := anyOf(step)
		cols = append(cols, "COALESCE(SUM(CASE WHEN "+cond+" THEN 1 ELSE 0 END), 0)")
		args = append(args, a...)
	}
	out := make([]int64, len(cols))
	dest := make([]any, len(cols))
	for i := range out {
		dest[i] = &out[i]
	}
	cond, a := anyOf(first)
	err := db.Conn(ctx).Table("organisations").Select(strings.Join(cols, ", "), args...).
		Where(cond, a...).Row().Scan(dest...)
	return out, err
}

func anyOf(qs []*gorm.DB) (string, []any) {
	if len(qs) == 1 {
		return "id IN (?)", []any{qs[0]}
	}
	// One IN over a UNION ALL rather than IN … OR IN …: PostgreSQL then
	// looks the (few) organisations up by key instead of testing every
	// organisation against each list.
	parts := make([]string, len(qs))
	args := make([]any, len(qs))
	for i, q := range qs {
		parts[i], args[i] = fmt.Sprintf("SELECT * FROM (?) AS u%d", i), q
	}
	return "id IN (" + strings.Join(parts, " UNION ALL ") + ")", args
}
