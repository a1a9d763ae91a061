-- Saved views: a user's named filters and order of one of the web app's
-- lists (organisations, people, agreements, trips, projects,
-- opportunities), kept as the list's query string. Names are unique per
-- user and list; a user's views go with the user.

-- +goose Up
CREATE TABLE saved_views (
  id          uuid PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  list        text NOT NULL CHECK (list IN ('organisations', 'people', 'agreements', 'trips', 'projects', 'opportunities')),
  name        text NOT NULL,
  query       text NOT NULL DEFAULT '',
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX saved_views_name_idx ON saved_views (user_id, list, name);
CREATE INDEX saved_views_created_idx ON saved_views (user_id, list, created_at, id);

-- +goose Down
DROP TABLE saved_views;
