import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { ListFooter, QueryState } from '../../components/QueryState';

export interface RelatedItem {
  id: string;
  to: string;
  title: string;
  titleLang?: string;
  meta?: ReactNode;
}

interface ListLike {
  rows: unknown[];
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
  isSuccess: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

// RelatedList is a short list of records linked to the one on the page
// (an organisation's people, agreements, projects, trips), each a link.
export function RelatedList({
  title,
  list,
  items,
  empty,
  action,
}: {
  title: string;
  list: ListLike;
  items: RelatedItem[];
  empty: string;
  action?: ReactNode;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {title}
          </Title>
          {action}
        </Group>
        <QueryState query={list}>
          {items.length > 0 && (
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {items.map((item) => (
                <li key={item.id}>
                  <Group gap="xs" wrap="wrap">
                    <Anchor component={Link} to={item.to} lang={item.titleLang}>
                      {item.title}
                    </Anchor>
                    {item.meta && (
                      <Text size="sm" c="dimmed" component="span">
                        {item.meta}
                      </Text>
                    )}
                  </Group>
                </li>
              ))}
            </Stack>
          )}
          <ListFooter list={list} empty={empty} />
        </QueryState>
      </Stack>
    </Paper>
  );
}
