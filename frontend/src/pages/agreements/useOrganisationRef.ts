import { useQuery } from '@tanstack/react-query';

import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';

// useOrganisationRef names an organisation known only by its id (a filter
// in the URL, a party just picked), for pickers and labels.
export function useOrganisationRef(id: string | null | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['organisation-ref', id],
    enabled: id !== null && id !== undefined && id !== '',
    staleTime: 60_000,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/organisations/{id}', { params: { path: { id: id ?? '' } }, signal })),
    select: (o: Schemas['Organisation']): Schemas['OrganisationRef'] => ({ id: o.id, name: o.name, name_local: o.name_local }),
  });
}
