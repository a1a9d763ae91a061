-- The full-year report at one million organisations (issue 18).
--
-- The directory's figures ("added in the period", "in total at its end")
-- counted every organisation and person created before the period's end,
-- and people by their organisation's country joined two million people to
-- a million organisations. Two small fact tables, kept in the same
-- transaction as every write (like the dashboard's counts, 00022), count
-- them instead: organisations per month of creation (UTC) and group
-- (country, region, kind, SME), people per day of creation (UTC) and
-- their organisation's country. The report sums the months (days) before
-- the period's start and end and counts only the rows of the partial
-- months (days) at its two edges one by one.
--
-- The binational share joined 300,000 project partners to the German and
-- Japanese organisations, and the agreements by partner region looked up
-- the organisation of every party: each project partner row now carries
-- its organisation's country and each agreement party its organisation's
-- region ('' for none), set when the row is written and kept when the
-- organisation's country or region changes.
--
-- Locking: a person, partner or party written reads its organisation's
-- country (region) under FOR SHARE, so a concurrent change of the
-- organisation waits for it (and then moves it) or has finished before it
-- (and it reads the new value). The triggers apply one statement's changes in the order of
-- the key.

-- +goose Up
CREATE TABLE organisation_months (
  month   text NOT NULL,
  country text NOT NULL,
  region  text NOT NULL,
  kind    text NOT NULL,
  sme     boolean NOT NULL,
  n       bigint NOT NULL,
  PRIMARY KEY (month, country, region, kind, sme)
);
INSERT INTO organisation_months (month, country, region, kind, sme, n)
  SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM'), country, COALESCE(region, ''), kind, sme, count(*)
  FROM organisations GROUP BY 1, 2, 3, 4, 5;
-- +goose StatementBegin
CREATE FUNCTION organisation_months_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO organisation_months (month, country, region, kind, sme, n)
      SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS m, country, COALESCE(region, '') AS r, kind, sme, count(*)
      FROM new_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (month, country, region, kind, sme) DO UPDATE SET n = organisation_months.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO organisation_months (month, country, region, kind, sme, n)
      SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS m, country, COALESCE(region, '') AS r, kind, sme, -count(*)
      FROM old_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (month, country, region, kind, sme) DO UPDATE SET n = organisation_months.n + EXCLUDED.n;
  ELSE
    INSERT INTO organisation_months (month, country, region, kind, sme, n)
      SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS m, country, COALESCE(region, '') AS r, kind, sme, sum(d)
      FROM (
        SELECT created_at, country, region, kind, sme, 1 AS d FROM new_rows
        UNION ALL SELECT created_at, country, region, kind, sme, -1 FROM old_rows
      ) c GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (month, country, region, kind, sme) DO UPDATE SET n = organisation_months.n + EXCLUDED.n;
    -- People and partners of an organisation whose country changed are
    -- counted under the new one.
    INSERT INTO people_days (day, country, n)
      SELECT to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, c.country, sum(c.d)
      FROM (
        SELECT n.id, n.country, 1 AS d FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.country <> o.country
        UNION ALL SELECT o.id, o.country, -1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.country <> o.country
      ) c JOIN people p ON p.organisation_id = c.id
      GROUP BY 1, 2 HAVING sum(c.d) <> 0 ORDER BY 1, 2
      ON CONFLICT (day, country) DO UPDATE SET n = people_days.n + EXCLUDED.n;
    UPDATE project_partners pp SET organisation_country = n.country
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.country <> o.country AND pp.organisation_id = n.id;
    UPDATE agreement_parties ap SET organisation_region = COALESCE(n.region, '')
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE COALESCE(n.region, '') <> COALESCE(o.region, '') AND ap.organisation_id = n.id;
  END IF;
  RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TABLE people_days (
  day     text NOT NULL,
  country text NOT NULL,
  n       bigint NOT NULL,
  PRIMARY KEY (day, country)
);
INSERT INTO people_days (day, country, n)
  SELECT to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), o.country, count(*)
  FROM people p JOIN organisations o ON o.id = p.organisation_id GROUP BY 1, 2;
