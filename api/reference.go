package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"time"

	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/reference"
	"github.com/labstack/echo/v4"
)

// Text is a text in up to three languages.
type Text struct {
	De string `json:"de,omitempty" example:"Bayern"`
	En string `json:"en,omitempty" example:"Bavaria"`
	Ja string `json:"ja,omitempty" example:"バイエルン"`
} // @name Text

func textOut(t i18n.Text) Text { return Text{De: t.De, En: t.En, Ja: t.Ja} }

func (t Text) in() i18n.Text { return i18n.Text{De: t.De, En: t.En, Ja: t.Ja} }

// TextPatch changes some languages of a text (JSON merge patch): an absent
// language stays, null clears it.
type TextPatch struct {
	De opt.Field[string] `json:"de,omitempty" swaggertype:"string" extensions:"x-nullable" example:"Bayern"`
	En opt.Field[string] `json:"en,omitempty" swaggertype:"string" extensions:"x-nullable" example:"Bavaria"`
	Ja opt.Field[string] `json:"ja,omitempty" swaggertype:"string" extensions:"x-nullable" example:"バイエルン"`
} // @name TextPatch

// UnmarshalJSON reads null as "clear every language" (which a required
// text then refuses) and an object strictly: the request decoder's
// DisallowUnknownFields does not reach into a custom unmarshaler.
func (t *TextPatch) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		cleared := opt.Field[string]{Set: true, Null: true}
		*t = TextPatch{De: cleared, En: cleared, Ja: cleared}
		return nil
	}
	type fields TextPatch
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode((*fields)(t))
}

func (t TextPatch) in() i18n.TextPatch { return i18n.TextPatch{De: t.De, En: t.En, Ja: t.Ja} }

// Region is a partner region.
type Region struct {
	ID        string    `json:"id" format:"uuid"`
	Code      string    `json:"code" example:"osaka"`
	Country   string    `json:"country" example:"JP"`
	Name      Text      `json:"name"`
	Version   int       `json:"version" example:"1"`
	CreatedAt time.Time `json:"created_at" format:"date-time"`
	UpdatedAt time.Time `json:"updated_at" format:"date-time"`
} // @name Region

// FocusArea is a thematic focus of the network.
type FocusArea struct {
	ID        string    `json:"id" format:"uuid"`
	Code      string    `json:"code" example:"cell_gene_therapy"`
	Name      Text      `json:"name"`
	Version   int       `json:"version" example:"1"`
	CreatedAt time.Time `json:"created_at" format:"date-time"`
	UpdatedAt time.Time `json:"updated_at" format:"date-time"`
} // @name FocusArea

// Funder is a funding body such as BMBF or AMED.
type Funder struct {
	ID        string    `json:"id" format:"uuid"`
	Code      string    `json:"code" example:"amed"`
	Country   string    `json:"country" example:"JP"`
	Name      Text      `json:"name"`
	Version   int       `json:"version" example:"1"`
	CreatedAt time.Time `json:"created_at" format:"date-time"`
	UpdatedAt time.Time `json:"updated_at" format:"date-time"`
} // @name Funder

// RegionCreate adds a region.
type RegionCreate struct {
	// Stable and unchangeable: 2–64 of a–z, 0–9 and _, starting with a letter.
	Code string `json:"code" example:"yokohama" pattern:"^[a-z][a-z0-9_]{1,63}$"`
	// ISO 3166-1 alpha-2, in capitals.
	Country string `json:"country" example:"JP"`
	// At least one language; each at most 200 characters.
	Name Text `json:"name"`
} // @name RegionCreate

// RegionPatch changes a region; its code never changes.
type RegionPatch struct {
	// ISO 3166-1 alpha-2, in capitals.
	Country opt.Field[string] `json:"country,omitempty" swaggertype:"string" minLength:"1" example:"JP"`
	Name    TextPatch         `json:"name,omitempty"`
} // @name RegionPatch

// FocusAreaCreate adds a focus area.
type FocusAreaCreate struct {
	// Stable and unchangeable: 2–64 of a–z, 0–9 and _, starting with a letter.
	Code string `json:"code" example:"regenerative_medicine" pattern:"^[a-z][a-z0-9_]{1,63}$"`
	// At least one language; each at most 200 characters.
	Name Text `json:"name"`
} // @name FocusAreaCreate

// FocusAreaPatch changes a focus area; its code never changes.
type FocusAreaPatch struct {
	Name TextPatch `json:"name,omitempty"`
} // @name FocusAreaPatch

