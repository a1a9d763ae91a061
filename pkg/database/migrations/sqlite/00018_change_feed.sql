-- The change feed (GET /api/v1/changes): one row per change of a record
-- integrations follow, written by audit.Record in the transaction of the
-- change. SQLite serialises writers, so rows commit in seq order and a
-- plain sequence is the commit order; xid stays 0 (PostgreSQL needs it,
-- see its migration) so that both engines order by (xid, seq).
-- AUTOINCREMENT: a pruned seq is never handed out again.
-- changes_pruned holds the newest position retention removed: a cursor
-- before it has missed changes and must resync (410).

-- +goose Up
CREATE TABLE changes (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  xid          INTEGER NOT NULL DEFAULT 0,
  entity_type  TEXT NOT NULL,
  entity_id    TEXT NOT NULL,
  action       TEXT NOT NULL,
  version      INTEGER NOT NULL,
  occurred_at  TIMESTAMP NOT NULL,
  data         TEXT
);
CREATE INDEX changes_position_idx ON changes (xid, seq);
CREATE INDEX changes_entity_idx ON changes (entity_type, entity_id);
CREATE INDEX changes_occurred_idx ON changes (occurred_at);

CREATE TABLE changes_pruned (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  xid  INTEGER NOT NULL,
  seq  INTEGER NOT NULL
);

-- updated_since (and sort=updated_at) on the reference-data lists, the
-- only lists with an update time that had no index on it.
CREATE INDEX regions_updated_idx ON regions (updated_at, id);
CREATE INDEX focus_areas_updated_idx ON focus_areas (updated_at, id);
CREATE INDEX funders_updated_idx ON funders (updated_at, id);

-- +goose Down
DROP INDEX funders_updated_idx;
DROP INDEX focus_areas_updated_idx;
DROP INDEX regions_updated_idx;
DROP TABLE changes_pruned;
DROP TABLE changes;
