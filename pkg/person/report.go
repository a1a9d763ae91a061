package person

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/report/span"
	"gorm.io/gorm"
)

// ForReport is the people created before the span's end as a subquery
// of organisation_id and added (1 when created within the span), for
// organisation.TallyByCountry.
func ForReport(ctx context.Context, db *database.DB, s span.Span) *gorm.DB {
	return db.Conn(ctx).Table("people").
		Select("organisation_id, CASE WHEN created_at >= ? THEN 1 ELSE 0 END AS added", s.Start).
		Where("created_at < ?", s.End)
}
