package api

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/labstack/echo/v4"
)

// importMaxBytes limits a CSV import: 10,000 organisations with
// descriptions fit comfortably.
const importMaxBytes = 20 << 20

// OrganisationImportReport is the result of a CSV import: every line's
// result and whether the changes were written.
type OrganisationImportReport struct {
	DryRun bool `json:"dry_run"`
	// Committed is true when the changes were written: not a dry run and
	// no line had an error. Otherwise nothing was written.
	Committed  bool                    `json:"committed"`
	Created    int                     `json:"created" example:"120"`
	Updated    int                     `json:"updated" example:"35"`
	Duplicates int                     `json:"duplicates" example:"2"`
	Errors     int                     `json:"errors" example:"0"`
	Rows       []OrganisationImportRow `json:"rows"`
} // @name OrganisationImportReport

// OrganisationImportRow is what became of one line of the file.
type OrganisationImportRow struct {
	// Line of the file where the record starts; the header is line 1.
	Line   int    `json:"line" example:"37"`
	Status string `json:"status" enums:"created,updated,duplicate,error"`
	// The organisation created or updated, or for a duplicate the one it
	// looks like; null for an error and for lines created by an import
	// that was not committed.
	ID     *string      `json:"id" format:"uuid" extensions:"x-nullable"`
	Name   string       `json:"name" example:"Example Biotech GmbH"`
	Errors []FieldError `json:"errors"` // by column; "row" for the line as a whole, "file" for the file
} // @name OrganisationImportRow

func importReportOut(r organisation.ImportReport, dryRun bool) OrganisationImportReport {
	rows := make([]OrganisationImportRow, len(r.Rows))
	for i, row := range r.Rows {
		var id *string
		if row.ID != "" {
			id = &row.ID
		}
		errs := fieldErrors(row.Errors)
		if errs == nil {
			errs = []FieldError{}
		}
		rows[i] = OrganisationImportRow{Line: row.Line, Status: row.Status, ID: id, Name: row.Name, Errors: errs}
	}
	return OrganisationImportReport{DryRun: dryRun, Committed: r.Committed, Created: r.Created, Updated: r.Updated,
		Duplicates: r.Duplicates, Errors: r.Errors, Rows: rows}
}

// importOrganisations godoc
//
//	@Summary		Import organisations from CSV
//	@Description	Send the file as the body (Content-Type: text/csv) or as the field "file" of a multipart/form-data form; at most 20 MiB. UTF-8 with or without BOM, or Shift_JIS. The first line names the columns (any order, any case): id, name, name_local, name_kana, short_name, kind, sme, employees, country, region, city, website, email, phone, focus_areas (codes separated by ";"), description_de, description_en, description_ja, archived — the columns of the CSV export; name, kind and country are required. A line updates the organisation with its id, else the one with the same name ignoring case, width, punctuation and legal form, else adds one; an update changes only the columns the file has. A line that looks like another organisation (same website host) is reported as duplicate and skipped.
//	@Description	All or nothing: when any line has an error, or with dry_run=true, nothing is written. The answer is always 200 with every line's result; committed says whether the changes were written.
//	@Tags			organisations
//	@Accept			text/csv
//	@Produce		json
//	@Security		bearer
//	@Param			dry_run	query		bool	false	"Check every line and report, without writing"	default(false)
//	@Param			body	body		string	true	"The CSV file"
//	@Success		200		{object}	OrganisationImportReport
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		412		{object}	Problem
//	@Failure		413		{object}	Problem
//	@Router			/api/v1/organisations/import [post]
func (s *server) importOrganisations(c echo.Context) error {
	q := newQuery(c, "dry_run")
	dry := q.boolean("dry_run")
	if err := q.err(); err != nil {
		return err
	}
	dryRun := dry != nil && *dry
	body, err := csvUpload(c)
	if err != nil {
		return err
	}
	// The body is read inside Import, after its permission check.
	rep, err := organisation.Import(c.Request().Context(), s.DB, body, dryRun)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return apperr.Wrap(err, apperr.TooLarge, "CSV imports are limited to 20 MiB; split the file")
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, importReportOut(rep, dryRun))
}

// csvUpload is the uploaded file: the body itself, or the field "file"
// of a multipart form, read no further than importMaxBytes.
func csvUpload(c echo.Context) (io.Reader, error) {
	req := c.Request()
	req.Body = http.MaxBytesReader(c.Response(), req.Body, importMaxBytes)
	mt, _, _ := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	switch mt {
	case "multipart/form-data":
		mr, err := req.MultipartReader()
		if err != nil {
			return nil, apperr.Wrap(err, apperr.BadRequest, "Malformed multipart/form-data body")
		}
		return &formFile{form: mr}, nil
	case "", "text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "application/octet-stream":
		return req.Body, nil
	default:
		return nil, apperr.New(apperr.BadRequest,
			`Content-Type must be text/csv (the file as the body) or multipart/form-data (the file in the field "file")`)
	}
}

// formFile reads the part named "file" of a multipart form, found on the
// first read.
type formFile struct {
	form *multipart.Reader
	part *multipart.Part
}

func (f *formFile) Read(p []byte) (int, error) {
	for f.part == nil {
		part, err := f.form.NextPart()
		if errors.Is(err, io.EOF) {
			return 0, apperr.New(apperr.BadRequest, `The form has no field "file" with the CSV file`)
		}
		if err != nil && tooLarge(err) {
			return 0, err
		}
		if err != nil {
			return 0, apperr.Wrap(err, apperr.BadRequest, "Malformed multipart/form-data body")
		}
		if part.FormName() == "file" {
			f.part = part
		}
	}
	return f.part.Read(p)
}

// tooLarge reports whether err is a body limit's: this route's or the
// server's.
func tooLarge(err error) bool {
	var mbe *http.MaxBytesError
	var he *echo.HTTPError
	return errors.As(err, &mbe) || (errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge)
}

// ImportColumn is a column of the organisation import.
type ImportColumn struct {
	Name     string `json:"name" example:"name"`
	Required bool   `json:"required"`
} // @name ImportColumn

// ImportColumns are the columns of the organisation import.
type ImportColumns struct {
	Columns []ImportColumn `json:"columns"`
} // @name ImportColumns

// listImportColumns godoc
//
//	@Summary		The columns of the organisation import
//	@Description	The columns a CSV import understands, required ones first: what a template's header names. A header cell may add a label in parentheses after the column's name ("kind (種別)"), so a template can be written in the reader's language. Every signed-in caller.
//	@Tags			organisations
//	@Produce		json
//	@Security		bearer
//	@Success		200	{object}	ImportColumns
//	@Failure		400	{object}	Problem
//	@Failure		401	{object}	Problem
//	@Router			/api/v1/organisations/import/columns [get]
func (s *server) listImportColumns(c echo.Context) error {
	if err := newQuery(c).err(); err != nil {
		return err
	}
	out := ImportColumns{Columns: []ImportColumn{}}
	for _, col := range organisation.ImportTemplateColumns() {
		out.Columns = append(out.Columns, ImportColumn{col.Name, col.Required})
	}
	return writeList(c, out)
}
