import { Anchor, Button, Group, SimpleGrid, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { Schemas } from '../../api/client';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { FilterSelect } from '../../components/FilterSelect';
import { OrganisationPicker } from '../../components/OrganisationPicker';
import { ListFooter, LoadingRows, QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { useCountries, useFocusAreas, useReferenceOptions, useRegions } from '../../lib/reference';
import { useCursorList, withTotal } from '../../lib/useCursorList';
import { usePageTitle } from '../../lib/usePageTitle';
import { agreementKinds, agreementStatuses, type AgreementKind } from './agreement';
import { OrganisationLinks } from './PartyLinks';
import { SearchField } from '../../components/SearchField';
import { StatusBadge, type AgreementStatus } from './StatusBadge';
import { orUndefined, useUrlFilters } from '../../lib/useUrlFilters';
import { useOrganisationRef } from './useOrganisationRef';
import { ListTable, type Column } from '../../components/ListTable';
import { useCountLabel } from '../../lib/useCountLabel';
import { SavedViews } from '../../components/SavedViews';

const filterKeys = [
  'q',
  'status',
  'kind',
  'party',
  'region',
  'country',
  'focus_area',
  'signed_from',
  'signed_to',
  'sort',
] as const;

// The orders the API offers; newest first unless the user chooses.
const sorts = ['-signed_on', 'signed_on', 'valid_until', '-valid_until', '-updated_at', 'updated_at'] as const;
const defaultSort = '-signed_on';

const pageSize = 50;

// The years an agreement may have been signed in, newest first.
function signedYears(): { value: string; label: string }[] {
  const last = new Date().getFullYear() + 1;
  return Array.from({ length: last - 1990 + 1 }, (_, i) => String(last - i)).map((y) => ({ value: y, label: y }));
}

const years = signedYears();

export function AgreementsPage() {
  const { t } = useTranslation();
  usePageTitle(t('agreements.title'));
  const api = useApi();
  const can = usePermissions();
  const fmt = useFormat();
  const filters = useUrlFilters(filterKeys);
  const f = filters.values;
  const regions = useReferenceOptions(useRegions().data);
  const focusAreas = useReferenceOptions(useFocusAreas().data);
  const countries = useCountries();
  const party = useOrganisationRef(f.party);

  const sort = sorts.find((value) => value === f.sort) ?? defaultSort;
  const list = useCursorList<Schemas['Agreement']>(['agreements', f], (cursor, signal) =>
    api.GET('/api/v1/agreements', {
      params: {
        query: {
          q: orUndefined(f.q),
          status: orUndefined(f.status) as AgreementStatus | undefined,
          kind: orUndefined(f.kind) as AgreementKind | undefined,
          party: f.party === '' ? undefined : [f.party],
          region: orUndefined(f.region),
          country: orUndefined(f.country),
          focus_area: f.focus_area === '' ? undefined : [f.focus_area],
          signed_from: f.signed_from === '' ? undefined : Number(f.signed_from),
          signed_to: f.signed_to === '' ? undefined : Number(f.signed_to),
          sort: f.sort === '' ? undefined : sort,
          ...withTotal(cursor),
          limit: pageSize,
        },
      },
      signal,
    }),
  );
  const countLabel = useCountLabel('agreements');
  const columns: Column<Schemas['Agreement']>[] = [
    {
      id: 'title',
      header: t('agreements.fields.title'),
      hideable: false,
      csv: (a) => a.title,
      cell: (a) => (
        <Anchor component={Link} to={`/agreements/${a.id}`} fw={500}>
          {a.title}
        </Anchor>
      ),
    },
    { id: 'kind', header: t('agreements.fields.kind'), csv: (a) => t(`agreements.kinds.${a.kind}`), cell: (a) => t(`agreements.kinds.${a.kind}`) },
    {
      id: 'parties',
      header: t('agreements.fields.parties'),
      csv: (a) => a.parties.map((p) => p.organisation.name).join('; '),
      cell: (a) => <OrganisationLinks organisations={a.parties.map((p) => p.organisation)} />,
    },
    {
      id: 'signed_on',
      header: t('agreements.fields.signedOn'),
      sort: 'signed_on',
      csv: (a) => a.signed_on,
      cell: (a) => (a.signed_on === '' ? t('common.none') : fmt.date(a.signed_on)),
    },
    {
      id: 'valid_until',
      header: t('agreements.fields.validUntil'),
      sort: 'valid_until',
      csv: (a) => a.valid_until ?? '',
      cell: (a) =>
        a.valid_until !== null ? fmt.date(a.valid_until) : a.signed_on === '' ? t('common.none') : t('agreements.openEnded'),
    },
    {
      id: 'status',
      header: t('agreements.fields.status'),
      csv: (a) => t(`agreements.statuses.${a.status}`),
      cell: (a) => <StatusBadge status={a.status} />,
    },
  ];

  return (
    <Stack gap="md" py="xl">
      <Group justify="space-between">
        <Title order={1}>{t('agreements.title')}</Title>
        <Group gap="sm">
          <SavedViews list="agreements" />
          {can.coordinate && (
            <Button component={Link} to="/agreements/new">
              {t('agreements.new')}
            </Button>
          )}
        </Group>
      </Group>
      <Stack gap="sm" component="section" aria-label={t('common.filters')}>
        <SearchField
          key={filters.generation}
          label={t('agreements.search')}
          placeholder={t('agreements.searchPlaceholder')}
          value={f.q}
          onChange={(q) => {
            filters.set('q', q);
          }}
        />
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <FilterSelect
            filters={filters}
            name="status"
            label={t('agreements.fields.status')}
            data={agreementStatuses.map((s) => ({ value: s, label: t(`agreements.statuses.${s}`) }))}
          />
          <FilterSelect
            filters={filters}
            name="kind"
            label={t('agreements.fields.kind')}
            data={agreementKinds.map((k) => ({ value: k, label: t(`agreements.kinds.${k}`) }))}
          />
          <OrganisationPicker
            key={party.data ? 'named' : 'plain'}
            label={t('agreements.filters.party')}
            placeholder={t('agreements.filters.partyPlaceholder')}
            initial={party.data}
            value={f.party || null}
            onChange={(id) => {
              filters.set('party', id);
            }}
          />
          <FilterSelect
            filters={filters}
            name="region"
            label={t('agreements.filters.region')}
            searchable
            data={regions.options}
          />
          <FilterSelect
            filters={filters}
            name="country"
            label={t('agreements.filters.country')}
            searchable
            data={countries.options}
          />
          <FilterSelect
            filters={filters}
            name="focus_area"
            label={t('agreements.fields.focusAreas')}
            searchable
            data={focusAreas.options}
          />
          <FilterSelect
            filters={filters}
            name="signed_from"
            label={t('agreements.filters.signedFrom')}
            searchable
            data={years}
          />
          <FilterSelect
            filters={filters}
            name="signed_to"
            label={t('agreements.filters.signedTo')}
            searchable
            data={years}
          />
        </SimpleGrid>
        {filters.active && (
          <Group>
            <Button
              variant="subtle"
              size="xs"
              onClick={() => {
                filters.clear();
              }}
            >
              {t('common.clearFilters')}
            </Button>
          </Group>
        )}
      </Stack>
      <QueryState query={list} skeleton={<LoadingRows rows={8} />}>
        <ListTable
          name="agreements"
          list={list}
          columns={columns}
          rowKey={(a) => a.id}
          minWidth={900}
          countLabel={countLabel}
          sort={sort}
          onSort={(next) => {
            filters.set('sort', next === defaultSort ? null : next);
          }}
          selectable
        />
        <ListFooter list={list} empty={filters.active ? t('agreements.emptyFiltered') : t('agreements.empty')} />
      </QueryState>
    </Stack>
  );
}
