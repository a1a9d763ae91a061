package api

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/merge"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/labstack/echo/v4"
)

// Organisation is a company, institute, cluster or agency of the directory.
type Organisation struct {
	ID          string   `json:"id" format:"uuid"`
	Name        string   `json:"name" example:"Osaka BioHeadquarters"`
	NameLocal   string   `json:"name_local" example:"大阪バイオ・ヘッドクォーター"`
	NameKana    string   `json:"name_kana" example:"オオサカバイオヘッドクォーター"`
	ShortName   string   `json:"short_name" example:"OBH"`
	Kind        string   `json:"kind"`
	SME         bool     `json:"sme"`
	Employees   *int     `json:"employees" extensions:"x-nullable"`
	Country     string   `json:"country" example:"JP"`
	Region      *string  `json:"region" example:"osaka" extensions:"x-nullable"`
	City        string   `json:"city" example:"Osaka"`
	Website     string   `json:"website" example:"https://www.example.org"`
	Email       string   `json:"email"`
	Phone       string   `json:"phone"`
	FocusAreas  []string `json:"focus_areas" example:"cell_gene_therapy"`
	Description Text     `json:"description"`
	Archived    bool     `json:"archived"`
	// Identifiers are the registry numbers it is known by, normalised.
	Identifiers OrganisationIdentifiers `json:"identifiers"`
	// ExternalIDs are the ids partner systems know it by, by system.
	ExternalIDs map[string]string `json:"external_ids" example:"osaka-bhq:OB-1234"`
	Version     int               `json:"version" example:"1"`
	CreatedAt   time.Time         `json:"created_at" format:"date-time"`
	UpdatedAt   time.Time         `json:"updated_at" format:"date-time"`
} // @name Organisation

func organisationOut(o organisation.Organisation) Organisation {
	fa := o.FocusAreas
	if fa == nil {
		fa = []string{}
	}
	return Organisation{ID: o.ID, Name: o.Name, NameLocal: o.NameLocal, NameKana: o.NameKana, ShortName: o.ShortName, Kind: o.Kind,
		SME: o.SME, Employees: o.Employees, Country: o.Country, Region: o.Region, City: o.City, Website: o.Website, Email: o.Email,
		Phone: o.Phone, FocusAreas: fa, Description: textOut(o.Description), Archived: o.Archived, Version: o.Version,
		CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt, Identifiers: identifiersOut(o.Identifiers), ExternalIDs: externalIDsOut(o.ExternalIDs)}
}

// CommercialRegister is an entry of a German Handelsregister, such as
// Amtsgericht München HRB 123456.
type CommercialRegister struct {
	Court  string `json:"court" example:"München" minLength:"2" maxLength:"100"`
	Type   string `json:"type" example:"HRB" maxLength:"3"` // HRA or HRB, any case
	Number string `json:"number" example:"123456" maxLength:"10"`
} // @name CommercialRegister

// OrganisationIdentifiers are an organisation's registry numbers; "" (or
// null for the register) where it has none. Each is unique in the
// directory.
type OrganisationIdentifiers struct {
	CorporateNumber    string              `json:"corporate_number" example:"7000012050002"`
	CommercialRegister *CommercialRegister `json:"commercial_register" extensions:"x-nullable"`
	VATID              string              `json:"vat_id" example:"DE129273398"`
	LEI                string              `json:"lei" example:"529900W18LQJJN6SJ336"`
	RORID              string              `json:"ror_id" example:"05591te55"`
} // @name OrganisationIdentifiers

// OrganisationIdentifiersCreate gives the identifiers of a new
// organisation: Japanese corporate number (法人番号), German commercial
// register, EU VAT id, LEI, ROR id (or its URL). Spaces, dots, dashes,
// full-width digits and case are normalised.
type OrganisationIdentifiersCreate struct {
	CorporateNumber    string              `json:"corporate_number,omitempty" example:"7000012050002" maxLength:"40"`
	CommercialRegister *CommercialRegister `json:"commercial_register,omitempty"`
	VATID              string              `json:"vat_id,omitempty" example:"DE129273398" maxLength:"40"`
	LEI                string              `json:"lei,omitempty" example:"529900W18LQJJN6SJ336" maxLength:"40"`
	RORID              string              `json:"ror_id,omitempty" example:"05591te55" maxLength:"100"`
} // @name OrganisationIdentifiersCreate

