-- Speed on both engines (issue 20).
--
-- Every organisation list reads "archived = ?" first. Each sort and each
-- filter gets an index that starts with archived and ends in the list's
-- order, so a page reads 51 index entries whatever the order and the
-- planner never has to choose between filtering and ordering.
--
-- The dashboard's counts of organisations (by country and archived),
-- people and projects (by phase) are kept in small tables, updated by
-- statement triggers in the same transaction as the write: the summary
-- reads a handful of rows instead of counting a million. The triggers
-- apply one statement's changes in the order of the key, so two
-- statements lock the count rows in the same order.

-- +goose Up
CREATE INDEX organisations_live_kana_idx ON organisations (archived, kana_sort, id);
CREATE INDEX organisations_live_created_idx ON organisations (archived, created_at, id);
CREATE INDEX organisations_live_updated_idx ON organisations (archived, updated_at, id);
CREATE INDEX organisations_live_country_idx ON organisations (archived, country, name_sort, id);
CREATE INDEX organisations_live_kind_idx ON organisations (archived, kind, name_sort, id);
CREATE INDEX organisations_live_region_idx ON organisations (archived, region, name_sort, id);
CREATE INDEX organisations_live_country_kind_idx ON organisations (archived, country, kind, name_sort, id);

CREATE TABLE organisation_counts (
  country  text NOT NULL,
  archived boolean NOT NULL,
  n        bigint NOT NULL,
  PRIMARY KEY (country, archived)
);
INSERT INTO organisation_counts (country, archived, n) SELECT country, archived, count(*) FROM organisations GROUP BY country, archived;
-- +goose StatementBegin
CREATE FUNCTION organisation_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO organisation_counts (country, archived, n)
      SELECT country, archived, count(*) FROM new_rows GROUP BY country, archived ORDER BY country, archived
      ON CONFLICT (country, archived) DO UPDATE SET n = organisation_counts.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO organisation_counts (country, archived, n)
      SELECT country, archived, -count(*) FROM old_rows GROUP BY country, archived ORDER BY country, archived
      ON CONFLICT (country, archived) DO UPDATE SET n = organisation_counts.n + EXCLUDED.n;
  ELSE
    INSERT INTO organisation_counts (country, archived, n)
      SELECT country, archived, sum(d) FROM (
        SELECT country, archived, 1 AS d FROM new_rows
        UNION ALL SELECT country, archived, -1 FROM old_rows
      ) c GROUP BY country, archived HAVING sum(d) <> 0 ORDER BY country, archived
      ON CONFLICT (country, archived) DO UPDATE SET n = organisation_counts.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER organisation_counts_insert AFTER INSERT ON organisations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION organisation_counts_track();
CREATE TRIGGER organisation_counts_delete AFTER DELETE ON organisations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION organisation_counts_track();
CREATE TRIGGER organisation_counts_update AFTER UPDATE ON organisations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION organisation_counts_track();

CREATE TABLE people_counts (
  one integer PRIMARY KEY CHECK (one = 1),
  n   bigint NOT NULL
);
INSERT INTO people_counts (one, n) SELECT 1, count(*) FROM people;
-- +goose StatementBegin
CREATE FUNCTION people_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT count(*) INTO d FROM new_rows;
  ELSE
    SELECT -count(*) INTO d FROM old_rows;
  END IF;
  IF d <> 0 THEN
    UPDATE people_counts SET n = n + d;
  END IF;
  RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER people_counts_insert AFTER INSERT ON people REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION people_counts_track();
CREATE TRIGGER people_counts_delete AFTER DELETE ON people REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION people_counts_track();

CREATE TABLE project_counts (
  phase text PRIMARY KEY,
  n     bigint NOT NULL
);
INSERT INTO project_counts (phase, n) SELECT phase, count(*) FROM projects GROUP BY phase;
-- +goose StatementBegin
CREATE FUNCTION project_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO project_counts (phase, n)
      SELECT phase, count(*) FROM new_rows GROUP BY phase ORDER BY phase
      ON CONFLICT (phase) DO UPDATE SET n = project_counts.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO project_counts (phase, n)
      SELECT phase, -count(*) FROM old_rows GROUP BY phase ORDER BY phase
      ON CONFLICT (phase) DO UPDATE SET n = project_counts.n + EXCLUDED.n;
  ELSE
    INSERT INTO project_counts (phase, n)
      SELECT phase, sum(d) FROM (
        SELECT phase, 1 AS d FROM new_rows
        UNION ALL SELECT phase, -1 FROM old_rows
      ) c GROUP BY phase HAVING sum(d) <> 0 ORDER BY phase
      ON CONFLICT (phase) DO UPDATE SET n = project_counts.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER project_counts_insert AFTER INSERT ON projects REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION project_counts_track();
CREATE TRIGGER project_counts_delete AFTER DELETE ON projects REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION project_counts_track();
CREATE TRIGGER project_counts_update AFTER UPDATE ON projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION project_counts_track();

-- +goose Down
DROP TRIGGER project_counts_update ON projects;
DROP TRIGGER project_counts_delete ON projects;
DROP TRIGGER project_counts_insert ON projects;
DROP FUNCTION project_counts_track();
DROP TABLE project_counts;
DROP TRIGGER people_counts_delete ON people;
DROP TRIGGER people_counts_insert ON people;
DROP FUNCTION people_counts_track();
DROP TABLE people_counts;
DROP TRIGGER organisation_counts_update ON organisations;
DROP TRIGGER organisation_counts_delete ON organisations;
DROP TRIGGER organisation_counts_insert ON organisations;
DROP FUNCTION organisation_counts_track();
DROP TABLE organisation_counts;
DROP INDEX organisations_live_country_kind_idx;
DROP INDEX organisations_live_region_idx;
DROP INDEX organisations_live_kind_idx;
DROP INDEX organisations_live_country_idx;
DROP INDEX organisations_live_updated_idx;
DROP INDEX organisations_live_created_idx;
DROP INDEX organisations_live_kana_idx;
