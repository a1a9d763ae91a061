import { useState } from 'react';

import type { ConflictRow } from '../../components/ConflictModal';
import { changedFields, rebase } from '../../lib/conflict';

interface FormLike<V> {
  getValues: () => V;
  setValues: (values: V) => void;
}

// useConflict drives the ConflictModal of a form that edits a versioned
// record. The form's values are compared as they stand in the form, so
// `describe` turns one field's value into what a reader sees.
export function useConflict<V extends object, K extends keyof V & string>(
  form: FormLike<V>,
  {
    fields,
    label,
    describe,
  }: {
    fields: readonly K[];
    label: (field: K) => string;
    describe: (field: K, value: unknown) => string;
  },
) {
  const [conflict, setConflict] = useState<{ base: V; current: V; version: number; rows: ConflictRow[] } | null>(null);
  return {
    rows: conflict?.rows ?? [],
    opened: conflict !== null,
    // show opens the modal: base is the record as the user started editing
    // it, current the record as it is stored now.
    show(base: V, current: V, version: number) {
      const mine = form.getValues();
      const rows = changedFields<K>(base, current, fields).map((field) => ({
        field,
        label: label(field),
        before: describe(field, base[field]),
        theirs: describe(field, current[field]),
        yours: describe(field, mine[field]),
      }));
      setConflict({ base, current, version, rows });
    },
    // reload keeps the user's input on top of the current record and
    // answers the new base and version to save against.
    reload(): { base: V; version: number } | null {
      if (conflict === null) return null;
      const mine = form.getValues() as V & Record<string, unknown>;
      form.setValues(rebase<V & Record<string, unknown>>(conflict.base, conflict.current, mine));
      setConflict(null);
      return { base: conflict.current, version: conflict.version };
    },
    // discard drops the user's input for the current record.
    discard(): { base: V; version: number } | null {
      if (conflict === null) return null;
      form.setValues(conflict.current);
      setConflict(null);
      return { base: conflict.current, version: conflict.version };
    },
  };
}