-- +goose StatementBegin
CREATE FUNCTION people_days_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM 1 FROM organisations WHERE id IN (SELECT organisation_id FROM new_rows) ORDER BY id FOR SHARE;
    INSERT INTO people_days (day, country, n)
      SELECT to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, o.country, count(*)
      FROM new_rows p JOIN organisations o ON o.id = p.organisation_id
      GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (day, country) DO UPDATE SET n = people_days.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM 1 FROM organisations WHERE id IN (SELECT organisation_id FROM old_rows) ORDER BY id FOR SHARE;
    INSERT INTO people_days (day, country, n)
      SELECT to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, o.country, -count(*)
      FROM old_rows p JOIN organisations o ON o.id = p.organisation_id
      GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (day, country) DO UPDATE SET n = people_days.n + EXCLUDED.n;
  ELSE
    PERFORM 1 FROM organisations WHERE id IN (
      SELECT n.organisation_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.organisation_id <> o.organisation_id OR n.created_at <> o.created_at
      UNION SELECT o.organisation_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.organisation_id <> o.organisation_id OR n.created_at <> o.created_at
    ) ORDER BY id FOR SHARE;
    INSERT INTO people_days (day, country, n)
      SELECT to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, org.country, sum(c.d)
      FROM (
        SELECT n.organisation_id, n.created_at, 1 AS d FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE n.organisation_id <> o.organisation_id OR n.created_at <> o.created_at
        UNION ALL SELECT o.organisation_id, o.created_at, -1 FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE n.organisation_id <> o.organisation_id OR n.created_at <> o.created_at
      ) c JOIN organisations org ON org.id = c.organisation_id
      GROUP BY 1, 2 HAVING sum(c.d) <> 0 ORDER BY 1, 2
      ON CONFLICT (day, country) DO UPDATE SET n = people_days.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER people_days_insert AFTER INSERT ON people REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION people_days_track();
CREATE TRIGGER people_days_delete AFTER DELETE ON people REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION people_days_track();
CREATE TRIGGER people_days_update AFTER UPDATE ON people REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION people_days_track();

ALTER TABLE project_partners ADD COLUMN organisation_country text NOT NULL DEFAULT '';
UPDATE project_partners pp SET organisation_country = o.country FROM organisations o WHERE o.id = pp.organisation_id;
CREATE INDEX project_partners_country_idx ON project_partners (project_id, organisation_country);
-- +goose StatementBegin
CREATE FUNCTION project_partners_country() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT country INTO NEW.organisation_country FROM organisations WHERE id = NEW.organisation_id FOR SHARE;
  RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER project_partners_country BEFORE INSERT OR UPDATE OF organisation_id ON project_partners
  FOR EACH ROW EXECUTE FUNCTION project_partners_country();

ALTER TABLE agreement_parties ADD COLUMN organisation_region text NOT NULL DEFAULT '';
UPDATE agreement_parties ap SET organisation_region = COALESCE(o.region, '') FROM organisations o WHERE o.id = ap.organisation_id;
CREATE INDEX agreement_parties_region_idx ON agreement_parties (agreement_id, organisation_region);
-- +goose StatementBegin
CREATE FUNCTION agreement_parties_region() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT COALESCE(region, '') INTO NEW.organisation_region FROM organisations WHERE id = NEW.organisation_id FOR SHARE;
  RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER agreement_parties_region BEFORE INSERT OR UPDATE OF organisation_id ON agreement_parties
  FOR EACH ROW EXECUTE FUNCTION agreement_parties_region();

CREATE TRIGGER organisation_months_insert AFTER INSERT ON organisations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION organisation_months_track();
CREATE TRIGGER organisation_months_delete AFTER DELETE ON organisations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION organisation_months_track();
CREATE TRIGGER organisation_months_update AFTER UPDATE ON organisations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION organisation_months_track();

-- +goose Down
DROP TRIGGER organisation_months_update ON organisations;
DROP TRIGGER organisation_months_delete ON organisations;
DROP TRIGGER organisation_months_insert ON organisations;
DROP TRIGGER agreement_parties_region ON agreement_parties;
DROP FUNCTION agreement_parties_region();
DROP INDEX agreement_parties_region_idx;
ALTER TABLE agreement_parties DROP COLUMN organisation_region;
DROP TRIGGER project_partners_country ON project_partners;
DROP FUNCTION project_partners_country();
DROP INDEX project_partners_country_idx;
ALTER TABLE project_partners DROP COLUMN organisation_country;
DROP TRIGGER people_days_update ON people;
DROP TRIGGER people_days_delete ON people;
DROP TRIGGER people_days_insert ON people;
DROP FUNCTION people_days_track();
DROP TABLE people_days;
DROP FUNCTION organisation_months_track();
DROP TABLE organisation_months;
