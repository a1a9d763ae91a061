package api

import (
	"net/http"

	"github.com/innomunich/platform/pkg/notify"
	"github.com/labstack/echo/v4"
)

// NotificationSetting is whether one kind of notification is on.
type NotificationSetting struct {
	Kind    string `json:"kind" enums:"trip_registration,agreement_expiry,milestone_due,weekly_digest,opportunity_interest,meeting,webhook_disabled" example:"trip_registration"`
	Enabled bool   `json:"enabled"`
	// Default is what it is for someone who never chose.
	Default bool `json:"default"`
} // @name NotificationSetting

// NotificationSettings are the kinds of notification for the caller's
// role and whether each is on.
type NotificationSettings struct {
	Kinds []NotificationSetting `json:"kinds"`
} // @name NotificationSettings

// NotificationSettingsPatch switches kinds on (true) or off (false);
// kinds not named stay as they are.
type NotificationSettingsPatch map[string]bool // @name NotificationSettingsPatch

func notificationSettingsOut(s notify.Settings) NotificationSettings {
	out := NotificationSettings{Kinds: make([]NotificationSetting, 0, len(s.Kinds))}
	for _, k := range s.Kinds {
		out.Kinds = append(out.Kinds, NotificationSetting{Kind: k.Kind, Enabled: k.Enabled, Default: k.Default})
	}
	return out
}

// myNotifications godoc
//
//	@Summary		My notification settings
//	@Description	Every kind of e-mail notification for the caller's role and whether it is on. Coordinators also have agreement_expiry and weekly_digest (off until chosen); admins also webhook_disabled.
//	@Tags			notifications
//	@Produce		json
//	@Security		bearer
//	@Success		200	{object}	NotificationSettings
//	@Header			200	{string}	ETag	"The settings' version"
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Router			/api/v1/me/notifications [get]
func (s *server) myNotifications(c echo.Context) error {
	st, err := notify.Mine(c.Request().Context(), s.DB)
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, st.Version, notificationSettingsOut(st))
}

// updateMyNotifications godoc
//
//	@Summary		Switch notifications on or off
//	@Description	Names kinds with true (on) or false (off); others stay. An unknown kind, or one not for the caller's role, is 422.
//	@Tags			notifications
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			If-Match	header		string						true	"ETag of the settings"
//	@Param			body		body		NotificationSettingsPatch	true	"Kinds to switch"
//	@Success		200			{object}	NotificationSettings
//	@Header			200			{string}	ETag	"The settings' new version"
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/me/notifications [patch]
func (s *server) updateMyNotifications(c echo.Context) error {
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in NotificationSettingsPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	st, err := notify.UpdateMine(c.Request().Context(), s.DB, version, in)
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, st.Version, notificationSettingsOut(st))
}

// Unsubscribed says which kind of notification a link switched off.
type Unsubscribed struct {
	Kind string `json:"kind" example:"weekly_digest"`
} // @name Unsubscribed

// unsubscribe godoc
//
//	@Summary		Switch a kind of notification off from its e-mail
//	@Description	The one-click unsubscribe of RFC 8058: every notification carries this address with a signed token in List-Unsubscribe, and mail clients POST to it (body List-Unsubscribe=One-Click, which is not needed). No sign-in; switches off that kind only, for whom the mail was sent to. The web app's /unsubscribe page posts here too. A token that was not made by this platform is 404.
//	@Tags			notifications
//	@Produce		json
//	@Param			token	query		string	true	"The token of the link"
//	@Success		200		{object}	Unsubscribed
//	@Failure		400		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Router			/api/v1/notifications/unsubscribe [post]
func (s *server) unsubscribe(c echo.Context) error {
	q := newQuery(c, "token")
	token := q.str("token")
	if token == "" {
		q.bad.Add("token", "is required")
	}
	if err := q.err(); err != nil {
		return err
	}
	kind, err := notify.Unsubscribe(c.Request().Context(), s.DB, token)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, Unsubscribed{Kind: kind})
}
