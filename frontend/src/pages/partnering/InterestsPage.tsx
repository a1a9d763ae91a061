import { Group, Paper, ScrollArea, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { unwrap } from '../../api/problem';
import { interestKeys, openStatuses, type InterestStatus } from '../../api/resources/interests';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ListFooter, LoadingRows, QueryState } from '../../components/QueryState';
import { useCursorList } from '../../lib/useCursorList';
import { usePageTitle } from '../../lib/usePageTitle';
import { InterestCard } from './interestParts';
import { Badge } from '../../components/Badge';

// InterestsPage: members see the interests their organisation sent and
// received; coordinators (and viewers, reading) the pipeline board of all
// open interests.
export function InterestsPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const me = useMe();
  const board = can.readAudit;
  usePageTitle(board ? t('partnering.interests.pipelineTitle') : t('partnering.interests.title'));
  return (
    <Stack gap="md" py="xl">
      <Title order={1}>{board ? t('partnering.interests.pipelineTitle') : t('partnering.interests.title')}</Title>
      <QueryState query={me}>{board ? <PipelineBoard /> : <MyInterests organisationId={me.data?.organisation_id ?? null} />}</QueryState>
    </Stack>
  );
}

type Direction = 'sent' | 'received';

function MyInterests({ organisationId }: { organisationId: string | null }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Direction = params.get('direction') === 'received' ? 'received' : 'sent';
  if (organisationId === null) return <Text c="dimmed">{t('partnering.interests.noOrganisation')}</Text>;
  return (
    <Tabs
      value={tab}
      onChange={(value) => {
        setParams(value === 'received' ? { direction: 'received' } : {}, { replace: true });
      }}
    >
      <Tabs.List>
        <Tabs.Tab value="sent">{t('partnering.interests.sent')}</Tabs.Tab>
        <Tabs.Tab value="received">{t('partnering.interests.received')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value={tab} pt="md">
        <DirectionList key={tab} direction={tab} />
      </Tabs.Panel>
    </Tabs>
  );
}

function DirectionList({ direction }: { direction: Direction }) {
  const { t } = useTranslation();
  const api = useApi();
  const list = useCursorList(interestKeys.list({ direction }), (cursor, signal) =>
    api.GET('/api/v1/interests', { params: { query: { direction, cursor, limit: 50 } }, signal }),
  );
  return (
    <QueryState query={list} skeleton={<LoadingRows rows={4} height={80} />}>
      <Stack gap="sm" data-testid={`interests-${direction}`}>
        {list.rows.map((i) => (
          <InterestCard key={i.id} interest={i} show={direction === 'sent' ? 'opportunity' : 'both'} />
        ))}
      </Stack>
      <ListFooter
        list={list}
        empty={direction === 'sent' ? t('partnering.interests.emptySent') : t('partnering.interests.emptyReceived')}
      />
    </QueryState>
  );
}

// PipelineBoard has a column per open stage with its count; each card
// moves to a later stage by its select.
function PipelineBoard() {
  const { t } = useTranslation();
  const api = useApi();
  const stages = useQuery({
    queryKey: interestKeys.stages({}),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/interests/stages', { signal })),
  });
  const counts = new Map((stages.data?.stages ?? []).map((s) => [s.status, s.count]));
  return (
    // The board scrolls sideways on narrow screens: its viewport takes the
    // keyboard focus (arrow keys scroll it) and is named as a region.
    <ScrollArea
      type="auto"
      offsetScrollbars
      viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': t('partnering.interests.pipelineTitle') }}
    >
      <Group align="flex-start" wrap="nowrap" gap="sm" data-testid="pipeline">
        {openStatuses.map((status) => (
          <StageColumn key={status} status={status} count={counts.get(status)} />
        ))}
      </Group>
    </ScrollArea>
  );
}

function StageColumn({ status, count }: { status: InterestStatus; count: number | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  const list = useCursorList(interestKeys.list({ status }), (cursor, signal) =>
    api.GET('/api/v1/interests', { params: { query: { status, cursor, limit: 20 } }, signal }),
  );
  const title = t(`partnering.interestStatuses.${status}`);
  return (
    <Paper
      withBorder
      p="xs"
      w={280}
      miw={280}
      component="section"
      aria-label={title}
      data-stage={status}
      bg="var(--mantine-color-default-hover)"
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h5">
            {title}
          </Title>
          <Badge variant="filled" color="gray" data-testid="stage-count">
            {count ?? list.rows.length}
          </Badge>
        </Group>
        <QueryState query={list} skeleton={<LoadingRows rows={2} height={60} />}>
          {list.rows.map((i) => (
            <InterestCard key={i.id} interest={i} compact />
          ))}
          <ListFooter list={list} empty={t('partnering.pipeline.empty')} />
        </QueryState>
      </Stack>
    </Paper>
  );
}
