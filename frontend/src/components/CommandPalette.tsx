import '@mantine/spotlight/styles.css';

import { Button, Group, Loader, Text } from '@mantine/core';
import { createSpotlight, Spotlight } from '@mantine/spotlight';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { searchKinds, useSearch, useSearchNow, type SearchKind, type SearchResults } from '../api/resources/search';
import { useFormat, type Format } from '../lib/format';
import { useText } from '../lib/reference';
import { maxSearchLength, searchText, useCommittedSearch } from '../lib/useCommittedSearch';

// One found record as the palette lists it.
interface Hit {
  key: string;
  to: string;
  label: string;
  description: string;
}

type Translate = TFunction;

// hits turns the answer of GET /search into the palette's groups, in the
// order of searchKinds, each best first as the server ranked it; kinds
// with no match are left out.
function hits(
  results: SearchResults,
  { t, fmt, text }: { t: Translate; fmt: Format; text: ReturnType<typeof useText> },
): { kind: SearchKind; hits: Hit[] }[] {
  const list = new Intl.ListFormat(fmt.locale, { style: 'narrow', type: 'conjunction' });
  const line = (...parts: (string | null | undefined)[]) => parts.filter((p) => p !== undefined && p !== null && p !== '').join(' · ');
  const of: Record<SearchKind, () => Hit[]> = {
    organisations: () =>
      results.organisations.map((o) => {
        const names = fmt.organisation(o);
        return { key: o.id, to: `/organisations/${o.id}`, label: names.primary, description: line(names.secondary, o.city) };
      }),
    people: () =>
      results.people.map((p) => {
        const names = fmt.person(p);
        return {
          key: p.id,
          to: `/people/${p.id}`,
          label: names.primary,
          description: line(names.secondary, fmt.organisation(p.organisation).primary),
        };
      }),
    agreements: () =>
      results.agreements.map((a) => ({
        key: a.id,
        to: `/agreements/${a.id}`,
        label: a.title,
        description: line(t(`agreements.kinds.${a.kind}`), list.format(a.parties.map((p) => fmt.organisation(p.organisation).primary))),
      })),
    trips: () =>
      results.trips.map((trip) => ({
        key: trip.id,
        to: `/trips/${trip.id}`,
        label: trip.title,
        description: line(
          t('trips.dateRange', { start: fmt.date(trip.start_date), end: fmt.date(trip.end_date) }),
          list.format(trip.cities),
        ),
      })),
    projects: () =>
      results.projects.map((p) => ({
        key: p.id,
        to: `/projects/${p.id}`,
        label: p.title,
        description: line(p.acronym, t(`projects.phases.${p.phase}`)),
      })),
    opportunities: () =>
      results.opportunities.map((o) => ({
        key: o.id,
        to: `/opportunities/${o.id}`,
        label: text(o.title) || t('partnering.untitled'),
        description: fmt.organisation(o.organisation).primary,
      })),
  };
  return searchKinds.map((kind) => ({ kind, hits: of[kind]() })).filter((group) => group.hits.length > 0);
}

// The visually hidden dialog title: the dialog has a name for assistive
// technology without a header taking room above the search field.
const hidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
  padding: 0,
} as const;

export interface CommandPaletteProps {
  opened: boolean;
  onClose: () => void;
  /** What the user has typed (shared with the header's search field). */
  query: string;
  onQueryChange: (query: string) => void;
}

