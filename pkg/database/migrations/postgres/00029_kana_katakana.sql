-- Kana readings in katakana (the reading convention): organisations and
-- people normalise name_kana, given_name_kana and family_name_kana on
-- every write (search.Katakana); this converts the readings stored
-- before, typed in hiragana. The sort and search columns already fold
-- hiragana to katakana and stay as they are. Nothing to undo: the
-- readings mean the same in either script.

-- +goose Up
UPDATE organisations SET name_kana = translate(name_kana, 'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ', 'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ')
WHERE name_kana ~ '[ぁ-ゖ]';
UPDATE people SET given_name_kana = translate(given_name_kana, 'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ', 'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ'),
  family_name_kana = translate(family_name_kana, 'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ', 'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ')
WHERE given_name_kana ~ '[ぁ-ゖ]' OR family_name_kana ~ '[ぁ-ゖ]';

-- +goose Down
SELECT 1;
