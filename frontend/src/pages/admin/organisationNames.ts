import { useQuery, useQueryClient } from '@tanstack/react-query';

import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';

const refKey = (id: string) => ['organisation-ref', id] as const;

// useOrganisationName loads an organisation's name by id. Users and API
// keys carry only organisation_id; one cached request per organisation
// names it wherever it appears.
export function useOrganisationName(id: string | null | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: refKey(id ?? ''),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }) => {
      const org = await unwrap(api.GET('/api/v1/organisations/{id}', { params: { path: { id: id ?? '' } }, signal }));
      return { id: org.id, name: org.name };
    },
  });
}

// useKnownOrganisationName names an organisation from what has been
// loaded already, for texts that cannot wait (a conflict's rows).
export function useKnownOrganisationName(): (id: string | null | undefined) => string {
  const client = useQueryClient();
  return (id) => (id ? (client.getQueryData<{ name: string }>(refKey(id))?.name ?? id) : '');
}
