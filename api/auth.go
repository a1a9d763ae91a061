package api

import (
	"net/http"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/user"
	"github.com/labstack/echo/v4"
)

// LoginRequest signs in with e-mail and password.
type LoginRequest struct {
	Email    string `json:"email" example:"coordinator@biom.example"`
	Password string `json:"password" example:"correct horse battery staple"`
} // @name LoginRequest

// RefreshRequest carries a refresh token.
type RefreshRequest struct {
	RefreshToken string `json:"refresh_token" example:"imr_…"`
} // @name RefreshRequest

// TokenResponse is the result of a sign-in or refresh.
type TokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type" example:"Bearer"`
	ExpiresIn    int    `json:"expires_in" example:"900"`
	RefreshToken string `json:"refresh_token" example:"imr_…"`
} // @name TokenResponse

// SetPasswordRequest chooses a password with a one-time token.
type SetPasswordRequest struct {
	Token    string `json:"token" example:"ims_…"`
	Password string `json:"password"`
} // @name SetPasswordRequest

// JWKS is the set of public keys that verify access tokens.
type JWKS struct {
	Keys []JWK `json:"keys"`
} // @name JWKS

// JWK is one Ed25519 public key (RFC 8037).
type JWK struct {
	Kty string `json:"kty" example:"OKP"`
	Crv string `json:"crv" example:"Ed25519"`
	X   string `json:"x"`
	Kid string `json:"kid"`
	Alg string `json:"alg" example:"EdDSA"`
	Use string `json:"use" example:"sig"`
} // @name JWK

func tokensOut(t user.Tokens) TokenResponse {
	return TokenResponse{AccessToken: t.AccessToken, TokenType: "Bearer", ExpiresIn: t.ExpiresIn, RefreshToken: t.RefreshToken}
}

// login godoc
//
//	@Summary		Sign in
//	@Description	Returns a 15-minute access token (EdDSA-signed JWT) and a refresh token. A wrong e-mail and a wrong password answer alike. Failures are throttled per account and client address and per client address (429 with Retry-After); an account under attack from many addresses is slowed down, never locked, so its owner can still sign in.
//	@Tags			auth
//	@Accept			json
//	@Produce		json
//	@Param			body	body		LoginRequest	true	"Credentials"
//	@Success		200		{object}	TokenResponse
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		429		{object}	Problem
//	@Router			/api/v1/auth/login [post]
func (s *server) login(c echo.Context) error {
	var in LoginRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	t, err := user.Login(c.Request().Context(), s.DB, s.Keys, in.Email, in.Password, c.RealIP())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, tokensOut(t))
}

// refresh godoc
//
//	@Summary		Exchange a refresh token for new tokens
//	@Description	The refresh token is rotated: the one sent is used up. Sending a used one again revokes the whole sign-in.
//	@Tags			auth
//	@Accept			json
//	@Produce		json
//	@Param			body	body		RefreshRequest	true	"Refresh token"
//	@Success		200		{object}	TokenResponse
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Router			/api/v1/auth/refresh [post]
func (s *server) refresh(c echo.Context) error {
	var in RefreshRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	t, err := user.Refresh(c.Request().Context(), s.DB, s.Keys, in.RefreshToken)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, tokensOut(t))
}