// FunderCreate adds a funder.
type FunderCreate struct {
	// Stable and unchangeable: 2–64 of a–z, 0–9 and _, starting with a letter.
	Code string `json:"code" example:"bayfor" pattern:"^[a-z][a-z0-9_]{1,63}$"`
	// ISO 3166-1 alpha-2, or EU for the European Union.
	Country string `json:"country" example:"DE"`
	// At least one language; each at most 200 characters.
	Name Text `json:"name"`
} // @name FunderCreate

// FunderPatch changes a funder; its code never changes.
type FunderPatch struct {
	// ISO 3166-1 alpha-2, or EU for the European Union.
	Country opt.Field[string] `json:"country,omitempty" swaggertype:"string" minLength:"1" example:"DE"`
	Name    TextPatch         `json:"name,omitempty"`
} // @name FunderPatch

func (in RegionCreate) entry() reference.New {
	return reference.New{Code: in.Code, Country: in.Country, Name: in.Name.in()}
}

func (in FocusAreaCreate) entry() reference.New {
	return reference.New{Code: in.Code, Name: in.Name.in()}
}

func (in FunderCreate) entry() reference.New {
	return reference.New{Code: in.Code, Country: in.Country, Name: in.Name.in()}
}

func (in RegionPatch) patch() reference.Patch {
	return reference.Patch{Country: in.Country, Name: in.Name.in()}
}

func (in FocusAreaPatch) patch() reference.Patch { return reference.Patch{Name: in.Name.in()} }

func (in FunderPatch) patch() reference.Patch {
	return reference.Patch{Country: in.Country, Name: in.Name.in()}
}

func regionOut(e reference.Entry) Region {
	return Region{ID: e.ID, Code: e.Code, Country: e.Country, Name: textOut(e.Name), Version: e.Version, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
}

func focusAreaOut(e reference.Entry) FocusArea {
	return FocusArea{ID: e.ID, Code: e.Code, Name: textOut(e.Name), Version: e.Version, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
}

func funderOut(e reference.Entry) Funder {
	return Funder{ID: e.ID, Code: e.Code, Country: e.Country, Name: textOut(e.Name), Version: e.Version, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
}

// listReference serves the list of one kind of reference data.
func listReference[T any](s *server, c echo.Context, k reference.Kind, convert func(reference.Entry) T) error {
	known := []string{}
	if k.HasCountry {
		known = append(known, "country")
	}
	q := newQuery(c, known...)
	f := reference.Filter{Country: q.country("country")}
	p := q.page(reference.Sort)
	if err := q.err(); err != nil {
		return err
	}
	rows, next, err := reference.List(c.Request().Context(), s.DB, k, f, p)
	if err != nil {
		return err
	}
	return writeList(c, newList(rows, next, convert))
}

func getReference[T any](s *server, c echo.Context, k reference.Kind, convert func(reference.Entry) T) error {
	e, err := reference.Get(c.Request().Context(), s.DB, k, c.Param("code"))
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, e.Version, convert(e))
}

// createReference adds an entry of one kind; collection is the URL of its list.
func createReference[In interface{ entry() reference.New }, T any](s *server, c echo.Context, k reference.Kind, collection string, convert func(reference.Entry) T) error {
	var in In
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	e, err := reference.Create(c.Request().Context(), s.DB, k, in.entry())
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, collection+"/"+e.Code)
	return writeOne(c, http.StatusCreated, e.Version, convert(e))
}

func updateReference[In interface{ patch() reference.Patch }, T any](s *server, c echo.Context, k reference.Kind, convert func(reference.Entry) T) error {
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in In
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	e, err := reference.Update(c.Request().Context(), s.DB, k, c.Param("code"), version, in.patch())
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, e.Version, convert(e))
}

