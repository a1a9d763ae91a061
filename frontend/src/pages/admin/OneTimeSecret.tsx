import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// OneTimeSecret shows a secret the server hands out once (an API key, a
// set-password token). Whoever closes it has no way back to the value:
// the caller drops it from state on close.
export function OneTimeSecret({
  secret,
  title,
  description,
  onClose,
}: {
  secret: string | null;
  title: string;
  description: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={secret !== null} onClose={onClose} title={title} size="lg" closeOnClickOutside={false}>
      <Stack>
        <Alert color="orange" title={t('admin.oneTime.warning')} />
        <Text size="sm">{description}</Text>
        <Group wrap="nowrap" align="center">
          <Code block data-testid="one-time-secret" style={{ flex: 1, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {secret}
          </Code>
          <CopyButton value={secret ?? ''}>
            {({ copied, copy }) => (
              <Button variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy}>
                {copied ? t('admin.oneTime.copied') : t('admin.oneTime.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('admin.oneTime.done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
