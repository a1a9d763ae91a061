import { Anchor, Button, Collapse, Group, SimpleGrid, Stack, Switch, Title } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { FilterSelect } from '../../components/FilterSelect';
import { OrganisationPicker } from '../../components/OrganisationPicker';
import { ListFooter, LoadingRows, QueryState } from '../../components/QueryState';
import { SearchField } from '../../components/SearchField';
import { useCountries, useRegions, useText } from '../../lib/reference';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { usePageTitle } from '../../lib/usePageTitle';
import { useTripList } from '../../api/resources/trips';
import { tripKinds, tripStatuses, type TripKind, type TripStatus } from './model';
import { Destination, Seats, StatusBadge, TripDates } from './TripParts';
import { ListTable, type Column } from '../../components/ListTable';
import { useCountLabel } from '../../lib/useCountLabel';
import { SavedViews } from '../../components/SavedViews';
import { DateFilter } from '../../components/DateFilter';

const pageSize = 50;

// The filters live in the query string, so a filtered list can be
// bookmarked, shared and returned to with the back button.
const filterNames = ['q', 'kind', 'status', 'country', 'region', 'from', 'to', 'organiser', 'past', 'sort'] as const;
// The orders the API offers; the next trip first unless the user chooses.
const sorts = ['start_date', '-start_date', '-updated_at', 'updated_at'] as const;
type FilterName = (typeof filterNames)[number];

function useFilters() {
  const url = useUrlFilters(filterNames);
  const filters = useMemo(() => {
    const out: Partial<Record<FilterName, string>> = {};
    for (const name of filterNames) if (url.values[name] !== '') out[name] = url.values[name];
    return out;
  }, [url.values]);
  // Typing a search replaces the history entry; choosing a filter adds one.
  const set = (name: FilterName, value: string | null) => {
    url.set(name, value, { push: name !== 'q' });
  };
  // Clearing also remounts the search box (its key), emptying what it holds.
  const clear = () => {
    url.clear({ push: true });
  };
  return { url, filters, set, clear, generation: url.generation };
}

// useOrganisationRef names the organisation a filter holds, for the picker.
function useOrganisationRef(id: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['organisations', id, 'ref'],
    enabled: id !== undefined,
    staleTime: Infinity,
    queryFn: async ({ signal }) => {
      const o = await unwrap(api.GET('/api/v1/organisations/{id}', { params: { path: { id: id ?? '' } }, signal }));
      return { id: o.id, name: o.name };
    },
  });
}

function Filters({ url, filters, set }: Pick<ReturnType<typeof useFilters>, 'url' | 'filters' | 'set'>) {
  const { t } = useTranslation();
  const countries = useCountries();
  const regions = useRegions();
  const text = useText();
  const organiser = useOrganisationRef(filters.organiser);
  const regionOptions = (regions.data ?? [])
    .filter((r) => filters.country === undefined || r.country === filters.country)
    .map((r) => ({ value: r.code, label: text(r.name) || r.code }));
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
      <FilterSelect
        filters={url}
        name="kind"
        push
        label={t('trips.fields.kind')}
        placeholder={t('common.all')}
        data={tripKinds.map((kind) => ({ value: kind, label: t(`trips.kinds.${kind}`) }))}
      />
      <FilterSelect
        filters={url}
        name="status"
        push
        label={t('trips.fields.status')}
        placeholder={t('common.all')}
        data={tripStatuses.map((status) => ({ value: status, label: t(`trips.statuses.${status}`) }))}
      />
      <FilterSelect
        filters={url}
        name="country"
        push
        label={t('trips.fields.country')}
        placeholder={t('common.all')}
        searchable
        data={countries.options}
      />
      <FilterSelect
        filters={url}
        name="region"
        push
        label={t('trips.fields.region')}
        placeholder={t('common.all')}
        searchable
        data={regionOptions}
      />
      <DateFilter
        label={t('trips.filters.from')}
        value={filters.from ?? ''}
        onChange={(day) => {
          set('from', day);
        }}
      />
      <DateFilter
        label={t('trips.filters.to')}
        value={filters.to ?? ''}
        onChange={(day) => {
          set('to', day);
        }}
      />
      <Group align="flex-end" pb={6}>
        <Switch
          label={t('trips.filters.includePast')}
          checked={filters.past === 'true'}
          onChange={(event) => {
            set('past', event.currentTarget.checked ? 'true' : null);
          }}
        />
      </Group>
      {filters.organiser !== undefined && organiser.isPending ? (
        <LoadingRows rows={1} height={56} />
      ) : (
        <OrganisationPicker
          key={organiser.data?.id ?? 'none'}
          label={t('trips.filters.organiser')}
          placeholder={t('common.all')}
          initial={organiser.data ?? null}
          value={filters.organiser ?? null}
          onChange={(id) => {
            set('organiser', id);
          }}
        />
      )}
    </SimpleGrid>
  );
}