// OrganisationIdentifiersPatch changes identifiers (JSON merge patch:
// absent stays, null clears).
type OrganisationIdentifiersPatch struct {
	CorporateNumber    opt.Field[string]   `json:"corporate_number,omitempty" swaggertype:"string" maxLength:"40" extensions:"x-nullable"`
	CommercialRegister *CommercialRegister `json:"commercial_register,omitempty" extensions:"x-nullable"`
	VATID              opt.Field[string]   `json:"vat_id,omitempty" swaggertype:"string" maxLength:"40" extensions:"x-nullable"`
	LEI                opt.Field[string]   `json:"lei,omitempty" swaggertype:"string" maxLength:"40" extensions:"x-nullable"`
	RORID              opt.Field[string]   `json:"ror_id,omitempty" swaggertype:"string" maxLength:"100" extensions:"x-nullable"`
	registerSet        bool                // commercial_register was in the document (maybe null)
} // @name OrganisationIdentifiersPatch

// UnmarshalJSON reads null as "clear every identifier" and an object
// strictly (DisallowUnknownFields does not reach into an unmarshaler).
func (p *OrganisationIdentifiersPatch) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		cleared := opt.Field[string]{Set: true, Null: true}
		*p = OrganisationIdentifiersPatch{CorporateNumber: cleared, VATID: cleared, LEI: cleared, RORID: cleared, registerSet: true}
		return nil
	}
	type fields OrganisationIdentifiersPatch
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode((*fields)(p)); err != nil {
		return err
	}
	var present map[string]json.RawMessage
	if err := json.Unmarshal(b, &present); err != nil {
		return err
	}
	_, p.registerSet = present["commercial_register"]
	return nil
}

func (p OrganisationIdentifiersPatch) in() organisation.IdentifiersPatch {
	out := organisation.IdentifiersPatch{CorporateNumber: p.CorporateNumber, VATID: p.VATID, LEI: p.LEI, RORID: p.RORID}
	if p.registerSet {
		out.Register = opt.Field[organisation.Register]{Set: true, Null: p.CommercialRegister == nil, Value: registerIn(p.CommercialRegister)}
	}
	return out
}

func registerIn(r *CommercialRegister) organisation.Register {
	if r == nil {
		return organisation.Register{}
	}
	return organisation.Register{Court: r.Court, Type: r.Type, Number: r.Number}
}

func identifiersIn(in *OrganisationIdentifiersCreate) organisation.Identifiers {
	if in == nil {
		return organisation.Identifiers{}
	}
	return organisation.Identifiers{CorporateNumber: in.CorporateNumber, Register: registerIn(in.CommercialRegister), VATID: in.VATID, LEI: in.LEI, RORID: in.RORID}
}

func identifiersOut(i organisation.Identifiers) OrganisationIdentifiers {
	out := OrganisationIdentifiers{CorporateNumber: i.CorporateNumber, VATID: i.VATID, LEI: i.LEI, RORID: i.RORID}
	if !i.Register.Empty() {
		out.CommercialRegister = &CommercialRegister{Court: i.Register.Court, Type: i.Register.Type, Number: i.Register.Number}
	}
	return out
}

