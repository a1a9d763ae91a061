package organisation

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
)

// CountByCountry counts the active (not archived) organisations per
// country code. It reads organisation_counts, which triggers keep exact
// in the transaction of every insert, delete and change of country or
// archived (migration 00022), so it costs the same at any size.
func CountByCountry(ctx context.Context, db *database.DB) (map[string]int64, error) {
	var rows []struct {
		Country string
		N       int64
	}
	if err := db.Conn(ctx).Table("organisation_counts").Select("country, n").
		Where("archived = ? AND n <> 0", false).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, r := range rows {
		out[r.Country] = r.N
	}
	return out, nil
}

// CommonShare is the share of the directory above which a country counts
// as common for CountryIsCommon.
const CommonShare = 0.02

// CountryIsCommon reports whether more than CommonShare of all
// organisations (active and archived) are in country, from the kept
// counts (one read of a few rows). A list filtered by an organisation's
// country chooses its plan by it: for a common country it reads in its
// own order and checks each row's organisations (a page is full after a
// few dozen rows); for a rare one it collects the matches by the country
// index and sorts them (reading in order would pass most of the list).
// SQLite keeps no statistics to make that choice itself; PostgreSQL gets
// the same statement.
func CountryIsCommon(ctx context.Context, db *database.DB, country string) (bool, error) {
	var in, all int64
	err := db.Conn(ctx).Raw("SELECT COALESCE(SUM(CASE WHEN country = ? THEN n END), 0), COALESCE(SUM(n), 0) FROM organisation_counts", country).Row().Scan(&in, &all)
	return float64(in) > CommonShare*float64(all), err
}

// CountryCondition is a list's condition "its organisations include one
// in country": ifCommon (a correlated check, read in the list's order)
// when CountryIsCommon, else ifRare (the matches collected by index).
// Both take the country as their one argument.
func CountryCondition(ctx context.Context, db *database.DB, country, ifCommon, ifRare string) (string, error) {
	common, err := CountryIsCommon(ctx, db, country)
	if common {
		return ifCommon, err
	}
	return ifRare, err
}
