-- Trips and events: delegation trips to Japan, incoming delegations, trade
-- fairs and conferences, with organisers, an agenda of instants, and
-- participants whose seats are confirmed up to capacity and waitlisted
-- beyond it. At most one active (not cancelled) registration per person
-- and trip, enforced by a partial unique index.

-- +goose Up
CREATE TABLE trips (
  id                    uuid PRIMARY KEY,
  title                 text NOT NULL,
  kind                  text NOT NULL,
  country               text NOT NULL,
  cities                text NOT NULL DEFAULT '',
  start_date            text NOT NULL,
  end_date              text NOT NULL,
  time_zone             text NOT NULL,
  status                text NOT NULL,
  capacity              integer,
  registration_deadline timestamptz,
  description_de        text NOT NULL DEFAULT '',
  description_en        text NOT NULL DEFAULT '',
  description_ja        text NOT NULL DEFAULT '',
  search_text           text NOT NULL,
  search_grams          text[] NOT NULL DEFAULT '{}',
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL
);
CREATE INDEX trips_start_idx ON trips (start_date, id);
CREATE INDEX trips_updated_idx ON trips (updated_at, id);
CREATE INDEX trips_status_idx ON trips (status, start_date, id);
CREATE INDEX trips_search_idx ON trips USING gin (search_text gin_trgm_ops);
CREATE INDEX trips_grams_idx ON trips USING gin (search_grams);

CREATE TABLE trip_regions (
  trip_id uuid NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
  region  text NOT NULL REFERENCES regions (code),
  PRIMARY KEY (trip_id, region)
);
CREATE INDEX trip_regions_region_idx ON trip_regions (region, trip_id);

CREATE TABLE trip_organisers (
  trip_id         uuid NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  position        integer NOT NULL,
  PRIMARY KEY (trip_id, organisation_id)
);
CREATE INDEX trip_organisers_org_idx ON trip_organisers (organisation_id, trip_id);

CREATE TABLE trip_agenda (
  id              uuid PRIMARY KEY,
  trip_id         uuid NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
  starts_at       timestamptz NOT NULL,
  ends_at         timestamptz NOT NULL,
  title           text NOT NULL,
  kind            text NOT NULL,
  location        text NOT NULL DEFAULT '',
  organisation_id uuid REFERENCES organisations (id),
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX trip_agenda_trip_idx ON trip_agenda (trip_id, starts_at, id);
CREATE INDEX trip_agenda_org_idx ON trip_agenda (organisation_id);

CREATE TABLE trip_participants (
  id              uuid PRIMARY KEY,
  trip_id         uuid NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
  person_id       uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  status          text NOT NULL,
  registered_at   timestamptz NOT NULL,
  cancelled_at    timestamptz,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX trip_participants_active_idx ON trip_participants (trip_id, person_id) WHERE status <> 'cancelled';
CREATE INDEX trip_participants_queue_idx ON trip_participants (trip_id, status, registered_at, id);
CREATE INDEX trip_participants_org_idx ON trip_participants (organisation_id, trip_id);

-- +goose Down
DROP TABLE trip_participants;
DROP TABLE trip_agenda;
DROP TABLE trip_organisers;
DROP TABLE trip_regions;
DROP TABLE trips;
