-- Trips and events: delegation trips to Japan, incoming delegations, trade
-- fairs and conferences, with organisers, an agenda of instants, and
-- participants whose seats are confirmed up to capacity and waitlisted
-- beyond it. At most one active (not cancelled) registration per person
-- and trip, enforced by a partial unique index.

-- +goose Up
CREATE TABLE trips (
  id                    TEXT PRIMARY KEY,
  title                 text NOT NULL,
  kind                  text NOT NULL,
  country               text NOT NULL,
  cities                text NOT NULL DEFAULT '',
  start_date            text NOT NULL,
  end_date              text NOT NULL,
  time_zone             text NOT NULL,
  status                text NOT NULL,
  capacity              integer,
  registration_deadline TIMESTAMP,
  description_de        text NOT NULL DEFAULT '',
  description_en        text NOT NULL DEFAULT '',
  description_ja        text NOT NULL DEFAULT '',
  search_text           text NOT NULL,
  search_grams          TEXT NOT NULL DEFAULT '',
  version               integer NOT NULL DEFAULT 1,
  created_at            TIMESTAMP NOT NULL,
  updated_at            TIMESTAMP NOT NULL
);
CREATE INDEX trips_start_idx ON trips (start_date, id);
CREATE INDEX trips_updated_idx ON trips (updated_at, id);
CREATE INDEX trips_status_idx ON trips (status, start_date, id);
CREATE VIRTUAL TABLE trips_fts USING fts5 (search_text, content='trips', content_rowid='rowid', tokenize='trigram');
-- +goose StatementBegin
CREATE TRIGGER trips_fts_insert AFTER INSERT ON trips BEGIN
  INSERT INTO trips_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER trips_fts_delete AFTER DELETE ON trips BEGIN
  INSERT INTO trips_fts (trips_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER trips_fts_update AFTER UPDATE OF search_text ON trips BEGIN
  INSERT INTO trips_fts (trips_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO trips_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- +goose StatementEnd

CREATE TABLE trip_regions (
  trip_id TEXT NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
  region  text NOT NULL REFERENCES regions (code),
  PRIMARY KEY (trip_id, region)
);
CREATE INDEX trip_regions_region_idx ON trip_regions (region, trip_id);

CREATE TABLE trip_organisers (
  trip_id         TEXT NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  position        integer NOT NULL,
  PRIMARY KEY (trip_id, organisation_id)
);
CREATE INDEX trip_organisers_org_idx ON trip_organisers (organisation_id, trip_id);

CREATE TABLE trip_agenda (
  id              TEXT PRIMARY KEY,
  trip_id         TEXT NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
  starts_at       TIMESTAMP NOT NULL,
  ends_at         TIMESTAMP NOT NULL,
  title           text NOT NULL,
  kind            text NOT NULL,
  location        text NOT NULL DEFAULT '',
  organisation_id TEXT REFERENCES organisations (id),
  version         integer NOT NULL DEFAULT 1,
  created_at      TIMESTAMP NOT NULL,
  updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX trip_agenda_trip_idx ON trip_agenda (trip_id, starts_at, id);
CREATE INDEX trip_agenda_org_idx ON trip_agenda (organisation_id);

CREATE TABLE trip_participants (
  id              TEXT PRIMARY KEY,
  trip_id         TEXT NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
  person_id       TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  status          text NOT NULL,
  registered_at   TIMESTAMP NOT NULL,
  cancelled_at    TIMESTAMP,
  version         integer NOT NULL DEFAULT 1,
  created_at      TIMESTAMP NOT NULL,
  updated_at      TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX trip_participants_active_idx ON trip_participants (trip_id, person_id) WHERE status <> 'cancelled';
CREATE INDEX trip_participants_queue_idx ON trip_participants (trip_id, status, registered_at, id);
CREATE INDEX trip_participants_org_idx ON trip_participants (organisation_id, trip_id);

-- +goose Down
DROP TABLE trip_participants;
DROP TABLE trip_agenda;
DROP TABLE trip_organisers;
DROP TABLE trip_regions;
DROP TABLE trips_fts;
DROP TABLE trips;
