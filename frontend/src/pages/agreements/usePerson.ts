import { useQuery } from '@tanstack/react-query';

import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';

// usePerson loads one person, for their name in the reader's order.
export function usePerson(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['person', id],
    enabled: id !== null,
    staleTime: 60_000,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/people/{id}', { params: { path: { id: id ?? '' } }, signal })),
  });
}
