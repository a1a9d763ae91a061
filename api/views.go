package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/view"
	"github.com/labstack/echo/v4"
)

// SavedView is one of the caller's saved views of a list: its filters and
// order as the list page's query string.
type SavedView struct {
	ID   string `json:"id" format:"uuid"`
	List string `json:"list"`
	Name string `json:"name" example:"Japanese pharma"`
	// Query is the list page's query string without the leading '?'; the
	// view is the page /<list>?<query>.
	Query     string    `json:"query" example:"country=JP&kind=pharma&sort=-updated_at"`
	Version   int       `json:"version" example:"1"`
	CreatedAt time.Time `json:"created_at" format:"date-time"`
	UpdatedAt time.Time `json:"updated_at" format:"date-time"`
} // @name SavedView

func savedViewOut(v view.View) SavedView {
	return SavedView{ID: v.ID, List: v.List, Name: v.Name, Query: v.Query, Version: v.Version, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt}
}

// SavedViewCreate saves a view.
type SavedViewCreate struct {
	List string `json:"list"`
	// Name is unique among the caller's views of the list.
	Name string `json:"name" example:"Japanese pharma" minLength:"1" maxLength:"200"`
	// Query is the list's query string (a leading '?' is dropped); no
	// cursor or include.
	Query string `json:"query,omitempty" example:"country=JP&kind=pharma" maxLength:"2000"`
} // @name SavedViewCreate

// SavedViewPatch renames a view or gives it another query.
type SavedViewPatch struct {
	Name  opt.Field[string] `json:"name,omitempty" swaggertype:"string" minLength:"1" maxLength:"200"`
	Query opt.Field[string] `json:"query,omitempty" swaggertype:"string" maxLength:"2000"`
} // @name SavedViewPatch

// listViews godoc
//
//	@Summary		List my saved views of a list
//	@Description	The caller's saved views of one list page, by name. Saved views belong to users; API keys have none (403).
//	@Tags			views
//	@Produce		json
//	@Security		bearer
//	@Param			list	query		string	true	"The list page"
//	@Param			limit	query		int		false	"Page size, 1–200"	default(50)
//	@Param			cursor	query		string	false	"next_cursor of the previous page"
//	@Param			sort	query		string	false	"name or created_at; prefix - for descending"	default(name)
//	@Success		200		{object}	List[SavedView]
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Router			/api/v1/views [get]
func (s *server) listViews(c echo.Context) error {
	q := newQuery(c, "list")
	list := q.oneOf("list", view.Lists...)
	if list == "" {
		q.bad.Add("list", "is required: one of %s", strings.Join(view.Lists, ", "))
	}
	p := q.page(view.Sort)
	if err := q.err(); err != nil {
		return err
	}
	rows, next, err := view.List(c.Request().Context(), s.DB, list, p)
	if err != nil {
		return err
	}
	return writeList(c, newList(rows, next, savedViewOut))
}

// createView godoc
//
//	@Summary		Save a view
//	@Description	Saves the caller's filters and order of a list under a name; 409 when the caller has a view of that name for the list already, or has 100 views of the list (then the problem carries max_views).
//	@Tags			views
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			Idempotency-Key	header		string			false	"Makes a retry safe"
//	@Param			body			body		SavedViewCreate	true	"The view"
//	@Success		201				{object}	SavedView
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		409				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Router			/api/v1/views [post]
func (s *server) createView(c echo.Context) error {
	var in SavedViewCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	v, err := view.Create(c.Request().Context(), s.DB, view.New{List: in.List, Name: in.Name, Query: in.Query})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/views/"+v.ID)
	return writeOne(c, http.StatusCreated, v.Version, savedViewOut(v))
}

// getView godoc
//
//	@Summary	Get one of my saved views
//	@Tags		views
//	@Produce	json
//	@Security	bearer
//	@Param		id	path		string	true	"View id"	format(uuid)
//	@Success	200	{object}	SavedView
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Router		/api/v1/views/{id} [get]
func (s *server) getView(c echo.Context) error {
	id, err := pathID(c, "id", "saved view")
	if err != nil {
		return err
	}
	v, err := view.Get(c.Request().Context(), s.DB, id)
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, v.Version, savedViewOut(v))
}

// updateView godoc
//
//	@Summary	Rename one of my saved views or change its query
//	@Tags		views
//	@Accept		json
//	@Produce	json
//	@Security	bearer
//	@Param		id			path		string			true	"View id"	format(uuid)
//	@Param		If-Match	header		string			true	"ETag of the version changed"
//	@Param		body		body		SavedViewPatch	true	"Fields to change"
//	@Success	200			{object}	SavedView
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Router		/api/v1/views/{id} [patch]
func (s *server) updateView(c echo.Context) error {
	id, version, err := target(c, "saved view")
	if err != nil {
		return err
	}
	var in SavedViewPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	v, err := view.Update(c.Request().Context(), s.DB, id, version, view.Patch{Name: in.Name, Query: in.Query})
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, v.Version, savedViewOut(v))
}

// deleteView godoc
//
//	@Summary	Delete one of my saved views
//	@Tags		views
//	@Security	bearer
//	@Param		id			path	string	true	"View id"	format(uuid)
//	@Param		If-Match	header	string	true	"ETag of the version deleted"
//	@Success	204
//	@Failure	400	{object}	Problem
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Failure	412	{object}	Problem
//	@Failure	428	{object}	Problem
//	@Router		/api/v1/views/{id} [delete]
func (s *server) deleteView(c echo.Context) error {
	id, version, err := target(c, "saved view")
	if err != nil {
		return err
	}
	if err := view.Delete(c.Request().Context(), s.DB, id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
