-- Kana readings in katakana (the reading convention): organisations and
-- people normalise name_kana, given_name_kana and family_name_kana on
-- every write (search.Katakana); this converts the readings stored
-- before, typed in hiragana. The sort and search columns already fold
-- hiragana to katakana and stay as they are. Nothing to undo: the
-- readings mean the same in either script.

-- SQLite has no translate(): each reading is rebuilt character by
-- character, a hiragana (U+3041–U+3096) moved up by 0x60 to its katakana.

-- +goose Up
UPDATE organisations SET name_kana = (WITH RECURSIVE c(i, out) AS (
    SELECT 1, ''
    UNION ALL
    SELECT i + 1, out || CASE WHEN unicode(substr(name_kana, i, 1)) BETWEEN 12353 AND 12438
      THEN char(unicode(substr(name_kana, i, 1)) + 96) ELSE substr(name_kana, i, 1) END
    FROM c WHERE i <= length(name_kana))
  SELECT out FROM c ORDER BY i DESC LIMIT 1)
WHERE name_kana GLOB '*[ぁ-ゖ]*';
UPDATE people SET given_name_kana = (WITH RECURSIVE c(i, out) AS (
    SELECT 1, ''
    UNION ALL
    SELECT i + 1, out || CASE WHEN unicode(substr(given_name_kana, i, 1)) BETWEEN 12353 AND 12438
      THEN char(unicode(substr(given_name_kana, i, 1)) + 96) ELSE substr(given_name_kana, i, 1) END
    FROM c WHERE i <= length(given_name_kana))
  SELECT out FROM c ORDER BY i DESC LIMIT 1),
  family_name_kana = (WITH RECURSIVE c(i, out) AS (
    SELECT 1, ''
    UNION ALL
    SELECT i + 1, out || CASE WHEN unicode(substr(family_name_kana, i, 1)) BETWEEN 12353 AND 12438
      THEN char(unicode(substr(family_name_kana, i, 1)) + 96) ELSE substr(family_name_kana, i, 1) END
    FROM c WHERE i <= length(family_name_kana))
  SELECT out FROM c ORDER BY i DESC LIMIT 1)
WHERE given_name_kana GLOB '*[ぁ-ゖ]*' OR family_name_kana GLOB '*[ぁ-ゖ]*';

-- +goose Down
SELECT 1;
