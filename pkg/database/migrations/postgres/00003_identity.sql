-- Identity and access: one-time set-password tokens on users, refresh-token
-- families, API keys, sign-in throttling, the audit log and idempotency
-- records. Secrets are stored only as SHA-256 hashes (they are long random
-- values, so a fast hash is enough); passwords only as argon2id hashes.

-- +goose Up
ALTER TABLE users ADD COLUMN set_password_hash text;
ALTER TABLE users ADD COLUMN set_password_expires_at timestamptz;
CREATE INDEX users_created_idx ON users (created_at, id);
CREATE INDEX users_updated_idx ON users (updated_at, id);

CREATE TABLE refresh_tokens (
  id           uuid PRIMARY KEY,
  family_id    uuid NOT NULL,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash   text NOT NULL UNIQUE,
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz,
  revoked_at   timestamptz,
  created_at   timestamptz NOT NULL
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

CREATE TABLE api_keys (
  id              uuid PRIMARY KEY,
  name            text NOT NULL,
  organisation_id uuid,
  role            text NOT NULL CHECK (role IN ('coordinator', 'member', 'viewer')),
  scopes          text NOT NULL,
  prefix          text NOT NULL,
  secret_hash     text NOT NULL UNIQUE,
  expires_at      timestamptz NOT NULL,
  last_used_at    timestamptz,
  revoked_at      timestamptz,
  created_by      uuid,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX api_keys_created_idx ON api_keys (created_at, id);

CREATE TABLE login_throttle (
  key          text PRIMARY KEY,
  failures     integer NOT NULL,
  window_start timestamptz NOT NULL,
  blocked_until timestamptz
);

CREATE TABLE audit_events (
  id          uuid PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  actor_type  text NOT NULL,
  actor_id    text NOT NULL DEFAULT '',
  actor_name  text NOT NULL DEFAULT '',
  action      text NOT NULL,
  entity_type text NOT NULL,
  entity_id   text NOT NULL,
  version     integer NOT NULL DEFAULT 0,
  changes     text NOT NULL DEFAULT '{}',
  request_id  text NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at, id);
CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, occurred_at);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, occurred_at);

CREATE TABLE idempotency_keys (
  caller        text NOT NULL,
  key           text NOT NULL,
  method        text NOT NULL,
  path          text NOT NULL,
  request_hash  text NOT NULL,
  status        integer NOT NULL DEFAULT 0,
  headers       text NOT NULL DEFAULT '{}',
  body          bytea,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (caller, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- +goose Down
DROP TABLE idempotency_keys;
DROP TABLE audit_events;
DROP TABLE login_throttle;
DROP TABLE api_keys;
DROP TABLE refresh_tokens;
DROP INDEX users_updated_idx;
DROP INDEX users_created_idx;
ALTER TABLE users DROP COLUMN set_password_expires_at;
ALTER TABLE users DROP COLUMN set_password_hash;
