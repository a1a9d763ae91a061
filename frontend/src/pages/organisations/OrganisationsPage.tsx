import { Alert, Button, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useAuth } from '../../auth/context';

export const pageSize = 50;
export const searchDelayMs = 250;

export function OrganisationsPage() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), searchDelayMs);

  const organisations = useInfiniteQuery({
    queryKey: ['organisations', { q }],
    initialPageParam: '',
    placeholderData: keepPreviousData,
    queryFn: async ({ pageParam, signal }) => {
      const { data, error } = await session.client.GET('/api/v1/organisations', {
        params: {
          query: { q: q === '' ? undefined : q, limit: pageSize, cursor: pageParam || undefined },
        },
        signal,
      });
      if (error) throw new Error(error.title);
      return data;
    },
    getNextPageParam: (last) => (last.next_cursor === '' ? undefined : last.next_cursor),
  });

  const rows = organisations.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md" py="xl">
      <Title order={1}>{t('organisations.title')}</Title>
      <TextInput
        label={t('organisations.search')}
        placeholder={t('organisations.searchPlaceholder')}
        type="search"
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
        }}
        rightSection={organisations.isFetching ? <Loader size="xs" /> : null}
      />
      {organisations.isError && (
        <Alert color="red" role="alert">
          {t('organisations.loadError')}
        </Alert>
      )}
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('organisations.columns.name')}</Table.Th>
            <Table.Th>{t('organisations.columns.nameLocal')}</Table.Th>
            <Table.Th>{t('organisations.columns.country')}</Table.Th>
            <Table.Th>{t('organisations.columns.kind')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((org) => (
            <Table.Tr key={org.id}>
              <Table.Td>{org.name}</Table.Td>
              <Table.Td lang="ja">{org.name_local}</Table.Td>
              <Table.Td>{org.country}</Table.Td>
              <Table.Td>{t(`organisations.kinds.${org.kind}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {organisations.isSuccess && rows.length === 0 && (
        <Text c="dimmed">{t('organisations.empty')}</Text>
      )}
      {organisations.hasNextPage && (
        <Group>
          <Button
            variant="default"
            loading={organisations.isFetchingNextPage}
            onClick={() => void organisations.fetchNextPage()}
          >
            {t('organisations.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
