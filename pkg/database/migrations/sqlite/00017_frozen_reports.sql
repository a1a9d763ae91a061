-- Frozen reports: the KPIs of a period as they were when a coordinator
-- froze them, so that a report sent to the funder can be reproduced and
-- compared with what the data says later. figures is the canonical JSON
-- (text, not jsonb, so that its bytes, and so its sha256 in hash, stay
-- as written). The platform never changes or deletes a row.

-- +goose Up
CREATE TABLE frozen_reports (
  id              TEXT PRIMARY KEY,
  period_key      text NOT NULL,
  period_kind     text NOT NULL,
  period_from     text NOT NULL,
  period_to       text NOT NULL,
  time_zone       text NOT NULL,
  lang            text NOT NULL,
  figures         text NOT NULL,
  hash            text NOT NULL,
  created_by      TEXT,
  created_by_name text NOT NULL DEFAULT '',
  created_at      TIMESTAMP NOT NULL
);
CREATE INDEX frozen_reports_created_idx ON frozen_reports (created_at, id);
CREATE INDEX frozen_reports_period_idx ON frozen_reports (period_key, created_at, id);

-- +goose Down
DROP TABLE frozen_reports;
