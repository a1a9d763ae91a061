package api

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/report"
	"github.com/labstack/echo/v4"
)

// The network's reports: the KPIs of a period (a German budget year, a
// Japanese fiscal year or a date range), and frozen reports that keep
// them as they were. Policy lives in pkg/report.

// FrozenReport is a report as a coordinator froze it.
type FrozenReport struct {
	ID     string       `json:"id" format:"uuid"`
	Period ReportPeriod `json:"period"`
	// Lang is the language the report was computed in (titles of opportunities).
	Lang string `json:"lang" example:"de"`
	// Hash is the sha256 (hex) of the canonical JSON of the figures.
	Hash          string    `json:"hash" example:"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`
	CreatedBy     *string   `json:"created_by" format:"uuid" extensions:"x-nullable"`
	CreatedByName string    `json:"created_by_name"`
	CreatedAt     time.Time `json:"created_at" format:"date-time"`
	// Figures are the frozen KPIs; left out of lists.
	Figures *ReportKPIs `json:"figures,omitempty"`
	// Changes are the figures that differ now, with compare=current; else left out.
	Changes []ReportChange `json:"changes,omitempty"`
} // @name FrozenReport

// FreezeReport asks for a report to be frozen: a period, or from and to.
type FreezeReport struct {
	Period string `json:"period,omitempty" example:"2025"`
	From   string `json:"from,omitempty" format:"date"`
	To     string `json:"to,omitempty" format:"date"`
	// Lang of the titles in the figures; de by default.
	Lang string `json:"lang,omitempty" enums:"de,en,ja"`
} // @name FreezeReport

func frozenOut(f report.Frozen) FrozenReport {
	p := f.Period()
	return FrozenReport{ID: f.ID, Period: ReportPeriod{Key: p.Key, Kind: p.Kind, From: p.From, To: p.To, TimeZone: p.TimeZone}, Lang: f.Lang, Hash: f.Hash, CreatedBy: f.CreatedBy, CreatedByName: f.CreatedByName, CreatedAt: f.CreatedAt}
}

func frozenWithFigures(f report.Frozen) (FrozenReport, error) {
	out := frozenOut(f)
	k, err := f.KPIs()
	if err != nil {
		return out, err
	}
	figures, err := reportOut(k)
	out.Figures = &figures
	return out, err
}

// lang reads lang=de|en|ja, German by default (the funder's language).
func (q *query) lang() string {
	if l := q.oneOf("lang", report.Languages...); l != "" {
		return l
	}
	return "de"
}

// getReportKPIs godoc
//
//	@Summary		The KPIs of a period
//	@Description	Directory, trips, agreements, opportunities and interests, projects, funding and the funnel, counted in the database for a German budget year (period=2025: the calendar year, dates compared in Europe/Berlin), a Japanese fiscal year (period=FY2025: 2025-04-01 to 2026-03-31, in Asia/Tokyo) or from/to dates (Europe/Berlin). Coordinators, admins and viewers; API keys need the reports:read scope. docs/reporting.md defines every figure.
//	@Tags			reports
//	@Produce		json
//	@Produce		application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
//	@Produce		application/zip
//	@Produce		text/csv
//	@Security		bearer
//	@Param			period	query		string	false	"2025 (budget year) or FY2025 (fiscal year); or give from and to"
//	@Param			from	query		string	false	"First day, YYYY-MM-DD"	format(date)
//	@Param			to		query		string	false	"Last day, YYYY-MM-DD"	format(date)
//	@Param			lang	query		string	false	"Language of titles; in the files also of sheets, columns and codes: de, en or ja"	default(de)
//	@Param			format	query		string	false	"json; xlsx (a sheet per table and a summary sheet with the five-year trend); zip (a CSV per table); csv (one table, see table). Without it the Accept header's media type decides"	Enums(json, xlsx, zip, csv)
//	@Param			table	query		string	false	"With format=csv (required there): the key of the table, such as trips_by_kind"
//	@Param			include	query		string	false	"trend: with JSON, also the five-year trend up to the period (trips held, participants, agreements signed, projects initiated per year)"	Enums(trend)
//	@Success		200		{object}	ReportKPIs
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Router			/api/v1/reports/kpis [get]
func (s *server) getReportKPIs(c echo.Context) error {
	q := newQuery(c, append([]string{"period", "from", "to", "lang", "include"}, reportFileParams...)...)
	lang := q.lang()
	file := readReportFile(c, q)
	trend := q.oneOf("include", "trend") == "trend"
	if err := q.err(); err != nil {
		return err
	}
	p, err := report.ParsePeriod(q.str("period"), q.str("from"), q.str("to"))
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	k, err := report.KPIsFor(ctx, s.DB, p, lang)
	if err != nil {
		return err
	}
	if file.format != "json" {
		return s.sendReportFile(c, file, k, func() (report.Table, error) { return report.TrendFor(ctx, s.DB, k) })
	}
	out, err := reportOut(k)
	if err != nil {
		return err
	}
	if trend {
		years, err := report.TrendYearsFor(ctx, s.DB, k)
		if err != nil {
			return err
		}
		out.Trend = trendOut(years)
	}
	return writeList(c, out)
}

