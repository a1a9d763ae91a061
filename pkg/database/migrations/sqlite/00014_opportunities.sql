-- Partnering opportunities: what an organisation offers or seeks. Title,
-- summary and details are multilingual (one column per language, as
-- elsewhere); details are for signed-in users of the network only.
-- Modalities, cooperation types and target countries are kept as
-- space-separated codes for reading and, for filtering and matching, as
-- tags ('modality:antibody', 'cooperation:licensing', 'target:JP') in
-- opportunity_tags; focus areas have their own link table with a foreign
-- key to the reference data. valid_until is a date (ISO text);
-- published_sort is published_at in a fixed-width text form, '' for an
-- opportunity never published, so that "newest published first" is a
-- keyset order with drafts last.

-- +goose Up
CREATE TABLE opportunities (
  id                TEXT PRIMARY KEY,
  organisation_id   TEXT NOT NULL REFERENCES organisations (id),
  kind              text NOT NULL,
  title_de          text NOT NULL DEFAULT '',
  title_en          text NOT NULL DEFAULT '',
  title_ja          text NOT NULL DEFAULT '',
  summary_de        text NOT NULL DEFAULT '',
  summary_en        text NOT NULL DEFAULT '',
  summary_ja        text NOT NULL DEFAULT '',
  details_de        text NOT NULL DEFAULT '',
  details_en        text NOT NULL DEFAULT '',
  details_ja        text NOT NULL DEFAULT '',
  modalities        text NOT NULL DEFAULT '',
  stage             text NOT NULL,
  cooperation_types text NOT NULL DEFAULT '',
  target_countries  text NOT NULL DEFAULT '',
  ip_status         text NOT NULL,
  contact_person_id TEXT REFERENCES people (id) ON DELETE SET NULL,
  valid_until       text NOT NULL,
  status            text NOT NULL,
  closed_reason     text,
  published_at      TIMESTAMP,
  published_sort    text NOT NULL DEFAULT '',
  search_text       text NOT NULL,
  search_grams      TEXT NOT NULL DEFAULT '',
  version           integer NOT NULL DEFAULT 1,
  created_at        TIMESTAMP NOT NULL,
  updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX opportunities_published_idx ON opportunities (published_sort, id);
CREATE INDEX opportunities_until_idx ON opportunities (valid_until, id);
CREATE INDEX opportunities_updated_idx ON opportunities (updated_at, id);
CREATE INDEX opportunities_status_idx ON opportunities (status, published_sort, id);
CREATE INDEX opportunities_status_until_idx ON opportunities (status, valid_until, id);
CREATE INDEX opportunities_kind_idx ON opportunities (kind, published_sort, id);
CREATE INDEX opportunities_stage_idx ON opportunities (stage, published_sort, id);
CREATE INDEX opportunities_org_idx ON opportunities (organisation_id, published_sort, id);
CREATE INDEX opportunities_contact_idx ON opportunities (contact_person_id) WHERE contact_person_id IS NOT NULL;
CREATE VIRTUAL TABLE opportunities_fts USING fts5 (search_text, content='opportunities', content_rowid='rowid', tokenize='trigram');
-- +goose StatementBegin
CREATE TRIGGER opportunities_fts_insert AFTER INSERT ON opportunities BEGIN
  INSERT INTO opportunities_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER opportunities_fts_delete AFTER DELETE ON opportunities BEGIN
  INSERT INTO opportunities_fts (opportunities_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER opportunities_fts_update AFTER UPDATE OF search_text ON opportunities BEGIN
  INSERT INTO opportunities_fts (opportunities_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO opportunities_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd

CREATE TABLE opportunity_focus_areas (
  opportunity_id TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
  focus_area     text NOT NULL REFERENCES focus_areas (code),
  PRIMARY KEY (opportunity_id, focus_area)
);
CREATE INDEX opportunity_focus_areas_area_idx ON opportunity_focus_areas (focus_area, opportunity_id);

CREATE TABLE opportunity_tags (
  opportunity_id TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
  tag            text NOT NULL,
  PRIMARY KEY (opportunity_id, tag)
);
CREATE INDEX opportunity_tags_tag_idx ON opportunity_tags (tag, opportunity_id);

-- +goose Down
DROP TABLE opportunity_tags;
DROP TABLE opportunity_focus_areas;
DROP TABLE opportunities_fts;
DROP TABLE opportunities;
