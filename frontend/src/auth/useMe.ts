import { useQuery } from '@tanstack/react-query';

import { useAuth } from './context';

// useMe loads the signed-in user or API key (GET /api/v1/me).
export function useMe() {
  const { session, status } = useAuth();
  return useQuery({
    queryKey: ['me'],
    enabled: status === 'signedIn',
    queryFn: async () => {
      const { data, error } = await session.client.GET('/api/v1/me');
      if (error) throw new Error(error.title);
      return data;
    },
  });
}
