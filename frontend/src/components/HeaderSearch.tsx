import { Kbd, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

// The palette (and @mantine/spotlight) loads on first use.
const CommandPalette = lazy(() => import('./CommandPalette'));

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);
// The shortcut in the form of aria-keyshortcuts (a key name, not text).
const keyShortcut = isMac ? 'Meta+K' : 'Control+K';

function SearchIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-4-4" />
    </svg>
  );
}

// HeaderSearch is the search field of the header and ⌘K / Ctrl+K (from
// anywhere, a text field included): both open the command palette. What
// is typed into the header's field goes on in the palette (one query for
// both); an IME composing in the field opens it only once the text is
// committed. On a phone the header has no room for it (the product
// name must stay whole): there, the lists' own search fields serve.
export function HeaderSearch() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [opened, setOpened] = useState(false);
  // Mounted once the page is idle, or at the first opening if that comes
  // first, so that the palette opens at once and takes the first key.
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    const mount = () => {
      setWanted(true);
    };
    if (!('requestIdleCallback' in window)) {
      const timer = setTimeout(mount, 1000);
      return () => {
        clearTimeout(timer);
      };
    }
    const handle = window.requestIdleCallback(mount, { timeout: 2000 });
    return () => {
      window.cancelIdleCallback(handle);
    };
  }, []);
  const composing = useRef(false);
  const field = useRef<HTMLInputElement>(null);
  // Where the focus was when the palette opened, to go back to on close.
  const before = useRef<HTMLElement | null>(null);
  const open = () => {
    if (!opened) before.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setWanted(true);
    setOpened(true);
  };
  // ⌘K / Ctrl+K: the keys typed right after it, before the palette has
  // the focus, go into the header's field, whose text the palette shows,
  // rather than into the field that had the focus (a list's search) or
  // nowhere.
  const openByKeys = () => {
    if (opened) return; // the palette has the keys already
    open();
    if (field.current !== null && field.current.offsetParent !== null) field.current.focus();
  };
  useHotkeys([['mod+K', openByKeys]], []);
  const shortcut = isMac ? t('search.shortcutMac') : t('search.shortcut');
  return (
    <>
      <TextInput
        ref={field}
        type="search"
        visibleFrom="sm"
        w={{ sm: 180, md: 260 }}
        size="xs"
        aria-label={t('search.open')}
        aria-keyshortcuts={keyShortcut}
        aria-haspopup="dialog"
        placeholder={t('search.fieldPlaceholder')}
        leftSection={<SearchIcon />}
        rightSection={<Kbd size="xs">{shortcut}</Kbd>}
        rightSectionWidth={56}
        rightSectionPointerEvents="none"
        value={query}
        onChange={(event) => {
          const text = event.currentTarget.value;
          setQuery(text);
          if (!composing.current && text.trim() !== '') open();
        }}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={(event) => {
          composing.current = false;
          if (event.currentTarget.value.trim() !== '') open();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === 'ArrowDown') open();
        }}
      />
      {wanted && (
        <Suspense fallback={null}>
          <CommandPalette
            opened={opened}
            onClose={() => {
              setOpened(false);
              // Not to a field of the page just left, when a record was opened.
              if (before.current?.isConnected) before.current.focus();
              before.current = null;
            }}
            query={query}
            onQueryChange={setQuery}
          />
        </Suspense>
      )}
    </>
  );
}
