import { useQuery } from '@tanstack/react-query';

import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';

export const personKey = (id: string) => ['people', 'one', id] as const;

// usePerson loads one person.
export function usePerson(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: personKey(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/people/{id}', { params: { path: { id } }, signal })),
  });
}
