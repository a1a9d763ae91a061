-- The report's lookups of organisations (country, region, kind, SME) and
-- of projects' dates without reading their rows; see the PostgreSQL
-- migration of the same number. SQLite has no INCLUDE: the columns are
-- the index's own.

-- +goose Up
CREATE INDEX organisations_lookup_idx ON organisations (id, country, region, kind, sme);
CREATE INDEX projects_dates_idx ON projects (id, start_date, end_date);
CREATE INDEX agreements_kpis_idx ON agreements (kind, signed_on, terminated_on, valid_until, id);

-- +goose Down
DROP INDEX agreements_kpis_idx;
DROP INDEX projects_dates_idx;
DROP INDEX organisations_lookup_idx;
