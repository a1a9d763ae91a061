-- The PostgreSQL migration of the same version raises the planner's
-- statistics for search text, which SQLite does not keep, and reads
-- terminated agreements in their default order from an index of their own.

-- +goose Up
DROP INDEX agreements_terminated_idx;
CREATE INDEX agreements_terminated_signed_idx ON agreements (signed_on, id) WHERE terminated_on IS NOT NULL;

-- +goose Down
DROP INDEX agreements_terminated_signed_idx;
CREATE INDEX agreements_terminated_idx ON agreements (terminated_on) WHERE terminated_on IS NOT NULL;
