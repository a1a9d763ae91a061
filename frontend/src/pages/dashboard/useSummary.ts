import { useQuery } from '@tanstack/react-query';

import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';

// useSummary loads the network's counts (GET /api/v1/summary) once for
// every card that shows a part of them.
export function useSummary() {
  const api = useApi();
  return useQuery({
    queryKey: ['summary'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/summary', { signal })),
  });
}
