import { Button, Group, SimpleGrid, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { paths } from '../../api/schema';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { FilterSelect } from '../../components/FilterSelect';
import { OrganisationPicker } from '../../components/OrganisationPicker';
import { ListFooter, LoadingRows, QueryState } from '../../components/QueryState';
import { SearchField } from '../../components/SearchField';
import { useCountries, useFocusAreas, useReferenceOptions } from '../../lib/reference';
import { useCursorList } from '../../lib/useCursorList';
import { usePageTitle } from '../../lib/usePageTitle';
import { orUndefined, useUrlFilters } from '../../lib/useUrlFilters';
import { useOrganisationRef } from '../agreements/useOrganisationRef';
import type { OpportunityKind, OpportunityStatus } from './model';
import { OpportunityCard } from './OpportunityCard';
import { opportunityKeys, useCanWriteOpportunities, useCodes } from '../../api/resources/opportunities';
import { SavedViews } from '../../components/SavedViews';

const filterKeys = [
  'q',
  'kind',
  'focus_area',
  'modality',
  'stage',
  'cooperation_type',
  'country',
  'target_country',
  'status',
  'organisation',
  'sort',
] as const;

const pageSize = 30;

type Query = NonNullable<paths['/api/v1/opportunities']['get']['parameters']['query']>;

export function OpportunitiesPage() {
  const { t } = useTranslation();
  usePageTitle(t('partnering.title'));
  const api = useApi();
  const canWrite = useCanWriteOpportunities();
  const filters = useUrlFilters(filterKeys);
  const f = filters.values;
  const focusAreas = useReferenceOptions(useFocusAreas().data);
  const countries = useCountries();
  const organisation = useOrganisationRef(f.organisation);
  const can = usePermissions();
  const codes = useCodes();

  const list = useCursorList(opportunityKeys.list(f), (cursor, signal) =>
    api.GET('/api/v1/opportunities', {
      params: {
        query: {
          q: orUndefined(f.q),
          kind: orUndefined(f.kind) as OpportunityKind | undefined,
          focus_area: f.focus_area === '' ? undefined : [f.focus_area],
          modality: orUndefined(f.modality) as Query['modality'],
          stage: orUndefined(f.stage) as Query['stage'],
          cooperation_type: orUndefined(f.cooperation_type) as Query['cooperation_type'],
          country: orUndefined(f.country),
          target_country: orUndefined(f.target_country),
          status: orUndefined(f.status) as OpportunityStatus | undefined,
          organisation: orUndefined(f.organisation),
          sort: orUndefined(f.sort) as Query['sort'],
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
        <Title order={1}>{t('partnering.title')}</Title>
        <Group gap="sm">
          <SavedViews list="opportunities" />
          {canWrite && (
            <Button component={Link} to="/opportunities/new">
              {t('partnering.new')}
            </Button>
          )}
        </Group>
      </Group>
      <Stack gap="sm" component="section" aria-label={t('common.filters')}>
        <SearchField
          key={filters.generation}
          label={t('partnering.search')}
          placeholder={t('partnering.searchPlaceholder')}
          value={f.q}
          onChange={(q) => {
            filters.set('q', q);
          }}
          busy={list.isFetching && !list.isFetchingNextPage}
        />
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <FilterSelect
            filters={filters}
            name="kind"
            label={t('partnering.fields.kind')}
            placeholder={t('common.all')}
            data={codes.options('kinds')}
          />
          <FilterSelect
            filters={filters}
            name="focus_area"
            label={t('partnering.filters.focusArea')}
            placeholder={t('common.all')}
            searchable
            data={focusAreas.options}
          />
          <FilterSelect
            filters={filters}
            name="modality"
            label={t('partnering.filters.modality')}
            placeholder={t('common.all')}
            data={codes.options('modalities')}
          />
          <FilterSelect
            filters={filters}
            name="stage"
            label={t('partnering.fields.stage')}
            placeholder={t('common.all')}
            data={codes.options('stages')}
          />
          <FilterSelect
            filters={filters}
            name="cooperation_type"
            label={t('partnering.filters.cooperationType')}
            placeholder={t('common.all')}
            data={codes.options('cooperation_types')}
          />
          <FilterSelect
            filters={filters}
            name="country"
            label={t('partnering.filters.country')}
            placeholder={t('common.all')}
            searchable
            data={countries.options}
          />
          <FilterSelect
            filters={filters}
            name="target_country"
            label={t('partnering.filters.targetCountry')}
            placeholder={t('common.all')}
            searchable
            data={countries.options}
          />
          <FilterSelect
            filters={filters}
            name="status"
            label={t('partnering.fields.status')}
            placeholder={t('common.all')}
            // Drafts are only ever seen by their organisation and coordinators.
            data={codes.options('statuses').filter((s) => s.value !== 'draft' || can.coordinate || can.register)}
          />
          <OrganisationPicker
            key={organisation.data ? 'named' : 'plain'}
            label={t('partnering.filters.organisation')}
            placeholder={t('partnering.filters.organisationPlaceholder')}
            initial={organisation.data}
            value={f.organisation || null}
            onChange={(id) => {
              filters.set('organisation', id);
            }}
          />
          <FilterSelect
            filters={filters}
            name="sort"
            label={t('partnering.sort.label')}
            // With q and no order chosen, the API ranks by relevance.
            placeholder={f.q ? t('partnering.sort.relevance') : t('partnering.sort.newest')}
            data={[
              { value: 'valid_until', label: t('partnering.sort.endingSoon') },
              { value: 'published_at', label: t('partnering.sort.oldest') },
            ]}
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
      <QueryState query={list} skeleton={<LoadingRows rows={6} height={120} />}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} aria-busy={list.isFetching} data-testid="opportunities">
          {list.rows.map((o) => (
            <OpportunityCard key={o.id} opportunity={o} />
          ))}
        </SimpleGrid>
        <ListFooter list={list} empty={filters.active ? t('partnering.emptyFiltered') : t('partnering.empty')} />
      </QueryState>
    </Stack>
  );
}
