import { Anchor, Group, Paper, Stack, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';

import { LoadingRows, QueryState } from '../../components/QueryState';

interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

// Panel is one card of the dashboard: a titled section with its own
// loading skeleton and error, so one failing call never blanks the page,
// and a link to the full list.
export function Panel({
  title,
  query,
  more,
  children,
}: {
  title: string;
  query: QueryLike;
  more?: { to: string; label: string };
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Paper component="section" aria-labelledby={id} withBorder radius="md" p="md">
      <Stack gap="sm" h="100%">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        <QueryState query={query} skeleton={<LoadingRows rows={4} height={32} />}>
          {children}
        </QueryState>
        {more && (
          <Group justify="flex-end" mt="auto">
            <Anchor component={Link} to={more.to} size="sm">
              {more.label}
            </Anchor>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
