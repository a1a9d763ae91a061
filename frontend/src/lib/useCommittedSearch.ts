import { useEffect, useState } from 'react';

import { searchDelayMs } from './useUrlFilters';

// maxSearchLength is the longest search the server takes (q, at most 200
// characters: search.MaxQuery): a search field stops there, and a
// longer text (pasted into a picker, or from an address) is searched by
// its first 200 characters.
export const maxSearchLength = 200;

// searchText is text as it is searched: trimmed, at most maxSearchLength
// characters.
export function searchText(text: string): string {
  return Array.from(text.trim()).slice(0, maxSearchLength).join('').trim();
}

// useCommittedSearch is the one way a search field turns what the user
// types into a search: the trimmed text once typing pauses, and never
// while an input method (Japanese IME) is composing. お, おお, おおさ… are
// candidates, not text: the search waits for compositionend and then
// searches what was committed (大阪). Spread compositionProps on the input
// (a TextInput, or a Select's search box).
export function useCommittedSearch(text: string) {
  const [composing, setComposing] = useState(false);
  const [committed, setCommitted] = useState(() => searchText(text));
  // Chromium sends the last input event before compositionend: the end of
  // the composition alone starts the wait for the committed text.
  useEffect(() => {
    if (composing) return;
    const next = searchText(text);
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
    // settled: q is what the field shows, searched as it stands (no pause
    // or composition pending), so an answer for q answers the field.
    settled: !composing && searchText(text) === committed,
    // take makes text the committed search at once, without a pause: for
    // a search that did not come from typing (the address changed). Call
    // it while rendering, with the text the field now shows.
    take: (next: string) => {
      setCommitted(searchText(next));
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
