-- search_name holds the normalized names a record is called by
-- ("| name | other spelling |"; a person's name in both orders), which
-- relevance ranking compares a query with: exact name, name prefix, word
-- prefix, substring, and otherwise a match in other text. It is read only
-- for rows that already match, so it needs no index.
-- search_versions records, per table, the version of the search folding
-- (search.Version) that search_text, search_name and search_grams were
-- computed with: when the folding changes, the server recomputes them at
-- start-up (search.Refresh), which SQL cannot do.

-- +goose Up
ALTER TABLE organisations ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
ALTER TABLE agreements ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
ALTER TABLE trips ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
ALTER TABLE opportunities ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
CREATE TABLE search_versions (
  table_name TEXT PRIMARY KEY,
  version    INTEGER NOT NULL
);

-- +goose Down
DROP TABLE search_versions;
ALTER TABLE opportunities DROP COLUMN search_name;
ALTER TABLE projects DROP COLUMN search_name;
ALTER TABLE trips DROP COLUMN search_name;
ALTER TABLE agreements DROP COLUMN search_name;
ALTER TABLE people DROP COLUMN search_name;
ALTER TABLE organisations DROP COLUMN search_name;
