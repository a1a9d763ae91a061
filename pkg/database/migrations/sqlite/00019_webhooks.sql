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
  id               TEXT PRIMARY KEY,
  owner_type       TEXT NOT NULL,
  owner_id         TEXT NOT NULL,
  url              TEXT NOT NULL,
  event_types      TEXT NOT NULL DEFAULT '',
  description      TEXT NOT NULL DEFAULT '',
  active           BOOLEAN NOT NULL DEFAULT 1,
  disabled_reason  TEXT,
  secret           TEXT NOT NULL,
  feed_cursor      TEXT NOT NULL,
  attempt          INTEGER NOT NULL DEFAULT 0,
  failing_since    TIMESTAMP,
  next_attempt_at  TIMESTAMP,
  lease_until      TIMESTAMP,
  lease_token      TEXT,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       TIMESTAMP NOT NULL,
  updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX webhook_subscriptions_owner_idx ON webhook_subscriptions (owner_type, owner_id, created_at, id);
CREATE INDEX webhook_subscriptions_created_idx ON webhook_subscriptions (created_at, id);

CREATE TABLE webhook_deliveries (
  id               TEXT PRIMARY KEY,
  subscription_id  TEXT NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  message_id       TEXT NOT NULL,
  event_cursor     TEXT NOT NULL,
  event_type       TEXT NOT NULL,
  entity_id        TEXT NOT NULL,
  action           TEXT NOT NULL,
  attempt          INTEGER NOT NULL,
  manual           BOOLEAN NOT NULL DEFAULT 0,
  status           TEXT NOT NULL,
  response_code    INTEGER,
  latency_ms       INTEGER NOT NULL,
  response_body    TEXT NOT NULL DEFAULT '',
  error            TEXT NOT NULL DEFAULT '',
  created_at       TIMESTAMP NOT NULL
);
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, created_at, id);
CREATE INDEX webhook_deliveries_status_idx ON webhook_deliveries (status);

-- +goose Down
DROP TABLE webhook_deliveries;
DROP TABLE webhook_subscriptions;
