import { Accordion, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { useApi } from '../../auth/context';
import { ListFooter, LoadingRows, QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { useCursorList } from '../../lib/useCursorList';
import { usePageTitle } from '../../lib/usePageTitle';
import { Allowed } from './AdminLayout';
import { Badge } from '../../components/Badge';

// OutboxPage shows the e-mails kept in the database because no SMTP
// server is configured: what would have been sent, newest first.
export function OutboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.outbox.title'));
  return (
    <Allowed when="administer">
      <Outbox />
    </Allowed>
  );
}

function Outbox() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const list = useCursorList(['outbox'], (cursor, signal) =>
    api.GET('/api/v1/outbox', { params: { query: { cursor, limit: 50 } }, signal }),
  );
  return (
    <Stack gap="md">
      <Title order={2}>{t('admin.outbox.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('admin.outbox.intro')}
      </Text>
      <QueryState query={list} skeleton={<LoadingRows rows={6} height={36} />}>
        <Accordion variant="separated" multiple>
          {list.rows.map((message) => (
            <Accordion.Item key={message.id} value={message.id}>
              <Accordion.Control>
                <Stack gap={2}>
                  <Text fw={500}>{message.subject}</Text>
                  <Group gap="xs">
                    <Text size="sm" c="dimmed">
                      {t('admin.outbox.to', { recipients: message.recipients })}
                    </Text>
                    <Badge variant="light">{message.kind}</Badge>
                    <Badge variant="outline">{message.language}</Badge>
                    <Text size="sm" c="dimmed">
                      {format.dateTime(message.created_at)}
                    </Text>
                  </Group>
                </Stack>
              </Accordion.Control>
              <Accordion.Panel>
                <Code block style={{ whiteSpace: 'pre-wrap' }}>
                  {message.text}
                </Code>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
        <ListFooter list={list} empty={t('admin.outbox.empty')} />
      </QueryState>
    </Stack>
  );
}
