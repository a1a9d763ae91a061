-- Notification settings and the record of notifications sent once.
--
-- A subject is whoever receives notifications: "user:<id>" for an
-- account, "email:<address>" for a person without one (who can only
-- unsubscribe). choices holds what the subject changed from the defaults,
-- as a JSON object kind → on/off.
--
-- notification_once holds one key per notification that must never go
-- twice (an agreement's 30-day reminder): it is inserted in the
-- transaction that queues the mail, so a second instance or a second run
-- finds it taken.
--
-- notification_secret holds the key that signs unsubscribe links (made
-- on first use), so links stay valid across restarts and instances.

-- +goose Up
CREATE TABLE notification_settings (
  id          TEXT PRIMARY KEY,
  subject     text NOT NULL UNIQUE,
  choices     text NOT NULL DEFAULT '{}',
  version     integer NOT NULL DEFAULT 1,
  created_at  TIMESTAMP NOT NULL,
  updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE notification_once (
  key         text PRIMARY KEY,
  created_at  TIMESTAMP NOT NULL
);

CREATE TABLE notification_secret (
  id      integer PRIMARY KEY CHECK (id = 1),
  secret  text NOT NULL
);

-- +goose Down
DROP TABLE notification_secret;
DROP TABLE notification_once;
DROP TABLE notification_settings;
