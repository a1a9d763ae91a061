-- The PostgreSQL migration of the same version keeps each organisation's
-- search text and grams on its people, so that a person found through
-- their organisation is checked without looking the organisation up.
-- SQLite finds those people through the organisations' FTS5 tables
-- (organisation.MatchClause), which is fast at the sizes it serves
-- (docs/performance.md). Nothing to do here.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
