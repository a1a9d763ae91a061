-- The SQLite migration of the same version has its FTS5 triggers re-index
-- a record's search text and grams only when they changed. PostgreSQL
-- keeps them in indexed columns without triggers; search.WriteGrams leaves
-- an unchanged search_grams alone on both engines. Nothing to do here.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