func externalIDsOut(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func textIn(t Text) i18n.Text { return i18n.Text{De: t.De, En: t.En, Ja: t.Ja} }

// OrganisationCreate adds an organisation.
type OrganisationCreate struct {
	Name        string                         `json:"name" example:"Example Biotech GmbH" minLength:"1" maxLength:"200"`
	NameLocal   string                         `json:"name_local,omitempty" maxLength:"200"`
	NameKana    string                         `json:"name_kana,omitempty" maxLength:"200"`
	ShortName   string                         `json:"short_name,omitempty" maxLength:"50"`
	Kind        string                         `json:"kind"`
	SME         bool                           `json:"sme,omitempty"`
	Employees   *int                           `json:"employees,omitempty" minimum:"0" maximum:"10000000"`
	Country     string                         `json:"country" example:"DE" pattern:"^[A-Za-z]{2}$"`
	Region      *string                        `json:"region,omitempty" example:"bavaria"`
	City        string                         `json:"city,omitempty" maxLength:"100"`
	Website     string                         `json:"website,omitempty" maxLength:"500"`
	Email       string                         `json:"email,omitempty"`
	Phone       string                         `json:"phone,omitempty" maxLength:"50"`
	FocusAreas  []string                       `json:"focus_areas,omitempty"`
	Description Text                           `json:"description,omitempty"`
	Identifiers *OrganisationIdentifiersCreate `json:"identifiers,omitempty"`
	// ExternalIDs are the ids partner systems know it by: system name
	// (lowercase slug) → id (1–200 characters); each unique per system.
	ExternalIDs map[string]string `json:"external_ids,omitempty" example:"osaka-bhq:OB-1234"`
} // @name OrganisationCreate

// OrganisationPatch changes an organisation (JSON merge patch).
type OrganisationPatch struct {
	Name        opt.Field[string]            `json:"name,omitempty" swaggertype:"string" minLength:"1" maxLength:"200"`
	NameLocal   opt.Field[string]            `json:"name_local,omitempty" swaggertype:"string" maxLength:"200"`
	NameKana    opt.Field[string]            `json:"name_kana,omitempty" swaggertype:"string" maxLength:"200"`
	ShortName   opt.Field[string]            `json:"short_name,omitempty" swaggertype:"string" maxLength:"50"`
	Kind        opt.Field[string]            `json:"kind,omitempty" swaggertype:"string"`
	SME         opt.Field[bool]              `json:"sme,omitempty" swaggertype:"boolean"`
	Employees   opt.Field[int]               `json:"employees,omitempty" swaggertype:"integer" extensions:"x-nullable" minimum:"0" maximum:"10000000"`
	Country     opt.Field[string]            `json:"country,omitempty" swaggertype:"string" pattern:"^[A-Za-z]{2}$"`
	Region      opt.Field[string]            `json:"region,omitempty" swaggertype:"string" extensions:"x-nullable"`
	City        opt.Field[string]            `json:"city,omitempty" swaggertype:"string" maxLength:"100"`
	Website     opt.Field[string]            `json:"website,omitempty" swaggertype:"string" maxLength:"500"`
	Email       opt.Field[string]            `json:"email,omitempty" swaggertype:"string"`
	Phone       opt.Field[string]            `json:"phone,omitempty" swaggertype:"string" maxLength:"50"`
	FocusAreas  opt.Field[[]string]          `json:"focus_areas,omitempty" swaggertype:"array,string"`
	Description TextPatch                    `json:"description,omitempty"`
	Archived    opt.Field[bool]              `json:"archived,omitempty" swaggertype:"boolean"`
	Identifiers OrganisationIdentifiersPatch `json:"identifiers,omitempty"`
	// ExternalIDs is a merge patch of the external ids: an id sets the
	// system's, null removes it; null for the whole removes them all.
	ExternalIDs opt.Field[map[string]*string] `json:"external_ids,omitempty" swaggertype:"object,string" extensions:"x-nullable" example:"kawasaki-crm:K-77"`
} // @name OrganisationPatch

func (in OrganisationPatch) patch() organisation.Patch {
	return organisation.Patch{
		Name: in.Name, NameLocal: in.NameLocal, NameKana: in.NameKana, ShortName: in.ShortName, Kind: in.Kind, Country: in.Country,
		City: in.City, Website: in.Website, Email: in.Email, Phone: in.Phone, Region: in.Region, SME: in.SME, Archived: in.Archived,
		Employees: in.Employees, Description: in.Description.in(), FocusAreas: in.FocusAreas, Identifiers: in.Identifiers.in(),
		ExternalIDs: in.ExternalIDs,
	}
}

// MergeRequest names the duplicate to merge into the organisation.
type MergeRequest struct {
	DuplicateID string `json:"duplicate_id" format:"uuid" format:"uuid"`
} // @name MergeRequest

// organisationFilter reads the list filters shared by the list and its export.
func organisationFilter(q *query) organisation.Filter {
	f := organisation.Filter{
		Country: q.country("country"), Region: q.str("region"), Kind: q.oneOf("kind", organisation.Kinds...),
		FocusAreas: q.c.QueryParams()["focus_area"], SME: q.boolean("sme"), UpdatedSince: q.instant("updated_since"), Q: q.str("q"),
		ExternalID: q.externalID("external_id"),
	}
	if a := q.boolean("archived"); a != nil {
		f.Archived = *a
	}
	return f
}

var organisationParams = []string{"country", "region", "kind", "focus_area", "sme", "archived", "updated_since", "q", "format", "external_id"}

// listOrganisations godoc
//
//	@Summary		List or export organisations
//	@Description	q finds names in Latin and Japanese script and their kana reading, short names and descriptions, ignoring case and full/half width. With format=csv or Accept: text/csv the whole filtered list streams as CSV (UTF-8 with BOM, for spreadsheets).
//	@Tags			organisations
//	@Produce		json
//	@Produce		text/csv
//	@Security		bearer
//	@Param			country			query		string		false	"ISO 3166-1 alpha-2 code"	example(JP)
//	@Param			region			query		string		false	"Region code"	example(osaka)
//	@Param			kind			query		string		false	"Kind"
//	@Param			focus_area		query		[]string	false	"Focus area code; repeat for any of several"	collectionFormat(multi)
//	@Param			sme				query		bool		false	"SMEs only (true) or none (false)"
//	@Param			archived		query		bool		false	"Archived organisations instead of active ones"	default(false)
//	@Param			updated_since	query		string		false	"Changed at or after (RFC 3339)"	format(date-time)
//	@Param			q				query		string		false	"Search text"	example(大阪)
//	@Param			external_id		query		string		false	"system:id, the organisation a partner system knows by that id"	example(osaka-bhq:OB-1234)
//	@Param			format			query		string		false	"csv for a CSV export"
//	@Param			limit			query		int			false	"Page size, 1–200"	default(50)
//	@Param			cursor			query		string		false	"next_cursor of the previous page"
//	@Param			sort			query		string		false	"name, name_kana, created_at or updated_at; prefix - for descending"	default(name)
//	@Success		200				{object}	List[Organisation]
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Router			/api/v1/organisations [get]
func (s *server) listOrganisations(c echo.Context) error {
	q := newQuery(c, organisationParams...)
	f := organisationFilter(q)
	p := q.page(organisation.Sort)
	csvWanted := wantsCSV(c, q)
	if err := q.err(); err != nil {
		return err
	}
	if csvWanted {
		return s.exportOrganisations(c, f, q.str("sort"))
	}
	rows, next, err := organisation.List(c.Request().Context(), s.DB, f, p)
	if err != nil {
		return err
	}
	return writeList(c, newList(rows, next, organisationOut))
}

// wantsCSV reports whether the caller asks for CSV (format=csv or Accept: text/csv).
func wantsCSV(c echo.Context, q *query) bool {
	format := q.oneOf("format", "json", "csv")
	return format == "csv" || (format == "" && strings.Contains(c.Request().Header.Get(echo.HeaderAccept), "text/csv"))
}

func (s *server) exportOrganisations(c echo.Context, f organisation.Filter, sort string) error {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	h.Set(echo.HeaderContentDisposition, `attachment; filename="organisations.csv"`)
	c.Response().WriteHeader(http.StatusOK)
	_, _ = c.Response().Write([]byte("\ufeff")) // spreadsheets read UTF-8 only with a BOM
	w := csv.NewWriter(c.Response())
	_ = w.Write(organisation.ImportColumns) // so an edited export imports back
	n := 0
	err := organisation.Each(c.Request().Context(), s.DB, f, sort, func(o organisation.Organisation) error {
		emp, region := "", ""
		if o.Employees != nil {
			emp = strconv.Itoa(*o.Employees)
		}
		if o.Region != nil {
			region = *o.Region
		}
		cells := []string{o.ID, o.Name, o.NameLocal, o.NameKana, o.ShortName, o.Kind, strconv.FormatBool(o.SME), emp, o.Country, region,
			o.City, o.Website, o.Email, o.Phone, strings.Join(o.FocusAreas, ";"), o.Description.De, o.Description.En, o.Description.Ja,
			strconv.FormatBool(o.Archived), o.CorporateNumber, o.Register.String(), o.VATID, o.LEI, o.RORID}
		for i, v := range cells {
			cells[i] = organisation.ExportCell(v) // no formulas when opened in a spreadsheet
		}
		if err := w.Write(cells); err != nil {
			return err
		}
		if n++; n%200 == 0 {
			w.Flush()
			c.Response().Flush()
		}
		return w.Error()
	})
	w.Flush()
	if err != nil {
		// The status is sent; all that is left is to log and cut the stream.
		s.Logger.ErrorContext(c.Request().Context(), "export failed", "error", err.Error())
	}
	return nil
}

// createOrganisation godoc
//
//	@Summary		Add an organisation
//	@Description	A likely duplicate (same name ignoring case, width, punctuation and legal form such as GmbH, AG, K.K., 株式会社; or same website host) is 409 with duplicate_of; coordinators may pass allow_duplicate=true. An identifier (corporate number, commercial register, VAT id, LEI, ROR id) another organisation has is 409 with duplicate_of whatever the name: the same number is the same organisation. An external id another organisation has is 409 with other_id. An API key restricted to one external system may set only that system's external ids (403).
//	@Tags			organisations
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			allow_duplicate	query		bool				false	"Create even if it looks like a duplicate"
//	@Param			Idempotency-Key	header		string				false	"Makes a retry safe"
//	@Param			body			body		OrganisationCreate	true	"The organisation"
//	@Success		201				{object}	Organisation
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		409				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Router			/api/v1/organisations [post]
func (s *server) createOrganisation(c echo.Context) error {
	q := newQuery(c, "allow_duplicate")
	allow := q.boolean("allow_duplicate")
	if err := q.err(); err != nil {
		return err
	}
	var in OrganisationCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	o, err := organisation.Create(c.Request().Context(), s.DB, organisation.Organisation{
		Name: in.Name, NameLocal: in.NameLocal, NameKana: in.NameKana, ShortName: in.ShortName, Kind: in.Kind, SME: in.SME,
		Employees: in.Employees, Country: in.Country, Region: in.Region, City: in.City, Website: in.Website, Email: in.Email,
		Phone: in.Phone, FocusAreas: in.FocusAreas, Description: textIn(in.Description),
		Identifiers: identifiersIn(in.Identifiers), ExternalIDs: in.ExternalIDs,
	}, allow != nil && *allow)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/organisations/"+o.ID)
	return writeOne(c, http.StatusCreated, o.Version, organisationOut(o))
}

// getOrganisation godoc
//
//	@Summary	Get an organisation
//	@Tags		organisations
//	@Produce	json
//	@Security	bearer
//	@Param		id	path		string	true	"Organisation id"	format(uuid)
//	@Success	200	{object}	Organisation
//	@Failure	401	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Router		/api/v1/organisations/{id} [get]
func (s *server) getOrganisation(c echo.Context) error {
	id, err := pathID(c, "id", "organisation")
	if err != nil {
		return err
	}
	o, err := organisation.Get(c.Request().Context(), s.DB, id)
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, o.Version, organisationOut(o))
}

