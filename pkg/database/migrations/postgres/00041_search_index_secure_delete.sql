-- The SQLite migration of the same version has its search indexes
-- (FTS5) remove an erased record's entries at once. PostgreSQL's indexes
-- drop a deleted row's entries when (auto)vacuum cleans the table, and
-- its backups (pg_dump) never hold them. Nothing to do here.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
