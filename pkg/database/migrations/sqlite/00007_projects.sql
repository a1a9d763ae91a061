-- Binational R&D joint projects: partners with roles, a phase with its
-- history, fundings in minor units of their own currency, milestones, and
-- the trip or agreement the cooperation grew from.

-- +goose Up
CREATE TABLE projects (
  id                  TEXT PRIMARY KEY,
  title               text NOT NULL,
  acronym             text NOT NULL DEFAULT '',
  summary_de          text NOT NULL DEFAULT '',
  summary_en          text NOT NULL DEFAULT '',
  summary_ja          text NOT NULL DEFAULT '',
  phase               text NOT NULL,
  start_date          text,
  end_date            text,
  start_sort          text NOT NULL,
  title_sort          text NOT NULL,
  origin_trip_id      TEXT REFERENCES trips (id),
  origin_agreement_id TEXT REFERENCES agreements (id),
  search_text         text NOT NULL,
  search_grams        TEXT NOT NULL DEFAULT '',
  version             integer NOT NULL DEFAULT 1,
  created_at          TIMESTAMP NOT NULL,
  updated_at          TIMESTAMP NOT NULL
);
CREATE INDEX projects_start_idx ON projects (start_sort, id);
CREATE INDEX projects_title_idx ON projects (title_sort, id);
CREATE INDEX projects_updated_idx ON projects (updated_at, id);
CREATE INDEX projects_phase_idx ON projects (phase, start_sort, id);
CREATE INDEX projects_trip_idx ON projects (origin_trip_id);
CREATE INDEX projects_agreement_idx ON projects (origin_agreement_id);
CREATE VIRTUAL TABLE projects_fts USING fts5 (search_text, content='projects', content_rowid='rowid', tokenize='trigram');
-- +goose StatementBegin
CREATE TRIGGER projects_fts_insert AFTER INSERT ON projects BEGIN
  INSERT INTO projects_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER projects_fts_delete AFTER DELETE ON projects BEGIN
  INSERT INTO projects_fts (projects_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER projects_fts_update AFTER UPDATE OF search_text ON projects BEGIN
  INSERT INTO projects_fts (projects_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO projects_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd

CREATE TABLE project_partners (
  project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  role            text NOT NULL,
  position        integer NOT NULL,
  PRIMARY KEY (project_id, organisation_id)
);
CREATE INDEX project_partners_org_idx ON project_partners (organisation_id, project_id);

CREATE TABLE project_focus_areas (
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  focus_area text NOT NULL REFERENCES focus_areas (code),
  PRIMARY KEY (project_id, focus_area)
);
CREATE INDEX project_focus_areas_area_idx ON project_focus_areas (focus_area, project_id);

CREATE TABLE project_phases (
  id         TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  phase      text NOT NULL,
  changed_on text NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX project_phases_project_idx ON project_phases (project_id, created_at);

CREATE TABLE project_fundings (
  id                TEXT PRIMARY KEY,
  project_id        TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  funder            text NOT NULL REFERENCES funders (code),
  programme         text NOT NULL DEFAULT '',
  reference         text NOT NULL DEFAULT '',
  recipient_id      TEXT NOT NULL REFERENCES organisations (id),
  executing_body_id TEXT REFERENCES organisations (id),
  amount            INTEGER NOT NULL CHECK (amount >= 0),
  currency          text NOT NULL,
  from_date         text,
  until_date        text,
  version           integer NOT NULL DEFAULT 1,
  created_at        TIMESTAMP NOT NULL,
  updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX project_fundings_project_idx ON project_fundings (project_id, created_at);
CREATE INDEX project_fundings_funder_idx ON project_fundings (funder, project_id);
CREATE INDEX project_fundings_recipient_idx ON project_fundings (recipient_id);
CREATE INDEX project_fundings_body_idx ON project_fundings (executing_body_id);

CREATE TABLE project_milestones (
  id         TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  title      text NOT NULL,
  due_on     text NOT NULL,
  done_on    text,
  version    integer NOT NULL DEFAULT 1,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX project_milestones_project_idx ON project_milestones (project_id, due_on);

-- +goose Down
DROP TABLE project_milestones;
DROP TABLE project_fundings;
DROP TABLE project_phases;
DROP TABLE project_focus_areas;
DROP TABLE project_partners;
DROP TABLE projects_fts;
DROP TABLE projects;