// CommandPalette searches organisations, people, agreements, trips,
// projects and opportunities at once through GET /api/v1/search
// (Mantine's Spotlight): grouped by kind, ↑/↓ choose, Enter opens the
// record. It asks once the user pauses and never while an IME composes
// (useCommittedSearch). The search field is a combobox that owns the
// list of results, the chosen one its active descendant. Loaded on first
// use (see HeaderSearch), so it does not weigh on the first page.
export default function CommandPalette({ opened, onClose, query, onQueryChange }: CommandPaletteProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const fmt = useFormat();
  const text = useText();
  const [[store, spotlight]] = useState(createSpotlight);
  // Closed, the palette searches nothing: what the header's field holds
  // while an IME composes there is not a search yet.
  const { q, settled, take, compositionProps } = useCommittedSearch(opened ? query : '');
  const search = useSearch(q);
  const searchNow = useSearchNow();
  // The text of the field as last typed in the palette, for an answer that
  // comes in after Enter (see onKeyDownCapture).
  const typed = useRef(query);
  // Whether ↑ or ↓ chose a result since the text last changed: Enter then
  // opens that one, as shown, whether or not the answer is the text's.
  const chosen = useRef(false);
  // The chosen result. Spotlight's keys (↑, ↓, Enter) move its store's
  // choice without telling React; the choice is read back after each key.
  const [selected, select] = useState(-1);
  const listId = `palette-${useId().replace(/:/g, '')}`;

  useEffect(() => {
    if (opened) spotlight.open();
    else spotlight.close();
  }, [opened, spotlight]);

  const data = q === '' ? undefined : search.data;
  // The results shown answer the text in the field: the last answer stays
  // on screen while the next loads (useSearch), dimmed and not chosen by
  // Enter until the text's own answer replaces it.
  const current = settled && data !== undefined && !search.isPlaceholderData;
  // A kind with more than its five ends with a way to all of its matches:
  // its list, searched for the same text (the answer of that text only).
  const groups = useMemo(() => {
    if (data === undefined) return [];
    const found = hits(data, { t, fmt, text });
    if (!current) return found;
    return found.map((group) =>
      !data.more[group.kind]
        ? group
        : {
            ...group,
            hits: [
              ...group.hits,
              {
                key: 'all',
                to: `/${group.kind}?q=${encodeURIComponent(q)}`,
                label: t('search.showAll', { kind: t(`nav.${group.kind}`), q }),
                description: '',
              },
            ],
          },
    );
  }, [data, current, q, t, fmt, text]);
  const ids = (of: typeof groups) => of.flatMap((group) => group.hits.map((hit) => `${listId}-${group.kind}-${hit.key}`));
  const flat = ids(groups);
  // A new answer chooses its best record, so that Enter opens it; a record
  // the user has moved to with ↑/↓ stays chosen while the answer still
  // holds it (an answer that arrives just after the key does not undo it).
  const [answered, setAnswered] = useState(groups);
  if (answered !== groups) {
    setAnswered(groups);
    const kept = selected > 0 ? flat.indexOf(ids(answered)[selected] ?? '') : -1;
    select(kept >= 0 ? kept : groups.length > 0 ? 0 : -1);
  }
  // Spotlight's keys move on from the choice shown.
  useEffect(() => {
    store.updateState((state) => ({ ...state, selected }));
  }, [selected, store]);
  const active = selected >= 0 ? flat[selected] : undefined;

  // open goes to a record and closes the palette with an empty field for
  // the next search (at once, not when the dialog has faded out: ⌘K right
  // after must not find the last text there).
  const open = (hit: Hit | undefined) => {
    if (hit === undefined) return;
    void navigate(hit.to);
    typed.current = '';
    onQueryChange('');
    onClose();
  };

  const count = groups.reduce((n, group) => n + group.hits.filter((hit) => hit.key !== 'all').length, 0);
  let status: string | null = null;
  if (q === '') status = t('search.hint');
  else if (search.isError) status = t('search.failed');
  else if (data === undefined) status = t('search.searching');
  else if (!current) status = t('search.searching');
  else if (count === 0) status = t('search.nothingFound', { q });
  else status = t('search.found', { count });

  let index = 0;
  return (
    <Spotlight.Root
      store={store}
      query={query}
      onQueryChange={(next) => {
        typed.current = next;
        chosen.current = false;
        onQueryChange(next);
        // Spotlight chooses the first result when the text changes.
        select(0);
      }}
      shortcut={null}
      onSpotlightClose={() => {
        // Closed (Esc, a click outside): an answer still to come for an
        // Enter pressed before opens nothing.
        typed.current = '';
        onClose();
      }}
      // The caller puts the focus back where it was (HeaderSearch): the
      // dialog would give it to the header's field, which ⌘K focuses.
      returnFocus={false}
      title={t('search.title')}
      // The dialog's header only names it: not a second banner of the page.
      attributes={{ header: { role: 'none' } }}
      styles={{
        header: hidden,
        // The chosen result's second line in full contrast on its colour
        // (Spotlight dims it to 0.7: 3.6:1 where 4.5:1 is due).
        action: { '--action-description-opacity': 1 },
      }}
      scrollable
      maxHeight="min(480px, 70vh)"
    >
      <div
        {...compositionProps}
        onKeyDownCapture={(event) => {
          // Enter opens the choice of Spotlight's store, which ↑ and ↓ have
          // just moved, rather than whichever element the DOM marks: a key
          // pressed before React has drawn the last move opens the right
          // record.
          if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
          event.preventDefault();
          event.stopPropagation();
          if (!current && !chosen.current) {
            // The results shown are not yet the text's (a pause or the
            // answer still to come) and none was chosen: search the text
            // now, without waiting for the pause, and open the best record
            // of its own answer once that is in, unless the text has
            // changed meanwhile.
            const asked = query;
            typed.current = asked;
            take(asked);
            const words = searchText(asked);
            if (words === '') return;
            void searchNow(words).then(
              (results) => {
                if (typed.current === asked) open(hits(results, { t, fmt, text })[0]?.hits[0]);
              },
              () => undefined, // the palette shows the failure of the same request
            );
            return;
          }
          // Spotlight's store may not know the choice yet after a new
          // answer (it chose before React drew it): then React's.
          const all = groups.flatMap((group) => group.hits);
          open(all[store.getState().selected] ?? all[selected]);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') chosen.current = true;
          select(store.getState().selected);
        }}
      >
        <Spotlight.Search
          type="search"
          role="combobox"
          aria-label={t('search.label')}
          aria-expanded={groups.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active}
          placeholder={t('search.placeholder')}
          maxLength={maxSearchLength}
          rightSection={search.isFetching ? <Loader size="xs" /> : null}
          data-autofocus
          onFocus={(event) => {
            // Opened from the header's field: go on typing after what is there.
            const end = event.currentTarget.value.length;
            event.currentTarget.setSelectionRange(end, end);
          }}
        />
      </div>
      <Spotlight.ActionsList
        // A region that scrolls can be reached and scrolled by keyboard
        // (ActionsList hands its other props to its ScrollArea, whose type
        // Spotlight does not pass on); the listbox inside it holds only
        // its groups and options.
        {...({ viewportProps: { tabIndex: 0 } } as object)}
        style={{ opacity: !current && data !== undefined ? 0.55 : undefined }}
      >
        <div id={listId} role="listbox" aria-label={t('search.results')} aria-busy={!current && data !== undefined}>
          {groups.map((group) => (
            <Spotlight.ActionsGroup
              key={group.kind}
              label={t(`nav.${group.kind}`)}
              role="group"
              aria-label={t(`nav.${group.kind}`)}
            >
              {group.hits.map((hit) => {
                const at = index++;
                return (
                  <Spotlight.Action
                    key={hit.key}
                    // Spotlight.Action drops an id prop; the active descendant needs one.
                    ref={(button) => {
                      if (button) button.id = flat[at] ?? '';
                    }}
                    role="option"
                    aria-selected={at === selected}
                    data-selected={at === selected || undefined}
                    label={hit.label}
                    description={hit.description}
                    onClick={() => {
                      open(hit);
                    }}
                  />
                );
              })}
            </Spotlight.ActionsGroup>
          ))}
        </div>
      </Spotlight.ActionsList>
      <Group justify="space-between" px="md" py="xs" gap="xs" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" c="dimmed" role="status">
            {status}
          </Text>
          {search.isError && (
            <Button size="compact-xs" variant="light" onClick={() => void search.refetch()}>
              {t('common.retry')}
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed" visibleFrom="sm" style={{ flexShrink: 0 }}>
          {t('search.keys')}
        </Text>
      </Group>
    </Spotlight.Root>
  );
}
