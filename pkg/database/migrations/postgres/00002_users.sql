-- Users who sign in. The e-mail is unique regardless of case (email_key is
-- its lower-cased form); a member belongs to an organisation, whose table
-- and foreign key arrive with the directory.

-- +goose Up
CREATE TABLE users (
  id              uuid PRIMARY KEY,
  email           text NOT NULL,
  email_key       text NOT NULL UNIQUE,
  display_name    text NOT NULL DEFAULT '',
  role            text NOT NULL CHECK (role IN ('admin', 'coordinator', 'member', 'viewer')),
  organisation_id uuid,
  locale          text NOT NULL DEFAULT 'en' CHECK (locale IN ('de', 'en', 'ja')),
  password_hash   text NOT NULL DEFAULT '',
  disabled        boolean NOT NULL DEFAULT false,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);

-- +goose Down
DROP TABLE users;
