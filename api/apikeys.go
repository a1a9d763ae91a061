package api

import (
	"net/http"
	"time"

	"github.com/innomunich/platform/pkg/apikey"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/labstack/echo/v4"
)

// APIKey is an API key; its secret is never shown after creation.
type APIKey struct {
	ID             string     `json:"id" format:"uuid"`
	Name           string     `json:"name" example:"Osaka partner sync"`
	OrganisationID *string    `json:"organisation_id" format:"uuid" extensions:"x-nullable"`
	Role           string     `json:"role" enums:"coordinator,member,viewer"`
	Scopes         []string   `json:"scopes" example:"read,write:organisations"`
	ExternalSystem *string    `json:"external_system" example:"osaka-bhq" extensions:"x-nullable"`
	Prefix         string     `json:"prefix" example:"imk_Ab3dE9"`
	ExpiresAt      time.Time  `json:"expires_at" format:"date-time"`
	LastUsedAt     *time.Time `json:"last_used_at" format:"date-time" extensions:"x-nullable"`
	RevokedAt      *time.Time `json:"revoked_at" format:"date-time" extensions:"x-nullable"`
	Version        int        `json:"version" example:"1"`
	CreatedAt      time.Time  `json:"created_at" format:"date-time"`
	UpdatedAt      time.Time  `json:"updated_at" format:"date-time"`
} // @name APIKey

func apiKeyOut(k apikey.Key) APIKey {
	out := APIKey{ID: k.ID, Name: k.Name, OrganisationID: k.OrganisationID, Role: k.Role, Scopes: k.ScopeList(), Prefix: k.Prefix,
		ExpiresAt: k.ExpiresAt, LastUsedAt: k.LastUsedAt, RevokedAt: k.RevokedAt, Version: k.Version, CreatedAt: k.CreatedAt, UpdatedAt: k.UpdatedAt}
	if k.ExternalSystem != "" {
		system := k.ExternalSystem
		out.ExternalSystem = &system
	}
	return out
}

// APIKeyCreate creates an API key.
type APIKeyCreate struct {
	Name           string   `json:"name" example:"BMBF reporting script" minLength:"1" maxLength:"200"`
	OrganisationID *string  `json:"organisation_id,omitempty" format:"uuid"`
	Role           string   `json:"role" enums:"coordinator,member,viewer"`
	Scopes         []string `json:"scopes" example:"read"`
	// ExternalSystem restricts the key to writing the external ids of one
	// partner system (a region's sync key); fixed for the key's life.
	ExternalSystem string    `json:"external_system,omitempty" example:"osaka-bhq" maxLength:"50"`
	ExpiresAt      time.Time `json:"expires_at" format:"date-time"`
} // @name APIKeyCreate

// APIKeyCreated is the new key with its secret, shown only here.
type APIKeyCreated struct {
	APIKey
	Secret string `json:"secret" example:"imk_…"`
} // @name APIKeyCreated

// APIKeyPatch changes a key.
type APIKeyPatch struct {
	Name      opt.Field[string]    `json:"name,omitempty" swaggertype:"string" minLength:"1" maxLength:"200"`
	Scopes    opt.Field[[]string]  `json:"scopes,omitempty" swaggertype:"array,string"`
	ExpiresAt opt.Field[time.Time] `json:"expires_at,omitempty" swaggertype:"string" format:"date-time"`
} // @name APIKeyPatch

// listAPIKeys godoc
//
//	@Summary	List API keys
//	@Tags		api-keys
//	@Produce	json
//	@Security	bearer
//	@Param		limit	query		int		false	"Page size, 1–200"	default(50)
//	@Param		cursor	query		string	false	"next_cursor of the previous page"
//	@Param		sort	query		string	false	"created_at or name; prefix - for descending"	default(-created_at)
//	@Success	200		{object}	List[APIKey]
//	@Failure	400		{object}	Problem
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Router		/api/v1/api-keys [get]
func (s *server) listAPIKeys(c echo.Context) error {
	q := newQuery(c)
	p := q.page(apikey.Sort)
	if err := q.err(); err != nil {
		return err
	}
	rows, next, err := apikey.List(c.Request().Context(), s.DB, p)
	if err != nil {
		return err
	}
	return writeList(c, newList(rows, next, apiKeyOut))
}

// createAPIKey godoc
//
//	@Summary		Create an API key
//	@Description	The secret is in this response only; store it now. Use it as Authorization: Bearer imk_….
//	@Tags			api-keys
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			Idempotency-Key	header		string			false	"Makes a retry safe"
//	@Param			body			body		APIKeyCreate	true	"The key"
//	@Success		201				{object}	APIKeyCreated
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Router			/api/v1/api-keys [post]
func (s *server) createAPIKey(c echo.Context) error {
	var in APIKeyCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	k, secret, err := apikey.Create(c.Request().Context(), s.DB, apikey.New{
		Name: in.Name, OrganisationID: in.OrganisationID, Role: in.Role, Scopes: in.Scopes, ExternalSystem: in.ExternalSystem, ExpiresAt: in.ExpiresAt,
	})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/api-keys/"+k.ID)
	return writeOne(c, http.StatusCreated, k.Version, APIKeyCreated{APIKey: apiKeyOut(k), Secret: secret})
}

// getAPIKey godoc
//
//	@Summary	Get an API key
//	@Tags		api-keys
//	@Produce	json
//	@Security	bearer
//	@Param		id	path		string	true	"Key id"	format(uuid)
//	@Success	200	{object}	APIKey
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Router		/api/v1/api-keys/{id} [get]
func (s *server) getAPIKey(c echo.Context) error {
	id, err := pathID(c, "id", "API key")
	if err != nil {
		return err
	}
	k, err := apikey.Get(c.Request().Context(), s.DB, id)
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, k.Version, apiKeyOut(k))
}

// updateAPIKey godoc
//
//	@Summary	Change an API key's name, scopes or expiry
//	@Tags		api-keys
//	@Accept		json
//	@Produce	json
//	@Security	bearer
//	@Param		id			path		string		true	"Key id"	format(uuid)
//	@Param		If-Match	header		string		true	"ETag of the version changed"
//	@Param		body		body		APIKeyPatch	true	"Fields to change"
//	@Success	200			{object}	APIKey
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Router		/api/v1/api-keys/{id} [patch]
func (s *server) updateAPIKey(c echo.Context) error {
	id, version, err := target(c, "API key")
	if err != nil {
		return err
	}
	var in APIKeyPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	k, err := apikey.Update(c.Request().Context(), s.DB, id, version, apikey.Patch{Name: in.Name, Scopes: in.Scopes, ExpiresAt: in.ExpiresAt})
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, k.Version, apiKeyOut(k))
}

// revokeAPIKey godoc
//
//	@Summary		Revoke an API key
//	@Description	Takes effect at once. The key stays listed as revoked.
//	@Tags			api-keys
//	@Security		bearer
//	@Param			id			path	string	true	"Key id"	format(uuid)
//	@Param			If-Match	header	string	true	"ETag of the version revoked"
//	@Success		204
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Failure		409	{object}	Problem
//	@Failure		412	{object}	Problem
//	@Failure		428	{object}	Problem
//	@Router			/api/v1/api-keys/{id} [delete]
func (s *server) revokeAPIKey(c echo.Context) error {
	id, version, err := target(c, "API key")
	if err != nil {
		return err
	}
	if err := apikey.Revoke(c.Request().Context(), s.DB, id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
