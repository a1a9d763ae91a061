-- The directory: organisations and people of both countries.
-- search_text is the folded text a record is found by (names in every
-- script, short name, descriptions), searched through a trigram index;
-- search_grams holds the one- and two-character pieces of the names, so
-- that short Japanese queries (大阪, 川崎) use an index too.
-- name_key and website_host are what duplicates share.

-- +goose Up
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE organisations (
  id             uuid PRIMARY KEY,
  name           text NOT NULL,
  name_local     text NOT NULL DEFAULT '',
  name_kana      text NOT NULL DEFAULT '',
  short_name     text NOT NULL DEFAULT '',
  kind           text NOT NULL,
  sme            boolean NOT NULL DEFAULT false,
  employees      integer,
  country        text NOT NULL,
  region         text REFERENCES regions (code),
  city           text NOT NULL DEFAULT '',
  website        text NOT NULL DEFAULT '',
  email          text NOT NULL DEFAULT '',
  phone          text NOT NULL DEFAULT '',
  description_de text NOT NULL DEFAULT '',
  description_en text NOT NULL DEFAULT '',
  description_ja text NOT NULL DEFAULT '',
  archived       boolean NOT NULL DEFAULT false,
  name_key       text NOT NULL,
  website_host   text NOT NULL DEFAULT '',
  name_sort      text NOT NULL,
  kana_sort      text NOT NULL,
  search_text    text NOT NULL,
  search_grams   text[] NOT NULL DEFAULT '{}',
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);
CREATE INDEX organisations_name_idx ON organisations (name_sort, id);
CREATE INDEX organisations_kana_idx ON organisations (kana_sort, id);
CREATE INDEX organisations_created_idx ON organisations (created_at, id);
CREATE INDEX organisations_updated_idx ON organisations (updated_at, id);
CREATE INDEX organisations_country_idx ON organisations (country, name_sort, id);
CREATE INDEX organisations_kind_idx ON organisations (kind, name_sort, id);
CREATE INDEX organisations_region_idx ON organisations (region, name_sort, id);
CREATE INDEX organisations_name_key_idx ON organisations (name_key);
CREATE INDEX organisations_host_idx ON organisations (website_host) WHERE website_host <> '';
CREATE INDEX organisations_search_idx ON organisations USING gin (search_text gin_trgm_ops);
CREATE INDEX organisations_grams_idx ON organisations USING gin (search_grams);

CREATE TABLE organisation_focus_areas (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  focus_area      text NOT NULL REFERENCES focus_areas (code),
  PRIMARY KEY (organisation_id, focus_area)
);
CREATE INDEX organisation_focus_areas_area_idx ON organisation_focus_areas (focus_area, organisation_id);

CREATE TABLE people (
  id                uuid PRIMARY KEY,
  organisation_id   uuid NOT NULL REFERENCES organisations (id),
  given_name        text NOT NULL DEFAULT '',
  family_name       text NOT NULL,
  given_name_local  text NOT NULL DEFAULT '',
  family_name_local text NOT NULL DEFAULT '',
  given_name_kana   text NOT NULL DEFAULT '',
  family_name_kana  text NOT NULL DEFAULT '',
  position          text NOT NULL DEFAULT '',
  email             text NOT NULL DEFAULT '',
  phone             text NOT NULL DEFAULT '',
  languages         text NOT NULL DEFAULT '',
  consent_at        timestamptz,
  name_sort         text NOT NULL,
  search_text       text NOT NULL,
  search_grams      text[] NOT NULL DEFAULT '{}',
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX people_org_idx ON people (organisation_id, name_sort, id);
CREATE INDEX people_name_idx ON people (name_sort, id);
CREATE INDEX people_created_idx ON people (created_at, id);
CREATE INDEX people_updated_idx ON people (updated_at, id);
CREATE INDEX people_search_idx ON people USING gin (search_text gin_trgm_ops);
CREATE INDEX people_grams_idx ON people USING gin (search_grams);

ALTER TABLE users ADD CONSTRAINT users_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id);
ALTER TABLE api_keys ADD CONSTRAINT api_keys_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id);

-- +goose Down
ALTER TABLE api_keys DROP CONSTRAINT api_keys_organisation_fk;
ALTER TABLE users DROP CONSTRAINT users_organisation_fk;
DROP TABLE people;
DROP TABLE organisation_focus_areas;
DROP TABLE organisations;
