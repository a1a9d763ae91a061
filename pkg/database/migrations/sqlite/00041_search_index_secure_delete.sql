-- An erased record's words leave the search indexes with it: FTS5 then
-- removes a deleted row's entries from its index at once, instead of
-- leaving them beside a delete marker until a merge (secure-delete,
-- SQLite 3.44), and the database's free space is overwritten with zeros
-- (secure_delete, set on every connection). Entries of rows deleted
-- before go when FTS5 merges their segments, as it does while rows are
-- written.

-- +goose Up
INSERT INTO organisations_fts(organisations_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO organisations_grams(organisations_grams, rank) VALUES ('secure-delete', 1);
INSERT INTO people_fts(people_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO people_grams(people_grams, rank) VALUES ('secure-delete', 1);
INSERT INTO agreements_fts(agreements_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO agreements_grams(agreements_grams, rank) VALUES ('secure-delete', 1);
INSERT INTO trips_fts(trips_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO trips_grams(trips_grams, rank) VALUES ('secure-delete', 1);
INSERT INTO projects_fts(projects_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO projects_grams(projects_grams, rank) VALUES ('secure-delete', 1);
INSERT INTO opportunities_fts(opportunities_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO opportunities_grams(opportunities_grams, rank) VALUES ('secure-delete', 1);

-- +goose Down
-- The setting stays: the release before deletes the same way, and needs
-- nothing of the entries it no longer leaves behind.
SELECT 1;
