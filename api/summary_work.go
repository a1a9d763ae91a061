package api

import (
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/report"
	"github.com/innomunich/platform/pkg/summary"
	"github.com/labstack/echo/v4"
)

// ChartYear is one budget year of the dashboard's trend.
type ChartYear struct {
	Year          int   `json:"year" example:"2025"`
	Organisations int64 `json:"organisations" example:"42"`
	Trips         int64 `json:"trips" example:"3"`
	Agreements    int64 `json:"agreements" example:"2"`
	Projects      int64 `json:"projects" example:"1"`
} // @name ChartYear

// ChartFunding is the funding falling into one budget year in one currency.
type ChartFunding struct {
	Year   int   `json:"year" example:"2025"`
	Amount Money `json:"amount"`
} // @name ChartFunding

// ChartRegion is how many organisations of the directory are in a region.
type ChartRegion struct {
	Region string `json:"region" enums:"bavaria,osaka,kawasaki,de_other,jp_other,other"`
	N      int64  `json:"n" example:"120"`
} // @name ChartRegion

// SummaryCharts are the dashboard's charts.
type SummaryCharts struct {
	// The last five budget years, oldest first: organisations added, trips held, agreements signed, projects initiated (as the report of each year counts them).
	Years []ChartYear `json:"years"`
	// Funding per budget year and currency (pro rata by days, in minor units); currencies are never added.
	Funding []ChartFunding `json:"funding"`
	// Organisations created by the end of this year (archived included, merged ones not), by partner region: Bavaria, Osaka, Kawasaki, the rest of Germany, the rest of Japan, elsewhere.
	Regions []ChartRegion `json:"regions"`
} // @name SummaryCharts

// getSummaryCharts godoc
//
//	@Summary		Charts for a dashboard
//	@Description	The five-year trend of organisations, trips, agreements and projects, funding per budget year by currency and the organisations by partner region, counted by the report's queries (docs/reporting.md). Coordinators, admins and viewers; API keys need the reports:read scope.
//	@Tags			reports
//	@Produce		json
//	@Security		bearer
//	@Success		200	{object}	SummaryCharts
//	@Failure		400	{object}	Problem
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Router			/api/v1/summary/charts [get]
func (s *server) getSummaryCharts(c echo.Context) error {
	if err := newQuery(c).err(); err != nil {
		return err
	}
	ch, err := report.ChartsFor(c.Request().Context(), s.DB, database.Now())
	if err != nil {
		return err
	}
	out := SummaryCharts{Years: []ChartYear{}, Funding: []ChartFunding{}, Regions: []ChartRegion{}}
	for _, y := range ch.Years {
		out.Years = append(out.Years, ChartYear{y.Year, y.Organisations, y.Trips, y.Agreements, y.Projects})
	}
	for _, f := range ch.Funding {
		out.Funding = append(out.Funding, ChartFunding{f.Year, Money{Amount: f.Amount.Amount, Currency: f.Amount.Currency}})
	}
	for _, r := range ch.Regions {
		out.Regions = append(out.Regions, ChartRegion{r.Code, r.N})
	}
	return writeList(c, out)
}

// WorkItem is one record of a "my work" card.
type WorkItem struct {
	// What id is: trip, interest, meeting, agreement or milestone.
	Kind string `json:"kind" enums:"trip,interest,meeting,agreement,milestone"`
	ID   string `json:"id" format:"uuid"`
	// The trip of a meeting, the project of a milestone.
	ParentID *string `json:"parent_id" format:"uuid" extensions:"x-nullable"`
	// The opportunity an interest answers.
	OpportunityID *string `json:"opportunity_id" format:"uuid" extensions:"x-nullable"`
	// The record's title; a meeting's is its two organisations.
	Title string `json:"title"`
	// The day (YYYY-MM-DD) or instant (RFC 3339) that puts the item on the card: trip start, registration deadline, end of validity, due date, meeting start, interest expressed.
	Date   string `json:"date"`
	Status string `json:"status"`
} // @name WorkItem

// WorkSection is one card.
type WorkSection struct {
	Key   string     `json:"key" enums:"trips,interests,meetings,interests_waiting,agreements_expiring,registrations_closing,milestones_overdue"`
	Items []WorkItem `json:"items"`
} // @name WorkSection

// Work is the caller's "my work".
type Work struct {
	// member, coordinator, or empty (a viewer acts on nothing).
	For      string        `json:"for" enums:"member,coordinator,"`
	Sections []WorkSection `json:"sections"`
} // @name Work

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// getSummaryWork godoc
//
//	@Summary		My work
//	@Description	A member (a user of an organisation) gets its organisation's upcoming trips, its latest interests (sent or received) and its meetings at trips not yet over; a coordinator or admin what needs action: open interests waiting for an answer (oldest first), agreements expiring within 90 days, trips whose registration closes within 14 days, milestones overdue of running projects; a viewer no section. At most five items a section; no item carries a person's name or contact data.
//	@Tags			reports
//	@Produce		json
//	@Security		bearer
//	@Param			lang	query		string	false	"Language of titles written in several languages: de, en or ja"	default(de)
//	@Success		200		{object}	Work
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Router			/api/v1/summary/work [get]
func (s *server) getSummaryWork(c echo.Context) error {
	q := newQuery(c, "lang")
	lang := q.lang()
	if err := q.err(); err != nil {
		return err
	}
	w, err := summary.WorkFor(c.Request().Context(), s.DB, database.Now(), lang)
	if err != nil {
		return err
	}
	out := Work{For: w.For, Sections: []WorkSection{}}
	for _, sec := range w.Sections {
		items := []WorkItem{}
		for _, i := range sec.Items {
			items = append(items, WorkItem{Kind: i.Kind, ID: i.ID, ParentID: optString(i.ParentID), OpportunityID: optString(i.OpportunityID),
				Title: i.Title, Date: i.Date, Status: i.Status})
		}
		out.Sections = append(out.Sections, WorkSection{sec.Key, items})
	}
	return writeList(c, out)
}
