-- The dashboard without counting (issue 20), part two, and the list
-- filters and sorts that were still slow at one million organisations.
--
-- Agreements by status depend on today's date, so the count is kept per
-- date bucket: whether the agreement is signed, its valid_until and its
-- terminated_on (a date far in the future standing for "none", so that
-- agreement.StatusWhere reads the buckets as it reads agreements). The
-- summary sums the buckets under each status's condition: a few thousand
-- rows instead of every agreement.
--
-- The funding of projects is kept per phase and currency; it follows a
-- funding's insert, change and delete, and a project's change of phase.
-- Deleting a project deletes its fundings first (so their trigger sees
-- the project's phase) instead of leaving them to the cascade.
--
-- All are statement triggers with transition tables in the transaction
-- of the write, like migration 00022.

-- +goose Up
CREATE TABLE agreement_counts (
  signed_on     text NOT NULL, -- '' unsigned, 'signed' signed
  valid_until   text NOT NULL, -- '9999-12-31' for none
  terminated_on text NOT NULL, -- '9999-12-31' for none
  n             bigint NOT NULL,
  PRIMARY KEY (signed_on, valid_until, terminated_on)
);
INSERT INTO agreement_counts (signed_on, valid_until, terminated_on, n)
  SELECT CASE WHEN signed_on = '' THEN '' ELSE 'signed' END, coalesce(valid_until, '9999-12-31'), coalesce(terminated_on, '9999-12-31'), count(*)
  FROM agreements GROUP BY 1, 2, 3;
-- +goose StatementBegin
CREATE FUNCTION agreement_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO agreement_counts (signed_on, valid_until, terminated_on, n)
      SELECT CASE WHEN signed_on = '' THEN '' ELSE 'signed' END AS s, coalesce(valid_until, '9999-12-31') AS v, coalesce(terminated_on, '9999-12-31') AS t, count(*)
      FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (signed_on, valid_until, terminated_on) DO UPDATE SET n = agreement_counts.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO agreement_counts (signed_on, valid_until, terminated_on, n)
      SELECT CASE WHEN signed_on = '' THEN '' ELSE 'signed' END AS s, coalesce(valid_until, '9999-12-31') AS v, coalesce(terminated_on, '9999-12-31') AS t, -count(*)
      FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (signed_on, valid_until, terminated_on) DO UPDATE SET n = agreement_counts.n + EXCLUDED.n;
  ELSE
    INSERT INTO agreement_counts (signed_on, valid_until, terminated_on, n)
      SELECT s, v, t, sum(d) FROM (
        SELECT CASE WHEN signed_on = '' THEN '' ELSE 'signed' END AS s, coalesce(valid_until, '9999-12-31') AS v, coalesce(terminated_on, '9999-12-31') AS t, 1 AS d FROM new_rows
        UNION ALL
        SELECT CASE WHEN signed_on = '' THEN '' ELSE 'signed' END, coalesce(valid_until, '9999-12-31'), coalesce(terminated_on, '9999-12-31'), -1 FROM old_rows
      ) c GROUP BY s, v, t HAVING sum(d) <> 0 ORDER BY s, v, t
      ON CONFLICT (signed_on, valid_until, terminated_on) DO UPDATE SET n = agreement_counts.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER agreement_counts_insert AFTER INSERT ON agreements REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION agreement_counts_track();
CREATE TRIGGER agreement_counts_delete AFTER DELETE ON agreements REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION agreement_counts_track();
CREATE TRIGGER agreement_counts_update AFTER UPDATE ON agreements REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION agreement_counts_track();

CREATE TABLE project_funding_totals (
  phase    text NOT NULL,
  currency text NOT NULL,
  amount   numeric NOT NULL,
  n        bigint NOT NULL, -- fundings
  PRIMARY KEY (phase, currency)
);
INSERT INTO project_funding_totals (phase, currency, amount, n)
  SELECT p.phase, f.currency, sum(f.amount), count(*) FROM project_fundings f JOIN projects p ON p.id = f.project_id GROUP BY 1, 2;
-- +goose StatementBegin
CREATE FUNCTION project_funding_totals_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A funding counts in its project's phase as it is once this
  -- transaction commits: wait for a change of phase under way (its
  -- trigger cannot see this funding), then read the phase it left.
  IF TG_OP <> 'DELETE' THEN
    PERFORM 1 FROM projects WHERE id IN (SELECT project_id FROM new_rows) ORDER BY id FOR SHARE;
  ELSE
    PERFORM 1 FROM projects WHERE id IN (SELECT project_id FROM old_rows) ORDER BY id FOR SHARE;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO project_funding_totals (phase, currency, amount, n)
      SELECT p.phase, f.currency, sum(f.amount), count(*) FROM new_rows f JOIN projects p ON p.id = f.project_id
      GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (phase, currency) DO UPDATE SET amount = project_funding_totals.amount + EXCLUDED.amount, n = project_funding_totals.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO project_funding_totals (phase, currency, amount, n)
      SELECT p.phase, f.currency, -sum(f.amount), -count(*) FROM old_rows f JOIN projects p ON p.id = f.project_id
      GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (phase, currency) DO UPDATE SET amount = project_funding_totals.amount + EXCLUDED.amount, n = project_funding_totals.n + EXCLUDED.n;
  ELSE
    INSERT INTO project_funding_totals (phase, currency, amount, n)
      SELECT p.phase, f.currency, sum(f.d), sum(f.k) FROM (
        SELECT project_id, currency, amount::numeric AS d, 1 AS k FROM new_rows
        UNION ALL
        SELECT project_id, currency, -amount::numeric, -1 FROM old_rows
      ) f JOIN projects p ON p.id = f.project_id
      GROUP BY 1, 2 HAVING sum(f.d) <> 0 OR sum(f.k) <> 0 ORDER BY 1, 2
      ON CONFLICT (phase, currency) DO UPDATE SET amount = project_funding_totals.amount + EXCLUDED.amount, n = project_funding_totals.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER project_funding_totals_insert AFTER INSERT ON project_fundings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION project_funding_totals_track();
CREATE TRIGGER project_funding_totals_delete AFTER DELETE ON project_fundings REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION project_funding_totals_track();
CREATE TRIGGER project_funding_totals_update AFTER UPDATE ON project_fundings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION project_funding_totals_track();

-- +goose StatementBegin
CREATE FUNCTION project_funding_totals_phase() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO project_funding_totals (phase, currency, amount, n)
    SELECT phase, currency, sum(d), sum(k) FROM (
      SELECT n.phase, f.currency, f.amount::numeric AS d, 1 AS k
        FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.phase <> n.phase JOIN project_fundings f ON f.project_id = n.id
      UNION ALL
      SELECT o.phase, f.currency, -f.amount::numeric, -1
        FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.phase <> n.phase JOIN project_fundings f ON f.project_id = n.id
    ) c GROUP BY phase, currency ORDER BY phase, currency
    ON CONFLICT (phase, currency) DO UPDATE SET amount = project_funding_totals.amount + EXCLUDED.amount, n = project_funding_totals.n + EXCLUDED.n;
  RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER project_funding_totals_phase AFTER UPDATE ON projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION project_funding_totals_phase();
-- +goose StatementBegin
CREATE FUNCTION project_fundings_delete_first() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM project_fundings WHERE project_id = OLD.id;
  RETURN OLD;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER project_fundings_delete_first BEFORE DELETE ON projects
  FOR EACH ROW EXECUTE FUNCTION project_fundings_delete_first();

-- Upcoming trips: counted from the index alone.
CREATE INDEX trips_upcoming_idx ON trips (end_date) WHERE status NOT IN ('completed', 'cancelled');

-- sme=true: the SMEs in name order (about half the directory, but the
-- archived index alone read and skipped the rest row by row).
CREATE INDEX organisations_live_sme_idx ON organisations (archived, sme, name_sort, id);

-- +goose Down
DROP INDEX organisations_live_sme_idx;
DROP INDEX trips_upcoming_idx;
DROP TRIGGER project_fundings_delete_first ON projects;
DROP FUNCTION project_fundings_delete_first();
DROP TRIGGER project_funding_totals_phase ON projects;
DROP FUNCTION project_funding_totals_phase();
DROP TRIGGER project_funding_totals_update ON project_fundings;
DROP TRIGGER project_funding_totals_delete ON project_fundings;
DROP TRIGGER project_funding_totals_insert ON project_fundings;
DROP FUNCTION project_funding_totals_track();
DROP TABLE project_funding_totals;
DROP TRIGGER agreement_counts_update ON agreements;
DROP TRIGGER agreement_counts_delete ON agreements;
DROP TRIGGER agreement_counts_insert ON agreements;
DROP FUNCTION agreement_counts_track();
DROP TABLE agreement_counts;