// freezeReport godoc
//
//	@Summary		Freeze a report
//	@Description	Computes the KPIs of the period and stores them with the period, the time, the user and a sha256 hash, audited. Frozen reports never change and are never deleted. Signed-in coordinators and admins only.
//	@Tags			reports
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			Idempotency-Key	header		string			false	"Makes a retry safe"
//	@Param			body			body		FreezeReport	true	"The period"
//	@Success		201				{object}	FrozenReport
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Router			/api/v1/reports [post]
func (s *server) freezeReport(c echo.Context) error {
	var in FreezeReport
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	lang := in.Lang
	if lang == "" {
		lang = "de"
	}
	if !slices.Contains(report.Languages, lang) {
		var bad apperr.Fields
		bad.Add("lang", "must be one of %s", strings.Join(report.Languages, ", "))
		return bad.ErrWith(apperr.BadRequest)
	}
	p, err := report.ParsePeriod(in.Period, in.From, in.To)
	if err != nil {
		return err
	}
	f, err := report.Freeze(c.Request().Context(), s.DB, p, lang)
	if err != nil {
		return err
	}
	out, err := frozenWithFigures(f)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/reports/"+f.ID)
	return c.JSON(http.StatusCreated, out)
}

// listReports godoc
//
//	@Summary		Frozen reports, newest first
//	@Description	Without their figures. Coordinators, admins and viewers; API keys need the reports:read scope.
//	@Tags			reports
//	@Produce		json
//	@Security		bearer
//	@Param			period	query		string	false	"Only the reports of this period key (2025, FY2025, 2025-01-01..2025-06-30)"
//	@Param			limit	query		int		false	"Page size, 1–200"	default(50)
//	@Param			cursor	query		string	false	"next_cursor of the previous page"
//	@Param			sort	query		string	false	"created_at or period; prefix - for descending"	default(-created_at)
//	@Success		200		{object}	List[FrozenReport]
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Router			/api/v1/reports [get]
func (s *server) listReports(c echo.Context) error {
	q := newQuery(c, "period")
	p := q.page(report.Sort)
	if err := q.err(); err != nil {
		return err
	}
	rows, next, err := report.List(c.Request().Context(), s.DB, q.str("period"), p)
	if err != nil {
		return err
	}
	return writeList(c, newList(rows, next, frozenOut))
}

// getReport godoc
//
//	@Summary		A frozen report
//	@Description	The frozen figures; with compare=current also the figures that differ from what the data says now for the same period (records corrected since), as {path, frozen, current}. Coordinators, admins and viewers; API keys need the reports:read scope.
//	@Tags			reports
//	@Produce		json
//	@Produce		application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
//	@Produce		application/zip
//	@Produce		text/csv
//	@Security		bearer
//	@Param			id		path		string	true	"Report id"	format(uuid)
//	@Param			compare	query		string	false	"current: list the differences to the data now (JSON only)"	Enums(current)
//	@Param			format	query		string	false	"json; xlsx, zip or csv: the frozen figures as files, as for /api/v1/reports/kpis (without the trend, whose other years are not frozen)"	Enums(json, xlsx, zip, csv)
//	@Param			lang	query		string	false	"With a file format: the language of sheets, columns and codes"	default(de)
//	@Param			table	query		string	false	"With format=csv (required there): the key of the table"
//	@Success		200		{object}	FrozenReport
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Router			/api/v1/reports/{id} [get]
func (s *server) getReport(c echo.Context) error {
	q := newQuery(c, append([]string{"compare", "lang"}, reportFileParams...)...)
	compare := q.oneOf("compare", "current")
	file := readReportFile(c, q)
	if compare != "" && file.format != "json" {
		q.bad.Add("compare", "is for JSON only; the files hold the frozen figures")
	}
	if err := q.err(); err != nil {
		return err
	}
	id, err := pathID(c, "id", "report")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	f, err := report.Get(ctx, s.DB, id)
	if err != nil {
		return err
	}
	if file.format != "json" {
		k, err := f.KPIs()
		if err != nil {
			return err
		}
		return s.sendReportFile(c, file, k, nil)
	}
	out, err := frozenWithFigures(f)
	if err != nil {
		return err
	}
	if compare == "current" {
		changes, err := report.Compare(ctx, s.DB, f)
		if err != nil {
			return err
		}
		out.Changes = make([]ReportChange, len(changes))
		for i, ch := range changes {
			out.Changes[i] = ReportChange(ch)
		}
	}
	return writeOne(c, http.StatusOK, 1, out)
}
