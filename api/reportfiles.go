package api

import (
	"bytes"
	"net/http"
	"slices"
	"strings"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/report"
	"github.com/labstack/echo/v4"
)

// The report in files: the same tables as the JSON, as CSV (one table),
// a ZIP of CSVs (every table) or XLSX (a sheet per table and a trend
// chart), named in the language asked for.

// reportFileParams are the query parameters of the file formats (lang,
// which JSON reads too, is read by query.lang).
var reportFileParams = []string{"format", "table"}

// reportMediaTypes are the formats besides JSON and their media types,
// which an Accept header may name instead of format=.
var reportMediaTypes = []struct{ format, mediaType string }{
	{"xlsx", report.XLSXContentType},
	{"zip", "application/zip"},
	{"csv", "text/csv"},
}

// reportFileRequest is what a report request asks for besides the period.
type reportFileRequest struct {
	format string // json, csv, zip or xlsx
	lang   string // the language of names: de, en or ja
	table  string // format csv: the table's key
}

// readReportFile reads format= (json, csv, zip, xlsx; else the Accept
// header), lang= (de, en, ja; German, the funder's language, by default)
// and table= (which table a CSV holds; required for csv, and only there).
func readReportFile(c echo.Context, q *query) reportFileRequest {
	r := reportFileRequest{format: q.oneOf("format", "json", "csv", "zip", "xlsx"), lang: q.lang(), table: q.str("table")}
	if r.format == "" {
		accept := c.Request().Header.Get(echo.HeaderAccept)
		r.format = "json"
		for _, m := range reportMediaTypes {
			if strings.Contains(accept, m.mediaType) {
				r.format = m.format
				break
			}
		}
	}
	switch {
	case r.format == "csv" && r.table == "":
		q.bad.Add("table", "is required with format=csv: the key of one table, such as trips_by_kind (format=zip gives them all)")
	case r.format != "csv" && r.table != "":
		q.bad.Add("table", "is only for format=csv")
	}
	return r
}

// sendReportFile writes the KPIs in a file format. trend computes the
// years charted on the XLSX's summary sheet (called for XLSX only; nil:
// no trend, as for a frozen report, whose other years are not frozen).
func (s *server) sendReportFile(c echo.Context, r reportFileRequest, k report.KPIs, trend func() (report.Table, error)) error {
	ctx := c.Request().Context()
	ref, err := report.LoadReferenceNames(ctx, s.DB)
	if err != nil {
		return err
	}
	names := report.NewNames(r.lang, ref)
	tables := k.Tables()
	base := "report-" + strings.ReplaceAll(k.Period.Key, "..", "_")
	// The file is built in memory before the status is sent, so that a
	// failure is still a problem response (a report is a few hundred
	// rows, not a table export).
	var b bytes.Buffer
	var mediaType, name string
	switch r.format {
	case "csv":
		i := slices.IndexFunc(tables, func(t report.Table) bool { return t.Key == r.table })
		if i < 0 {
			keys := make([]string, len(tables))
			for j, t := range tables {
				keys[j] = t.Key
			}
			var bad apperr.Fields
			bad.Add("table", "must be one of %s", strings.Join(keys, ", "))
			return bad.ErrWith(apperr.BadRequest)
		}
		err = report.WriteCSV(&b, tables[i], names)
		mediaType, name = "text/csv; charset=utf-8", base+"-"+r.table+".csv"
	case "zip":
		err = report.WriteZIP(&b, tables, names)
		mediaType, name = "application/zip", base+".zip"
	default:
		wb := report.Workbook{Period: names.PeriodLabel(k.Period), Tables: tables}
		if trend != nil {
			t, err := trend()
			if err != nil {
				return err
			}
			wb.Trend = &t
		}
		err = report.WriteXLSX(&b, wb, names)
		mediaType, name = report.XLSXContentType, base+".xlsx"
	}
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	return c.Blob(http.StatusOK, mediaType, b.Bytes())
}
