-- Users who sign in. The e-mail is unique regardless of case (email_key is
-- its lower-cased form); a member belongs to an organisation, whose table
-- and foreign key arrive with the directory.

-- +goose Up
CREATE TABLE users (
  id              TEXT PRIMARY KEY,
  email           TEXT NOT NULL,
  email_key       TEXT NOT NULL UNIQUE,
  display_name    TEXT NOT NULL DEFAULT '',
  role            TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'member', 'viewer')),
  organisation_id TEXT,
  locale          TEXT NOT NULL DEFAULT 'en' CHECK (locale IN ('de', 'en', 'ja')),
  password_hash   TEXT NOT NULL DEFAULT '',
  disabled        BOOLEAN NOT NULL DEFAULT 0,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TIMESTAMP NOT NULL,
  updated_at      TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE users;
