-- The PostgreSQL migration of the same version adds search_words, the
-- words of each table's search text, by which a search of a word that no
-- record has answers at once. SQLite's FTS5 finds a word without reading
-- the records that lack it and needs no such table. Nothing to do here.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
