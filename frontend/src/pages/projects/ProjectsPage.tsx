import { Anchor, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { FilterSelect } from '../../components/FilterSelect';
import { OrganisationPicker } from '../../components/OrganisationPicker';
import { ListFooter, LoadingRows, QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { useCountries, useFocusAreas, useFunders, useReferenceOptions } from '../../lib/reference';
import { useCursorList, withTotal } from '../../lib/useCursorList';
import { usePageTitle } from '../../lib/usePageTitle';
import { SearchField } from '../../components/SearchField';
import { useOrganisationRef } from '../agreements/useOrganisationRef';
import { orUndefined, useUrlFilters } from '../../lib/useUrlFilters';
import { MoneyList } from './MoneyList';
import { PhaseBadge } from './PhaseBadge';
import { coordinatorOf, phases, type Phase, type Project } from './project';
import { ListTable, type Column } from '../../components/ListTable';
import { useCountLabel } from '../../lib/useCountLabel';
import { OrgName } from '../../components/Names';
import { SavedViews } from '../../components/SavedViews';
import { DateFilter } from '../../components/DateFilter';

const filterKeys = ['q', 'phase', 'focus_area', 'partner', 'country', 'funder', 'active_on', 'sort'] as const;
// The orders the API offers; the last changed first unless the user chooses.
const sorts = ['-updated_at', 'updated_at', 'title', '-title', 'start_date', '-start_date'] as const;
const defaultSort = '-updated_at';
const pageSize = 50;

export function ProjectsPage() {
  const { t } = useTranslation();
  usePageTitle(t('projects.title'));
  const api = useApi();
  const can = usePermissions();
  const fmt = useFormat();
  const filters = useUrlFilters(filterKeys);
  const f = filters.values;
  const focusAreas = useReferenceOptions(useFocusAreas().data);
  const funders = useReferenceOptions(useFunders().data);
  const countries = useCountries();
  const partner = useOrganisationRef(f.partner);

  const sort = sorts.find((value) => value === f.sort) ?? defaultSort;
  const list = useCursorList<Project>(['projects', f], (cursor, signal) =>
    api.GET('/api/v1/projects', {
      params: {
        query: {
          q: orUndefined(f.q),
          phase: orUndefined(f.phase) as Phase | undefined,
          focus_area: f.focus_area === '' ? undefined : [f.focus_area],
          partner: orUndefined(f.partner),
          country: orUndefined(f.country),
          funder: orUndefined(f.funder),
          active_on: orUndefined(f.active_on),
          sort,
          ...withTotal(cursor),
          limit: pageSize,
        },
      },
      signal,
    }),
  );
  const countLabel = useCountLabel('projects');
  const columns: Column<Project>[] = [
    {
      id: 'project',
      header: t('projects.fields.project'),
      sort: 'title',
      hideable: false,
      csv: (p) => p.acronym || p.title,
      cell: (p) => (
        <>
          <Anchor component={Link} to={`/projects/${p.id}`} fw={600}>
            {p.acronym || p.title}
          </Anchor>
          {p.acronym !== '' && (
            <Text size="sm" c="dimmed">
              {p.title}
            </Text>
          )}
        </>
      ),
    },
    { id: 'phase', header: t('projects.fields.phase'), csv: (p) => t(`projects.phases.${p.phase}`), cell: (p) => <PhaseBadge phase={p.phase} /> },
    {
      id: 'coordinator',
      header: t('projects.fields.coordinator'),
      csv: (p) => coordinatorOf(p)?.organisation.name ?? '',
      cell: (p) => {
        const coordinator = coordinatorOf(p);
        return coordinator ? (
          <Anchor component={Link} to={`/organisations/${coordinator.organisation_id}`}>
            <OrgName org={coordinator.organisation} />
          </Anchor>
        ) : (
          t('common.none')
        );
      },
    },
    {
      id: 'start_date',
      header: t('projects.fields.startDate'),
      sort: 'start_date',
      csv: (p) => p.start_date ?? '',
      cell: (p) => (p.start_date ? fmt.date(p.start_date) : t('common.none')),
    },
    {
      id: 'end_date',
      header: t('projects.fields.endDate'),
      csv: (p) => p.end_date ?? '',
      cell: (p) => (p.end_date ? fmt.date(p.end_date) : t('common.none')),
    },
    { id: 'funding', header: t('projects.fields.funding'), cell: (p) => <MoneyList totals={p.funding_totals.by_currency} size="sm" /> },
    {
      id: 'updated_at',
      header: t('projects.fields.updatedAt'),
      sort: 'updated_at',
      csv: (p) => p.updated_at,
      cell: (p) => fmt.dateTime(p.updated_at),
    },
  ];

  return (
    <Stack gap="md" py="xl">
      <Group justify="space-between">
        <Title order={1}>{t('projects.title')}</Title>
        <Group gap="sm">
          <SavedViews list="projects" />
          {can.coordinate && (
            <Button component={Link} to="/projects/new">
              {t('projects.new')}
            </Button>
          )}
        </Group>
      </Group>
      <Stack gap="sm" component="section" aria-label={t('common.filters')}>
        <SearchField
          key={filters.generation}
          label={t('projects.search')}
          placeholder={t('projects.searchPlaceholder')}
          value={f.q}
          onChange={(q) => {
            filters.set('q', q);
          }}
        />
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 6 }}>
          <FilterSelect
            filters={filters}
            name="phase"
            label={t('projects.fields.phase')}
            data={phases.map((p) => ({ value: p, label: t(`projects.phases.${p}`) }))}
          />
          <FilterSelect
            filters={filters}
            name="focus_area"
            label={t('projects.fields.focusAreas')}
            searchable
            data={focusAreas.options}
          />
          <OrganisationPicker
            key={partner.data ? 'named' : 'plain'}
            label={t('projects.filters.partner')}
            placeholder={t('projects.filters.partnerPlaceholder')}
            initial={partner.data}
            value={f.partner || null}
            onChange={(id) => {
              filters.set('partner', id);
            }}
          />
          <FilterSelect
            filters={filters}
            name="country"
            label={t('projects.filters.country')}
            searchable
            data={countries.options}
          />
          <FilterSelect
            filters={filters}
            name="funder"
            label={t('projects.fields.funder')}
            searchable
            data={funders.options}
          />
          <DateFilter
            label={t('projects.filters.activeOn')}
            value={f.active_on}
            onChange={(day) => {
              filters.set('active_on', day);
            }}
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
          name="projects"
          list={list}
          columns={columns}
          rowKey={(p) => p.id}
          minWidth={900}
          countLabel={countLabel}
          sort={sort}
          onSort={(next) => {
            filters.set('sort', next === defaultSort ? null : next);
          }}
          selectable
        />
        <ListFooter list={list} empty={filters.active ? t('projects.emptyFiltered') : t('projects.empty')} />
      </QueryState>
    </Stack>
  );
}
