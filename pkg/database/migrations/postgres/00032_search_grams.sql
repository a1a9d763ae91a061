-- The SQLite migration of the same version indexes the grams of short
-- words (search_grams) in FTS5 tables, so that a one- or two-character
-- word is looked up by an index there too and matches what it matches
-- here. PostgreSQL has indexed search_grams (GIN) since migration 00004.
--
-- Version 3 of the stored search columns (search.Version) changed only
-- what SQLite stores; PostgreSQL's rows of version 2 are already in that
-- form. They are marked current here instead of being rewritten at
-- start-up, which would take about an hour at a million organisations.

-- +goose Up
UPDATE search_versions SET version = 3 WHERE version = 2;

-- +goose Down
UPDATE search_versions SET version = 2 WHERE version = 3;
