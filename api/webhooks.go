package api

import (
	"net/http"
	"time"

	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/webhook"
	"github.com/labstack/echo/v4"
)

// Webhook is a webhook subscription; its signing secret is shown only
// when it is made (create, rotate-secret).
type Webhook struct {
	ID  string `json:"id" format:"uuid"`
	URL string `json:"url" example:"https://crm.osaka-bhq.example/hooks/innomunich"`
	// EventTypes are the change feed's types delivered; empty for all.
	EventTypes  []string `json:"event_types" example:"organisation,person"`
	Description string   `json:"description" example:"Osaka BHQ CRM sync"`
	// Active: deliveries go out. A subscription that failed for a day is
	// switched off (disabled_reason says why); set active to start again
	// at the event it stopped at.
	Active         bool       `json:"active"`
	DisabledReason *string    `json:"disabled_reason" extensions:"x-nullable"`
	OwnerType      string     `json:"owner_type" enums:"user,api_key"`
	OwnerID        string     `json:"owner_id" format:"uuid"`
	FailingSince   *time.Time `json:"failing_since" format:"date-time" extensions:"x-nullable"`
	NextAttemptAt  *time.Time `json:"next_attempt_at" format:"date-time" extensions:"x-nullable"`
	// Cursor is the change feed position delivered up to.
	Cursor    string    `json:"cursor" example:"MTIzNC41Njc"`
	Version   int       `json:"version" example:"1"`
	CreatedAt time.Time `json:"created_at" format:"date-time"`
	UpdatedAt time.Time `json:"updated_at" format:"date-time"`
} // @name Webhook

func webhookOut(s webhook.Subscription) Webhook {
	types := s.Types()
	if types == nil {
		types = []string{}
	}
	return Webhook{ID: s.ID, URL: s.URL, EventTypes: types, Description: s.Description, Active: s.Active, DisabledReason: s.DisabledReason,
		OwnerType: s.OwnerType, OwnerID: s.OwnerID, FailingSince: s.FailingSince, NextAttemptAt: s.NextAttemptAt, Cursor: s.FeedCursor,
		Version: s.Version, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt}
}

// WebhookCreate subscribes a URL to the change feed.
type WebhookCreate struct {
	URL         string   `json:"url" example:"https://crm.osaka-bhq.example/hooks/innomunich" maxLength:"2000"`
	EventTypes  []string `json:"event_types,omitempty" example:"organisation,person"`
	Description string   `json:"description,omitempty" maxLength:"500"`
	Active      *bool    `json:"active,omitempty"`
} // @name WebhookCreate

// WebhookCreated is the new subscription with its signing secret, shown
// only here.
type WebhookCreated struct {
	Webhook
	// Secret signs every delivery (Standard Webhooks: whsec_ and the
	// base64 of the HMAC key). Store it now.
	Secret string `json:"secret" example:"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"`
} // @name WebhookCreated

// WebhookPatch changes a subscription.
type WebhookPatch struct {
	URL         opt.Field[string]   `json:"url,omitempty" swaggertype:"string" maxLength:"2000"`
	EventTypes  opt.Field[[]string] `json:"event_types,omitempty" swaggertype:"array,string"`
	Description opt.Field[string]   `json:"description,omitempty" swaggertype:"string" maxLength:"500"`
	Active      opt.Field[bool]     `json:"active,omitempty" swaggertype:"boolean"`
} // @name WebhookPatch

// WebhookDelivery is one attempt to deliver an event.
type WebhookDelivery struct {
	ID string `json:"id" format:"uuid"`
	// MessageID is the webhook-id header: the same for every attempt at an event.
	MessageID string `json:"message_id" example:"evt_MTIzNC41Njc"`
	// EventCursor is the event's cursor in the change feed.
	EventCursor string `json:"event_cursor" example:"MTIzNC41Njc"`
	EventType   string `json:"event_type" example:"organisation"`
	EntityID    string `json:"entity_id" format:"uuid"`
	Action      string `json:"action" enums:"created,updated,deleted"`
	Attempt     int    `json:"attempt" example:"1"`
	// Manual: a redelivery someone asked for.
	Manual       bool   `json:"manual"`
	Status       string `json:"status" enums:"succeeded,failed"`
	ResponseCode *int   `json:"response_code" example:"200" extensions:"x-nullable"`
	LatencyMs    int    `json:"latency_ms" example:"84"`
	// ResponseBody is the first KiB of the receiver's answer.
	ResponseBody string `json:"response_body"`
	// Error says why a delivery failed (refused by the SSRF guard, timeout, status).
	Error     string    `json:"error"`
	CreatedAt time.Time `json:"created_at" format:"date-time"`
} // @name WebhookDelivery

