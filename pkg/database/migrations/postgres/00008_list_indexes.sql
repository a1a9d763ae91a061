-- Indexes for the list filters that had none, so that every documented
-- filter and sort is served by an index (api/indexes_test.go checks the
-- plans). Each ends in the list's sort column and id where the filter is
-- an equality, so the filtered list is read in keyset order from the
-- index and a deep page costs what the first does. Users get no search
-- index: there are hundreds, and PostgreSQL reads that few through the
-- sorted e-mail index whatever the query.

-- +goose Up
-- Every organisation list filters on archived; (archived, name_sort, id)
-- serves both the default list and the archived one. sme needs none: it
-- splits the directory about in half, so the sorted index finds a page
-- of either at once.
CREATE INDEX organisations_archived_name_idx ON organisations (archived, name_sort, id);

-- people?language=ja: the list matches ' ja ' inside ' de en ja '.
CREATE INDEX people_languages_idx ON people USING gin ((' ' || languages || ' ') gin_trgm_ops);

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
DROP INDEX people_languages_idx;
DROP INDEX organisations_archived_name_idx;
