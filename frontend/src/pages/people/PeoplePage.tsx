import { Anchor, Button, Group, Select, SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useApi } from '../../auth/context';
import { useMe } from '../../auth/useMe';
import { usePermissions } from '../../auth/permissions';
import { OrganisationPicker } from '../../components/OrganisationPicker';
import { ListFooter, QueryState } from '../../components/QueryState';
import { useCursorList, withTotal } from '../../lib/useCursorList';
import { usePageTitle } from '../../lib/usePageTitle';
import { PageHeader } from '../organisations/PageHeader';
import { useOrganisation } from '../organisations/useOrganisation';
import { SearchField } from '../../components/SearchField';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useLanguageNames } from './personValues';
import { ListTable, type Column } from '../../components/ListTable';
import { useCountLabel } from '../../lib/useCountLabel';
import { OrgName, PersonName } from '../../components/Names';
import { SavedViews } from '../../components/SavedViews';
import { AddToTrip } from './AddToTrip';

const pageSize = 50;
const sorts = ['relevance', 'name_kana', 'name', '-updated_at', '-created_at'] as const;

// The Japanese interface lists people in reading order (五十音順: the
// Japanese names first, by their kana), the others by Latin name; the
// user can choose either. A search is ranked by relevance unless the
// user chooses an order.
function defaultSort(language: string | undefined, searching: boolean): (typeof sorts)[number] {
  if (searching) return 'relevance';
  return language === 'ja' ? 'name_kana' : 'name';
}

// The list's filters, in the query string as the API names them.
const filterKeys = ['q', 'organisation', 'language', 'sort'] as const;

export function PeoplePage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const can = usePermissions();
  const me = useMe().data;
  const url = useUrlFilters(filterKeys);
  const standard = defaultSort(i18n.resolvedLanguage, Boolean(url.get('q')));
  const languages = useLanguageNames();
  const filters = {
    q: url.get('q') || undefined,
    organisation: url.get('organisation') || undefined,
    language: url.get('language') || undefined,
    // One of the orders the API offers; anything else in the address is ignored.
    sort: sorts.find((sort) => sort === url.get('sort') && (sort !== 'relevance' || url.get('q'))) ?? standard,
  };
  // The chosen organisation's name, for the picker after a reload.
  const chosen = useOrganisation(filters.organisation);
  usePageTitle(t('people.title'));

  const list = useCursorList(['people', 'list', filters], (cursor, signal) =>
    api.GET('/api/v1/people', { params: { query: { ...filters, ...withTotal(cursor), limit: pageSize } }, signal }),
  );
  const countLabel = useCountLabel('people');
  // Contact columns only where the caller may see some contact data.
  const withEmail = list.rows.some((p) => p.email);
  const withPhone = list.rows.some((p) => p.phone);
  type Person = (typeof list.rows)[number];
  const columns: Column<Person>[] = [
    {
      id: 'name',
      header: t('people.columns.name'),
      sort: 'name',
      hideable: false,
      csv: (p) => p.display_name,
      cell: (p) => (
        <Anchor component={Link} to={`/people/${p.id}`} fw={500}>
          <PersonName person={p} stacked />
        </Anchor>
      ),
    },
    {
      id: 'organisation',
      header: t('people.columns.organisation'),
      csv: (p) => p.organisation.name,
      cell: (p) => (
        <Anchor component={Link} to={`/organisations/${p.organisation_id}`}>
          <OrgName org={p.organisation} />
        </Anchor>
      ),
    },
    { id: 'position', header: t('people.columns.position'), csv: (p) => p.position, cell: (p) => p.position },
    ...(withEmail
      ? [
          {
            id: 'email',
            header: t('people.columns.email'),
            csv: (p: Person) => p.email ?? '',
            cell: (p: Person) => p.email && <Anchor href={`mailto:${p.email}`}>{p.email}</Anchor>,
          },
        ]
      : []),
    ...(withPhone ? [{ id: 'phone', header: t('people.columns.phone'), csv: (p: Person) => p.phone ?? '', cell: (p: Person) => p.phone }] : []),
  ];
  const mayAdd = can.coordinate || (me?.organisation_id != null && can.editOrganisation(me.organisation_id));
  const filtered = filters.q !== undefined || filters.organisation !== undefined || filters.language !== undefined;

  return (
    <Stack gap="md" py="xl">
      <PageHeader
        title={t('people.title')}
        actions={
          <>
            <SavedViews list="people" />
            {mayAdd && (
              <Button component={Link} to="/people/new">
                {t('people.new')}
              </Button>
            )}
          </>
        }
      />
      <SearchField
        key={url.generation}
        label={t('people.search')}
        placeholder={t('people.searchPlaceholder')}
        value={url.get('q')}
        onChange={(q) => {
          url.set('q', q);
        }}
        busy={list.isFetching && !list.isFetchingNextPage}
      />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        {filters.organisation === undefined || chosen.data ? (
          <OrganisationPicker
            key={chosen.data?.id ?? 'none'}
            label={t('people.filters.organisation')}
            placeholder={t('common.all')}
            value={filters.organisation ?? null}
            initial={chosen.data ? { id: chosen.data.id, name: chosen.data.name } : null}
            onChange={(id) => {
              url.set('organisation', id);
            }}
          />
        ) : (
          <Select label={t('people.filters.organisation')} placeholder={t('common.all')} data={[]} disabled />
        )}
        <Select
          label={t('people.filters.language')}
          placeholder={t('common.all')}
          data={languages.options}
          value={filters.language ?? null}
          onChange={(value) => {
            url.set('language', value);
          }}
          searchable
          clearable
        />
        <Select
          label={t('people.filters.sort')}
          data={sorts
            .filter((sort) => sort !== 'relevance' || filters.q)
            .map((sort) => ({ value: sort, label: t(`people.sorts.${sort}`) }))}
          value={filters.sort}
          onChange={(value) => {
            url.set('sort', value === standard ? null : value);
          }}
          allowDeselect={false}
        />
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
          name="people"
          list={list}
          columns={columns}
          rowKey={(p) => p.id}
          minWidth={640}
          countLabel={countLabel}
          sort={filters.sort}
          onSort={(sort) => {
            url.set('sort', sort === standard ? null : sort);
          }}
          bulkActions={can.register ? (selected, clear) => <AddToTrip selected={selected} done={clear} /> : undefined}
          selectable
        />
        <ListFooter list={list} empty={t('people.empty')} />
      </QueryState>
    </Stack>
  );
}
