import type { Middleware } from 'openapi-fetch';

import { createApiClient, type ApiClient, type ApiClientOptions, type Schemas } from '../api/client';

// The key under which the refresh token survives a reload of this tab.
export const refreshTokenStorageKey = 'innomunich.refreshToken';

// How long before the access token expires it is renewed.
export const renewalMarginSeconds = 60;

export type SignInResult = 'ok' | 'invalid' | 'throttled' | 'failed';
export type AuthStatus = 'signedIn' | 'signedOut';

export interface AuthSessionOptions extends ApiClientOptions {
  storage?: Storage;
}

// AuthSession holds the tokens of one sign-in: the access token in memory
// only, the refresh token in sessionStorage. Its client adds the access
// token to every request and, on a 401, refreshes once and retries. The
// access token is renewed a minute before it expires, so a user at work
// never waits for the 401 round trip; a refused refresh signs out.
export class AuthSession {
  /** The client for everything behind sign-in. */
  readonly client: ApiClient;
  /** The client for calls made without a sign-in (sign-in, refresh, sign-out, set-password). */
  readonly anonymous: ApiClient;
  private readonly storage: Storage;
  private accessToken: string | null = null;
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly retries = new WeakMap<Request, Request>();
  private renewal: ReturnType<typeof setTimeout> | undefined;

  constructor({ storage, ...clientOptions }: AuthSessionOptions = {}) {
    this.storage = storage ?? window.sessionStorage;
    this.anonymous = createApiClient(clientOptions);
    this.client = createApiClient(clientOptions);
    this.client.use(this.middleware());
  }

  // For useSyncExternalStore.
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getStatus = (): AuthStatus =>
    this.accessToken !== null || this.refreshToken() !== null ? 'signedIn' : 'signedOut';

  async signIn(email: string, password: string): Promise<SignInResult> {
    const { data, response } = await this.anonymous.POST('/api/v1/auth/login', {
      body: { email, password },
    });
    if (data) {
      this.store(data);
      return 'ok';
    }
    if (response.status === 401) return 'invalid';
    if (response.status === 429) return 'throttled';
    return 'failed';
  }

  // signOut revokes the sign-in on the server (best effort) and forgets it here.
  async signOut(): Promise<void> {
    const refreshToken = this.refreshToken();
    this.clear();
    if (refreshToken !== null) {
      try {
        await this.anonymous.POST('/api/v1/auth/logout', { body: { refresh_token: refreshToken } });
      } catch {
        // Offline: the tokens are gone here and expire there.
      }
    }
  }

  // refresh exchanges the refresh token for new tokens; concurrent callers
  // share one exchange, since the server accepts each refresh token once.
  refresh(): Promise<boolean> {
    this.refreshing ??= this.exchange().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async exchange(): Promise<boolean> {
    const refreshToken = this.refreshToken();
    if (refreshToken === null) return false;
    try {
      const { data } = await this.anonymous.POST('/api/v1/auth/refresh', {
        body: { refresh_token: refreshToken },
      });
      if (data) {
        this.store(data);
        return true;
      }
    } catch {
      // A network failure ends the sign-in as a refused refresh does.
    }
    this.clear();
    return false;
  }

  private middleware(): Middleware {
    return {
      onRequest: async ({ request }) => {
        // After a reload only the refresh token is left.
        if (this.accessToken === null && this.refreshToken() !== null) await this.refresh();
        if (this.accessToken !== null) {
          request.headers.set('Authorization', `Bearer ${this.accessToken}`);
        }
        this.retries.set(request, request.clone());
        return request;
      },
      onResponse: async ({ request, response, options }) => {
        const retry = this.retries.get(request);
        this.retries.delete(request);
        if (response.status !== 401 || retry === undefined) return undefined;
        const sent = request.headers.get('Authorization');
        const current = this.accessToken === null ? null : `Bearer ${this.accessToken}`;
        // Another request may have refreshed meanwhile; else refresh now.
        if (current === null || current === sent) {
          if (!(await this.refresh())) return undefined;
        }
        retry.headers.set('Authorization', `Bearer ${this.accessToken ?? ''}`);
        return options.fetch(retry);
      },
    };
  }

  private refreshToken(): string | null {
    return this.storage.getItem(refreshTokenStorageKey);
  }

  private store(tokens: Schemas['TokenResponse']) {
    const before = this.getStatus();
    this.accessToken = tokens.access_token;
    this.storage.setItem(refreshTokenStorageKey, tokens.refresh_token);
    clearTimeout(this.renewal);
    const renewIn = Math.max(tokens.expires_in - renewalMarginSeconds, tokens.expires_in / 2);
    this.renewal = setTimeout(() => void this.refresh(), renewIn * 1000);
    if (before !== 'signedIn') this.notify();
  }

  private clear() {
    const before = this.getStatus();
    clearTimeout(this.renewal);
    this.accessToken = null;
    this.storage.removeItem(refreshTokenStorageKey);
    if (before !== 'signedOut') this.notify();
  }

  private notify() {
    for (const listener of this.listeners) listener();
  }
}
