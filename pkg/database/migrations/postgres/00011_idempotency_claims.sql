-- Idempotency records: a claim token per run, so that a request that died
-- can be taken over after the request deadline and a run that was taken
-- over cannot finish; the caller's permissions when the key was used, so
-- that a replay is refused once they changed; and whether the request or
-- its response carried a secret, which is then never stored. Responses are
-- JSON text, so that erasing a person can find the ones that name them.
-- Keys stored before this version may hold secrets in their responses:
-- they are forgotten (a retry within 24 hours runs again).

-- +goose Up
DELETE FROM idempotency_keys;
ALTER TABLE idempotency_keys ADD COLUMN claim text NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys ADD COLUMN fingerprint text NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys ADD COLUMN secret boolean NOT NULL DEFAULT false;
ALTER TABLE idempotency_keys ALTER COLUMN body TYPE text USING convert_from(body, 'UTF8');

-- +goose Down
DELETE FROM idempotency_keys;
ALTER TABLE idempotency_keys ALTER COLUMN body TYPE bytea USING convert_to(body, 'UTF8');
ALTER TABLE idempotency_keys DROP COLUMN secret;
ALTER TABLE idempotency_keys DROP COLUMN fingerprint;
ALTER TABLE idempotency_keys DROP COLUMN claim;
