-- External ids and organisation identifiers (partner-region integrations).
-- organisation_external_ids and person_external_ids hold the ids partner
-- systems give to records, {"osaka-bhq": "OB-1234"}: one id per system
-- and record, and one record per (system, id) of each kind, decided by
-- the unique index so that concurrent upserts by external id create one
-- record. Erasing a person removes theirs (ON DELETE CASCADE).
-- The identifier columns of organisations are stored normalised; each is
-- unique among the organisations that have one (register_key is the folded
-- court, register type and number).
-- api_keys.external_system restricts a key to writing one system's ids.

-- +goose Up
ALTER TABLE organisations ADD COLUMN corporate_number text NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN register_court text NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN register_type text NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN register_number text NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN register_key text NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN vat_id text NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN lei text NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN ror_id text NOT NULL DEFAULT '';
CREATE UNIQUE INDEX organisations_corporate_number_idx ON organisations (corporate_number) WHERE corporate_number <> '';
CREATE UNIQUE INDEX organisations_register_idx ON organisations (register_key) WHERE register_key <> '';
CREATE UNIQUE INDEX organisations_vat_id_idx ON organisations (vat_id) WHERE vat_id <> '';
CREATE UNIQUE INDEX organisations_lei_idx ON organisations (lei) WHERE lei <> '';
CREATE UNIQUE INDEX organisations_ror_id_idx ON organisations (ror_id) WHERE ror_id <> '';

CREATE TABLE organisation_external_ids (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  system          text NOT NULL,
  external_id     text NOT NULL,
  PRIMARY KEY (organisation_id, system)
);
CREATE UNIQUE INDEX organisation_external_ids_key_idx ON organisation_external_ids (system, external_id);

CREATE TABLE person_external_ids (
  person_id   uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  system      text NOT NULL,
  external_id text NOT NULL,
  PRIMARY KEY (person_id, system)
);
CREATE UNIQUE INDEX person_external_ids_key_idx ON person_external_ids (system, external_id);

ALTER TABLE api_keys ADD COLUMN external_system text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE api_keys DROP COLUMN external_system;
DROP TABLE person_external_ids;
DROP TABLE organisation_external_ids;
DROP INDEX organisations_ror_id_idx;
DROP INDEX organisations_lei_idx;
DROP INDEX organisations_vat_id_idx;
DROP INDEX organisations_register_idx;
DROP INDEX organisations_corporate_number_idx;
ALTER TABLE organisations DROP COLUMN ror_id;
ALTER TABLE organisations DROP COLUMN lei;
ALTER TABLE organisations DROP COLUMN vat_id;
ALTER TABLE organisations DROP COLUMN register_key;
ALTER TABLE organisations DROP COLUMN register_number;
ALTER TABLE organisations DROP COLUMN register_type;
ALTER TABLE organisations DROP COLUMN register_court;
ALTER TABLE organisations DROP COLUMN corporate_number;
