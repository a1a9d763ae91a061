-- search_words: every word of the search_text of the searchable tables
-- but people (the text between its spaces), once per table, with a
-- trigram index. A query's word is in a record's search_text exactly when it is inside one
-- of the record's words (a query's words have no spaces), so a word of a
-- query that is inside no word of a table matches none of its records,
-- and search.Find answers at once with an empty page. Without it the
-- trigram index of search_text hands over every record that has the
-- word's trigrams, each read and checked: /search?q=vaccines ag read
-- 31,150 opportunities that say "vaccine" and "…nes" elsewhere, none a
-- match (86 ms at one million organisations, docs/performance.md).
-- The list only grows: a trigger adds a record's new words in the
-- writing transaction, and a word no record has any more stays (it only
-- lets a search look, as before). No unique index, so that two writers
-- of one new word never wait for each other; a rare duplicate costs
-- nothing. A hash index for the trigger's lookup: a Japanese word has
-- no spaces and may be longer than a btree entry may be. SQLite, whose
-- FTS5 finds a word without reading rows that lack it, has no such table.
-- A new searchable table needs its partition here and its trigger.
-- Not the people's: their names are personal data, which erasing a person
-- must not leave behind here, and a person is also found through their
-- organisation, so their words alone could not answer for a search.

-- +goose Up
-- A partition per table, each with its own statistics and indexes: the
-- planner reads a word's few matches by the trigram index, or where its
-- statistics show many, the table's words in order up to the first one.
-- In one table of all words the organisations' many with ゲノム (33,630
-- of them) let it expect hundreds among the projects' 11,288 words,
-- which have none, and read all 326,000 words to find that (55 ms).
CREATE TABLE search_words (
  tbl text NOT NULL,
  word text NOT NULL
) PARTITION BY LIST (tbl);
CREATE TABLE search_words_organisations PARTITION OF search_words FOR VALUES IN ('organisations');
CREATE TABLE search_words_agreements PARTITION OF search_words FOR VALUES IN ('agreements');
CREATE TABLE search_words_trips PARTITION OF search_words FOR VALUES IN ('trips');
CREATE TABLE search_words_projects PARTITION OF search_words FOR VALUES IN ('projects');
CREATE TABLE search_words_opportunities PARTITION OF search_words FOR VALUES IN ('opportunities');

-- +goose StatementBegin
CREATE FUNCTION search_words_add() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE TRIGGER organisations_search_words AFTER INSERT OR UPDATE OF search_text ON organisations
  FOR EACH ROW EXECUTE FUNCTION search_words_add();
CREATE TRIGGER agreements_search_words AFTER INSERT OR UPDATE OF search_text ON agreements
  FOR EACH ROW EXECUTE FUNCTION search_words_add();
CREATE TRIGGER trips_search_words AFTER INSERT OR UPDATE OF search_text ON trips
  FOR EACH ROW EXECUTE FUNCTION search_words_add();
CREATE TRIGGER projects_search_words AFTER INSERT OR UPDATE OF search_text ON projects
  FOR EACH ROW EXECUTE FUNCTION search_words_add();
CREATE TRIGGER opportunities_search_words AFTER INSERT OR UPDATE OF search_text ON opportunities
  FOR EACH ROW EXECUTE FUNCTION search_words_add();

INSERT INTO search_words (tbl, word)
SELECT DISTINCT 'organisations', w FROM organisations, unnest(string_to_array(search_text, ' ')) AS w WHERE w <> ''
UNION ALL SELECT DISTINCT 'agreements', w FROM agreements, unnest(string_to_array(search_text, ' ')) AS w WHERE w <> ''
UNION ALL SELECT DISTINCT 'trips', w FROM trips, unnest(string_to_array(search_text, ' ')) AS w WHERE w <> ''
UNION ALL SELECT DISTINCT 'projects', w FROM projects, unnest(string_to_array(search_text, ' ')) AS w WHERE w <> ''
UNION ALL SELECT DISTINCT 'opportunities', w FROM opportunities, unnest(string_to_array(search_text, ' ')) AS w WHERE w <> '';

CREATE INDEX search_words_word_idx ON search_words USING hash (word);
CREATE INDEX search_words_trgm_idx ON search_words USING gin (word gin_trgm_ops);
ANALYZE search_words;

-- +goose Down
DROP TRIGGER opportunities_search_words ON opportunities;
DROP TRIGGER projects_search_words ON projects;
DROP TRIGGER trips_search_words ON trips;
DROP TRIGGER agreements_search_words ON agreements;
DROP TRIGGER organisations_search_words ON organisations;
DROP FUNCTION search_words_add();
DROP TABLE search_words;
