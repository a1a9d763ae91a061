import { useQuery } from '@tanstack/react-query';

import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';

export const agreementKey = (id: string) => ['agreement', id] as const;

// useAgreement loads one agreement with its parties and renewals.
export function useAgreement(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: agreementKey(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/agreements/{id}', { params: { path: { id } }, signal })),
  });
}
