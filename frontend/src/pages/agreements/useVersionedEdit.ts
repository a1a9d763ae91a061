import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';

import { ApiError } from '../../api/problem';
import type { ConflictRow } from '../../components/ConflictModal';
import { showFieldErrors } from '../../lib/forms';
import { changedFields, rebase } from '../../lib/conflict';

// A record as a form sees it: its version (the ETag sent as If-Match) and
// its fields as form values.
export interface Versioned<V> {
  version: number;
  values: V;
}

type Values = Record<string, unknown>;

// useVersionedEdit is the edit side of optimistic concurrency for one
// form: it remembers the version the user started from (base), and when a
// save answers 412 it loads the record as stored now and opens the
// ConflictModal with what changed. "Reload keeping my input" rebases the
// user's values on the new version; "discard" takes the new version as is.
export function useVersionedEdit<V extends Values>({
  form,
  initial,
  fields,
  show,
  loadCurrent,
}: {
  form: UseFormReturnType<V>;
  initial: Versioned<V>;
  /** The fields the conflict table compares, with their labels. */
  fields: { field: keyof V & string; label: string }[];
  /** A field's value as the reader sees it. */
  show: (field: keyof V & string, value: unknown) => string;
  loadCurrent: () => Promise<Versioned<V>>;
}) {
  const [base, setBase] = useState(initial);
  const [current, setCurrent] = useState<Versioned<V> | null>(null);

  const rows: ConflictRow[] =
    current === null
      ? []
      : changedFields(
          base.values,
          current.values,
          fields.map((f) => f.field),
        ).map((field) => ({
          field,
          label: fields.find((f) => f.field === field)?.label ?? field,
          before: show(field, base.values[field]),
          theirs: show(field, current.values[field]),
          yours: show(field, form.getValues()[field]),
        }));

  const take = (next: Versioned<V>, values: V) => {
    form.setValues(values);
    setBase(next);
    setCurrent(null);
  };

  return {
    base,
    /**
     * handleError deals with a failed save: 412 opens the conflict dialog,
     * 422 puts field errors next to the fields. It answers false for
     * errors the caller shows as a whole.
     */
    async handleError(error: unknown): Promise<boolean> {
      if (error instanceof ApiError && error.status === 412) {
        setCurrent(await loadCurrent());
        return true;
      }
      return showFieldErrors(form, error);
    },
    conflict: {
      opened: current !== null,
      rows,
      onReload: () => {
        if (current !== null) take(current, rebase(base.values, current.values, form.getValues()));
      },
      onDiscard: () => {
        if (current !== null) take(current, current.values);
      },
    },
  };
}
