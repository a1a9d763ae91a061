import { Alert, Anchor, Button, Group, MultiSelect, Select, SimpleGrid, Stack, Switch } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { FilterSelect } from '../../components/FilterSelect';
import { ListFooter, QueryState } from '../../components/QueryState';
import { useCountries, useFocusAreas, useReferenceOptions, useRegions } from '../../lib/reference';
import { useCursorList, withTotal } from '../../lib/useCursorList';
import { usePageTitle } from '../../lib/usePageTitle';
import { saveBlob } from '../../lib/download';
import { ImportDialog } from './ImportDialog';
import { kinds, type Organisation } from './organisationValues';
import { PageHeader } from './PageHeader';
import { SearchField } from '../../components/SearchField';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { Badge } from '../../components/Badge';
import { ListTable, type Column } from '../../components/ListTable';
import { useCountLabel } from '../../lib/useCountLabel';
import { ArchiveSelected } from './ArchiveSelected';

import { OrgName } from '../../components/Names';
import { SavedViews } from '../../components/SavedViews';

export const pageSize = 50;

const sorts = ['relevance', 'name', '-name', 'name_kana', '-name_kana', '-updated_at', '-created_at'] as const;

// useOrganisationFilters reads the list's filters from the query string,
// named as the API names them.
const filterKeys = ['q', 'country', 'region', 'kind', 'focus_area', 'sme', 'archived', 'sort'] as const;
type FilterKey = (typeof filterKeys)[number];

function useOrganisationFilters() {
  const url = useUrlFilters(filterKeys);
  const focusAreas = url.getAll('focus_area');
  const flag = (name: FilterKey) => (url.get(name) === 'true' ? true : url.get(name) === 'false' ? false : undefined);
  const text = (name: FilterKey) => url.get(name) || undefined;
  const filters = {
    q: text('q'),
    country: text('country'),
    region: text('region'),
    kind: kinds.find((kind) => kind === url.get('kind')),
    focus_area: focusAreas.length > 0 ? focusAreas : undefined,
    sme: flag('sme'),
    archived: url.get('archived') === 'true' ? true : undefined,
    // One of the orders the API offers; anything else in the address is ignored.
    sort: sorts.find((sort) => sort === url.get('sort')),
  };
  return { url, filters };
}

