-- The change feed (GET /api/v1/changes): one row per change of a record
-- integrations follow, written by audit.Record in the transaction of the
-- change. Readers must never skip a row that commits late, so a row
-- carries the id of the transaction that wrote it (xid) and readers stop
-- before the oldest transaction still running (pg_snapshot_xmin): every
-- row below that is committed or gone for good. The feed's order is
-- (xid, seq); seq orders the rows of one transaction.
-- changes_pruned holds the newest position retention removed: a cursor
-- before it has missed changes and must resync (410).

-- +goose Up
CREATE TABLE changes (
  seq          bigserial PRIMARY KEY,
  xid          bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
  entity_type  text NOT NULL,
  entity_id    text NOT NULL,
  action       text NOT NULL,
  version      integer NOT NULL,
  occurred_at  timestamptz NOT NULL,
  data         text
);
CREATE INDEX changes_position_idx ON changes (xid, seq);
CREATE INDEX changes_entity_idx ON changes (entity_type, entity_id);
CREATE INDEX changes_occurred_idx ON changes (occurred_at);

CREATE TABLE changes_pruned (
  id   integer PRIMARY KEY CHECK (id = 1),
  xid  bigint NOT NULL,
  seq  bigint NOT NULL
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
