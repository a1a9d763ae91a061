-- Expressions of interest in partnering opportunities: an organisation
-- (with one of its people as contact) answers another's opportunity with
-- a message; the owner accepts or declines, the interested side may
-- withdraw; after acceptance the interest follows a pipeline towards an
-- agreement and a project, which it may link. An organisation holds at
-- most one open interest per opportunity: the partial unique index says
-- so, whatever the code does. Agreements and projects may name the
-- interest they came from (origin_interest_id).

-- +goose Up
CREATE TABLE opportunity_interests (
  id              uuid PRIMARY KEY,
  opportunity_id  uuid NOT NULL REFERENCES opportunities (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  person_id       uuid REFERENCES people (id) ON DELETE SET NULL,
  message         text NOT NULL,
  status          text NOT NULL,
  decline_reason  text NOT NULL DEFAULT '',
  closed_reason   text NOT NULL DEFAULT '',
  agreement_id    uuid REFERENCES agreements (id),
  project_id      uuid REFERENCES projects (id),
  accepted_at     timestamptz,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX opportunity_interests_one_open_idx ON opportunity_interests (opportunity_id, organisation_id)
  WHERE status NOT IN ('declined', 'withdrawn', 'closed');
CREATE INDEX opportunity_interests_created_idx ON opportunity_interests (created_at, id);
CREATE INDEX opportunity_interests_updated_idx ON opportunity_interests (updated_at, id);
CREATE INDEX opportunity_interests_opportunity_idx ON opportunity_interests (opportunity_id, created_at, id);
CREATE INDEX opportunity_interests_org_idx ON opportunity_interests (organisation_id, created_at, id);
CREATE INDEX opportunity_interests_status_idx ON opportunity_interests (status, created_at, id);
CREATE INDEX opportunity_interests_person_idx ON opportunity_interests (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX opportunity_interests_agreement_idx ON opportunity_interests (agreement_id) WHERE agreement_id IS NOT NULL;
CREATE INDEX opportunity_interests_project_idx ON opportunity_interests (project_id) WHERE project_id IS NOT NULL;

ALTER TABLE agreements ADD COLUMN origin_interest_id uuid REFERENCES opportunity_interests (id);
CREATE INDEX agreements_interest_idx ON agreements (origin_interest_id) WHERE origin_interest_id IS NOT NULL;
ALTER TABLE projects ADD COLUMN origin_interest_id uuid REFERENCES opportunity_interests (id);
CREATE INDEX projects_interest_idx ON projects (origin_interest_id) WHERE origin_interest_id IS NOT NULL;

-- +goose Down
DROP INDEX projects_interest_idx;
ALTER TABLE projects DROP COLUMN origin_interest_id;
DROP INDEX agreements_interest_idx;
ALTER TABLE agreements DROP COLUMN origin_interest_id;
DROP TABLE opportunity_interests;
