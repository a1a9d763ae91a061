import '@testing-library/jest-dom/vitest';

import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Pages load lazily and CI has two busy cores: allow a slow first render
// rather than fail on it (findBy… still returns as soon as it finds).
configure({ asyncUtilTimeout: 10_000 });

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
