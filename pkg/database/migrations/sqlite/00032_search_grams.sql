-- Short words (one or two characters, as most Japanese words are: 大阪,
-- 佐藤) by an index on SQLite too, matching exactly what they match on
-- PostgreSQL. search.Condition looks a short word up among a record's
-- grams (search.Grams: the distinct one- and two-character pieces of its
-- names and titles). PostgreSQL has kept them in search_grams with a GIN
-- index since migration 00004; SQLite left the column empty and read every
-- row with search_text LIKE '%w%', which also found a short word in texts
-- that are not made into grams (a city, a description).
--
-- SQLite now stores the grams in search_grams as well (search.GramsValue),
-- each as the hex of its UTF-8 bytes and separated by spaces: the
-- unicode61 tokenizer splits at punctuation, which a gram may hold (".v"
-- of "e.V.", "-a" of "Bio-AG"), but keeps hex whole (and, being ASCII,
-- untouched by its case and diacritics folding). <table>_grams indexes
-- those tokens for each of the six searchable tables, kept in step with
-- search_grams by triggers like those of <table>_fts. A lookup is of whole
-- tokens, never of phrases or prefixes, so the index keeps no positions
-- (detail=none) and no column sizes (columnsize=0): it is smaller and
-- cheaper to write.
--
-- The rows stored before have empty search_grams, which 'rebuild' indexes
-- as nothing; search.Version 3 has the server fill them at start-up
-- (search.Refresh), and the triggers carry them into <table>_grams.

-- +goose Up
CREATE VIRTUAL TABLE organisations_grams USING fts5 (search_grams, content='organisations', content_rowid='rowid', tokenize='unicode61', detail=none, columnsize=0);
INSERT INTO organisations_grams (organisations_grams) VALUES ('rebuild');
-- +goose StatementBegin
CREATE TRIGGER organisations_grams_insert AFTER INSERT ON organisations BEGIN
  INSERT INTO organisations_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organisations_grams_delete AFTER DELETE ON organisations BEGIN
  INSERT INTO organisations_grams (organisations_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organisations_grams_update AFTER UPDATE OF search_grams ON organisations BEGIN
  INSERT INTO organisations_grams (organisations_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
  INSERT INTO organisations_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd

CREATE VIRTUAL TABLE people_grams USING fts5 (search_grams, content='people', content_rowid='rowid', tokenize='unicode61', detail=none, columnsize=0);
INSERT INTO people_grams (people_grams) VALUES ('rebuild');
-- +goose StatementBegin
CREATE TRIGGER people_grams_insert AFTER INSERT ON people BEGIN
  INSERT INTO people_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER people_grams_delete AFTER DELETE ON people BEGIN
  INSERT INTO people_grams (people_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER people_grams_update AFTER UPDATE OF search_grams ON people BEGIN
  INSERT INTO people_grams (people_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
  INSERT INTO people_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd

CREATE VIRTUAL TABLE agreements_grams USING fts5 (search_grams, content='agreements', content_rowid='rowid', tokenize='unicode61', detail=none, columnsize=0);
INSERT INTO agreements_grams (agreements_grams) VALUES ('rebuild');
-- +goose StatementBegin
CREATE TRIGGER agreements_grams_insert AFTER INSERT ON agreements BEGIN
  INSERT INTO agreements_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER agreements_grams_delete AFTER DELETE ON agreements BEGIN
  INSERT INTO agreements_grams (agreements_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER agreements_grams_update AFTER UPDATE OF search_grams ON agreements BEGIN
  INSERT INTO agreements_grams (agreements_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
  INSERT INTO agreements_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd

CREATE VIRTUAL TABLE trips_grams USING fts5 (search_grams, content='trips', content_rowid='rowid', tokenize='unicode61', detail=none, columnsize=0);
INSERT INTO trips_grams (trips_grams) VALUES ('rebuild');
-- +goose StatementBegin
CREATE TRIGGER trips_grams_insert AFTER INSERT ON trips BEGIN
  INSERT INTO trips_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER trips_grams_delete AFTER DELETE ON trips BEGIN
  INSERT INTO trips_grams (trips_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER trips_grams_update AFTER UPDATE OF search_grams ON trips BEGIN
  INSERT INTO trips_grams (trips_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
  INSERT INTO trips_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd

CREATE VIRTUAL TABLE projects_grams USING fts5 (search_grams, content='projects', content_rowid='rowid', tokenize='unicode61', detail=none, columnsize=0);
INSERT INTO projects_grams (projects_grams) VALUES ('rebuild');
-- +goose StatementBegin
CREATE TRIGGER projects_grams_insert AFTER INSERT ON projects BEGIN
  INSERT INTO projects_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER projects_grams_delete AFTER DELETE ON projects BEGIN
  INSERT INTO projects_grams (projects_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER projects_grams_update AFTER UPDATE OF search_grams ON projects BEGIN
  INSERT INTO projects_grams (projects_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
  INSERT INTO projects_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd

CREATE VIRTUAL TABLE opportunities_grams USING fts5 (search_grams, content='opportunities', content_rowid='rowid', tokenize='unicode61', detail=none, columnsize=0);
INSERT INTO opportunities_grams (opportunities_grams) VALUES ('rebuild');
-- +goose StatementBegin
CREATE TRIGGER opportunities_grams_insert AFTER INSERT ON opportunities BEGIN
  INSERT INTO opportunities_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER opportunities_grams_delete AFTER DELETE ON opportunities BEGIN
  INSERT INTO opportunities_grams (opportunities_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER opportunities_grams_update AFTER UPDATE OF search_grams ON opportunities BEGIN
  INSERT INTO opportunities_grams (opportunities_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
  INSERT INTO opportunities_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER opportunities_grams_update;
DROP TRIGGER opportunities_grams_delete;
DROP TRIGGER opportunities_grams_insert;
DROP TABLE opportunities_grams;

DROP TRIGGER projects_grams_update;
DROP TRIGGER projects_grams_delete;
DROP TRIGGER projects_grams_insert;
DROP TABLE projects_grams;

DROP TRIGGER trips_grams_update;
DROP TRIGGER trips_grams_delete;
DROP TRIGGER trips_grams_insert;
DROP TABLE trips_grams;

DROP TRIGGER agreements_grams_update;
DROP TRIGGER agreements_grams_delete;
DROP TRIGGER agreements_grams_insert;
DROP TABLE agreements_grams;

DROP TRIGGER people_grams_update;
DROP TRIGGER people_grams_delete;
DROP TRIGGER people_grams_insert;
DROP TABLE people_grams;

DROP TRIGGER organisations_grams_update;
DROP TRIGGER organisations_grams_delete;
DROP TRIGGER organisations_grams_insert;
DROP TABLE organisations_grams;
