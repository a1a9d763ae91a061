import '@mantine/spotlight/styles.css';

import { Group, Loader, Text } from '@mantine/core';
import { createSpotlight, Spotlight } from '@mantine/spotlight';
import { useEffect, useId, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { searchKinds, useSearch, type SearchKind, type SearchResults } from '../api/resources/search';
import { useFormat, type Format } from '../lib/format';
import { useText } from '../lib/reference';
import { maxSearchLength, useCommittedSearch } from '../lib/useCommittedSearch';

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
  const { q, compositionProps } = useCommittedSearch(opened ? query : '');
  const search = useSearch(q);
  // The chosen result. Spotlight's keys (↑, ↓, Enter) move its store's
  // choice without telling React; the choice is read back after each key.
  const [selected, select] = useState(-1);
  const listId = `palette-${useId().replace(/:/g, '')}`;

  useEffect(() => {
    if (opened) spotlight.open();
    else spotlight.close();
  }, [opened, spotlight]);

  const data = q === '' ? undefined : search.data;
  const groups = useMemo(
    () => (data === undefined ? [] : hits(data, { t, fmt, text })),
    [data, t, fmt, text],
  );
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

  let status: string | null = null;
  if (q === '') status = t('search.hint');
  else if (search.isError) status = t('search.failed');
  else if (data === undefined) status = t('search.searching');
  else if (groups.length === 0 && !search.isPlaceholderData) status = t('search.nothingFound', { q });

  let index = 0;
  return (
    <Spotlight.Root
      store={store}
      query={query}
      onQueryChange={(next) => {
        onQueryChange(next);
        // Spotlight chooses the first result when the text changes.
        select(0);
      }}
      shortcut={null}
      onSpotlightClose={onClose}
      title={t('search.title')}
      styles={{ header: hidden }}
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
          const hit = groups.flatMap((group) => group.hits)[store.getState().selected];
          if (hit === undefined) return;
          event.preventDefault();
          event.stopPropagation();
          void navigate(hit.to);
          onClose();
        }}
        onKeyDown={() => {
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
      <Spotlight.ActionsList id={listId} role="listbox" aria-label={t('search.results')}>
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
                    void navigate(hit.to);
                  }}
                />
              );
            })}
          </Spotlight.ActionsGroup>
        ))}
      </Spotlight.ActionsList>
      <Group justify="space-between" px="md" py="xs" gap="xs" wrap="nowrap">
        <Text size="sm" c="dimmed" role="status">
          {status}
        </Text>
        <Text size="xs" c="dimmed" visibleFrom="sm" style={{ flexShrink: 0 }}>
          {t('search.keys')}
        </Text>
      </Group>
    </Spotlight.Root>
  );
}
