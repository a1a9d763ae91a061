-- search_terms.sort: the value of its list's default order of the record
-- a term belongs to (organisations and people name_sort, agreements
-- signed_on, trips start_date, projects start_sort, opportunities
-- published_sort: all text, so one column of the same collation orders
-- them as their lists do), in the term index, so that a bucket's first
-- candidates in the list's order are read from the index alone
-- (search.Find): for a word that a tenth of the organisations begin with,
-- a sort of index entries instead of looking up every candidate or
-- ranking every match. Each table's trigger names its column as its
-- argument and refreshes the terms when that changes too.
-- search_terms_head_idx groups the terms by their first two characters
-- and then by the list's order: the candidates of a query that thousands
-- of names begin with are read from it in that order, and the reading
-- stops after the few the page needs.

-- +goose Up
DROP INDEX search_terms_term_idx;
DROP INDEX search_terms_id_idx;
TRUNCATE search_terms;
ALTER TABLE search_terms ADD COLUMN sort text;

-- A word start that begins one of the record's names is left out: every
-- query it begins with begins that name too, so it never makes the
-- record a word-prefix match (a person's "taro tanaka" beside "tanaka
-- taro"). Without them the word-prefix bucket's entries are the records
-- that can be in it, not every Tanaka of the people.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION search_terms_of(search_name text) RETURNS TABLE (term text, word boolean)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH t AS (
    SELECT left(array_to_string(w.words[i:], ' '), 48) COLLATE "C" AS term, bool_and(i > 1) AS word
    FROM unnest(string_to_array(btrim(search_name, '| '), ' | ')) AS n(name)
    CROSS JOIN LATERAL (SELECT string_to_array(n.name, ' ') AS words) AS w
    CROSS JOIN LATERAL generate_subscripts(w.words, 1) AS i
    WHERE n.name <> ''
    GROUP BY 1
  )
  SELECT t.term, t.word FROM t
  WHERE NOT t.word OR NOT EXISTS (SELECT FROM t AS n WHERE NOT n.word AND starts_with(n.term, t.term))
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION search_terms_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_sort text;
  new_sort text;
BEGIN
  IF TG_NARGS > 0 AND TG_OP <> 'INSERT' THEN
    EXECUTE format('SELECT ($1).%I::text', TG_ARGV[0]) INTO old_sort USING OLD;
  END IF;
  IF TG_NARGS > 0 AND TG_OP <> 'DELETE' THEN
    EXECUTE format('SELECT ($1).%I::text', TG_ARGV[0]) INTO new_sort USING NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.search_name IS NOT DISTINCT FROM NEW.search_name AND OLD.id = NEW.id
     AND old_sort IS NOT DISTINCT FROM new_sort THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM search_terms WHERE tbl = TG_TABLE_NAME AND id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_terms (tbl, id, term, word, sort)
    SELECT TG_TABLE_NAME, NEW.id, t.term, t.word, new_sort FROM search_terms_of(NEW.search_name) AS t;
  END IF;
  RETURN NULL;
END
$$;
-- +goose StatementEnd

DROP TRIGGER organisations_search_terms ON organisations;
CREATE TRIGGER organisations_search_terms AFTER INSERT OR DELETE OR UPDATE OF search_name, name_sort ON organisations
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh('name_sort');
DROP TRIGGER people_search_terms ON people;
CREATE TRIGGER people_search_terms AFTER INSERT OR DELETE OR UPDATE OF search_name, name_sort ON people
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh('name_sort');
DROP TRIGGER agreements_search_terms ON agreements;
CREATE TRIGGER agreements_search_terms AFTER INSERT OR DELETE OR UPDATE OF search_name, signed_on ON agreements
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh('signed_on');
DROP TRIGGER trips_search_terms ON trips;
CREATE TRIGGER trips_search_terms AFTER INSERT OR DELETE OR UPDATE OF search_name, start_date ON trips
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh('start_date');
DROP TRIGGER projects_search_terms ON projects;
CREATE TRIGGER projects_search_terms AFTER INSERT OR DELETE OR UPDATE OF search_name, start_sort ON projects
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh('start_sort');
DROP TRIGGER opportunities_search_terms ON opportunities;
CREATE TRIGGER opportunities_search_terms AFTER INSERT OR DELETE OR UPDATE OF search_name, published_sort ON opportunities
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh('published_sort');

INSERT INTO search_terms (tbl, id, term, word, sort)
SELECT 'organisations', r.id, t.term, t.word, r.name_sort FROM organisations r CROSS JOIN LATERAL search_terms_of(r.search_name) t
UNION ALL SELECT 'people', r.id, t.term, t.word, r.name_sort FROM people r CROSS JOIN LATERAL search_terms_of(r.search_name) t
UNION ALL SELECT 'agreements', r.id, t.term, t.word, r.signed_on FROM agreements r CROSS JOIN LATERAL search_terms_of(r.search_name) t
UNION ALL SELECT 'trips', r.id, t.term, t.word, r.start_date FROM trips r CROSS JOIN LATERAL search_terms_of(r.search_name) t
UNION ALL SELECT 'projects', r.id, t.term, t.word, r.start_sort FROM projects r CROSS JOIN LATERAL search_terms_of(r.search_name) t
UNION ALL SELECT 'opportunities', r.id, t.term, t.word, r.published_sort FROM opportunities r CROSS JOIN LATERAL search_terms_of(r.search_name) t;

CREATE INDEX search_terms_term_idx ON search_terms (tbl, term) INCLUDE (word, id, sort);
CREATE INDEX search_terms_head_idx ON search_terms (tbl, left(term, 2), word, sort, id) INCLUDE (term);
CREATE INDEX search_terms_id_idx ON search_terms (id);
ANALYZE search_terms;

-- +goose Down
DROP INDEX search_terms_head_idx;
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION search_terms_of(search_name text) RETURNS TABLE (term text, word boolean)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT left(array_to_string(w.words[i:], ' '), 48) COLLATE "C", bool_and(i > 1)
  FROM unnest(string_to_array(btrim(search_name, '| '), ' | ')) AS n(name)
  CROSS JOIN LATERAL (SELECT string_to_array(n.name, ' ') AS words) AS w
  CROSS JOIN LATERAL generate_subscripts(w.words, 1) AS i
  WHERE n.name <> ''
  GROUP BY 1
$$;
-- +goose StatementEnd
DROP TRIGGER organisations_search_terms ON organisations;
CREATE TRIGGER organisations_search_terms AFTER INSERT OR DELETE OR UPDATE OF search_name ON organisations
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh();
DROP TRIGGER people_search_terms ON people;
CREATE TRIGGER people_search_terms AFTER INSERT OR DELETE OR UPDATE OF search_name ON people
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh();
DROP TRIGGER agreements_search_terms ON agreements;
CREATE TRIGGER agreements_search_terms AFTER INSERT OR DELETE OR UPDATE OF search_name ON agreements
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh();
DROP TRIGGER trips_search_terms ON trips;
CREATE TRIGGER trips_search_terms AFTER INSERT OR DELETE OR UPDATE OF search_name ON trips
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh();
DROP TRIGGER projects_search_terms ON projects;
CREATE TRIGGER projects_search_terms AFTER INSERT OR DELETE OR UPDATE OF search_name ON projects
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh();
DROP TRIGGER opportunities_search_terms ON opportunities;
CREATE TRIGGER opportunities_search_terms AFTER INSERT OR DELETE OR UPDATE OF search_name ON opportunities
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh();
DROP INDEX search_terms_term_idx;
ALTER TABLE search_terms DROP COLUMN sort;
CREATE INDEX search_terms_term_idx ON search_terms (tbl, term) INCLUDE (word, id);

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION search_terms_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
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
