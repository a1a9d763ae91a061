-- The SQLite migration of the same version indexes the grams of short
-- words (search_grams) in FTS5 tables, so that a one- or two-character
-- word is looked up by an index there too and matches what it matches
-- here. PostgreSQL has indexed search_grams (GIN) since migration 00004
-- and needs nothing.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
