import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';

import { AuthContext } from './context';
import type { AuthSession } from './session';

export function AuthProvider({ session, children }: { session: AuthSession; children: ReactNode }) {
  const queryClient = useQueryClient();
  // What one user saw must not be shown to the next.
  useEffect(
    () =>
      session.subscribe(() => {
        if (session.getStatus() === 'signedOut') queryClient.clear();
      }),
    [session, queryClient],
  );
  return <AuthContext.Provider value={session}>{children}</AuthContext.Provider>;
}
