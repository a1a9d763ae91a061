-- The full-year report at one million organisations (issue #18: under
-- 2 s). Three lookups every report makes read wide rows for a few narrow
-- columns:
--
-- - the organisations of the trips held (participants, agenda) looked up
--   by id for their country, region, kind and SME flag (18,000 lookups
--   in 2025 at one million organisations: 540–660 ms from the table,
--   80–250 ms from this index, without visiting the table);
-- - the four funding statements join every funding with its project's
--   start and end (100,000 projects: a sequential scan of 160 MB each
--   time, 370 → 170 ms for the committed amounts from this index);
-- - the agreements signed, renewed, terminated and active by kind read
--   five narrow columns of every agreement (100,000: 150 MB, 370 ms;
--   from this index 90–130 ms).
--
-- Index-only scans need the visibility map that (auto)vacuum keeps.

-- +goose Up
CREATE INDEX organisations_lookup_idx ON organisations (id) INCLUDE (country, region, kind, sme);
CREATE INDEX projects_dates_idx ON projects (id, start_date, end_date);
CREATE INDEX agreements_kpis_idx ON agreements (kind, signed_on, terminated_on, valid_until, id);

-- +goose Down
DROP INDEX agreements_kpis_idx;
DROP INDEX projects_dates_idx;
DROP INDEX organisations_lookup_idx;
