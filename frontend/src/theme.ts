import {
  createTheme,
  darken,
  DEFAULT_THEME,
  Drawer,
  lighten,
  luminance,
  mergeThemeOverrides,
  Modal,
  type CSSVariablesResolver,
  type MantineTheme,
} from '@mantine/core';

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
  // Shade 8 is the first indigo that white text and the page both read
  // at 4.5:1 (WCAG 2.2 AA); every colour's filled variant uses it, and
  // readableColours below darkens what is still too light.
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  fontFamily: `${DEFAULT_THEME.fontFamily}, ${japanese}`,
  headings: { fontFamily: `${DEFAULT_THEME.fontFamily}, ${japanese}` },
});

// AA asks 4.5:1 for text of normal size.
const minimumContrast = 4.5;

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

// readable moves a colour towards black (on light backgrounds) or white
// (on dark ones) in small steps until it reads at 4.5:1 against every
// background given — the colour keeps its hue, only its lightness moves.
function readable(colour: string, backgrounds: string[], towards: 'black' | 'white'): string {
  const move = towards === 'black' ? darken : lighten;
  for (let step = 0; step <= 20; step++) {
    const candidate = step === 0 ? colour : move(colour, step * 0.05);
    if (backgrounds.every((bg) => contrast(candidate, bg) >= minimumContrast)) return candidate;
  }
  return towards;
}

// readableColours is the theme's colour fix, once for every page: Mantine's
// default palette puts green, orange, yellow, teal and cyan text, dimmed
// text, error text and white-on-colour buttons and badges below 4.5:1.
// Each variable a component reads its text colour from is replaced by the
// nearest colour of the same hue that passes, in both colour schemes.
export const readableColours: CSSVariablesResolver = (t: MantineTheme) => {
  const { white, colors } = t;
  const gray = colors.gray;
  const dark = colors.dark;
  // The backgrounds text sits on: the page, papers and table stripes.
  const lightGrounds = [white, gray[0], gray[1]];
  const darkGrounds = [dark[7], dark[6], dark[5]];
  const light: Record<string, string> = {
    '--mantine-color-dimmed': readable(gray[6], lightGrounds, 'black'),
    '--mantine-color-error': readable(colors.red[6], lightGrounds, 'black'),
    '--mantine-color-anchor': readable(colors[t.primaryColor]?.[8] ?? colors.indigo[8], lightGrounds, 'black'),
    '--mantine-color-placeholder': readable(gray[5], [white], 'black'),
  };
  const darkScheme: Record<string, string> = {
    '--mantine-color-dimmed': readable(dark[2], darkGrounds, 'white'),
    '--mantine-color-error': readable(colors.red[6], darkGrounds, 'white'),
    '--mantine-color-anchor': readable(colors[t.primaryColor]?.[4] ?? colors.indigo[4], darkGrounds, 'white'),
    '--mantine-color-placeholder': readable(dark[3], [dark[6]], 'white'),
  };
  for (const [name, shades] of Object.entries(colors)) {
    if (name === 'dark' || name === 'gray') continue;
    // White text on a filled button or badge, in either scheme.
    const filled = readable(shades[8], [white], 'black');
    light[`--mantine-color-${name}-filled`] = filled;
    light[`--mantine-color-${name}-filled-hover`] = darken(filled, 0.1);
    darkScheme[`--mantine-color-${name}-filled`] = filled;
    darkScheme[`--mantine-color-${name}-filled-hover`] = darken(filled, 0.1);
    // Coloured text (c="green"), outline and light variants.
    light[`--mantine-color-${name}-text`] = readable(shades[8], lightGrounds, 'black');
    light[`--mantine-color-${name}-outline`] = readable(shades[8], lightGrounds, 'black');
    light[`--mantine-color-${name}-light-color`] = readable(shades[9], [shades[1], shades[2], ...lightGrounds], 'black');
    darkScheme[`--mantine-color-${name}-text`] = readable(shades[4], darkGrounds, 'white');
    darkScheme[`--mantine-color-${name}-outline`] = readable(shades[4], darkGrounds, 'white');
  }
  return { variables: {}, light, dark: darkScheme };
};

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