// today is the viewer's calendar day, YYYY-MM-DD.
function today() {
  const now = new Date();
  return `${String(now.getFullYear())}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function TripsPage() {
  const { t } = useTranslation();
  usePageTitle(t('trips.title'));
  const can = usePermissions();
  const { url, filters, set, clear, generation } = useFilters();
  const sort = sorts.find((value) => value === filters.sort) ?? 'start_date';
  // Upcoming trips first: unless asked for past trips or a date range,
  // the list starts with the trips that have not ended yet.
  const { past, ...query } = filters;
  const from = query.from ?? (past === 'true' ? undefined : today());
  const list = useTripList({
    ...query,
    from,
    sort,
    kind: filters.kind as TripKind | undefined,
    status: filters.status as TripStatus | undefined,
    limit: pageSize,
  });
  const countLabel = useCountLabel('trips');
  type Trip = (typeof list.rows)[number];
  const columns: Column<Trip>[] = [
    {
      id: 'title',
      header: t('trips.fields.title'),
      hideable: false,
      csv: (trip) => trip.title,
      cell: (trip) => (
        <Anchor component={Link} to={`/trips/${trip.id}`} fw={500}>
          {trip.title}
        </Anchor>
      ),
    },
    { id: 'kind', header: t('trips.fields.kind'), csv: (trip) => t(`trips.kinds.${trip.kind}`), cell: (trip) => t(`trips.kinds.${trip.kind}`) },
    { id: 'destination', header: t('trips.fields.destination'), cell: (trip) => <Destination trip={trip} /> },
    {
      id: 'dates',
      header: t('trips.fields.dates'),
      sort: 'start_date',
      csv: (trip) => `${trip.start_date} – ${trip.end_date}`,
      cell: (trip) => <TripDates trip={trip} />,
    },
    { id: 'status', header: t('trips.fields.status'), csv: (trip) => t(`trips.statuses.${trip.status}`), cell: (trip) => <StatusBadge status={trip.status} /> },
    { id: 'seats', header: t('trips.fields.seats'), cell: (trip) => <Seats trip={trip} /> },
  ];
  const filtered = Object.keys(filters).some((name) => name !== 'sort');
  const activeFilters = Object.keys(filters).filter((name) => name !== 'q' && name !== 'sort').length;
  // On a phone the filters fold away behind a button; the search stays.
  const wide = useMediaQuery('(min-width: 48em)', true);
  const [filtersOpened, { toggle: toggleFilters }] = useDisclosure(false);

  return (
    <Stack gap="md" py="xl">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('trips.title')}</Title>
        <Group gap="sm">
          <SavedViews list="trips" />
          {can.coordinate && (
            <Button component={Link} to="/trips/new">
              {t('trips.new')}
            </Button>
          )}
        </Group>
      </Group>
      <SearchField
        key={generation}
        label={t('trips.filters.search')}
        placeholder={t('trips.filters.searchPlaceholder')}
        value={filters.q ?? ''}
        onChange={(q) => {
          set('q', q);
        }}
        busy={list.isFetching && !list.isFetchingNextPage}
      />
      {wide ? (
        <Filters url={url} filters={filters} set={set} />
      ) : (
        <>
          <Group>
            <Button variant="default" size="xs" onClick={toggleFilters} aria-expanded={filtersOpened}>
              {activeFilters > 0 ? t('trips.filters.toggleActive', { n: activeFilters }) : t('common.filters')}
            </Button>
          </Group>
          <Collapse expanded={filtersOpened}>
            <Filters url={url} filters={filters} set={set} />
          </Collapse>
        </>
      )}
      {filtered && (
        <Group>
          <Button variant="subtle" size="xs" onClick={clear}>
            {t('common.clearFilters')}
          </Button>
        </Group>
      )}
      <QueryState query={list} skeleton={<LoadingRows rows={8} height={44} />}>
        <ListTable
          name="trips"
          list={list}
          columns={columns}
          rowKey={(trip) => trip.id}
          minWidth={860}
          countLabel={countLabel}
          sort={sort}
          onSort={(next) => {
            set('sort', next === 'start_date' ? null : next);
          }}
          selectable
        />
        <ListFooter list={list} empty={filtered ? t('trips.emptyFiltered') : t('trips.empty')} />
      </QueryState>
    </Stack>
  );
}
