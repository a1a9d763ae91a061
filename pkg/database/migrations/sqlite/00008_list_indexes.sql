-- Indexes for the list filters that had none (the PostgreSQL migration of
-- the same version has the reasons). SQLite has no trigram index for the
-- people's language filter: it reads people in sorted order and skips,
-- which suits the small installations SQLite serves.

-- +goose Up
CREATE INDEX organisations_archived_name_idx ON organisations (archived, name_sort, id);

CREATE INDEX agreements_kind_idx ON agreements (kind, signed_on, id);
CREATE INDEX agreements_valid_until_idx ON agreements (valid_until);
CREATE INDEX agreements_terminated_idx ON agreements (terminated_on) WHERE terminated_on IS NOT NULL;

CREATE INDEX trips_kind_idx ON trips (kind, start_date, id);
CREATE INDEX trips_country_idx ON trips (country, start_date, id);
CREATE INDEX trips_end_idx ON trips (end_date);

CREATE INDEX projects_start_date_idx ON projects (start_date);

CREATE INDEX users_role_idx ON users (role, email_key, id);
CREATE INDEX users_disabled_idx ON users (disabled, email_key, id);

CREATE INDEX api_keys_name_idx ON api_keys (name, id);

CREATE INDEX audit_events_entity_id_idx ON audit_events (entity_id, occurred_at, id);

-- +goose Down
DROP INDEX audit_events_entity_id_idx;
DROP INDEX api_keys_name_idx;
DROP INDEX users_disabled_idx;
DROP INDEX users_role_idx;
DROP INDEX projects_start_date_idx;
DROP INDEX trips_end_idx;
DROP INDEX trips_country_idx;
DROP INDEX trips_kind_idx;
DROP INDEX agreements_terminated_idx;
DROP INDEX agreements_valid_until_idx;
DROP INDEX agreements_kind_idx;
DROP INDEX organisations_archived_name_idx;