// logout godoc
//
//	@Summary		Sign out: revoke the sign-in of a refresh token
//	@Description	An unknown or already revoked token is 204 too; a missing one is 422.
//	@Tags			auth
//	@Accept			json
//	@Param			body	body	RefreshRequest	true	"Refresh token"
//	@Success		204
//	@Failure		400	{object}	Problem
//	@Failure		422	{object}	Problem
//	@Router			/api/v1/auth/logout [post]
func (s *server) logout(c echo.Context) error {
	var in RefreshRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if in.RefreshToken == "" {
		// Not 204: a client that lost its token must not believe it signed out.
		return apperr.Fields{{Field: "refresh_token", Message: "is required"}}.Err()
	}
	if err := user.Logout(c.Request().Context(), s.DB, in.RefreshToken); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// setPassword godoc
//
//	@Summary		Choose a password with a one-time token
//	@Description	The token comes from an admin who created the account or reset its password without giving one.
//	@Tags			auth
//	@Accept			json
//	@Param			body	body	SetPasswordRequest	true	"Token and new password"
//	@Success		204
//	@Failure		400	{object}	Problem
//	@Failure		401	{object}	Problem
//	@Failure		422	{object}	Problem
//	@Router			/api/v1/auth/set-password [post]
func (s *server) setPassword(c echo.Context) error {
	var in SetPasswordRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if err := user.SetPasswordWithToken(c.Request().Context(), s.DB, in.Token, in.Password); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// jwks godoc
//
//	@Summary	Public keys that verify access tokens
//	@Tags		auth
//	@Produce	json
//	@Success	200	{object}	JWKS
//	@Router		/.well-known/jwks.json [get]
func (s *server) jwks(c echo.Context) error {
	keys := s.Keys.JWKS()
	out := JWKS{Keys: make([]JWK, len(keys))}
	for i, k := range keys {
		out.Keys[i] = JWK(k)
	}
	return writeList(c, out)
}

// Me is the signed-in caller.
type Me struct {
	Kind           string   `json:"kind" enums:"user,api_key" example:"user"`
	ID             string   `json:"id" format:"uuid"`
	Name           string   `json:"name" example:"coordinator@biom.example"`
	Role           string   `json:"role"`
	OrganisationID *string  `json:"organisation_id" format:"uuid" extensions:"x-nullable"`
	Scopes         []string `json:"scopes"`
	User           *User    `json:"user,omitempty"`
} // @name Me

// me godoc
//
//	@Summary	Who am I
//	@Tags		auth
//	@Produce	json
//	@Security	bearer
//	@Success	200	{object}	Me
//	@Failure	401	{object}	Problem
//	@Router		/api/v1/me [get]
func (s *server) me(c echo.Context) error {
	ctx := c.Request().Context()
	p := auth.From(ctx)
	out := Me{Kind: p.Kind, ID: p.ID, Name: p.Name, Role: p.Role, Scopes: p.Scopes}
	if p.OrganisationID != "" {
		out.OrganisationID = &p.OrganisationID
	}
	if p.Kind == auth.KindUser {
		u, err := user.Get(ctx, s.DB, p.ID)
		if err != nil {
			return err
		}
		uo := userOut(u)
		out.User = &uo
		out.Scopes = auth.Scopes
		return writeOne(c, http.StatusOK, u.Version, out)
	}
	return writeList(c, out)
}

// MePatch changes the caller's own profile.
type MePatch struct {
	DisplayName opt.Field[string] `json:"display_name,omitempty" swaggertype:"string" minLength:"1" maxLength:"200"`
	Locale      opt.Field[string] `json:"locale,omitempty" swaggertype:"string"`
} // @name MePatch

// updateMe godoc
//
//	@Summary	Change my display name or language
//	@Tags		auth
//	@Accept		json
//	@Produce	json
//	@Security	bearer
//	@Param		If-Match	header		string	true	"ETag of the version changed"
//	@Param		body		body		MePatch	true	"Fields to change"
//	@Success	200			{object}	User
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Router		/api/v1/me [patch]
func (s *server) updateMe(c echo.Context) error {
	if auth.From(c.Request().Context()).Kind != auth.KindUser {
		return apperr.New(apperr.Forbidden, "API keys have no profile")
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in MePatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u, err := user.UpdateSelf(c.Request().Context(), s.DB, version, in.DisplayName, in.Locale)
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, u.Version, userOut(u))
}

// PasswordChange changes the caller's password.
type PasswordChange struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
} // @name PasswordChange

// changePassword godoc
//
//	@Summary		Change my password
//	@Description	Needs the current password; ends every sign-in of the user (refresh and access tokens). Wrong current passwords are throttled like sign-ins (429 with Retry-After). A guessable new password is 422 with a code saying why (password_common, password_personal, …).
//	@Tags			auth
//	@Accept			json
//	@Security		bearer
//	@Param			body	body	PasswordChange	true	"Current and new password"
//	@Success		204
//	@Failure		400	{object}	Problem
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		422	{object}	Problem
//	@Failure		429	{object}	Problem
//	@Router			/api/v1/me/password [post]
func (s *server) changePassword(c echo.Context) error {
	var in PasswordChange
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if err := user.ChangePassword(c.Request().Context(), s.DB, in.CurrentPassword, in.NewPassword, c.RealIP()); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
