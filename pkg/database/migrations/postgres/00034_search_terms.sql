-- search_terms: the names of every searchable record (from search_name,
-- "| name | other name |") and every word start of them ("isar cell
-- therapeutics", "cell therapeutics", "therapeutics"), in a btree of the
-- C collation. A ranked search reads its best buckets from it (see
-- search.Buckets): "a name is the query" and "a name begins with the
-- query" are an index lookup and an index range, where the trigram index
-- can only offer every record that contains the query somewhere, to be
-- ranked one by one (seconds for a word in a sixth of a million records).
-- word: the term starts at a later word of its name (bucket RankWordPrefix,
-- not RankExact or RankPrefix). Terms are cut at 48 characters: a query
-- longer than that is looked up by its first 48 and every candidate
-- checked by the rank expression, as every bucket's rows are.
-- A trigger keeps the table in step with search_name in the same
-- transaction; SQLite, whose FTS5 rowid reads make a ranked search fast
-- without it (docs/performance.md), has no such table.

-- +goose Up
CREATE TABLE search_terms (
  tbl text NOT NULL,
  id uuid NOT NULL,
  term text COLLATE "C" NOT NULL,
  word boolean NOT NULL
);

-- +goose StatementBegin
CREATE FUNCTION search_terms_of(search_name text) RETURNS TABLE (term text, word boolean)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT left(array_to_string(w.words[i:], ' '), 48) COLLATE "C", bool_and(i > 1)
  FROM unnest(string_to_array(btrim(search_name, '| '), ' | ')) AS n(name)
  CROSS JOIN LATERAL (SELECT string_to_array(n.name, ' ') AS words) AS w
  CROSS JOIN LATERAL generate_subscripts(w.words, 1) AS i
  WHERE n.name <> ''
  GROUP BY 1
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION search_terms_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.search_name IS NOT DISTINCT FROM NEW.search_name AND OLD.id = NEW.id THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM search_terms WHERE tbl = TG_TABLE_NAME AND id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_terms (tbl, id, term, word)
    SELECT TG_TABLE_NAME, NEW.id, t.term, t.word FROM search_terms_of(NEW.search_name) AS t;
  END IF;
  RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER organisations_search_terms AFTER INSERT OR DELETE OR UPDATE OF search_name ON organisations
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh();
CREATE TRIGGER people_search_terms AFTER INSERT OR DELETE OR UPDATE OF search_name ON people
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh();
CREATE TRIGGER agreements_search_terms AFTER INSERT OR DELETE OR UPDATE OF search_name ON agreements
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh();
CREATE TRIGGER trips_search_terms AFTER INSERT OR DELETE OR UPDATE OF search_name ON trips
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh();
CREATE TRIGGER projects_search_terms AFTER INSERT OR DELETE OR UPDATE OF search_name ON projects
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh();
CREATE TRIGGER opportunities_search_terms AFTER INSERT OR DELETE OR UPDATE OF search_name ON opportunities
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh();

INSERT INTO search_terms (tbl, id, term, word)
SELECT 'organisations', r.id, t.term, t.word FROM organisations r CROSS JOIN LATERAL search_terms_of(r.search_name) t
UNION ALL SELECT 'people', r.id, t.term, t.word FROM people r CROSS JOIN LATERAL search_terms_of(r.search_name) t
UNION ALL SELECT 'agreements', r.id, t.term, t.word FROM agreements r CROSS JOIN LATERAL search_terms_of(r.search_name) t
UNION ALL SELECT 'trips', r.id, t.term, t.word FROM trips r CROSS JOIN LATERAL search_terms_of(r.search_name) t
UNION ALL SELECT 'projects', r.id, t.term, t.word FROM projects r CROSS JOIN LATERAL search_terms_of(r.search_name) t
UNION ALL SELECT 'opportunities', r.id, t.term, t.word FROM opportunities r CROSS JOIN LATERAL search_terms_of(r.search_name) t;

CREATE INDEX search_terms_term_idx ON search_terms (tbl, term) INCLUDE (word, id);
CREATE INDEX search_terms_id_idx ON search_terms (id);
ANALYZE search_terms;

-- The bucket "every word somewhere in the names" (search.RankName) is
-- found by a trigram index on the names, not by every record that has
-- the words anywhere in its text.
CREATE INDEX organisations_search_name_idx ON organisations USING gin (search_name gin_trgm_ops);
CREATE INDEX people_search_name_idx ON people USING gin (search_name gin_trgm_ops);
CREATE INDEX agreements_search_name_idx ON agreements USING gin (search_name gin_trgm_ops);
CREATE INDEX trips_search_name_idx ON trips USING gin (search_name gin_trgm_ops);
CREATE INDEX projects_search_name_idx ON projects USING gin (search_name gin_trgm_ops);
CREATE INDEX opportunities_search_name_idx ON opportunities USING gin (search_name gin_trgm_ops);

-- +goose Down
DROP INDEX opportunities_search_name_idx;
DROP INDEX projects_search_name_idx;
DROP INDEX trips_search_name_idx;
DROP INDEX agreements_search_name_idx;
DROP INDEX people_search_name_idx;
DROP INDEX organisations_search_name_idx;
DROP TRIGGER opportunities_search_terms ON opportunities;
DROP TRIGGER projects_search_terms ON projects;
DROP TRIGGER trips_search_terms ON trips;
DROP TRIGGER agreements_search_terms ON agreements;
DROP TRIGGER people_search_terms ON people;
DROP TRIGGER organisations_search_terms ON organisations;
DROP FUNCTION search_terms_refresh();
DROP FUNCTION search_terms_of(text);
DROP TABLE search_terms;
