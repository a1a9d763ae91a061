// Package summary owns the dashboard's figures: counts across the domains
// that paging through lists cannot give cheaply. Each count lives next to
// its data in its domain package; this package only puts them together
// and judges them on one day.
package summary

import (
	"context"
	"time"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/trip"
)

// Organisations counts the active organisations by where they are.
type Organisations struct {
	Total, DE, JP, Other int64
}

// Summary is the network at a glance.
type Summary struct {
	Today         string // the day statuses and "upcoming" are judged on
	Organisations Organisations
	People        int64
	Agreements    map[string]int64 // by derived status, every status present
	UpcomingTrips int64
	Projects      map[string]int64 // by phase, every phase present
	// Funding of the projects in implementation, per currency.
	ImplementationFunding []project.Total
}

// Get counts everything as of now. The day is the one agreement statuses
// are judged on (the network's calendar in Munich), so "expiring" here
// means what the register's status filter means.
func Get(ctx context.Context, db *database.DB, now time.Time) (Summary, error) {
	s := Summary{Today: agreement.Today(now)}
	byCountry, err := organisation.CountByCountry(ctx, db)
	if err != nil {
		return Summary{}, err
	}
	for country, n := range byCountry {
		s.Organisations.Total += n
		switch country {
		case "DE":
			s.Organisations.DE += n
		case "JP":
			s.Organisations.JP += n
		default:
			s.Organisations.Other += n
		}
	}
	if s.People, err = person.Count(ctx, db); err != nil {
		return Summary{}, err
	}
	if s.Agreements, err = agreement.CountByStatus(ctx, db, s.Today); err != nil {
		return Summary{}, err
	}
	if s.UpcomingTrips, err = trip.CountUpcoming(ctx, db, s.Today); err != nil {
		return Summary{}, err
	}
	if s.Projects, err = project.CountByPhase(ctx, db); err != nil {
		return Summary{}, err
	}
	if s.ImplementationFunding, err = project.FundingByCurrency(ctx, db, "implementation"); err != nil {
		return Summary{}, err
	}
	return s, nil
}