func deliveryOut(d webhook.Delivery) WebhookDelivery {
	return WebhookDelivery{ID: d.ID, MessageID: d.MessageID, EventCursor: d.EventCursor, EventType: d.EventType, EntityID: d.EntityID,
		Action: d.Action, Attempt: d.Attempt, Manual: d.Manual, Status: d.Status, ResponseCode: d.ResponseCode, LatencyMs: d.LatencyMs,
		ResponseBody: d.ResponseBody, Error: d.Error, CreatedAt: d.CreatedAt}
}

func (s *server) webhooks() *webhook.Service {
	return &webhook.Service{DB: s.DB, Guard: webhook.Guard{AllowHTTP: s.Config.WebhookAllowHTTP, AllowPrivate: s.Config.WebhookAllowPrivate}}
}

// listWebhooks godoc
//
//	@Summary		List webhook subscriptions
//	@Description	Admins see every subscription, an API key (webhooks:manage) its own.
//	@Tags			webhooks
//	@Produce		json
//	@Security		bearer
//	@Param			limit	query		int		false	"Page size, 1–200"	default(50)
//	@Param			cursor	query		string	false	"next_cursor of the previous page"
//	@Param			sort	query		string	false	"created_at; prefix - for descending"	default(-created_at)
//	@Success		200		{object}	List[Webhook]
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Router			/api/v1/webhooks [get]
func (s *server) listWebhooks(c echo.Context) error {
	q := newQuery(c)
	p := q.page(webhook.Sort)
	if err := q.err(); err != nil {
		return err
	}
	rows, next, err := s.webhooks().List(c.Request().Context(), p)
	if err != nil {
		return err
	}
	return writeList(c, newList(rows, next, webhookOut))
}

// createWebhook godoc
//
//	@Summary		Subscribe a URL to the change feed
//	@Description	Every change-feed event of the event types (all when empty) that commits from now on is POSTed to the URL, signed as Standard Webhooks says (webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>), in feed order, with the data the subscription's owner may see. The secret is in this response only. The URL must be https (http only with INNOMUNICH_WEBHOOK_ALLOW_HTTP) and must not resolve to an internal address.
//	@Tags			webhooks
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			Idempotency-Key	header		string			false	"Makes a retry safe"
//	@Param			body			body		WebhookCreate	true	"The subscription"
//	@Success		201				{object}	WebhookCreated
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Router			/api/v1/webhooks [post]
func (s *server) createWebhook(c echo.Context) error {
	var in WebhookCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	w, secret, err := s.webhooks().Create(c.Request().Context(), webhook.New{URL: in.URL, EventTypes: in.EventTypes, Description: in.Description, Active: in.Active})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/webhooks/"+w.ID)
	return writeOne(c, http.StatusCreated, w.Version, WebhookCreated{Webhook: webhookOut(w), Secret: secret})
}

// getWebhook godoc
//
//	@Summary	Get a webhook subscription
//	@Tags		webhooks
//	@Produce	json
//	@Security	bearer
//	@Param		id	path		string	true	"Subscription id"	format(uuid)
//	@Success	200	{object}	Webhook
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Router		/api/v1/webhooks/{id} [get]
func (s *server) getWebhook(c echo.Context) error {
	id, err := pathID(c, "id", "webhook")
	if err != nil {
		return err
	}
	w, err := s.webhooks().Get(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, w.Version, webhookOut(w))
}

