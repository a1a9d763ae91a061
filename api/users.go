package api

import (
	"context"
	"net/http"
	"time"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/user"
	"github.com/labstack/echo/v4"
)

// User is an account.
type User struct {
	ID             string    `json:"id" format:"uuid"`
	Email          string    `json:"email" example:"coordinator@biom.example"`
	DisplayName    string    `json:"display_name" example:"Anna Berger"`
	Role           string    `json:"role"`
	OrganisationID *string   `json:"organisation_id" format:"uuid" extensions:"x-nullable"`
	Locale         string    `json:"locale"`
	Disabled       bool      `json:"disabled"`
	Version        int       `json:"version" example:"1"`
	CreatedAt      time.Time `json:"created_at" format:"date-time"`
	UpdatedAt      time.Time `json:"updated_at" format:"date-time"`
} // @name User

func userOut(u user.User) User {
	return User{ID: u.ID, Email: u.Email, DisplayName: u.DisplayName, Role: u.Role, OrganisationID: u.OrganisationID,
		Locale: u.Locale, Disabled: u.Disabled, Version: u.Version, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

// UserCreate creates an account.
type UserCreate struct {
	Email          string  `json:"email" example:"member@example-biotech.example"`
	DisplayName    string  `json:"display_name" example:"Taro Yamada" minLength:"1" maxLength:"200"`
	Role           string  `json:"role"`
	OrganisationID *string `json:"organisation_id,omitempty" format:"uuid"`
	// Locale is en when left out.
	Locale *string `json:"locale,omitempty"`
	// Without a password the user is sent an invitation e-mail with a
	// set-password link (kept in the outbox without an SMTP server, and
	// then the response carries the one-time set_password_token too).
	Password string `json:"password,omitempty"`
} // @name UserCreate

// UserCreated is the new account and, when no password was given and no
// SMTP server is configured, its one-time set-password token (shown only
// here; with an SMTP server it is only in the invitation e-mail).
type UserCreated struct {
	User
	SetPasswordToken string `json:"set_password_token,omitempty"`
} // @name UserCreated

// UserPatch changes an account.
type UserPatch struct {
	DisplayName    opt.Field[string] `json:"display_name,omitempty" swaggertype:"string" minLength:"1" maxLength:"200"`
	Role           opt.Field[string] `json:"role,omitempty" swaggertype:"string"`
	OrganisationID opt.Field[string] `json:"organisation_id,omitempty" swaggertype:"string" format:"uuid" extensions:"x-nullable"`
	Locale         opt.Field[string] `json:"locale,omitempty" swaggertype:"string"`
	Disabled       opt.Field[bool]   `json:"disabled,omitempty" swaggertype:"boolean"`
} // @name UserPatch

// PasswordReset resets a user's password.
type PasswordReset struct {
	// Without a password the response carries a one-time set_password_token.
	Password string `json:"password,omitempty"`
} // @name PasswordReset

// PasswordResetResult carries the one-time token when one was made.
type PasswordResetResult struct {
	SetPasswordToken string `json:"set_password_token,omitempty"`
} // @name PasswordResetResult

// listUsers godoc
//
//	@Summary	List users
//	@Tags		users
//	@Produce	json
//	@Security	bearer
//	@Param		role		query		string	false	"Role"
//	@Param		disabled	query		bool	false	"Disabled or not"
//	@Param		q			query		string	false	"Part of e-mail or display name"
//	@Param		limit		query		int		false	"Page size, 1–200"	default(50)
//	@Param		cursor		query		string	false	"next_cursor of the previous page"
//	@Param		sort		query		string	false	"email, created_at or updated_at; prefix - for descending"	default(email)
//	@Success	200			{object}	List[User]
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Router		/api/v1/users [get]
func (s *server) listUsers(c echo.Context) error {
	q := newQuery(c, "role", "disabled", "q")
	f := user.Filter{Role: q.oneOf("role", auth.Roles...), Disabled: q.boolean("disabled"), Q: q.str("q")}
	p := q.page(user.Sort)
	if err := q.err(); err != nil {
		return err
	}
	rows, next, err := user.List(c.Request().Context(), s.DB, f, p)
	if err != nil {
		return err
	}
	return writeList(c, newList(rows, next, userOut))
}

// createUser godoc
//
//	@Summary		Create a user
//	@Description	Without a password the user gets an invitation e-mail with a set-password link, in their language.
//	@Tags			users
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			Idempotency-Key	header		string		false	"Makes a retry safe"
//	@Param			body			body		UserCreate	true	"The account"
//	@Success		201				{object}	UserCreated
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		409				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Router			/api/v1/users [post]
func (s *server) createUser(c echo.Context) error {
	var in UserCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	// Left out, the locale is the default; given, it must be one.
	locale := ""
	if in.Locale != nil {
		if locale = *in.Locale; locale == "" {
			return apperr.Fields{{Field: "locale", Message: "must be de, en or ja"}}.Err()
		}
	}
	var u user.User
	var token string
	err := s.DB.WithTx(c.Request().Context(), func(ctx context.Context) (err error) {
		u, token, err = user.Create(ctx, s.DB, user.New{
			Email: in.Email, DisplayName: in.DisplayName, Role: in.Role, OrganisationID: in.OrganisationID, Locale: locale, Password: in.Password,
		})
		if err != nil || token == "" {
			return err
		}
		return s.queueSetPasswordMail(ctx, "invitation", u, token)
	})
	if err != nil {
		return err
	}
	if s.Config.SMTPURL != "" {
		token = "" // it is in the invitation, and only there
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/users/"+u.ID)
	return writeOne(c, http.StatusCreated, u.Version, UserCreated{User: userOut(u), SetPasswordToken: token})
}

// getUser godoc
//
//	@Summary	Get a user
//	@Tags		users
//	@Produce	json
//	@Security	bearer
//	@Param		id	path		string	true	"User id"	format(uuid)
//	@Success	200	{object}	User
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Router		/api/v1/users/{id} [get]
func (s *server) getUser(c echo.Context) error {
	id, err := pathID(c, "id", "user")
	if err != nil {
		return err
	}
	u, err := user.Get(c.Request().Context(), s.DB, id)
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, u.Version, userOut(u))
}

// updateUser godoc
//
//	@Summary		Change a user
//	@Description	Role, organisation, language, display name, or disabled (which ends the user's sign-ins at once). The last active admin cannot be demoted or disabled.
//	@Tags			users
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string		true	"User id"	format(uuid)
//	@Param			If-Match	header		string		true	"ETag of the version changed"
//	@Param			body		body		UserPatch	true	"Fields to change (JSON merge patch)"
//	@Success		200			{object}	User
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/users/{id} [patch]
func (s *server) updateUser(c echo.Context) error {
	id, version, err := target(c, "user")
	if err != nil {
		return err
	}
	var in UserPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u, err := user.Update(c.Request().Context(), s.DB, id, version, user.Patch{
		DisplayName: in.DisplayName, Role: in.Role, OrganisationID: in.OrganisationID, Locale: in.Locale, Disabled: in.Disabled,
	})
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, u.Version, userOut(u))
}

// deleteUser godoc
//
//	@Summary	Delete a user
//	@Tags		users
//	@Security	bearer
//	@Param		id			path	string	true	"User id"	format(uuid)
//	@Param		If-Match	header	string	true	"ETag of the version deleted"
//	@Success	204
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Failure	409	{object}	Problem
//	@Failure	412	{object}	Problem
//	@Failure	428	{object}	Problem
//	@Router		/api/v1/users/{id} [delete]
func (s *server) deleteUser(c echo.Context) error {
	id, version, err := target(c, "user")
	if err != nil {
		return err
	}
	if err := user.Delete(c.Request().Context(), s.DB, id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// resetPassword godoc
//
//	@Summary		Reset a user's password
//	@Description	Sets the given password, or without one returns a one-time set_password_token. Ends the user's sign-ins either way. No e-mail is sent.
//	@Tags			users
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id		path		string			true	"User id"	format(uuid)
//	@Param			body	body		PasswordReset	true	"Optional new password"
//	@Success		200		{object}	PasswordResetResult
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Failure		422		{object}	Problem
//	@Router			/api/v1/users/{id}/password-reset [post]
func (s *server) resetPassword(c echo.Context) error {
	id, err := pathID(c, "id", "user")
	if err != nil {
		return err
	}
	var in PasswordReset
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	token, err := user.ResetPassword(c.Request().Context(), s.DB, id, in.Password)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, PasswordResetResult{SetPasswordToken: token})
}