// updateOrganisation godoc
//
//	@Summary		Change an organisation
//	@Description	Coordinators change any organisation, members their own. Archive with archived: true.
//	@Tags			organisations
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string				true	"Organisation id"	format(uuid)
//	@Param			If-Match	header		string				true	"ETag of the version changed"
//	@Param			body		body		OrganisationPatch	true	"Fields to change (JSON merge patch)"
//	@Success		200			{object}	Organisation
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/organisations/{id} [patch]
func (s *server) updateOrganisation(c echo.Context) error {
	id, version, err := target(c, "organisation")
	if err != nil {
		return err
	}
	var in OrganisationPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	o, err := organisation.Update(c.Request().Context(), s.DB, id, version, in.patch())
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, o.Version, organisationOut(o))
}

// deleteOrganisation godoc
//
//	@Summary		Delete an organisation
//	@Description	Only when nothing refers to it; otherwise 409 with references (archive it instead).
//	@Tags			organisations
//	@Security		bearer
//	@Param			id			path	string	true	"Organisation id"	format(uuid)
//	@Param			If-Match	header	string	true	"ETag of the version deleted"
//	@Success		204
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Failure		409	{object}	Problem
//	@Failure		412	{object}	Problem
//	@Failure		428	{object}	Problem
//	@Router			/api/v1/organisations/{id} [delete]
func (s *server) deleteOrganisation(c echo.Context) error {
	id, version, err := target(c, "organisation")
	if err != nil {
		return err
	}
	if err := organisation.Delete(c.Request().Context(), s.DB, id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// mergeOrganisation godoc
//
//	@Summary		Merge a duplicate into this organisation
//	@Description	Moves people, users, API keys, agreement parties, trip organisers, agenda items, registrations, project partners, fundings, opportunities and expressions of interest from the duplicate to this organisation in one transaction, adds its focus areas, and archives the duplicate. Every moved record gets a new version (ETag) and a "merge" event in the audit log.
//	@Tags			organisations
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string			true	"Organisation kept"	format(uuid)
//	@Param			If-Match	header		string			true	"ETag of the kept organisation"
//	@Param			body		body		MergeRequest	true	"The duplicate"
//	@Success		200			{object}	Organisation
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/organisations/{id}/merge [post]
func (s *server) mergeOrganisation(c echo.Context) error {
	id, version, err := target(c, "organisation")
	if err != nil {
		return err
	}
	var in MergeRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	o, err := merge.Organisations(c.Request().Context(), s.DB, id, in.DuplicateID, version)
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, o.Version, organisationOut(o))
}

// upsertOrganisation godoc
//
//	@Summary		Create or update an organisation by its external id
//	@Description	For a partner's nightly sync: the organisation that the partner system calls id is updated with the fields of the body (absent fields keep their value), or, if none has that external id, the one sharing an identifier with the body gains it and is updated, or else a new one is created (201 with Location; the duplicate check applies: 409 with duplicate_of). The same body again changes nothing and keeps the version (200). If-Match is optional: with it, the organisation must exist at that version (412 otherwise). An API key restricted to an external system may upsert only by that system's ids (403).
//	@Tags			organisations
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			system		path		string				true	"External system, a lowercase slug"	example(osaka-bhq)
//	@Param			external_id	path		string				true	"The id in that system"	example(OB-1234)
//	@Param			If-Match	header		string				false	"ETag of the version changed (optional)"
//	@Param			body		body		OrganisationPatch	true	"Fields to set (absent fields keep their value); name, kind and country are needed to create"
//	@Success		200			{object}	Organisation
//	@Success		201			{object}	Organisation
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Router			/api/v1/organisations/by-external-id/{system}/{external_id} [put]
func (s *server) upsertOrganisation(c echo.Context) error {
	system, id, version, err := externalTarget(c)
	if err != nil {
		return err
	}
	var in OrganisationPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	o, created, err := organisation.Upsert(c.Request().Context(), s.DB, system, id, version, in.patch())
	if err != nil {
		return err
	}
	if created {
		c.Response().Header().Set(echo.HeaderLocation, "/api/v1/organisations/"+o.ID)
		return writeOne(c, http.StatusCreated, o.Version, organisationOut(o))
	}
	return writeOne(c, http.StatusOK, o.Version, organisationOut(o))
}
