-- The trigger of migration 00037 looks each word of a record's search
-- text up in search_words before it adds it. Its plan is cached for the
-- session and made from the statistics of the moment, and the planner
-- chose it by them: on a new database, or within a transaction that has
-- added thousands of words itself (a bulk import, `innomunich gen`), it
-- took search_words for a few rows and read and sorted all of it for
-- each record, so that n records cost n² (three batches of 5,000
-- organisations on a new database: 6, 18 and 45 s); with statistics it
-- could take the trigram index instead, whose pending list each lookup
-- reads whole (20 ms a record). Now a word is looked up by the hash
-- index, whatever the statistics (the same batches: 1.3 s each), and
-- only in the table's own partition: TG_TABLE_NAME is of type name, and
-- compared with it the text column tbl pruned no partition.

-- +goose Up
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION search_words_add() RETURNS trigger LANGUAGE plpgsql
SET enable_seqscan = off SET enable_bitmapscan = off AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.search_text IS NOT DISTINCT FROM NEW.search_text THEN
    RETURN NULL;
  END IF;
  INSERT INTO search_words (tbl, word)
  SELECT DISTINCT TG_TABLE_NAME::text, w FROM unnest(string_to_array(NEW.search_text, ' ')) AS w
  WHERE w <> '' AND NOT EXISTS (SELECT FROM search_words s WHERE s.word = w AND s.tbl = TG_TABLE_NAME::text);
  RETURN NULL;
END
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION search_words_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.search_text IS NOT DISTINCT FROM NEW.search_text THEN
    RETURN NULL;
  END IF;
  INSERT INTO search_words (tbl, word)
  SELECT DISTINCT TG_TABLE_NAME, w FROM unnest(string_to_array(NEW.search_text, ' ')) AS w
  WHERE w <> '' AND NOT EXISTS (SELECT FROM search_words s WHERE s.word = w AND s.tbl = TG_TABLE_NAME);
  RETURN NULL;
END
$$;
-- +goose StatementEnd
