package api

import (
	"context"
	"net/http"
	"net/url"

	"github.com/innomunich/platform/pkg/mail"
	"github.com/innomunich/platform/pkg/user"
	"github.com/labstack/echo/v4"
)

// ForgotPasswordRequest asks for a password-reset link.
type ForgotPasswordRequest struct {
	Email string `json:"email" example:"anna.berger@biom.example"`
} // @name ForgotPasswordRequest

// queueSetPasswordMail queues the e-mail (kind invitation or
// password_reset) that carries u's one-time set-password link, in the
// transaction in ctx: it goes out exactly when the token is committed.
func (s *server) queueSetPasswordMail(ctx context.Context, kind string, u user.User, token string) error {
	link := s.Config.PublicURL + "/set-password?token=" + url.QueryEscape(token)
	to := mail.Address{Name: u.DisplayName, Email: u.Email}
	m, err := mail.Compose(kind, u.Locale, to, map[string]string{"Email": u.Email}, mail.Extra{Action: link})
	if err != nil {
		return err
	}
	return s.mailer.Queue(ctx, m)
}

// forgotPassword godoc
//
//	@Summary		Ask for a password-reset link by e-mail
//	@Description	Mails a link to choose a new password, valid for one hour and once, to the account with this address. The answer is the same whether such an account exists or not; an account gets at most one link every five minutes, and a client address asking too often gets 429.
//	@Tags			auth
//	@Accept			json
//	@Param			body	body	ForgotPasswordRequest	true	"The account's e-mail address"
//	@Success		202
//	@Failure		400	{object}	Problem
//	@Failure		429	{object}	Problem
//	@Router			/api/v1/auth/forgot-password [post]
func (s *server) forgotPassword(c echo.Context) error {
	var in ForgotPasswordRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	err := s.DB.WithTx(ctx, func(ctx context.Context) error {
		u, token, ok, err := user.RequestPasswordReset(ctx, s.DB, in.Email, c.RealIP())
		if err != nil || !ok {
			return err
		}
		return s.queueSetPasswordMail(ctx, "password_reset", u, token)
	})
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusAccepted)
}
