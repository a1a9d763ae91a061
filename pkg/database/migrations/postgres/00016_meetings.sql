-- B2B meetings at trips: sessions (with slots derived from start, end,
-- meeting length and break), places of capacity 1, participants (the
-- trip's confirmed participants and hosts a coordinator adds) with the
-- sessions they are available in, meeting requests that become scheduled
-- meetings, the outcome each side records, and secret calendar feeds.
--
-- meeting_slot_bookings holds one row per person and one per place of a
-- scheduled meeting: its unique indexes are what keeps a person or a
-- place from being in two meetings of one slot, even when acceptances run
-- at the same time (NULLs are distinct, so a person row is checked only
-- against persons and a place row only against places). Sessions of one
-- trip never overlap (the application checks), so a slot is a time.
-- The bookings mirror the scheduled meetings, whose foreign keys already
-- hold their session and place (a session or place with meetings cannot
-- go); they have no foreign keys of their own, which would check (and
-- lock) a row for each of the 15,000 bookings "schedule all" writes for
-- 5,000 meetings. A trigger removes a deleted meeting's bookings, as
-- ON DELETE CASCADE would.

-- +goose Up
CREATE TABLE meeting_sessions (
  id                uuid PRIMARY KEY,
  trip_id           uuid NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
  day               text NOT NULL,
  start_time        text NOT NULL,
  end_time          text NOT NULL,
  starts_at         timestamptz NOT NULL,
  ends_at           timestamptz NOT NULL,
  meeting_minutes   integer NOT NULL,
  break_minutes     integer NOT NULL,
  booking_opens_at  timestamptz,
  booking_closes_at timestamptz,
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX meeting_sessions_trip_idx ON meeting_sessions (trip_id, starts_at, id);

CREATE TABLE meeting_places (
  id         uuid PRIMARY KEY,
  trip_id    uuid NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
  name       text NOT NULL,
  virtual    boolean NOT NULL DEFAULT false,
  version    integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX meeting_places_name_idx ON meeting_places (trip_id, name);

CREATE TABLE meeting_participants (
  id              uuid PRIMARY KEY,
  trip_id         uuid NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
  person_id       uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  role            text NOT NULL,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX meeting_participants_person_idx ON meeting_participants (trip_id, person_id);
CREATE INDEX meeting_participants_org_idx ON meeting_participants (organisation_id);
CREATE INDEX meeting_participants_person_only_idx ON meeting_participants (person_id);

CREATE TABLE meeting_availability (
  session_id uuid NOT NULL REFERENCES meeting_sessions (id) ON DELETE CASCADE,
  person_id  uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  trip_id    uuid NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
  PRIMARY KEY (session_id, person_id)
);
CREATE INDEX meeting_availability_person_idx ON meeting_availability (trip_id, person_id);
CREATE INDEX meeting_availability_person_only_idx ON meeting_availability (person_id);

CREATE TABLE meetings (
  id                        uuid PRIMARY KEY,
  trip_id                   uuid NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
  requester_person_id       uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  requester_organisation_id uuid NOT NULL REFERENCES organisations (id),
  receiver_person_id        uuid REFERENCES people (id) ON DELETE CASCADE,
  receiver_organisation_id  uuid NOT NULL REFERENCES organisations (id),
  message                   text NOT NULL DEFAULT '',
  opportunity_id            text,
  status                    text NOT NULL,
  direct                    boolean NOT NULL DEFAULT false,
  session_id                uuid REFERENCES meeting_sessions (id),
  slot                      integer,
  place_id                  uuid REFERENCES meeting_places (id),
  starts_at                 timestamptz,
  ends_at                   timestamptz,
  video_link                text NOT NULL DEFAULT '',
  unplaced_reason           text NOT NULL DEFAULT '',
  decline_reason            text NOT NULL DEFAULT '',
  cancel_reason             text NOT NULL DEFAULT '',
  no_show                   text NOT NULL DEFAULT '',
  answered_at               timestamptz,
  cancelled_at              timestamptz,
  version                   integer NOT NULL DEFAULT 1,
  created_at                timestamptz NOT NULL,
  updated_at                timestamptz NOT NULL
);
CREATE INDEX meetings_trip_idx ON meetings (trip_id, created_at, id);
CREATE INDEX meetings_trip_status_idx ON meetings (trip_id, status, created_at, id);
CREATE INDEX meetings_trip_updated_idx ON meetings (trip_id, updated_at, id);
CREATE INDEX meetings_requester_org_idx ON meetings (requester_organisation_id, trip_id);
CREATE INDEX meetings_receiver_org_idx ON meetings (receiver_organisation_id, trip_id);
CREATE INDEX meetings_requester_idx ON meetings (requester_person_id);
CREATE INDEX meetings_receiver_idx ON meetings (receiver_person_id);
CREATE INDEX meetings_session_idx ON meetings (session_id, slot);
CREATE INDEX meetings_place_idx ON meetings (place_id);

CREATE TABLE meeting_slot_bookings (
  meeting_id uuid NOT NULL,
  session_id uuid NOT NULL,
  slot       integer NOT NULL,
  person_id  uuid,
  place_id   uuid
);
CREATE UNIQUE INDEX meeting_slot_bookings_person_idx ON meeting_slot_bookings (session_id, slot, person_id);
CREATE UNIQUE INDEX meeting_slot_bookings_place_idx ON meeting_slot_bookings (session_id, slot, place_id);
CREATE INDEX meeting_slot_bookings_meeting_idx ON meeting_slot_bookings (meeting_id);
-- +goose StatementBegin
CREATE FUNCTION meeting_slot_bookings_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM meeting_slot_bookings WHERE meeting_id = OLD.id;
  RETURN OLD;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER meetings_bookings_cascade AFTER DELETE ON meetings FOR EACH ROW EXECUTE FUNCTION meeting_slot_bookings_cascade();

CREATE TABLE meeting_outcomes (
  id         uuid PRIMARY KEY,
  meeting_id uuid NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  side       text NOT NULL,
  attendance text NOT NULL,
  rating     integer,
  follow_up  boolean NOT NULL DEFAULT false,
  next_step  text NOT NULL,
  note       text NOT NULL DEFAULT '',
  version    integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX meeting_outcomes_side_idx ON meeting_outcomes (meeting_id, side);

CREATE TABLE meeting_feed_tokens (
  id         uuid PRIMARY KEY,
  trip_id    uuid NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
  person_id  uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  token_hash text NOT NULL,
  version    integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX meeting_feed_tokens_person_idx ON meeting_feed_tokens (trip_id, person_id);
CREATE UNIQUE INDEX meeting_feed_tokens_hash_idx ON meeting_feed_tokens (token_hash);
CREATE INDEX meeting_feed_tokens_person_only_idx ON meeting_feed_tokens (person_id);

-- Agreements and projects may name the meeting they came from.
ALTER TABLE agreements ADD COLUMN origin_meeting_id uuid REFERENCES meetings (id) ON DELETE SET NULL;
CREATE INDEX agreements_origin_meeting_idx ON agreements (origin_meeting_id);
ALTER TABLE projects ADD COLUMN origin_meeting_id uuid REFERENCES meetings (id) ON DELETE SET NULL;
CREATE INDEX projects_origin_meeting_idx ON projects (origin_meeting_id);

-- +goose Down
DROP INDEX projects_origin_meeting_idx;
ALTER TABLE projects DROP COLUMN origin_meeting_id;
DROP INDEX agreements_origin_meeting_idx;
ALTER TABLE agreements DROP COLUMN origin_meeting_id;
DROP TABLE meeting_feed_tokens;
DROP TABLE meeting_outcomes;
DROP TRIGGER meetings_bookings_cascade ON meetings;
DROP FUNCTION meeting_slot_bookings_cascade();
DROP TABLE meeting_slot_bookings;
DROP TABLE meetings;
DROP TABLE meeting_availability;
DROP TABLE meeting_participants;
DROP TABLE meeting_places;
DROP TABLE meeting_sessions;
