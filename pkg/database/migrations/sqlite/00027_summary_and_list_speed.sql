-- The dashboard without counting (issue 20), part two, and the list
-- filters and sorts that were still slow.
--
-- Agreements by status depend on today's date, so the count is kept per
-- date bucket: whether the agreement is signed, its valid_until and its
-- terminated_on (a date far in the future standing for "none", so that
-- agreement.StatusWhere reads the buckets as it reads agreements). The
-- summary sums the buckets under each status's condition.
--
-- The funding of projects is kept per phase and currency; it follows a
-- funding's insert, change and delete, and a project's change of phase.
-- Deleting a project deletes its fundings first (so their trigger sees
-- the project's phase) instead of leaving them to the cascade.

-- +goose Up
CREATE TABLE agreement_counts (
  signed_on     TEXT NOT NULL, -- '' unsigned, 'signed' signed
  valid_until   TEXT NOT NULL, -- '9999-12-31' for none
  terminated_on TEXT NOT NULL, -- '9999-12-31' for none
  n             INTEGER NOT NULL,
  PRIMARY KEY (signed_on, valid_until, terminated_on)
);
INSERT INTO agreement_counts (signed_on, valid_until, terminated_on, n)
  SELECT CASE WHEN signed_on = '' THEN '' ELSE 'signed' END, coalesce(valid_until, '9999-12-31'), coalesce(terminated_on, '9999-12-31'), count(*)
  FROM agreements GROUP BY 1, 2, 3;
-- +goose StatementBegin
CREATE TRIGGER agreement_counts_insert AFTER INSERT ON agreements BEGIN
  INSERT INTO agreement_counts (signed_on, valid_until, terminated_on, n)
    VALUES (CASE WHEN new.signed_on = '' THEN '' ELSE 'signed' END, coalesce(new.valid_until, '9999-12-31'), coalesce(new.terminated_on, '9999-12-31'), 1)
    ON CONFLICT (signed_on, valid_until, terminated_on) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER agreement_counts_delete AFTER DELETE ON agreements BEGIN
  UPDATE agreement_counts SET n = n - 1
    WHERE signed_on = CASE WHEN old.signed_on = '' THEN '' ELSE 'signed' END
      AND valid_until = coalesce(old.valid_until, '9999-12-31') AND terminated_on = coalesce(old.terminated_on, '9999-12-31');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER agreement_counts_update AFTER UPDATE OF signed_on, valid_until, terminated_on ON agreements
WHEN (old.signed_on = '') IS NOT (new.signed_on = '') OR old.valid_until IS NOT new.valid_until OR old.terminated_on IS NOT new.terminated_on BEGIN
  UPDATE agreement_counts SET n = n - 1
    WHERE signed_on = CASE WHEN old.signed_on = '' THEN '' ELSE 'signed' END
      AND valid_until = coalesce(old.valid_until, '9999-12-31') AND terminated_on = coalesce(old.terminated_on, '9999-12-31');
  INSERT INTO agreement_counts (signed_on, valid_until, terminated_on, n)
    VALUES (CASE WHEN new.signed_on = '' THEN '' ELSE 'signed' END, coalesce(new.valid_until, '9999-12-31'), coalesce(new.terminated_on, '9999-12-31'), 1)
    ON CONFLICT (signed_on, valid_until, terminated_on) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

CREATE TABLE project_funding_totals (
  phase    TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount   INTEGER NOT NULL,
  n        INTEGER NOT NULL, -- fundings
  PRIMARY KEY (phase, currency)
);
INSERT INTO project_funding_totals (phase, currency, amount, n)
  SELECT p.phase, f.currency, sum(f.amount), count(*) FROM project_fundings f JOIN projects p ON p.id = f.project_id GROUP BY 1, 2;
-- +goose StatementBegin
CREATE TRIGGER project_funding_totals_insert AFTER INSERT ON project_fundings BEGIN
  INSERT INTO project_funding_totals (phase, currency, amount, n)
    SELECT phase, new.currency, new.amount, 1 FROM projects WHERE id = new.project_id
    ON CONFLICT (phase, currency) DO UPDATE SET amount = amount + excluded.amount, n = n + excluded.n;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER project_funding_totals_delete AFTER DELETE ON project_fundings BEGIN
  UPDATE project_funding_totals SET amount = amount - old.amount, n = n - 1
    WHERE currency = old.currency AND phase = (SELECT phase FROM projects WHERE id = old.project_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER project_funding_totals_update AFTER UPDATE OF project_id, amount, currency ON project_fundings
WHEN old.project_id IS NOT new.project_id OR old.amount IS NOT new.amount OR old.currency IS NOT new.currency BEGIN
  UPDATE project_funding_totals SET amount = amount - old.amount, n = n - 1
    WHERE currency = old.currency AND phase = (SELECT phase FROM projects WHERE id = old.project_id);
  INSERT INTO project_funding_totals (phase, currency, amount, n)
    SELECT phase, new.currency, new.amount, 1 FROM projects WHERE id = new.project_id
    ON CONFLICT (phase, currency) DO UPDATE SET amount = amount + excluded.amount, n = n + excluded.n;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER project_funding_totals_phase AFTER UPDATE OF phase ON projects
WHEN old.phase IS NOT new.phase BEGIN
  UPDATE project_funding_totals
    SET amount = amount - (SELECT coalesce(sum(amount), 0) FROM project_fundings f WHERE f.project_id = new.id AND f.currency = project_funding_totals.currency),
        n = n - (SELECT count(*) FROM project_fundings f WHERE f.project_id = new.id AND f.currency = project_funding_totals.currency)
    WHERE phase = old.phase;
  INSERT INTO project_funding_totals (phase, currency, amount, n)
    SELECT new.phase, currency, sum(amount), count(*) FROM project_fundings WHERE project_id = new.id GROUP BY currency
    ON CONFLICT (phase, currency) DO UPDATE SET amount = amount + excluded.amount, n = n + excluded.n;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER project_fundings_delete_first BEFORE DELETE ON projects BEGIN
  DELETE FROM project_fundings WHERE project_id = old.id;
END;
-- +goose StatementEnd

-- Upcoming trips: counted from the index alone.
CREATE INDEX trips_upcoming_idx ON trips (end_date) WHERE status NOT IN ('completed', 'cancelled');

-- sme=true: the SMEs in name order (about half the directory, but the
-- archived index alone read and skipped the rest row by row).
CREATE INDEX organisations_live_sme_idx ON organisations (archived, sme, name_sort, id);

-- +goose Down
DROP INDEX organisations_live_sme_idx;
DROP INDEX trips_upcoming_idx;
DROP TRIGGER project_fundings_delete_first;
DROP TRIGGER project_funding_totals_phase;
DROP TRIGGER project_funding_totals_update;
DROP TRIGGER project_funding_totals_delete;
DROP TRIGGER project_funding_totals_insert;
DROP TABLE project_funding_totals;
DROP TRIGGER agreement_counts_update;
DROP TRIGGER agreement_counts_delete;
DROP TRIGGER agreement_counts_insert;
DROP TABLE agreement_counts;
