import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { useApi } from '../../auth/context';
import type { Schemas } from '../client';
import { ApiError, ifMatch, unwrap } from '../problem';

export type SavedView = Schemas['SavedView'];
// The list pages a view can be saved for (pkg/view Lists).
export type ViewList = SavedView['list'];

export const viewKeys = {
  all: ['views'] as const,
  list: (list: ViewList) => [...viewKeys.all, list] as const,
};

// A user keeps at most 100 views per list (pkg/view MaxPerList): one page.
const maxViews = 100;

// viewQuery is what a view keeps of a list page's query string: its
// filters and order, never a cursor into one moment's list.
export function viewQuery(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('cursor');
  params.delete('include');
  return params.toString();
}

// viewPath is the address of a view: the list page with its query.
export function viewPath(view: Pick<SavedView, 'list' | 'query'>): string {
  return view.query === '' ? `/${view.list}` : `/${view.list}?${view.query}`;
}

// useSavedViews loads the caller's views of a list, by name, and saves,
// renames and deletes them (If-Match of the version shown). The list is
// reloaded after every attempt, failed ones too: a 404 or 412 means
// another tab changed it.
export function useSavedViews(list: ViewList) {
  const api = useApi();
  const queryClient = useQueryClient();
  const views = useQuery({
    queryKey: viewKeys.list(list),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/views', { params: { query: { list, limit: maxViews } }, signal })).then((page) => page.items),
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: viewKeys.list(list) });
  const save = useMutation({
    mutationFn: ({ name, query }: { name: string; query: string }) =>
      unwrap(api.POST('/api/v1/views', { body: { list, name, query } })),
    onSettled: invalidate,
  });
  const rename = useMutation({
    mutationFn: ({ view, name }: { view: SavedView; name: string }) =>
      unwrap(
        api.PATCH('/api/v1/views/{id}', {
          params: { path: { id: view.id }, header: ifMatch(view.version) },
          body: { name },
        }),
      ),
    onSettled: invalidate,
  });
  const remove = useMutation({
    // Not found is what the user wanted: another tab deleted it first.
    mutationFn: (view: SavedView) =>
      unwrap(api.DELETE('/api/v1/views/{id}', { params: { path: { id: view.id }, header: ifMatch(view.version) } })).catch(
        (error: unknown) => {
          if (error instanceof ApiError && error.status === 404) return undefined;
          throw error;
        },
      ),
    onSettled: invalidate,
  });
  return { views, save, rename, remove };
}
