-- People in reading order (五十音順, sort=name_kana): the Japanese names
-- first by their kana reading (by the Japanese-script name where no
-- reading is known), then the Latin names in Latin order. person.derive
-- fills kana_sort for every write; this fills it for the people stored
-- before, the same way (name_sort is already the folded reading).

-- +goose Up
ALTER TABLE people ADD COLUMN kana_sort TEXT NOT NULL DEFAULT '';
UPDATE people SET kana_sort = CASE
  WHEN family_name_kana <> '' OR given_name_kana <> '' THEN '0' || name_sort
  WHEN family_name_local <> '' OR given_name_local <> '' THEN '0' || lower(trim(family_name_local || ' ' || given_name_local))
  ELSE '1' || name_sort
END;
CREATE INDEX people_kana_idx ON people (kana_sort, id);

-- +goose Down
DROP INDEX people_kana_idx;
ALTER TABLE people DROP COLUMN kana_sort;
