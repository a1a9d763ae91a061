import { useQuery } from '@tanstack/react-query';

import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';

// usePeopleOf loads the people of one organisation (the first 200, sorted
// by reading), to choose who signed for it.
export function usePeopleOf(organisationId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['people-of', organisationId],
    staleTime: 60_000,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/people', { params: { query: { organisation: organisationId, limit: 200 } }, signal }),
      ),
  });
}
