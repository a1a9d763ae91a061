-- A user's session epoch: every access token carries the epoch it was
-- issued in, and a token of an earlier epoch is refused. A password change
-- or reset, a role or organisation change and disabling raise it, so the
-- user's access tokens end at once rather than when they expire.

-- +goose Up
ALTER TABLE users ADD COLUMN session_epoch integer NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE users DROP COLUMN session_epoch;
