package api

import (
	"net/http"
	"time"

	"github.com/innomunich/platform/pkg/i18n"
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
	return c.JSON(http.StatusOK, newList(rows, next, convert))
}

func getReference[T any](s *server, c echo.Context, k reference.Kind, convert func(reference.Entry) T) error {
	e, err := reference.Get(c.Request().Context(), s.DB, k, c.Param("code"))
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, e.Version, convert(e))
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
