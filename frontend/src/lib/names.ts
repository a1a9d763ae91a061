// How a record's name is shown where the record is named: the name in the
// UI's script first, the other one as secondary text. Under 日本語 the
// name in Japanese script (name_local) leads and the Latin one follows;
// under de/en the Latin one leads. A name written in Japanese script is
// family name first; a Latin-script Western name keeps its order in every
// UI (the server's person.DisplayName follows the same rule).
//
// A minimal formatter for the command palette: the one name formatter of
// the web app (lib/format.ts) is being reworked beside it, and these two
// functions belong there once it lands.

import type { Schemas } from '../api/client';

const japaneseScript = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

function join(first: string, second: string): string {
  return [first.trim(), second.trim()].filter((part) => part !== '').join(' ');
}

export interface Names {
  /** The name to show first, in the UI's script where the record has it. */
  name: string;
  /** The name in the other script, or '' when there is none or it is the same. */
  other: string;
}

function names(latin: string, local: string, language: string): Names {
  const [name, other] = language === 'ja' && local !== '' ? [local, latin] : [latin, local];
  return { name, other: other === name ? '' : other };
}

export function organisationNames(o: { name: string; name_local: string }, language: string): Names {
  return names(o.name.trim(), o.name_local.trim(), language);
}

export type PersonName = Pick<
  Schemas['Person'],
  'given_name' | 'family_name' | 'given_name_local' | 'family_name_local' | 'given_name_kana' | 'family_name_kana'
>;

export function personNames(p: PersonName, language: string): Names {
  const local = join(p.family_name_local, p.given_name_local);
  const japanese =
    local !== '' ||
    join(p.family_name_kana, p.given_name_kana) !== '' ||
    japaneseScript.test(p.family_name) ||
    japaneseScript.test(p.given_name);
  const familyFirst =
    japaneseScript.test(p.family_name) || japaneseScript.test(p.given_name) || (language === 'ja' && japanese);
  const latin = familyFirst ? join(p.family_name, p.given_name) : join(p.given_name, p.family_name);
  return names(latin, local, language);
}
