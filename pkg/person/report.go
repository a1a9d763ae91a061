package person

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/report/span"
)

// TallyByCountry counts the people created before the span's start and
// before its end by the country of their organisation: the months before
// the span's edges from the kept counts (people_months, migration 00025),
// the people of the two partial months one by one.
func TallyByCountry(ctx context.Context, db *database.DB, s span.Span) ([]organisation.CountryTally, error) {
	m := s.Months()
	var kept []organisation.CountryTally
	if err := db.Conn(ctx).Table("people_months").
		Select("country, SUM(CASE WHEN month < ? THEN n ELSE 0 END) AS at_start, SUM(n) AS at_end", m.StartMonth).
		Where("month < ?", m.EndMonth).Group("country").Find(&kept).Error; err != nil {
		return nil, err
	}
	cols, colArgs := s.AtStartAtEnd("created_at")
	edges, edgeArgs := s.Edges("created_at")
	counted, err := organisation.TallyByCountry(ctx, db,
		db.Conn(ctx).Table("people").Select("organisation_id, "+cols, colArgs...).Where(edges, edgeArgs...))
	if err != nil {
		return nil, err
	}
	return append(kept, counted...), nil
}
