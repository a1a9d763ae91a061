package trip

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/report/span"
	"gorm.io/gorm"
)

// Trips' figures for reports (pkg/report). A trip is held in a span when
// it starts within it and is not cancelled.

func held(ctx context.Context, db *database.DB, s span.Span) *gorm.DB {
	return db.Conn(ctx).Table("trips").Select("id").
		Where("start_date >= ? AND start_date <= ? AND status <> ?", s.From, s.To, Cancelled)
}

// KindFigures is the trips of one kind held in a span: how many, their
// confirmed seats, and the confirmed seats of those completed (attended).
type KindFigures struct {
	Kind      string
	Trips     int64
	Confirmed int64
	Attended  int64
}

// HeldByKind counts the trips held in the span and their participants,
// by kind, in the order of Kinds (kinds without trips left out).
func HeldByKind(ctx context.Context, db *database.DB, s span.Span) ([]KindFigures, error) {
	var trips []KindFigures
	if err := db.Conn(ctx).Table("trips").Select("kind, COUNT(*) AS trips").
		Where("id IN (?)", held(ctx, db, s)).Group("kind").Find(&trips).Error; err != nil {
		return nil, err
	}
	var seats []KindFigures
	if err := db.Conn(ctx).Table("trip_participants p").Joins("JOIN trips t ON t.id = p.trip_id").
		Select("t.kind AS kind, COUNT(*) AS confirmed, SUM(CASE WHEN t.status = ? THEN 1 ELSE 0 END) AS attended", Completed).
		Where("p.status = ? AND t.id IN (?)", Confirmed, held(ctx, db, s)).Group("t.kind").Find(&seats).Error; err != nil {
		return nil, err
	}
	byKind := map[string]*KindFigures{}
	for i := range trips {
		byKind[trips[i].Kind] = &trips[i]
	}
	for _, x := range seats {
		if k := byKind[x.Kind]; k != nil {
			k.Confirmed, k.Attended = x.Confirmed, x.Attended
		}
	}
	out := []KindFigures{}
	for _, kind := range Kinds {
		if k := byKind[kind]; k != nil {
			out = append(out, *k)
		}
	}
	return out, nil
}

// Participating is a subquery of the organisations with a confirmed
// participant in a trip held in the span.
func Participating(ctx context.Context, db *database.DB, s span.Span) *gorm.DB {
	return db.Conn(ctx).Table("trip_participants").Select("organisation_id").
		Where("status = ? AND trip_id IN (?)", Confirmed, held(ctx, db, s))
}

// Visited is a subquery of the organisations on the agenda of a trip held
// in the span.
func Visited(ctx context.Context, db *database.DB, s span.Span) *gorm.DB {
	return db.Conn(ctx).Table("trip_agenda").Select("organisation_id").
		Where("organisation_id IS NOT NULL AND trip_id IN (?)", held(ctx, db, s))
}

// Titles returns the titles of the trips.
func Titles(ctx context.Context, db *database.DB, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct{ ID, Title string }
	err := db.Conn(ctx).Table("trips").Select("id, title").Where("id IN ?", ids).Find(&rows).Error
	for _, r := range rows {
		out[r.ID] = r.Title
	}
	return out, err
}
