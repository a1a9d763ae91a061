import { Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ErrorNotice } from '../../components/QueryState';

// FormActions are the form's save and cancel buttons and, above them, what
// went wrong as a whole.
export function FormActions({ failure, busy, cancelTo }: { failure: unknown; busy: boolean; cancelTo: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {failure !== null && <ErrorNotice error={failure} />}
      <Group>
        <Button type="submit" loading={busy}>
          {t('common.save')}
        </Button>
        <Button variant="default" component={Link} to={cancelTo}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}