export function OrganisationsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const can = usePermissions();
  const { url, filters } = useOrganisationFilters();
  const countries = useCountries();
  const regionData = useRegions().data;
  const regions = useReferenceOptions(
    filters.country ? regionData?.filter((r) => r.country === filters.country) : regionData,
  );
  const allRegions = useReferenceOptions(regionData);
  const focusAreas = useReferenceOptions(useFocusAreas().data);
  const [importing, importDialog] = useDisclosure(false);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState(false);
  usePageTitle(t('organisations.title'));

  const list = useCursorList(['organisations', 'list', filters], (cursor, signal) =>
    api.GET('/api/v1/organisations', { params: { query: { ...filters, ...withTotal(cursor), limit: pageSize } }, signal }),
  );
  const countLabel = useCountLabel('organisations');
  const columns: Column<Organisation>[] = [
    {
      id: 'name',
      header: t('organisations.columns.name'),
      sort: 'name',
      hideable: false,
      csv: (org) => org.name,
      cell: (org) => (
        <Group gap="xs" wrap="nowrap">
          <Anchor component={Link} to={`/organisations/${org.id}`} fw={500}>
            <OrgName org={org} stacked />
          </Anchor>
          {org.sme && (
            <Badge size="sm" variant="light">
              {t('organisations.sme')}
            </Badge>
          )}
          {org.archived && (
            <Badge size="sm" color="gray" variant="outline">
              {t('organisations.archivedBadge')}
            </Badge>
          )}
        </Group>
      ),
    },
    { id: 'name_local', header: t('organisations.columns.nameLocal'), sort: 'name_kana', lang: 'ja', csv: (org) => org.name_local, cell: (org) => org.name_local },
    { id: 'kind', header: t('organisations.columns.kind'), csv: (org) => t(`organisations.kinds.${org.kind}`), cell: (org) => t(`organisations.kinds.${org.kind}`) },
    { id: 'country', header: t('organisations.columns.country'), csv: (org) => countries.name(org.country), cell: (org) => countries.name(org.country) },
    {
      id: 'region',
      header: t('organisations.columns.region'),
      csv: (org) => (org.region ? allRegions.label(org.region) : ''),
      cell: (org) => (org.region ? allRegions.label(org.region) : ''),
    },
  ];

  const exportCsv = async () => {
    setExporting(true);
    setExportError(false);
    try {
      const blob = await unwrap(
        api.GET('/api/v1/organisations', { params: { query: { ...filters, format: 'csv' } }, parseAs: 'blob' }),
      );
      saveBlob(blob, 'organisations.csv');
    } catch {
      setExportError(true);
    } finally {
      setExporting(false);
    }
  };

  const filtered = Object.entries(filters).some(([key, value]) => key !== 'sort' && value !== undefined);

  return (
    <Stack gap="md" py="xl">
      <PageHeader
        title={t('organisations.title')}
        actions={
          <>
            <SavedViews list="organisations" />
            {can.coordinate && (
              <Button component={Link} to="/organisations/new">
                {t('organisations.new')}
              </Button>
            )}
            {can.coordinate && (
              <Button variant="default" onClick={importDialog.open}>
                {t('organisations.import.open')}
              </Button>
            )}
            <Button variant="default" loading={exporting} onClick={() => void exportCsv()}>
              {t('organisations.export')}
            </Button>
          </>
        }
      />
      {exportError && (
        <Alert color="red" role="alert" withCloseButton onClose={() => { setExportError(false); }}>
          {t('organisations.exportFailed')}
        </Alert>
      )}
      <SearchField
        key={url.generation}
        label={t('organisations.search')}
        placeholder={t('organisations.searchPlaceholder')}
        value={url.get('q')}
        onChange={(q) => {
          url.set('q', q);
        }}
        busy={list.isFetching && !list.isFetchingNextPage}
      />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <Select
          label={t('organisations.filters.country')}
          placeholder={t('common.all')}
          data={countries.options}
          value={filters.country ?? null}
          onChange={(value) => {
            url.set('country', value);
            url.set('region', null);
          }}
          searchable
          clearable
        />
        <FilterSelect
          filters={url}
          name="region"
          label={t('organisations.filters.region')}
          data={regions.options}
        />
        <FilterSelect
          filters={url}
          name="kind"
          label={t('organisations.filters.kind')}
          data={kinds.map((kind) => ({ value: kind, label: t(`organisations.kinds.${kind}`) }))}
        />
        <MultiSelect
          label={t('organisations.filters.focusAreas')}
          placeholder={filters.focus_area?.length ? undefined : t('common.all')}
          data={focusAreas.options}
          value={filters.focus_area ?? []}
          onChange={(value) => {
            url.set('focus_area', value);
          }}
          clearable
        />
        <FilterSelect
          filters={url}
          name="sme"
          label={t('organisations.filters.sme')}
          data={[
            { value: 'true', label: t('organisations.filters.smeYes') },
            { value: 'false', label: t('organisations.filters.smeNo') },
          ]}
        />
        <Select
          label={t('organisations.filters.sort')}
          data={sorts
            .filter((sort) => sort !== 'relevance' || filters.q)
            .map((sort) => ({ value: sort, label: t(`organisations.sorts.${sort}`) }))}
          value={filters.sort ?? (filters.q ? 'relevance' : 'name')}
          onChange={(value) => {
            // With a search the API ranks by relevance unless told otherwise.
            url.set('sort', value === (filters.q ? 'relevance' : 'name') ? null : value);
          }}
          allowDeselect={false}
        />
        <Group align="flex-end" pb={6}>
          <Switch
            label={t('organisations.filters.archived')}
            checked={filters.archived === true}
            onChange={(event) => {
              url.set('archived', event.currentTarget.checked ? 'true' : null);
            }}
          />
        </Group>
        <Group align="flex-end">
          {filtered && (
            <Button
              variant="subtle"
              onClick={() => {
                url.clear();
              }}
            >
              {t('common.clearFilters')}
            </Button>
          )}
        </Group>
      </SimpleGrid>
      <QueryState query={list}>
        <ListTable
          name="organisations"
          list={list}
          columns={columns}
          rowKey={(org) => org.id}
          minWidth={760}
          countLabel={countLabel}
          sort={filters.sort ?? (filters.q ? 'relevance' : 'name')}
          onSort={(sort) => {
            url.set('sort', sort === 'name' && !filters.q ? null : sort);
          }}
          bulkActions={can.coordinate && !filters.archived ? (selected, clear) => <ArchiveSelected selected={selected} done={clear} /> : undefined}
          selectable
        />
        <ListFooter list={list} empty={filtered ? t('organisations.emptyFiltered') : t('organisations.empty')} />
      </QueryState>
      <ImportDialog opened={importing} onClose={importDialog.close} />
    </Stack>
  );
}
