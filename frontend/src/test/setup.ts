import '@testing-library/jest-dom/vitest';

import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// The limits on waits (here) and on tests (vitest.config.ts) only catch a
// test that hangs; they say nothing about speed. A test needs at most about
// a second or two of CPU, but on two cores shared with other jobs (load 20
// and more, as when several Go test runs go on beside it) it gets a small
// share of one, and its wall-clock time grows with the load. findBy… and
// waitFor still return as soon as what they wait for is there.
configure({ asyncUtilTimeout: 30_000 });

// jsdom lacks the layout APIs Mantine asks for.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: vi.fn().mockImplementation((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  })),
});

class ResizeObserver {
  observe() {
    /* nothing to observe in jsdom */
  }
  unobserve() {
    /* nothing to observe in jsdom */
  }
  disconnect() {
    /* nothing to observe in jsdom */
  }
}
window.ResizeObserver = ResizeObserver;

// Mantine's comboboxes scroll the selected option into view.
Element.prototype.scrollIntoView = function scrollIntoView() {
  /* no layout in jsdom */
};

// Mantine's autosizing Textarea listens for fonts loading.
Object.defineProperty(document, 'fonts', {
  configurable: true,
  value: { addEventListener: () => undefined, removeEventListener: () => undefined },
});

afterEach(() => {
  cleanup();
  localStorage.clear();
  sessionStorage.clear();
  document.documentElement.lang = '';
});
