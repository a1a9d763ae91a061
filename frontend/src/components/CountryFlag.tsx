import { Text } from '@mantine/core';

import { useCountries } from '../lib/reference';

// flagOf is the emoji flag of an ISO 3166-1 alpha-2 code: two regional
// indicator letters, which systems without flag glyphs show as the letters.
function flagOf(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return '';
  const letter = (i: number) => 0x1f1e6 + code.charCodeAt(i) - 65;
  return String.fromCodePoint(letter(0), letter(1));
}

// CountryFlag shows a country as its flag and its name in the reader's
// language (the name is what screen readers and tests read).
export function CountryFlag({ code, size = 'sm' }: { code: string; size?: string }) {
  const countries = useCountries();
  return (
    <Text component="span" size={size} data-country={code}>
      <span aria-hidden="true">{flagOf(code)} </span>
      {countries.name(code)}
    </Text>
  );
}
