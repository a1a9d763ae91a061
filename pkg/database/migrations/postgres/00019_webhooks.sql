-- Webhooks: subscriptions to the change feed and the log of their
-- deliveries. A subscription follows the feed with its own cursor
-- (feed_cursor), advanced in the transaction that logs the delivery of
-- the event; a worker claims a subscription with a row lock and a lease
-- (lease_until, lease_token), so two instances never deliver the same
-- event of a subscription. attempt and failing_since count the failures
-- of the event at the head, next_attempt_at is when it is tried again.
-- The signing secret is kept (it signs every delivery) and shown only
-- when it is made.

-- +goose Up
CREATE TABLE webhook_subscriptions (
  id               text PRIMARY KEY,
  owner_type       text NOT NULL,
  owner_id         text NOT NULL,
  url              text NOT NULL,
  event_types      text NOT NULL DEFAULT '',
  description      text NOT NULL DEFAULT '',
  active           boolean NOT NULL DEFAULT true,
  disabled_reason  text,
  secret           text NOT NULL,
  feed_cursor      text NOT NULL,
  attempt          integer NOT NULL DEFAULT 0,
  failing_since    timestamptz,
  next_attempt_at  timestamptz,
  lease_until      timestamptz,
  lease_token      text,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX webhook_subscriptions_owner_idx ON webhook_subscriptions (owner_type, owner_id, created_at, id);
CREATE INDEX webhook_subscriptions_created_idx ON webhook_subscriptions (created_at, id);

CREATE TABLE webhook_deliveries (
  id               text PRIMARY KEY,
  subscription_id  text NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  message_id       text NOT NULL,
  event_cursor     text NOT NULL,
  event_type       text NOT NULL,
  entity_id        text NOT NULL,
  action           text NOT NULL,
  attempt          integer NOT NULL,
  manual           boolean NOT NULL DEFAULT false,
  status           text NOT NULL,
  response_code    integer,
  latency_ms       integer NOT NULL,
  response_body    text NOT NULL DEFAULT '',
  error            text NOT NULL DEFAULT '',
  created_at       timestamptz NOT NULL
);
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, created_at, id);
CREATE INDEX webhook_deliveries_status_idx ON webhook_deliveries (status);

-- +goose Down
DROP TABLE webhook_deliveries;
DROP TABLE webhook_subscriptions;
