-- Speed on the embedded default (issue 20).
--
-- Every organisation list reads "archived = ?" first, so SQLite chose the
-- (archived, name_sort, id) index for every order and sorted the whole
-- table in a temporary B-tree for sort=-updated_at, -created_at and
-- name_kana. Each sort and each filter gets an index that starts with
-- archived and ends in the list's order, so a page reads 51 index entries.
--
-- The dashboard's counts of organisations (by country and archived),
-- people and projects (by phase) are kept in small tables, updated by
-- triggers in the same transaction as the write: the summary reads a
-- handful of rows instead of counting the tables.

-- +goose Up
CREATE INDEX organisations_live_kana_idx ON organisations (archived, kana_sort, id);
CREATE INDEX organisations_live_created_idx ON organisations (archived, created_at, id);
CREATE INDEX organisations_live_updated_idx ON organisations (archived, updated_at, id);
CREATE INDEX organisations_live_country_idx ON organisations (archived, country, name_sort, id);
CREATE INDEX organisations_live_kind_idx ON organisations (archived, kind, name_sort, id);
CREATE INDEX organisations_live_region_idx ON organisations (archived, region, name_sort, id);
CREATE INDEX organisations_live_country_kind_idx ON organisations (archived, country, kind, name_sort, id);

CREATE TABLE organisation_counts (
  country  TEXT NOT NULL,
  archived BOOLEAN NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (country, archived)
);
INSERT INTO organisation_counts (country, archived, n) SELECT country, archived, count(*) FROM organisations GROUP BY country, archived;
-- +goose StatementBegin
CREATE TRIGGER organisation_counts_insert AFTER INSERT ON organisations BEGIN
  INSERT INTO organisation_counts (country, archived, n) VALUES (new.country, new.archived, 1)
    ON CONFLICT (country, archived) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organisation_counts_delete AFTER DELETE ON organisations BEGIN
  UPDATE organisation_counts SET n = n - 1 WHERE country = old.country AND archived = old.archived;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organisation_counts_update AFTER UPDATE OF country, archived ON organisations
WHEN old.country IS NOT new.country OR old.archived IS NOT new.archived BEGIN
  UPDATE organisation_counts SET n = n - 1 WHERE country = old.country AND archived = old.archived;
  INSERT INTO organisation_counts (country, archived, n) VALUES (new.country, new.archived, 1)
    ON CONFLICT (country, archived) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

CREATE TABLE people_counts (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  n   INTEGER NOT NULL
);
INSERT INTO people_counts (one, n) SELECT 1, count(*) FROM people;
-- +goose StatementBegin
CREATE TRIGGER people_counts_insert AFTER INSERT ON people BEGIN
  UPDATE people_counts SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER people_counts_delete AFTER DELETE ON people BEGIN
  UPDATE people_counts SET n = n - 1;
END;
-- +goose StatementEnd

CREATE TABLE project_counts (
  phase TEXT PRIMARY KEY,
  n     INTEGER NOT NULL
);
INSERT INTO project_counts (phase, n) SELECT phase, count(*) FROM projects GROUP BY phase;
-- +goose StatementBegin
CREATE TRIGGER project_counts_insert AFTER INSERT ON projects BEGIN
  INSERT INTO project_counts (phase, n) VALUES (new.phase, 1)
    ON CONFLICT (phase) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER project_counts_delete AFTER DELETE ON projects BEGIN
  UPDATE project_counts SET n = n - 1 WHERE phase = old.phase;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER project_counts_update AFTER UPDATE OF phase ON projects
WHEN old.phase IS NOT new.phase BEGIN
  UPDATE project_counts SET n = n - 1 WHERE phase = old.phase;
  INSERT INTO project_counts (phase, n) VALUES (new.phase, 1)
    ON CONFLICT (phase) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER project_counts_update;
DROP TRIGGER project_counts_delete;
DROP TRIGGER project_counts_insert;
DROP TABLE project_counts;
DROP TRIGGER people_counts_delete;
DROP TRIGGER people_counts_insert;
DROP TABLE people_counts;
DROP TRIGGER organisation_counts_update;
DROP TRIGGER organisation_counts_delete;
DROP TRIGGER organisation_counts_insert;
DROP TABLE organisation_counts;
DROP INDEX organisations_live_country_kind_idx;
DROP INDEX organisations_live_region_idx;
DROP INDEX organisations_live_kind_idx;
DROP INDEX organisations_live_country_idx;
DROP INDEX organisations_live_updated_idx;
DROP INDEX organisations_live_created_idx;
DROP INDEX organisations_live_kana_idx;
