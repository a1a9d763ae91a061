import { describe, expect, it } from 'vitest';

import { organisationNames, personNames, type PersonName } from './names';

const none = { given_name_local: '', family_name_local: '', given_name_kana: '', family_name_kana: '' };
const yamada: PersonName = {
  given_name: 'Taro',
  family_name: 'Yamada',
  given_name_local: '太郎',
  family_name_local: '山田',
  given_name_kana: 'タロウ',
  family_name_kana: 'ヤマダ',
};
const mueller: PersonName = { given_name: 'Hans', family_name: 'Müller', ...none };
const kanaOnly: PersonName = { given_name: 'Hanako', family_name: 'Suzuki', ...none, family_name_kana: 'スズキ' };
const kanjiInLatin: PersonName = { given_name: '花子', family_name: '鈴木', ...none };

describe('names', () => {
  it.each([
    [yamada, 'ja', { name: '山田 太郎', other: 'Yamada Taro' }],
    [yamada, 'de', { name: 'Taro Yamada', other: '山田 太郎' }],
    [yamada, 'en', { name: 'Taro Yamada', other: '山田 太郎' }],
    // A Latin-script Western name keeps its order in every UI.
    [mueller, 'ja', { name: 'Hans Müller', other: '' }],
    [mueller, 'de', { name: 'Hans Müller', other: '' }],
    // A Japanese person without a name in Japanese script: romaji, family name first under 日本語.
    [kanaOnly, 'ja', { name: 'Suzuki Hanako', other: '' }],
    [kanaOnly, 'en', { name: 'Hanako Suzuki', other: '' }],
    // A name in Japanese script is family name first everywhere.
    [kanjiInLatin, 'en', { name: '鈴木 花子', other: '' }],
  ])('person %# under %s', (person, language, expected) => {
    expect(personNames(person, language)).toEqual(expected);
  });

  it.each([
    [{ name: 'Osaka Bio K.K.', name_local: '大阪バイオ株式会社' }, 'ja', { name: '大阪バイオ株式会社', other: 'Osaka Bio K.K.' }],
    [{ name: 'Osaka Bio K.K.', name_local: '大阪バイオ株式会社' }, 'de', { name: 'Osaka Bio K.K.', other: '大阪バイオ株式会社' }],
    [{ name: 'BioM', name_local: '' }, 'ja', { name: 'BioM', other: '' }],
    [{ name: 'BioM', name_local: 'BioM' }, 'ja', { name: 'BioM', other: '' }],
  ])('organisation %# under %s', (org, language, expected) => {
    expect(organisationNames(org, language)).toEqual(expected);
  });
});
