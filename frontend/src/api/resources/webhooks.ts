import { useMutation, useQueryClient } from '@tanstack/react-query';

import { useApi } from '../../auth/context';
import { useCursorList } from '../../lib/useCursorList';
import type { Schemas } from '../client';
import { ifMatch, unwrap } from '../problem';

export type Webhook = Schemas['Webhook'];
export type WebhookCreated = Schemas['WebhookCreated'];
export type WebhookDelivery = Schemas['WebhookDelivery'];

// The change feed's event types a subscription can ask for (pkg/audit
// FeedTypes; the ChangeEvent type enum).
export const webhookEventTypes = ['organisation', 'person', 'agreement', 'trip', 'project', 'opportunity'] as const;

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: () => [...webhookKeys.all, 'list'] as const,
  deliveries: (id: string) => [...webhookKeys.all, 'deliveries', id] as const,
};

// useWebhooks pages through the subscriptions the caller may see.
export function useWebhooks() {
  const api = useApi();
  return useCursorList(webhookKeys.list(), (cursor, signal) =>
    api.GET('/api/v1/webhooks', { params: { query: { cursor, limit: 50 } }, signal }),
  );
}

// useWebhookDeliveries pages through a subscription's delivery log, newest first.
export function useWebhookDeliveries(id: string) {
  const api = useApi();
  return useCursorList(webhookKeys.deliveries(id), (cursor, signal) =>
    api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id }, query: { cursor, limit: 50 } }, signal }),
  );
}

export interface WebhookValues {
  url: string;
  event_types: string[];
  description: string;
  active: boolean;
}

// useWebhookMutations: create (answers the secret, shown once), change,
// delete and rotate (If-Match of the version shown), redeliver.
export function useWebhookMutations() {
  const api = useApi();
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: webhookKeys.all });
  const create = useMutation({
    mutationFn: (v: WebhookValues) => unwrap(api.POST('/api/v1/webhooks', { body: v })),
    onSuccess: invalidate,
  });
  const update = useMutation({
    mutationFn: ({ hook, values }: { hook: Webhook; values: Partial<WebhookValues> }) =>
      unwrap(
        api.PATCH('/api/v1/webhooks/{id}', { params: { path: { id: hook.id }, header: ifMatch(hook.version) }, body: values }),
      ),
    onSuccess: invalidate,
  });
  const remove = useMutation({
    mutationFn: (hook: Webhook) =>
      unwrap(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id: hook.id }, header: ifMatch(hook.version) } })),
    onSuccess: invalidate,
  });
  const rotate = useMutation({
    mutationFn: (hook: Webhook) =>
      unwrap(
        api.POST('/api/v1/webhooks/{id}/rotate-secret', { params: { path: { id: hook.id }, header: ifMatch(hook.version) } }),
      ),
    onSuccess: invalidate,
  });
  const redeliver = useMutation({
    mutationFn: ({ hook, delivery }: { hook: Webhook; delivery: WebhookDelivery }) =>
      unwrap(
        api.POST('/api/v1/webhooks/{id}/deliveries/{delivery}/redeliver', {
          params: { path: { id: hook.id, delivery: delivery.id } },
        }),
      ),
    onSuccess: invalidate,
  });
  return { create, update, remove, rotate, redeliver };
}
