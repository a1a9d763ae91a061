import { createTheme, DEFAULT_THEME } from '@mantine/core';

// Japanese text needs fonts that carry kana and kanji. System fonts only
// (no web font download): macOS, Windows, then Linux/Android; under
// lang="ja" browsers pick the Japanese glyph variants of Noto CJK.
const japanese = [
  '"Hiragino Sans"',
  '"Hiragino Kaku Gothic ProN"',
  '"Yu Gothic UI"',
  '"Yu Gothic"',
  'Meiryo',
  '"Noto Sans JP"',
  '"Noto Sans CJK JP"',
].join(', ');

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: `${DEFAULT_THEME.fontFamily}, ${japanese}`,
  headings: { fontFamily: `${DEFAULT_THEME.fontFamily}, ${japanese}` },
});
