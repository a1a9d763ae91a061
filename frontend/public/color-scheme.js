/* global document, window */
// Before the app loads: the colour scheme the system asks for, so that a
// dark system never sees a white page flash (the app then follows changes
// of the setting itself; see MantineProvider in src/App.tsx).
document.documentElement.setAttribute(
  'data-mantine-color-scheme',
  window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
);
