import { Alert, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { problemKey } from '../api/problem';

// ErrorNotice shows a failed call as one sentence in the reader's language,
// with a retry where one makes sense.
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert" title={t(problemKey(error))}>
      {onRetry && (
        <Button size="xs" variant="white" color="red" mt="xs" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}

// LoadingRows holds the place of content being loaded, so the page does
// not jump when it arrives.
export function LoadingRows({ rows = 5, height = 28 }: { rows?: number; height?: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" aria-busy="true" aria-label={t('common.loading')}>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={height} />
      ))}
    </Stack>
  );
}

interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

// QueryState renders a query's loading skeleton or error, and its
// children once the data is there.
export function QueryState({
  query,
  children,
  skeleton,
}: {
  query: QueryLike;
  children: ReactNode;
  skeleton?: ReactNode;
}) {
  if (query.isPending) return skeleton ?? <LoadingRows />;
  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  return children;
}

// ListFooter ends a cursor list: "nothing found", or a load-more button
// while the server has more.
export function ListFooter({
  list,
  empty,
}: {
  list: {
    rows: unknown[];
    isSuccess: boolean;
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    fetchNextPage: () => unknown;
  };
  empty?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {list.isSuccess && list.rows.length === 0 && <Text c="dimmed">{empty ?? t('common.empty')}</Text>}
      {list.hasNextPage && (
        <Group>
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </>
  );
}
