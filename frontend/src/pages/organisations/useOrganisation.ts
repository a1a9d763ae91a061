import { useQuery } from '@tanstack/react-query';

import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';

export const organisationKey = (id: string) => ['organisations', 'one', id] as const;

// useOrganisation loads one organisation.
export function useOrganisation(id: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: organisationKey(id ?? ''),
    enabled: id !== undefined,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/organisations/{id}', { params: { path: { id: id ?? '' } }, signal })),
  });
}
