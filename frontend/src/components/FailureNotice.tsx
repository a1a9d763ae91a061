import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { ApiError } from '../api/problem';
import { ErrorNotice } from './QueryState';

// FailureNotice shows why a change failed: 412 means someone else changed
// the record meanwhile (the page shows the new version; try again), in the
// caller's words where it has them; 409 is explained by the caller where
// it knows the rule; anything else gets the general message of its status.
export function FailureNotice({
  error,
  staleMessage,
  conflictMessage,
}: {
  error: unknown;
  staleMessage?: string;
  conflictMessage?: string;
}) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 412) {
    return (
      <Alert color="orange" role="alert" w="100%">
        {staleMessage ?? t('conflict.stale')}
      </Alert>
    );
  }
  if (error instanceof ApiError && error.status === 409 && conflictMessage !== undefined) {
    return (
      <Alert color="red" role="alert">
        {conflictMessage}
      </Alert>
    );
  }
  return <ErrorNotice error={error} />;
}