// updateWebhook godoc
//
//	@Summary		Change a webhook subscription
//	@Description	Setting active on a disabled subscription starts it again at the event it stopped at.
//	@Tags			webhooks
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string			true	"Subscription id"	format(uuid)
//	@Param			If-Match	header		string			true	"ETag of the version changed"
//	@Param			body		body		WebhookPatch	true	"Fields to change"
//	@Success		200			{object}	Webhook
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/webhooks/{id} [patch]
func (s *server) updateWebhook(c echo.Context) error {
	id, version, err := target(c, "webhook")
	if err != nil {
		return err
	}
	var in WebhookPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	w, err := s.webhooks().Update(c.Request().Context(), id, version, webhook.Patch{URL: in.URL, EventTypes: in.EventTypes, Description: in.Description, Active: in.Active})
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, w.Version, webhookOut(w))
}

// deleteWebhook godoc
//
//	@Summary	Delete a webhook subscription and its delivery log
//	@Tags		webhooks
//	@Security	bearer
//	@Param		id			path	string	true	"Subscription id"	format(uuid)
//	@Param		If-Match	header	string	true	"ETag of the version deleted"
//	@Success	204
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Failure	412	{object}	Problem
//	@Failure	428	{object}	Problem
//	@Router		/api/v1/webhooks/{id} [delete]
func (s *server) deleteWebhook(c echo.Context) error {
	id, version, err := target(c, "webhook")
	if err != nil {
		return err
	}
	if err := s.webhooks().Delete(c.Request().Context(), id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// rotateWebhookSecret godoc
//
//	@Summary		Give a webhook subscription a new signing secret
//	@Description	The new secret is in this response only; deliveries are signed with it from now on.
//	@Tags			webhooks
//	@Produce		json
//	@Security		bearer
//	@Param			id			path		string	true	"Subscription id"	format(uuid)
//	@Param			If-Match	header		string	true	"ETag of the version changed"
//	@Success		200			{object}	WebhookCreated
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		404			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		428			{object}	Problem
//	@Router			/api/v1/webhooks/{id}/rotate-secret [post]
func (s *server) rotateWebhookSecret(c echo.Context) error {
	id, version, err := target(c, "webhook")
	if err != nil {
		return err
	}
	w, secret, err := s.webhooks().RotateSecret(c.Request().Context(), id, version)
	if err != nil {
		return err
	}
	return writeOne(c, http.StatusOK, w.Version, WebhookCreated{Webhook: webhookOut(w), Secret: secret})
}

// listWebhookDeliveries godoc
//
//	@Summary	A webhook subscription's delivery log
//	@Tags		webhooks
//	@Produce	json
//	@Security	bearer
//	@Param		id		path		string	true	"Subscription id"	format(uuid)
//	@Param		limit	query		int		false	"Page size, 1–200"	default(50)
//	@Param		cursor	query		string	false	"next_cursor of the previous page"
//	@Param		sort	query		string	false	"created_at; prefix - for descending"	default(-created_at)
//	@Success	200		{object}	List[WebhookDelivery]
//	@Failure	400		{object}	Problem
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Router		/api/v1/webhooks/{id}/deliveries [get]
func (s *server) listWebhookDeliveries(c echo.Context) error {
	id, err := pathID(c, "id", "webhook")
	if err != nil {
		return err
	}
	q := newQuery(c)
	p := q.page(webhook.DeliverySort)
	if err := q.err(); err != nil {
		return err
	}
	rows, next, err := s.webhooks().Deliveries(c.Request().Context(), id, p)
	if err != nil {
		return err
	}
	return writeList(c, newList(rows, next, deliveryOut))
}

// redeliverWebhook godoc
//
//	@Summary		Deliver an event again
//	@Description	Queues the event of the delivery to be sent again (same webhook-id, the data as the owner may see it now); the new attempt appears in the delivery log. The subscription's place in the feed stays.
//	@Tags			webhooks
//	@Security		bearer
//	@Param			id			path	string	true	"Subscription id"	format(uuid)
//	@Param			delivery	path	string	true	"Delivery id"		format(uuid)
//	@Success		202
//	@Failure		400	{object}	Problem
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/webhooks/{id}/deliveries/{delivery}/redeliver [post]
func (s *server) redeliverWebhook(c echo.Context) error {
	id, err := pathID(c, "id", "webhook")
	if err != nil {
		return err
	}
	del, err := pathID(c, "delivery", "delivery")
	if err != nil {
		return err
	}
	if err := s.webhooks().RequestRedelivery(c.Request().Context(), s.Jobs, id, del); err != nil {
		return err
	}
	return c.NoContent(http.StatusAccepted)
}
