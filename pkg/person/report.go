package person

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/report/span"
)

// TallyByCountry counts the people created before the span's start and
// before its end by the country of their organisation: the days before
// the span's edges from the kept counts (people_days, migration 00025),
// the people of the two partial days one by one.
func TallyByCountry(ctx context.Context, db *database.DB, s span.Span) ([]organisation.CountryTally, error) {
	d := s.Cut(span.Day)
	var kept []organisation.CountryTally
	if err := db.Conn(ctx).Table("people_days").
		Select("country, SUM(CASE WHEN day < ? THEN n ELSE 0 END) AS at_start, SUM(n) AS at_end", d.StartKey).
		Where("day < ?", d.EndKey).Group("country").Find(&kept).Error; err != nil {
		return nil, err
	}
	cols, colArgs := s.AtStartAtEnd("created_at", span.Day)
	edges, edgeArgs := s.Edges("created_at", span.Day)
	counted, err := organisation.TallyByCountry(ctx, db,
		db.Conn(ctx).Table("people").Select("organisation_id, "+cols, colArgs...).Where(edges, edgeArgs...))
	if err != nil {
		return nil, err
	}
	return append(kept, counted...), nil
}
