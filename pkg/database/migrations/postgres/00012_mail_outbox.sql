-- The mail outbox: without an SMTP server configured, every e-mail the
-- platform sends is kept here (as the exact message that would have gone
-- out) for admins to read, so nothing is lost or silently dropped.
-- River's job tables (river_job, …) are migrated by River's own migrator
-- under the same start-up lock (pkg/database/river.go).

-- +goose Up
CREATE TABLE mail_outbox (
  id          uuid PRIMARY KEY,
  message_id  text NOT NULL UNIQUE,
  kind        text NOT NULL,
  language    text NOT NULL,
  recipients  text NOT NULL,
  subject     text NOT NULL,
  text_body   text NOT NULL,
  raw         bytea NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at, id);

-- +goose Down
DROP TABLE mail_outbox;
