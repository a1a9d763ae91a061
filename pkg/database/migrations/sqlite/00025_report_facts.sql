-- The full-year report at one million organisations (issue 18).
--
-- Organisations counted per month and people per day of creation (UTC),
-- kept by triggers in the same transaction as every write, so that the
-- report sums months (days) instead of counting every row created before
-- the period's end; each project partner carries its organisation's
-- country, for the binational share, and each agreement party its
-- organisation's region ('' for none), for the agreements by partner
-- region. See the PostgreSQL migration of the same number.

-- +goose Up
CREATE TABLE organisation_months (
  month   TEXT NOT NULL,
  country TEXT NOT NULL,
  region  TEXT NOT NULL,
  kind    TEXT NOT NULL,
  sme     BOOLEAN NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (month, country, region, kind, sme)
);
INSERT INTO organisation_months (month, country, region, kind, sme, n)
  SELECT strftime('%Y-%m', created_at), country, COALESCE(region, ''), kind, sme, count(*)
  FROM organisations GROUP BY 1, 2, 3, 4, 5;
-- +goose StatementBegin
CREATE TRIGGER organisation_months_insert AFTER INSERT ON organisations BEGIN
  INSERT INTO organisation_months (month, country, region, kind, sme, n)
    VALUES (strftime('%Y-%m', new.created_at), new.country, COALESCE(new.region, ''), new.kind, new.sme, 1)
    ON CONFLICT (month, country, region, kind, sme) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organisation_months_delete AFTER DELETE ON organisations BEGIN
  INSERT INTO organisation_months (month, country, region, kind, sme, n)
    VALUES (strftime('%Y-%m', old.created_at), old.country, COALESCE(old.region, ''), old.kind, old.sme, -1)
    ON CONFLICT (month, country, region, kind, sme) DO UPDATE SET n = n - 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organisation_months_update AFTER UPDATE OF created_at, country, region, kind, sme ON organisations
WHEN old.created_at IS NOT new.created_at OR old.country IS NOT new.country OR COALESCE(old.region, '') IS NOT COALESCE(new.region, '')
  OR old.kind IS NOT new.kind OR old.sme IS NOT new.sme BEGIN
  INSERT INTO organisation_months (month, country, region, kind, sme, n)
    VALUES (strftime('%Y-%m', old.created_at), old.country, COALESCE(old.region, ''), old.kind, old.sme, -1)
    ON CONFLICT (month, country, region, kind, sme) DO UPDATE SET n = n - 1;
  INSERT INTO organisation_months (month, country, region, kind, sme, n)
    VALUES (strftime('%Y-%m', new.created_at), new.country, COALESCE(new.region, ''), new.kind, new.sme, 1)
    ON CONFLICT (month, country, region, kind, sme) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

CREATE TABLE people_days (
  day     TEXT NOT NULL,
  country TEXT NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (day, country)
);
INSERT INTO people_days (day, country, n)
  SELECT strftime('%Y-%m-%d', p.created_at), o.country, count(*)
  FROM people p JOIN organisations o ON o.id = p.organisation_id GROUP BY 1, 2;
-- +goose StatementBegin
CREATE TRIGGER people_days_insert AFTER INSERT ON people BEGIN
  INSERT INTO people_days (day, country, n)
    SELECT strftime('%Y-%m-%d', new.created_at), country, 1 FROM organisations WHERE id = new.organisation_id
    ON CONFLICT (day, country) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER people_days_delete AFTER DELETE ON people BEGIN
  INSERT INTO people_days (day, country, n)
    SELECT strftime('%Y-%m-%d', old.created_at), country, -1 FROM organisations WHERE id = old.organisation_id
    ON CONFLICT (day, country) DO UPDATE SET n = n - 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER people_days_update AFTER UPDATE OF organisation_id, created_at ON people
WHEN old.organisation_id IS NOT new.organisation_id OR old.created_at IS NOT new.created_at BEGIN
  INSERT INTO people_days (day, country, n)
    SELECT strftime('%Y-%m-%d', old.created_at), country, -1 FROM organisations WHERE id = old.organisation_id
    ON CONFLICT (day, country) DO UPDATE SET n = n - 1;
  INSERT INTO people_days (day, country, n)
    SELECT strftime('%Y-%m-%d', new.created_at), country, 1 FROM organisations WHERE id = new.organisation_id
    ON CONFLICT (day, country) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

