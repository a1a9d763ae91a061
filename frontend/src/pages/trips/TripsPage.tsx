import { Anchor, Button, Collapse, Group, SimpleGrid, Stack, Table, TextInput, Title } from '@mantine/core';
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
import { useCursorList } from '../../lib/useCursorList';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { usePageTitle } from '../../lib/usePageTitle';
import { tripKeys, tripKinds, tripStatuses, type TripKind, type TripStatus } from './model';
import { Destination, Seats, StatusBadge, TripDates } from './TripParts';
import { ListTable } from '../../components/ListTable';

const pageSize = 50;

// The filters live in the query string, so a filtered list can be
// bookmarked, shared and returned to with the back button.
const filterNames = ['q', 'kind', 'status', 'country', 'region', 'from', 'to', 'organiser'] as const;
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
      <TextInput
        type="date"
        label={t('trips.filters.from')}
        value={filters.from ?? ''}
        onChange={(event) => {
          set('from', event.currentTarget.value);
        }}
      />
      <TextInput
        type="date"
        label={t('trips.filters.to')}
        value={filters.to ?? ''}
        onChange={(event) => {
          set('to', event.currentTarget.value);
        }}
      />
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

export function TripsPage() {
  const { t } = useTranslation();
  usePageTitle(t('trips.title'));
  const api = useApi();
  const can = usePermissions();
  const { url, filters, set, clear, generation } = useFilters();
  const list = useCursorList([...tripKeys.all, 'list', filters], (cursor, signal) =>
    api.GET('/api/v1/trips', {
      params: {
        query: {
          ...filters,
          kind: filters.kind as TripKind | undefined,
          status: filters.status as TripStatus | undefined,
          cursor,
          limit: pageSize,
        },
      },
      signal,
    }),
  );
  const filtered = Object.keys(filters).length > 0;
  const activeFilters = Object.keys(filters).filter((name) => name !== 'q').length;
  // On a phone the filters fold away behind a button; the search stays.
  const wide = useMediaQuery('(min-width: 48em)', true);
  const [filtersOpened, { toggle: toggleFilters }] = useDisclosure(false);

  return (
    <Stack gap="md" py="xl">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('trips.title')}</Title>
        {can.coordinate && (
          <Button component={Link} to="/trips/new">
            {t('trips.new')}
          </Button>
        )}
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
        <ListTable minWidth={860} striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('trips.fields.title')}</Table.Th>
                <Table.Th>{t('trips.fields.kind')}</Table.Th>
                <Table.Th>{t('trips.fields.destination')}</Table.Th>
                <Table.Th>{t('trips.fields.dates')}</Table.Th>
                <Table.Th>{t('trips.fields.status')}</Table.Th>
                <Table.Th>{t('trips.fields.seats')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.rows.map((trip) => (
                <Table.Tr key={trip.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/trips/${trip.id}`} fw={500}>
                      {trip.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`trips.kinds.${trip.kind}`)}</Table.Td>
                  <Table.Td>
                    <Destination trip={trip} />
                  </Table.Td>
                  <Table.Td>
                    <TripDates trip={trip} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={trip.status} />
                  </Table.Td>
                  <Table.Td>
                    <Seats trip={trip} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ListTable>
        <ListFooter list={list} empty={filtered ? t('trips.emptyFiltered') : t('trips.empty')} />
      </QueryState>
    </Stack>
  );
}
