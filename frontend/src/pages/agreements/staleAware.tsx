import { ApiError } from '../../api/problem';
import { FailureNotice } from '../../components/FailureNotice';

// staleAware makes a ConfirmDialog reload the record after a 412 and show
// its failures as FailureNotice does.
export function staleAware(reload?: () => void) {
  return {
    onError: (error: unknown) => {
      if (error instanceof ApiError && error.status === 412) reload?.();
    },
    renderError: (error: unknown) => <FailureNotice error={error} />,
  };
}
