import { useEffect, useState } from 'react';

import { searchDelayMs } from './useUrlFilters';

// useCommittedSearch is the one way a search field turns what the user
// types into a search: the trimmed text once typing pauses, and never
// while an input method (Japanese IME) is composing. お, おお, おおさ… are
// candidates, not text: the search waits for compositionend and then
// searches what was committed (大阪). Spread compositionProps on the input
// (a TextInput, or a Select's search box).
export function useCommittedSearch(text: string) {
  const [composing, setComposing] = useState(false);
  const [committed, setCommitted] = useState(() => text.trim());
  // Chromium sends the last input event before compositionend: the end of
  // the composition alone starts the wait for the committed text.
  useEffect(() => {
    if (composing) return;
    const next = text.trim();
    if (next === committed) return;
    const timer = setTimeout(() => {
      setCommitted(next);
    }, searchDelayMs);
    return () => {
      clearTimeout(timer);
    };
  }, [text, composing, committed]);
  return {
    q: committed,
    // take makes text the committed search at once, without a pause: for
    // a search that did not come from typing (the address changed). Call
    // it while rendering, with the text the field now shows.
    take: (next: string) => {
      setCommitted(next.trim());
    },
    composing,
    compositionProps: {
      onCompositionStart: () => {
        setComposing(true);
      },
      onCompositionEnd: () => {
        setComposing(false);
      },
    },
  };
}
