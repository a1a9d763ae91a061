-- The PostgreSQL migration of the same version raises the statistics of
-- a column its planner estimates searches by. SQLite has no such
-- statistics. Nothing to do here.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
