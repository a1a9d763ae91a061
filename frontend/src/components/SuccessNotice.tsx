import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// SuccessNotice says that a change went through, until the user closes it
// or the page replaces it with the next one. Nothing is shown for null.
export function SuccessNotice({ notice, onClose }: { notice: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  if (notice === null) return null;
  return (
    <Alert color="teal" withCloseButton closeButtonLabel={t('common.close')} onClose={onClose}>
      {notice}
    </Alert>
  );
}
