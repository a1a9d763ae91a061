-- The PostgreSQL migration of the same version adds two indexes to its
-- search_terms. SQLite ranks with FTS5 and has no such table. Nothing to
-- do here.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
