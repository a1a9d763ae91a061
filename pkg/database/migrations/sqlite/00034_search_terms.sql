-- The PostgreSQL migration of the same version adds search_terms, the
-- btree of names and word starts that its ranked search reads bucket by
-- bucket. SQLite reads a ranked page from its FTS5 tables by rowid and
-- needs no such table (docs/performance.md). Nothing to do here.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
