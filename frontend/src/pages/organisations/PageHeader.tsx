import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { BackLink } from '../../components/BackLink';

// PageHeader is a page's title with its actions beside it (below it on a
// phone), an optional way back and a line under the title.
export function PageHeader({
  title,
  titleLang,
  subtitle,
  back,
  actions,
}: {
  title: string;
  titleLang?: string;
  subtitle?: ReactNode;
  back?: { to: string; label: string };
  actions?: ReactNode;
}) {
  return (
    <Stack gap={4}>
      {back && (
        <BackLink to={back.to}>{back.label}</BackLink>
      )}
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={1} lang={titleLang} style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
          {subtitle && <Text c="dimmed">{subtitle}</Text>}
        </Stack>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
    </Stack>
  );
}