func deleteReference(s *server, c echo.Context, k reference.Kind) error {
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	if err := reference.Delete(c.Request().Context(), s.DB, k, c.Param("code"), version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// listRegions godoc
//
//	@Summary	List regions
//	@Tags		reference
//	@Produce	json
//	@Security	bearer
//	@Param		country	query		string	false	"ISO 3166-1 alpha-2 code"	example(JP)
//	@Param		limit	query		int		false	"Page size, 1–200"	default(50)
//	@Param		cursor	query		string	false	"next_cursor of the previous page"
//	@Param		sort	query		string	false	"code, created_at or updated_at; prefix - for descending"	default(code)
//	@Success	200		{object}	List[Region]
//	@Failure	400		{object}	Problem
//	@Failure	401		{object}	Problem
//	@Router		/api/v1/regions [get]
func (s *server) listRegions(c echo.Context) error {
	return listReference(s, c, reference.Regions, regionOut)
}

// getRegion godoc
//
//	@Summary	Get a region by its code
//	@Tags		reference
//	@Produce	json
//	@Security	bearer
//	@Param		code	path		string	true	"Region code"	example(osaka)
//	@Success	200		{object}	Region
//	@Header		200		{string}	ETag	"The version, quoted"
//	@Failure	401		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Router		/api/v1/regions/{code} [get]
func (s *server) getRegion(c echo.Context) error {
	return getReference(s, c, reference.Regions, regionOut)
}

// listFocusAreas godoc
//
//	@Summary	List focus areas
//	@Tags		reference
//	@Produce	json
//	@Security	bearer
//	@Param		limit	query		int		false	"Page size, 1–200"	default(50)
//	@Param		cursor	query		string	false	"next_cursor of the previous page"
//	@Param		sort	query		string	false	"code, created_at or updated_at; prefix - for descending"	default(code)
//	@Success	200		{object}	List[FocusArea]
//	@Failure	400		{object}	Problem
//	@Failure	401		{object}	Problem
//	@Router		/api/v1/focus-areas [get]
func (s *server) listFocusAreas(c echo.Context) error {
	return listReference(s, c, reference.FocusAreas, focusAreaOut)
}

// getFocusArea godoc
//
//	@Summary	Get a focus area by its code
//	@Tags		reference
//	@Produce	json
//	@Security	bearer
//	@Param		code	path		string	true	"Focus area code"	example(cell_gene_therapy)
//	@Success	200		{object}	FocusArea
//	@Header		200		{string}	ETag	"The version, quoted"
//	@Failure	401		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Router		/api/v1/focus-areas/{code} [get]
func (s *server) getFocusArea(c echo.Context) error {
	return getReference(s, c, reference.FocusAreas, focusAreaOut)
}

// listFunders godoc
//
//	@Summary	List funders
//	@Tags		reference
//	@Produce	json
//	@Security	bearer
//	@Param		country	query		string	false	"ISO 3166-1 alpha-2 code"	example(DE)
//	@Param		limit	query		int		false	"Page size, 1–200"	default(50)
//	@Param		cursor	query		string	false	"next_cursor of the previous page"
//	@Param		sort	query		string	false	"code, created_at or updated_at; prefix - for descending"	default(code)
//	@Success	200		{object}	List[Funder]
//	@Failure	400		{object}	Problem
//	@Failure	401		{object}	Problem
//	@Router		/api/v1/funders [get]
func (s *server) listFunders(c echo.Context) error {
	return listReference(s, c, reference.Funders, funderOut)
}

// getFunder godoc
//
//	@Summary	Get a funder by its code
//	@Tags		reference
//	@Produce	json
//	@Security	bearer
//	@Param		code	path		string	true	"Funder code"	example(bmbf)
//	@Success	200		{object}	Funder
//	@Header		200		{string}	ETag	"The version, quoted"
//	@Failure	401		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Router		/api/v1/funders/{code} [get]
func (s *server) getFunder(c echo.Context) error {
	return getReference(s, c, reference.Funders, funderOut)
}

// createRegion godoc
//
//	@Summary		Add a region
//	@Description	Admins only. The country is an ISO 3166-1 alpha-2 code.
//	@Tags			reference
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			Idempotency-Key	header		string			false	"Makes a retry safe"
//	@Param			body			body		RegionCreate	true	"The region"
//	@Success		201				{object}	Region
//	@Header			201				{string}	Location	"URL of the new region"
//	@Header			201				{string}	ETag		"The version, quoted"
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		409				{object}	Problem	"A region with this code exists already"
//	@Failure		422				{object}	Problem
//	@Router			/api/v1/regions [post]
func (s *server) createRegion(c echo.Context) error {
	return createReference[RegionCreate](s, c, reference.Regions, "/api/v1/regions", regionOut)
}

// updateRegion godoc
//
//	@Summary		Change a region
//	@Description	Admins only. The code never changes: other records store it.
//	@Tags			reference
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			code		path		string			true	"Region code"	example(osaka)
//	@Param			If-Match	header		string			true	"ETag of the version changed"
//	@Param			body		body		RegionPatch	true	"Fields to change (JSON merge patch)"
//	@Success		200			{object}	Region
//	@Header			200			{string}	ETag	"The version, quoted"
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/regions/{code} [patch]
func (s *server) updateRegion(c echo.Context) error {
	return updateReference[RegionPatch](s, c, reference.Regions, regionOut)
}

// deleteRegion godoc
//
//	@Summary		Remove a region
//	@Description	Admins only. A region that other records still refer to cannot be removed (409).
//	@Tags			reference
//	@Security		bearer
//	@Param			code		path	string	true	"Region code"	example(osaka)
//	@Param			If-Match	header	string	true	"ETag of the version removed"
//	@Success		204
//	@Failure		400	{object}	Problem
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Failure		409	{object}	Problem	"Still referenced"
//	@Failure		412	{object}	Problem
//	@Failure		428	{object}	Problem
//	@Router			/api/v1/regions/{code} [delete]
func (s *server) deleteRegion(c echo.Context) error {
	return deleteReference(s, c, reference.Regions)
}

// createFocusArea godoc
//
//	@Summary		Add a focus area
//	@Description	Admins only. Focus areas have no country.
//	@Tags			reference
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			Idempotency-Key	header		string			false	"Makes a retry safe"
//	@Param			body			body		FocusAreaCreate	true	"The focus area"
//	@Success		201				{object}	FocusArea
//	@Header			201				{string}	Location	"URL of the new focus area"
//	@Header			201				{string}	ETag		"The version, quoted"
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		409				{object}	Problem	"A focus area with this code exists already"
//	@Failure		422				{object}	Problem
//	@Router			/api/v1/focus-areas [post]
func (s *server) createFocusArea(c echo.Context) error {
	return createReference[FocusAreaCreate](s, c, reference.FocusAreas, "/api/v1/focus-areas", focusAreaOut)
}

// updateFocusArea godoc
//
//	@Summary		Change a focus area
//	@Description	Admins only. The code never changes: other records store it.
//	@Tags			reference
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			code		path		string			true	"Focus area code"	example(cell_gene_therapy)
//	@Param			If-Match	header		string			true	"ETag of the version changed"
//	@Param			body		body		FocusAreaPatch	true	"Fields to change (JSON merge patch)"
//	@Success		200			{object}	FocusArea
//	@Header			200			{string}	ETag	"The version, quoted"
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/focus-areas/{code} [patch]
func (s *server) updateFocusArea(c echo.Context) error {
	return updateReference[FocusAreaPatch](s, c, reference.FocusAreas, focusAreaOut)
}

// deleteFocusArea godoc
//
//	@Summary		Remove a focus area
//	@Description	Admins only. A focus area that other records still refer to cannot be removed (409).
//	@Tags			reference
//	@Security		bearer
//	@Param			code		path	string	true	"Focus area code"	example(cell_gene_therapy)
//	@Param			If-Match	header	string	true	"ETag of the version removed"
//	@Success		204
//	@Failure		400	{object}	Problem
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Failure		409	{object}	Problem	"Still referenced"
//	@Failure		412	{object}	Problem
//	@Failure		428	{object}	Problem
//	@Router			/api/v1/focus-areas/{code} [delete]
func (s *server) deleteFocusArea(c echo.Context) error {
	return deleteReference(s, c, reference.FocusAreas)
}

// createFunder godoc
//
//	@Summary		Add a funder
//	@Description	Admins only. The country is an ISO 3166-1 alpha-2 code, or EU for the European Union.
//	@Tags			reference
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			Idempotency-Key	header		string			false	"Makes a retry safe"
//	@Param			body			body		FunderCreate	true	"The funder"
//	@Success		201				{object}	Funder
//	@Header			201				{string}	Location	"URL of the new funder"
//	@Header			201				{string}	ETag		"The version, quoted"
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		409				{object}	Problem	"A funder with this code exists already"
//	@Failure		422				{object}	Problem
//	@Router			/api/v1/funders [post]
func (s *server) createFunder(c echo.Context) error {
	return createReference[FunderCreate](s, c, reference.Funders, "/api/v1/funders", funderOut)
}

// updateFunder godoc
//
//	@Summary		Change a funder
//	@Description	Admins only. The code never changes: other records store it.
//	@Tags			reference
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			code		path		string			true	"Funder code"	example(amed)
//	@Param			If-Match	header		string			true	"ETag of the version changed"
//	@Param			body		body		FunderPatch	true	"Fields to change (JSON merge patch)"
//	@Success		200			{object}	Funder
//	@Header			200			{string}	ETag	"The version, quoted"
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/funders/{code} [patch]
func (s *server) updateFunder(c echo.Context) error {
	return updateReference[FunderPatch](s, c, reference.Funders, funderOut)
}

// deleteFunder godoc
//
//	@Summary		Remove a funder
//	@Description	Admins only. A funder that other records still refer to cannot be removed (409).
//	@Tags			reference
//	@Security		bearer
//	@Param			code		path	string	true	"Funder code"	example(amed)
//	@Param			If-Match	header	string	true	"ETag of the version removed"
//	@Success		204
//	@Failure		400	{object}	Problem
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Failure		409	{object}	Problem	"Still referenced"
//	@Failure		412	{object}	Problem
//	@Failure		428	{object}	Problem
//	@Router			/api/v1/funders/{code} [delete]
func (s *server) deleteFunder(c echo.Context) error {
	return deleteReference(s, c, reference.Funders)
}
