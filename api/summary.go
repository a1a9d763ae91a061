package api

import (
	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/summary"
	"github.com/labstack/echo/v4"
)

// OrganisationCounts counts the active (not archived) organisations.
type OrganisationCounts struct {
	Total int64 `json:"total" example:"412"`
	DE    int64 `json:"de" example:"268"`
	JP    int64 `json:"jp" example:"131"`
	Other int64 `json:"other" example:"13"`
} // @name OrganisationCounts

// AgreementCounts counts the agreements by their derived status.
type AgreementCounts struct {
	Draft      int64 `json:"draft"`
	Active     int64 `json:"active"`
	Expiring   int64 `json:"expiring"`
	Expired    int64 `json:"expired"`
	Terminated int64 `json:"terminated"`
} // @name AgreementCounts

// ProjectCounts counts the projects by phase.
type ProjectCounts struct {
	Idea           int64 `json:"idea"`
	Concept        int64 `json:"concept"`
	Application    int64 `json:"application"`
	Implementation int64 `json:"implementation"`
	Completed      int64 `json:"completed"`
	Discontinued   int64 `json:"discontinued"`
} // @name ProjectCounts

// Summary is the network at a glance, for a dashboard or a report.
type Summary struct {
	// The day (in Munich) that statuses and "upcoming" are judged on.
	Today         string             `json:"today" format:"date" example:"2026-11-24"`
	Organisations OrganisationCounts `json:"organisations"`
	People        int64              `json:"people" example:"1280"`
	Agreements    AgreementCounts    `json:"agreements"`
	// Trips not yet ended, neither completed nor cancelled.
	UpcomingTrips int64         `json:"upcoming_trips" example:"3"`
	Projects      ProjectCounts `json:"projects"`
	// Fundings of the projects in implementation, summed per currency.
	ImplementationFunding []Money `json:"implementation_funding"`
} // @name Summary

func summaryOut(s summary.Summary) Summary {
	a, p := s.Agreements, s.Projects
	funding := make([]Money, len(s.ImplementationFunding))
	for i, t := range s.ImplementationFunding {
		funding[i] = Money{Amount: t.Amount, Currency: t.Currency}
	}
	return Summary{
		ImplementationFunding: funding,
		Today:                 s.Today,
		Organisations:         OrganisationCounts{Total: s.Organisations.Total, DE: s.Organisations.DE, JP: s.Organisations.JP, Other: s.Organisations.Other},
		People:                s.People,
		Agreements: AgreementCounts{Draft: a[agreement.Draft], Active: a[agreement.Active], Expiring: a[agreement.Expiring],
			Expired: a[agreement.Expired], Terminated: a[agreement.Terminated]},
		UpcomingTrips: s.UpcomingTrips,
		Projects: ProjectCounts{Idea: p["idea"], Concept: p["concept"], Application: p["application"],
			Implementation: p["implementation"], Completed: p["completed"], Discontinued: p["discontinued"]},
	}
}

// getSummary godoc
//
//	@Summary		Counts for a dashboard
//	@Description	Active organisations by country, people, agreements by derived status, upcoming trips, projects by phase and the funding of projects in implementation per currency, counted in the database. Every signed-in caller; API keys need the read scope.
//	@Tags			reports
//	@Produce		json
//	@Security		bearer
//	@Success		200	{object}	Summary
//	@Failure		400	{object}	Problem
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Router			/api/v1/summary [get]
func (s *server) getSummary(c echo.Context) error {
	if err := newQuery(c).err(); err != nil {
		return err
	}
	out, err := summary.Get(c.Request().Context(), s.DB, database.Now())
	if err != nil {
		return err
	}
	return writeList(c, summaryOut(out))
}