ALTER TABLE project_partners ADD COLUMN organisation_country TEXT NOT NULL DEFAULT '';
UPDATE project_partners SET organisation_country = (SELECT country FROM organisations o WHERE o.id = project_partners.organisation_id);
CREATE INDEX project_partners_country_idx ON project_partners (project_id, organisation_country);
-- +goose StatementBegin
CREATE TRIGGER project_partners_country_insert AFTER INSERT ON project_partners BEGIN
  UPDATE project_partners SET organisation_country = (SELECT country FROM organisations WHERE id = new.organisation_id)
    WHERE project_id = new.project_id AND organisation_id = new.organisation_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER project_partners_country_update AFTER UPDATE OF organisation_id ON project_partners BEGIN
  UPDATE project_partners SET organisation_country = (SELECT country FROM organisations WHERE id = new.organisation_id)
    WHERE project_id = new.project_id AND organisation_id = new.organisation_id;
END;
-- +goose StatementEnd

ALTER TABLE agreement_parties ADD COLUMN organisation_region TEXT NOT NULL DEFAULT '';
UPDATE agreement_parties SET organisation_region = (SELECT COALESCE(region, '') FROM organisations o WHERE o.id = agreement_parties.organisation_id);
CREATE INDEX agreement_parties_region_idx ON agreement_parties (agreement_id, organisation_region);
-- +goose StatementBegin
CREATE TRIGGER agreement_parties_region_insert AFTER INSERT ON agreement_parties BEGIN
  UPDATE agreement_parties SET organisation_region = (SELECT COALESCE(region, '') FROM organisations WHERE id = new.organisation_id)
    WHERE agreement_id = new.agreement_id AND organisation_id = new.organisation_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER agreement_parties_region_update AFTER UPDATE OF organisation_id ON agreement_parties BEGIN
  UPDATE agreement_parties SET organisation_region = (SELECT COALESCE(region, '') FROM organisations WHERE id = new.organisation_id)
    WHERE agreement_id = new.agreement_id AND organisation_id = new.organisation_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organisation_region_moves AFTER UPDATE OF region ON organisations
WHEN COALESCE(old.region, '') IS NOT COALESCE(new.region, '') BEGIN
  UPDATE agreement_parties SET organisation_region = COALESCE(new.region, '') WHERE organisation_id = new.id;
END;
-- +goose StatementEnd

-- People and partners of an organisation whose country changed are
-- counted under the new one.
-- +goose StatementBegin
CREATE TRIGGER organisation_country_moves AFTER UPDATE OF country ON organisations
WHEN old.country IS NOT new.country BEGIN
  INSERT INTO people_days (day, country, n)
    SELECT strftime('%Y-%m-%d', created_at), old.country, -count(*) FROM people WHERE organisation_id = new.id GROUP BY 1
    ON CONFLICT (day, country) DO UPDATE SET n = n + excluded.n;
  INSERT INTO people_days (day, country, n)
    SELECT strftime('%Y-%m-%d', created_at), new.country, count(*) FROM people WHERE organisation_id = new.id GROUP BY 1
    ON CONFLICT (day, country) DO UPDATE SET n = n + excluded.n;
  UPDATE project_partners SET organisation_country = new.country WHERE organisation_id = new.id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER organisation_country_moves;
DROP TRIGGER organisation_region_moves;
DROP TRIGGER agreement_parties_region_update;
DROP TRIGGER agreement_parties_region_insert;
DROP INDEX agreement_parties_region_idx;
ALTER TABLE agreement_parties DROP COLUMN organisation_region;
DROP TRIGGER project_partners_country_update;
DROP TRIGGER project_partners_country_insert;
DROP INDEX project_partners_country_idx;
ALTER TABLE project_partners DROP COLUMN organisation_country;
DROP TRIGGER people_days_update;
DROP TRIGGER people_days_delete;
DROP TRIGGER people_days_insert;
DROP TABLE people_days;
DROP TRIGGER organisation_months_update;
DROP TRIGGER organisation_months_delete;
DROP TRIGGER organisation_months_insert;
DROP TABLE organisation_months;
