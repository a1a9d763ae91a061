import { createTheme, DEFAULT_THEME, Drawer, mergeThemeOverrides, Modal } from '@mantine/core';

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

// localisedTheme adds what the theme says in words: the accessible name
// of every dialog's close button (an icon alone names nothing).
export function localisedTheme(closeLabel: string) {
  return mergeThemeOverrides(
    theme,
    createTheme({
      components: {
        Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }),
        Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }),
      },
    }),
  );
}
