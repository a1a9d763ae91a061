-- The directory: organisations and people of both countries.
-- search_text is the folded text a record is found by, indexed by an FTS5
-- trigram table kept in step by triggers; one- and two-character queries
-- fall back to scanning the names (SQLite serves small installations).
-- search_grams exists for the same schema as PostgreSQL and stays unused.
-- name_key and website_host are what duplicates share. SQLite cannot add
-- a foreign key to an existing table: users' and API keys' organisation is
-- checked by the application here.

-- +goose Up
CREATE TABLE organisations (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  name_local     TEXT NOT NULL DEFAULT '',
  name_kana      TEXT NOT NULL DEFAULT '',
  short_name     TEXT NOT NULL DEFAULT '',
  kind           TEXT NOT NULL,
  sme            BOOLEAN NOT NULL DEFAULT 0,
  employees      INTEGER,
  country        TEXT NOT NULL,
  region         TEXT REFERENCES regions (code),
  city           TEXT NOT NULL DEFAULT '',
  website        TEXT NOT NULL DEFAULT '',
  email          TEXT NOT NULL DEFAULT '',
  phone          TEXT NOT NULL DEFAULT '',
  description_de TEXT NOT NULL DEFAULT '',
  description_en TEXT NOT NULL DEFAULT '',
  description_ja TEXT NOT NULL DEFAULT '',
  archived       BOOLEAN NOT NULL DEFAULT 0,
  name_key       TEXT NOT NULL,
  website_host   TEXT NOT NULL DEFAULT '',
  name_sort      TEXT NOT NULL,
  kana_sort      TEXT NOT NULL,
  search_text    TEXT NOT NULL,
  search_grams   TEXT NOT NULL DEFAULT '',
  version        INTEGER NOT NULL DEFAULT 1,
  created_at     TIMESTAMP NOT NULL,
  updated_at     TIMESTAMP NOT NULL
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

CREATE VIRTUAL TABLE organisations_fts USING fts5 (search_text, content='organisations', content_rowid='rowid', tokenize='trigram');
-- +goose StatementBegin
CREATE TRIGGER organisations_fts_insert AFTER INSERT ON organisations BEGIN
  INSERT INTO organisations_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organisations_fts_delete AFTER DELETE ON organisations BEGIN
  INSERT INTO organisations_fts (organisations_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organisations_fts_update AFTER UPDATE OF search_text ON organisations BEGIN
  INSERT INTO organisations_fts (organisations_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO organisations_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd

CREATE TABLE organisation_focus_areas (
  organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  focus_area      TEXT NOT NULL REFERENCES focus_areas (code),
  PRIMARY KEY (organisation_id, focus_area)
);
CREATE INDEX organisation_focus_areas_area_idx ON organisation_focus_areas (focus_area, organisation_id);

CREATE TABLE people (
  id                TEXT PRIMARY KEY,
  organisation_id   TEXT NOT NULL REFERENCES organisations (id),
  given_name        TEXT NOT NULL DEFAULT '',
  family_name       TEXT NOT NULL,
  given_name_local  TEXT NOT NULL DEFAULT '',
  family_name_local TEXT NOT NULL DEFAULT '',
  given_name_kana   TEXT NOT NULL DEFAULT '',
  family_name_kana  TEXT NOT NULL DEFAULT '',
  position          TEXT NOT NULL DEFAULT '',
  email             TEXT NOT NULL DEFAULT '',
  phone             TEXT NOT NULL DEFAULT '',
  languages         TEXT NOT NULL DEFAULT '',
  consent_at        TIMESTAMP,
  name_sort         TEXT NOT NULL,
  search_text       TEXT NOT NULL,
  search_grams      TEXT NOT NULL DEFAULT '',
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        TIMESTAMP NOT NULL,
  updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX people_org_idx ON people (organisation_id, name_sort, id);
CREATE INDEX people_name_idx ON people (name_sort, id);
CREATE INDEX people_created_idx ON people (created_at, id);
CREATE INDEX people_updated_idx ON people (updated_at, id);

CREATE VIRTUAL TABLE people_fts USING fts5 (search_text, content='people', content_rowid='rowid', tokenize='trigram');
-- +goose StatementBegin
CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
  INSERT INTO people_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
  INSERT INTO people_fts (people_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER people_fts_update AFTER UPDATE OF search_text ON people BEGIN
  INSERT INTO people_fts (people_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO people_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE people_fts;
DROP TABLE people;
DROP TABLE organisation_focus_areas;
DROP TABLE organisations_fts;
DROP TABLE organisations;
