import { createContext, useContext, useSyncExternalStore } from 'react';

import type { AuthSession, AuthStatus } from './session';

export const AuthContext = createContext<AuthSession | null>(null);

// useAuth returns the session and whether someone is signed in; the
// component re-renders when that changes.
export function useAuth(): { session: AuthSession; status: AuthStatus } {
  const session = useContext(AuthContext);
  if (session === null) throw new Error('useAuth outside <AuthProvider>');
  const status = useSyncExternalStore(session.subscribe, session.getStatus);
  return { session, status };
}

// useApi returns the typed client of the signed-in session.
export function useApi() {
  const session = useContext(AuthContext);
  if (session === null) throw new Error('useApi outside <AuthProvider>');
  return session.client;
}
