-- An erased record's words leave the search indexes with it: FTS5 then
-- removes a deleted row's entries from its index at once, instead of
-- leaving them beside a delete marker until a merge (secure-delete,
-- SQLite 3.44), and the database's free space is overwritten with zeros
-- (secure_delete, set on every connection). 'optimize' merges each index
-- once, so that the entries of rows deleted before go too (the rows'
-- own bytes in the file's free space stay until SQLite reuses it, or a
-- VACUUM).

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
INSERT INTO organisations_fts(organisations_fts) VALUES ('optimize');
INSERT INTO organisations_grams(organisations_grams) VALUES ('optimize');
INSERT INTO people_fts(people_fts) VALUES ('optimize');
INSERT INTO people_grams(people_grams) VALUES ('optimize');
INSERT INTO agreements_fts(agreements_fts) VALUES ('optimize');
INSERT INTO agreements_grams(agreements_grams) VALUES ('optimize');
INSERT INTO trips_fts(trips_fts) VALUES ('optimize');
INSERT INTO trips_grams(trips_grams) VALUES ('optimize');
INSERT INTO projects_fts(projects_fts) VALUES ('optimize');
INSERT INTO projects_grams(projects_grams) VALUES ('optimize');
INSERT INTO opportunities_fts(opportunities_fts) VALUES ('optimize');
INSERT INTO opportunities_grams(opportunities_grams) VALUES ('optimize');

-- +goose Down
-- The setting stays: the release before deletes the same way, and needs
-- nothing of the entries it no longer leaves behind.
SELECT 1;
