-- Agreements between organisations: MoUs, cooperation agreements and the
-- contracts that follow. Dates are ISO text: signed_on keeps the
-- precision it was given ('2011', '2011-04' or '2011-04-01', '' while a
-- draft); the others are full dates or NULL. valid_until_sort puts
-- open-ended agreements last. Status is derived from the dates on read.

-- +goose Up
CREATE TABLE agreements (
  id               TEXT PRIMARY KEY,
  title            text NOT NULL,
  kind             text NOT NULL,
  signed_on        text NOT NULL DEFAULT '',
  valid_from       text,
  valid_until      text,
  valid_until_sort text NOT NULL,
  terminated_on    text,
  summary_de       text NOT NULL DEFAULT '',
  summary_en       text NOT NULL DEFAULT '',
  summary_ja       text NOT NULL DEFAULT '',
  search_text      text NOT NULL,
  search_grams     TEXT NOT NULL DEFAULT '',
  version          integer NOT NULL DEFAULT 1,
  created_at       TIMESTAMP NOT NULL,
  updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX agreements_signed_idx ON agreements (signed_on, id);
CREATE INDEX agreements_until_idx ON agreements (valid_until_sort, id);
CREATE INDEX agreements_updated_idx ON agreements (updated_at, id);
CREATE VIRTUAL TABLE agreements_fts USING fts5 (search_text, content='agreements', content_rowid='rowid', tokenize='trigram');
-- +goose StatementBegin
CREATE TRIGGER agreements_fts_insert AFTER INSERT ON agreements BEGIN
  INSERT INTO agreements_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER agreements_fts_delete AFTER DELETE ON agreements BEGIN
  INSERT INTO agreements_fts (agreements_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER agreements_fts_update AFTER UPDATE OF search_text ON agreements BEGIN
  INSERT INTO agreements_fts (agreements_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO agreements_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd

CREATE TABLE agreement_parties (
  agreement_id    TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  signatory_id    TEXT REFERENCES people (id) ON DELETE SET NULL,
  position        integer NOT NULL,
  PRIMARY KEY (agreement_id, organisation_id)
);
CREATE INDEX agreement_parties_org_idx ON agreement_parties (organisation_id, agreement_id);

CREATE TABLE agreement_focus_areas (
  agreement_id TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  focus_area   text NOT NULL REFERENCES focus_areas (code),
  PRIMARY KEY (agreement_id, focus_area)
);
CREATE INDEX agreement_focus_areas_area_idx ON agreement_focus_areas (focus_area, agreement_id);

CREATE TABLE agreement_renewals (
  id                   TEXT PRIMARY KEY,
  agreement_id         TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  renewed_on           text NOT NULL,
  valid_until          text,
  previous_valid_until text,
  note                 text NOT NULL DEFAULT '',
  created_at           TIMESTAMP NOT NULL
);
CREATE INDEX agreement_renewals_agreement_idx ON agreement_renewals (agreement_id, renewed_on);

-- +goose Down
DROP TABLE agreement_renewals;
DROP TABLE agreement_focus_areas;
DROP TABLE agreement_parties;
DROP TABLE agreements_fts;
DROP TABLE agreements;
