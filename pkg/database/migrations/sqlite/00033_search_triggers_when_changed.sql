-- An update of a record re-indexes its search text and grams only when
-- they changed. The update triggers of <table>_fts (migrations 00004–
-- 00014) and <table>_grams (00032) fire whenever search_text or
-- search_grams is assigned, and every write of a record assigns both, so
-- a PATCH of an organisation's phone number deleted and re-inserted every
-- trigram of its description. Each trigger now has WHEN old IS NOT new:
-- same behaviour whenever the text changes, no index work when it does
-- not. Down restores the triggers without the WHEN.

-- +goose Up
DROP TRIGGER organisations_fts_update;
-- +goose StatementBegin
CREATE TRIGGER organisations_fts_update AFTER UPDATE OF search_text ON organisations WHEN old.search_text IS NOT new.search_text BEGIN
  INSERT INTO organisations_fts (organisations_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO organisations_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd
DROP TRIGGER organisations_grams_update;
-- +goose StatementBegin
CREATE TRIGGER organisations_grams_update AFTER UPDATE OF search_grams ON organisations WHEN old.search_grams IS NOT new.search_grams BEGIN
  INSERT INTO organisations_grams (organisations_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
  INSERT INTO organisations_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd
DROP TRIGGER people_fts_update;
-- +goose StatementBegin
CREATE TRIGGER people_fts_update AFTER UPDATE OF search_text ON people WHEN old.search_text IS NOT new.search_text BEGIN
  INSERT INTO people_fts (people_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO people_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd
DROP TRIGGER people_grams_update;
-- +goose StatementBegin
CREATE TRIGGER people_grams_update AFTER UPDATE OF search_grams ON people WHEN old.search_grams IS NOT new.search_grams BEGIN
  INSERT INTO people_grams (people_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
  INSERT INTO people_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd
DROP TRIGGER agreements_fts_update;
-- +goose StatementBegin
CREATE TRIGGER agreements_fts_update AFTER UPDATE OF search_text ON agreements WHEN old.search_text IS NOT new.search_text BEGIN
  INSERT INTO agreements_fts (agreements_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO agreements_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd
DROP TRIGGER agreements_grams_update;
-- +goose StatementBegin
CREATE TRIGGER agreements_grams_update AFTER UPDATE OF search_grams ON agreements WHEN old.search_grams IS NOT new.search_grams BEGIN
  INSERT INTO agreements_grams (agreements_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
  INSERT INTO agreements_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd
DROP TRIGGER trips_fts_update;
-- +goose StatementBegin
CREATE TRIGGER trips_fts_update AFTER UPDATE OF search_text ON trips WHEN old.search_text IS NOT new.search_text BEGIN
  INSERT INTO trips_fts (trips_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO trips_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd
DROP TRIGGER trips_grams_update;
-- +goose StatementBegin
CREATE TRIGGER trips_grams_update AFTER UPDATE OF search_grams ON trips WHEN old.search_grams IS NOT new.search_grams BEGIN
  INSERT INTO trips_grams (trips_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
  INSERT INTO trips_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd
DROP TRIGGER projects_fts_update;
-- +goose StatementBegin
CREATE TRIGGER projects_fts_update AFTER UPDATE OF search_text ON projects WHEN old.search_text IS NOT new.search_text BEGIN
  INSERT INTO projects_fts (projects_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO projects_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd
DROP TRIGGER projects_grams_update;
-- +goose StatementBegin
CREATE TRIGGER projects_grams_update AFTER UPDATE OF search_grams ON projects WHEN old.search_grams IS NOT new.search_grams BEGIN
  INSERT INTO projects_grams (projects_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
  INSERT INTO projects_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd
DROP TRIGGER opportunities_fts_update;
-- +goose StatementBegin
CREATE TRIGGER opportunities_fts_update AFTER UPDATE OF search_text ON opportunities WHEN old.search_text IS NOT new.search_text BEGIN
  INSERT INTO opportunities_fts (opportunities_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO opportunities_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd
DROP TRIGGER opportunities_grams_update;
-- +goose StatementBegin
CREATE TRIGGER opportunities_grams_update AFTER UPDATE OF search_grams ON opportunities WHEN old.search_grams IS NOT new.search_grams BEGIN
  INSERT INTO opportunities_grams (opportunities_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
  INSERT INTO opportunities_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER organisations_fts_update;
-- +goose StatementBegin
CREATE TRIGGER organisations_fts_update AFTER UPDATE OF search_text ON organisations BEGIN
  INSERT INTO organisations_fts (organisations_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO organisations_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd
DROP TRIGGER organisations_grams_update;
-- +goose StatementBegin
CREATE TRIGGER organisations_grams_update AFTER UPDATE OF search_grams ON organisations BEGIN
  INSERT INTO organisations_grams (organisations_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
  INSERT INTO organisations_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd
DROP TRIGGER people_fts_update;
-- +goose StatementBegin
CREATE TRIGGER people_fts_update AFTER UPDATE OF search_text ON people BEGIN
  INSERT INTO people_fts (people_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO people_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd
DROP TRIGGER people_grams_update;
-- +goose StatementBegin
CREATE TRIGGER people_grams_update AFTER UPDATE OF search_grams ON people BEGIN
  INSERT INTO people_grams (people_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
  INSERT INTO people_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd
DROP TRIGGER agreements_fts_update;
-- +goose StatementBegin
CREATE TRIGGER agreements_fts_update AFTER UPDATE OF search_text ON agreements BEGIN
  INSERT INTO agreements_fts (agreements_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO agreements_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd
DROP TRIGGER agreements_grams_update;
-- +goose StatementBegin
CREATE TRIGGER agreements_grams_update AFTER UPDATE OF search_grams ON agreements BEGIN
  INSERT INTO agreements_grams (agreements_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
  INSERT INTO agreements_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd
DROP TRIGGER trips_fts_update;
-- +goose StatementBegin
CREATE TRIGGER trips_fts_update AFTER UPDATE OF search_text ON trips BEGIN
  INSERT INTO trips_fts (trips_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO trips_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd
DROP TRIGGER trips_grams_update;
-- +goose StatementBegin
CREATE TRIGGER trips_grams_update AFTER UPDATE OF search_grams ON trips BEGIN
  INSERT INTO trips_grams (trips_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
  INSERT INTO trips_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd
DROP TRIGGER projects_fts_update;
-- +goose StatementBegin
CREATE TRIGGER projects_fts_update AFTER UPDATE OF search_text ON projects BEGIN
  INSERT INTO projects_fts (projects_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO projects_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd
DROP TRIGGER projects_grams_update;
-- +goose StatementBegin
CREATE TRIGGER projects_grams_update AFTER UPDATE OF search_grams ON projects BEGIN
  INSERT INTO projects_grams (projects_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
  INSERT INTO projects_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd
DROP TRIGGER opportunities_fts_update;
-- +goose StatementBegin
CREATE TRIGGER opportunities_fts_update AFTER UPDATE OF search_text ON opportunities BEGIN
  INSERT INTO opportunities_fts (opportunities_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO opportunities_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd
DROP TRIGGER opportunities_grams_update;
-- +goose StatementBegin
CREATE TRIGGER opportunities_grams_update AFTER UPDATE OF search_grams ON opportunities BEGIN
  INSERT INTO opportunities_grams (opportunities_grams, rowid, search_grams) VALUES ('delete', old.rowid, old.search_grams);
  INSERT INTO opportunities_grams (rowid, search_grams) VALUES (new.rowid, new.search_grams);
END;
-- +goose StatementEnd
