-- The PostgreSQL migration of the same version adds the list's order to
-- search_terms. SQLite has no such table (see 00034). Nothing to do here.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
