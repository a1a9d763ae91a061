import type { TFunction } from 'i18next';

import { ApiError, problemKey } from '../../api/problem';

// userProblem names what went wrong with a change to a user. The API's
// 409 on changing or deleting a user is the rule that one active admin
// must remain.
export function userProblem(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.status === 409) return t('admin.users.errors.lastAdmin');
  return t(problemKey(error));
}
