import { Anchor, Button, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { FilterSelect } from '../../components/FilterSelect';
import { OrganisationPicker } from '../../components/OrganisationPicker';
import { ListFooter, LoadingRows, QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { useCountries, useFocusAreas, useFunders, useReferenceOptions } from '../../lib/reference';
import { useCursorList } from '../../lib/useCursorList';
import { usePageTitle } from '../../lib/usePageTitle';
import { SearchField } from '../../components/SearchField';
import { useOrganisationRef } from '../agreements/useOrganisationRef';
import { orUndefined, useUrlFilters } from '../../lib/useUrlFilters';
import { MoneyList } from './MoneyList';
import { PhaseBadge } from './PhaseBadge';
import { coordinatorOf, phases, type Phase, type Project } from './project';
import { ListTable } from '../../components/ListTable';
import { OrgName } from '../../components/Names';

const filterKeys = ['q', 'phase', 'focus_area', 'partner', 'country', 'funder', 'active_on'] as const;
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
          cursor,
          limit: pageSize,
        },
      },
      signal,
    }),
  );

  return (
    <Stack gap="md" py="xl">
      <Group justify="space-between">
        <Title order={1}>{t('projects.title')}</Title>
        {can.coordinate && (
          <Button component={Link} to="/projects/new">
            {t('projects.new')}
          </Button>
        )}
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
          <TextInput
            type="date"
            label={t('projects.filters.activeOn')}
            value={f.active_on}
            onChange={(event) => {
              filters.set('active_on', event.currentTarget.value);
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
        <ListTable minWidth={900} striped highlightOnHover aria-busy={list.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('projects.fields.project')}</Table.Th>
                <Table.Th>{t('projects.fields.phase')}</Table.Th>
                <Table.Th>{t('projects.fields.coordinator')}</Table.Th>
                <Table.Th>{t('projects.fields.startDate')}</Table.Th>
                <Table.Th>{t('projects.fields.endDate')}</Table.Th>
                <Table.Th>{t('projects.fields.funding')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.rows.map((p) => {
                const coordinator = coordinatorOf(p);
                return (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/projects/${p.id}`} fw={600}>
                        {p.acronym || p.title}
                      </Anchor>
                      {p.acronym !== '' && (
                        <Text size="sm" c="dimmed">
                          {p.title}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <PhaseBadge phase={p.phase} />
                    </Table.Td>
                    <Table.Td>
                      {coordinator ? (
                        <Anchor component={Link} to={`/organisations/${coordinator.organisation_id}`}>
                          <OrgName org={coordinator.organisation} />
                        </Anchor>
                      ) : (
                        t('common.none')
                      )}
                    </Table.Td>
                    <Table.Td>{p.start_date ? fmt.date(p.start_date) : t('common.none')}</Table.Td>
                    <Table.Td>{p.end_date ? fmt.date(p.end_date) : t('common.none')}</Table.Td>
                    <Table.Td>
                      <MoneyList totals={p.funding_totals.by_currency} size="sm" />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </ListTable>
        <ListFooter list={list} empty={filters.active ? t('projects.emptyFiltered') : t('projects.empty')} />
      </QueryState>
    </Stack>
  );
}
