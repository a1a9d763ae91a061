package opportunity

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/report/span"
	"gorm.io/gorm"
)

// KindCount is how many opportunities of one kind.
type KindCount struct {
	Kind string
	N    int64
}

// PublishedByKind counts the opportunities published within the span
// (published_at, their first publication), by kind in the order of
// Kinds, kinds without any left out.
func PublishedByKind(ctx context.Context, db *database.DB, s span.Span) ([]KindCount, error) {
	var rows []KindCount
	if err := db.Conn(ctx).Table("opportunities").Select("kind, COUNT(*) AS n").
		Where("published_at >= ? AND published_at < ?", s.Start, s.End).Group("kind").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := []KindCount{}
	for _, k := range Kinds.Codes() {
		for _, r := range rows {
			if r.Kind == k {
				out = append(out, r)
			}
		}
	}
	return out, nil
}

// Owners is a subquery of the organisations owning the opportunities of
// ids (a subquery of opportunity IDs).
func Owners(ctx context.Context, db *database.DB, ids *gorm.DB) *gorm.DB {
	return db.Conn(ctx).Table("opportunities").Select("organisation_id").Where("id IN (?)", ids)
}

// Titles returns the titles of the opportunities, in lang (de, en or ja)
// where they have one, else in English, German or Japanese.
func Titles(ctx context.Context, db *database.DB, ids []string, lang string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct{ ID, TitleDe, TitleEn, TitleJa string }
	if err := db.Conn(ctx).Table("opportunities").Select("id, title_de, title_en, title_ja").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		byLang := map[string]string{"de": r.TitleDe, "en": r.TitleEn, "ja": r.TitleJa}
		for _, l := range []string{lang, "en", "de", "ja"} {
			if t := byLang[l]; t != "" {
				out[r.ID] = t
				break
			}
		}
	}
	return out, nil
}
