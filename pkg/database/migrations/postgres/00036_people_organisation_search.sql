-- people.organisation_search_text and organisation_search_grams are the
-- search_text and search_grams of the person's organisation, kept in step
-- by triggers in the writing transaction: a person takes them from the
-- organisation when inserted or moved to another one, and an organisation
-- whose search text or grams change writes them to its people. A person
-- is found by their organisation's name (person.List, search.RankOther),
-- and a ranked list read in its order checks each row (search.Find's
-- windows): with the organisation's text on the row, a check is one
-- row's, not an index lookup of the organisation as well (3 of the 5 µs a
-- row took at one million organisations, docs/performance.md). The
-- columns have the indexes of the person's own (00004), so the matches of
-- a whole list are found on the people alone. They are the search
-- package's, not the person's: lists leave them out, and no write of the
-- application names them (an organisation renamed changes no person's
-- version).

-- +goose Up
ALTER TABLE people
  ADD COLUMN organisation_search_text text NOT NULL DEFAULT '',
  ADD COLUMN organisation_search_grams text[] NOT NULL DEFAULT '{}';
UPDATE people p SET organisation_search_text = o.search_text, organisation_search_grams = o.search_grams
  FROM organisations o WHERE o.id = p.organisation_id;

-- +goose StatementBegin
CREATE FUNCTION people_organisation_search() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t text;
  g text[];
BEGIN
  -- FOR SHARE: an organisation's change waits for this transaction, and
  -- this one for the change, which then writes its people, this one too.
  SELECT search_text, search_grams INTO t, g FROM organisations WHERE id = NEW.organisation_id FOR SHARE;
  -- No organisation: the foreign key refuses the row, not this trigger.
  NEW.organisation_search_text := COALESCE(t, '');
  NEW.organisation_search_grams := COALESCE(g, '{}');
  RETURN NEW;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER people_organisation_search BEFORE INSERT ON people
  FOR EACH ROW EXECUTE FUNCTION people_organisation_search();
-- Only when the person moves: every write of a person names its
-- organisation_id, and reading the organisation FOR SHARE on each would
-- deadlock a person's edit (holding the person, waiting for the
-- organisation) with the organisation's rename (holding the
-- organisation, writing its people).
CREATE TRIGGER people_organisation_search_moved BEFORE UPDATE OF organisation_id ON people
  FOR EACH ROW WHEN (OLD.organisation_id IS DISTINCT FROM NEW.organisation_id)
  EXECUTE FUNCTION people_organisation_search();

-- +goose StatementBegin
CREATE FUNCTION organisations_people_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE people SET organisation_search_text = NEW.search_text, organisation_search_grams = NEW.search_grams
  WHERE organisation_id = NEW.id;
  RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER organisations_people_search AFTER UPDATE OF search_text, search_grams ON organisations
  FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text OR OLD.search_grams IS DISTINCT FROM NEW.search_grams)
  EXECUTE FUNCTION organisations_people_search();

CREATE INDEX people_organisation_search_idx ON people USING gin (organisation_search_text gin_trgm_ops);
CREATE INDEX people_organisation_grams_idx ON people USING gin (organisation_search_grams);
ANALYZE people;

-- +goose Down
DROP TRIGGER organisations_people_search ON organisations;
DROP FUNCTION organisations_people_search();
DROP TRIGGER people_organisation_search_moved ON people;
DROP TRIGGER people_organisation_search ON people;
DROP FUNCTION people_organisation_search();
ALTER TABLE people DROP COLUMN organisation_search_text, DROP COLUMN organisation_search_grams;
