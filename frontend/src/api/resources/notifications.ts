import { useQuery } from '@tanstack/react-query';

import { useApi } from '../../auth/context';
import type { ApiClient, Schemas } from '../client';
import { ifMatch, unwrap } from '../problem';

export type NotificationSetting = Schemas['NotificationSetting'];
export type NotificationKind = NotificationSetting['kind'];

// The caller's settings as stored: the kinds and the version (the ETag,
// which the body does not carry) that a change must name in If-Match.
export interface NotificationSettings {
  version: number;
  kinds: NotificationSetting[];
}

export const notificationKeys = {
  all: ['notifications'] as const,
  mine: () => [...notificationKeys.all, 'mine'] as const,
};

// versionOf reads the version from an ETag ("3", or weak W/"3").
export function versionOf(etag: string | null): number {
  const version = Number(/^(?:W\/)?"(\d+)"$/.exec(etag ?? '')?.[1]);
  if (!Number.isInteger(version)) throw new Error(`no version in ETag ${String(etag)}`);
  return version;
}

// withVersion unwraps a call that answers the settings with their ETag.
async function withVersion(
  call: Promise<{ data?: Schemas['NotificationSettings']; error?: unknown; response: Response }>,
): Promise<NotificationSettings> {
  let etag: string | null = null;
  const data = await unwrap(
    call.then((result) => {
      etag = result.response.headers.get('ETag');
      return result;
    }),
  );
  return { version: versionOf(etag), kinds: data.kinds };
}

export function loadMyNotifications(api: ApiClient, signal?: AbortSignal) {
  return withVersion(api.GET('/api/v1/me/notifications', { signal }));
}

// saveMyNotifications switches the named kinds on or off, based on the
// version the change was made from (412 when someone changed them since).
export function saveMyNotifications(api: ApiClient, version: number, patch: Record<string, boolean>) {
  return withVersion(
    api.PATCH('/api/v1/me/notifications', { params: { header: ifMatch(version) }, body: patch }),
  );
}

// useMyNotifications loads the caller's notification settings.
export function useMyNotifications() {
  const api = useApi();
  return useQuery({
    queryKey: notificationKeys.mine(),
    queryFn: ({ signal }) => loadMyNotifications(api, signal),
  });
}
