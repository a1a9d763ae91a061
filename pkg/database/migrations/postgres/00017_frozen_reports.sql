-- Frozen reports: the KPIs of a period as they were when a coordinator
-- froze them, so that a report sent to the funder can be reproduced and
-- compared with what the data says later. figures is the canonical JSON
-- (text, not jsonb, so that its bytes, and so its sha256 in hash, stay
-- as written). The platform never changes or deletes a row.
--
-- The indexes on organisations, people and opportunities let the
-- report's counts by creation or publication time read narrow index
-- entries instead of the wide rows (index-only scans on PostgreSQL):
-- the full-year report at one million organisations must stay under 2 s.

-- +goose Up
CREATE TABLE frozen_reports (
  id              uuid PRIMARY KEY,
  period_key      text NOT NULL,
  period_kind     text NOT NULL,
  period_from     text NOT NULL,
  period_to       text NOT NULL,
  time_zone       text NOT NULL,
  lang            text NOT NULL,
  figures         text NOT NULL,
  hash            text NOT NULL,
  created_by      uuid,
  created_by_name text NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL
);
CREATE INDEX frozen_reports_created_idx ON frozen_reports (created_at, id);
CREATE INDEX frozen_reports_period_idx ON frozen_reports (period_key, created_at, id);

CREATE INDEX organisations_report_idx ON organisations (created_at, country, region, kind, sme);
CREATE INDEX people_report_idx ON people (created_at, organisation_id);
CREATE INDEX opportunities_report_idx ON opportunities (published_at, kind);

-- +goose Down
DROP INDEX opportunities_report_idx;
DROP INDEX people_report_idx;
DROP INDEX organisations_report_idx;
DROP TABLE frozen_reports;
