import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';

import type { ConflictRow } from '../../components/ConflictModal';
import { changedFields, rebase } from '../../lib/conflict';

// Editing a record with optimistic concurrency: the form's values are
// compared with the version the user started from, a save sends only what
// the user changed (with that version in If-Match), and a 412 becomes the
// conflict dialog. Candidate to promote to src/lib: nothing in it is
// about organisations.

export type Values = Record<string, unknown>;

const isObject = (value: unknown): value is Values =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// flatten turns nested objects (multilingual texts) into dotted fields, so
// that a change to the Japanese description is one field and a change to
// the German one by someone else is another.
export function flatten(values: Values): Values {
  const out: Values = {};
  for (const [key, value] of Object.entries(values)) {
    if (isObject(value)) {
      for (const [sub, inner] of Object.entries(value)) out[`${key}.${sub}`] = inner;
    } else {
      out[key] = value;
    }
  }
  return out;
}

// unflatten reverses flatten.
export function unflatten(flat: Values): Values {
  const out: Values = {};
  for (const [key, value] of Object.entries(flat)) {
    const dot = key.indexOf('.');
    if (dot < 0) {
      out[key] = value;
      continue;
    }
    const head = key.slice(0, dot);
    const inner = isObject(out[head]) ? out[head] : {};
    inner[key.slice(dot + 1)] = value;
    out[head] = inner;
  }
  return out;
}

// changes lists the (dotted) fields whose values differ from base.
export function changes(base: Values, values: Values): string[] {
  const after = flatten(values);
  return changedFields(flatten(base), after, Object.keys(after));
}

export interface Loaded<V> {
  values: V;
  version: number;
}

interface Conflict<V> {
  current: Loaded<V>;
  rows: ConflictRow[];
}

// useEditing keeps the version a form edits. loadCurrent fetches the record
// as stored now; label and show name a (dotted) field and render a value
// for the conflict dialog.
export function useEditing<V extends Values>({
  form,
  initial,
  loadCurrent,
  label,
  show,
}: {
  form: UseFormReturnType<V>;
  initial: Loaded<V>;
  loadCurrent: () => Promise<Loaded<V>>;
  label: (field: string) => string;
  show: (field: string, value: unknown) => string;
}) {
  const [base, setBase] = useState(initial);
  const [conflict, setConflict] = useState<Conflict<V> | null>(null);

  // conflicted is what a 412 calls: it loads the current record and opens
  // the dialog with the fields someone else changed.
  const conflicted = async () => {
    const current = await loadCurrent();
    const before = flatten(base.values);
    const theirs = flatten(current.values);
    const yours = flatten(form.getValues());
    const rows = changedFields(before, theirs, Object.keys(theirs)).map((field) => ({
      field,
      label: label(field),
      before: show(field, before[field]),
      theirs: show(field, theirs[field]),
      yours: show(field, yours[field]),
    }));
    setConflict({ current, rows });
  };

  const reload = () => {
    if (conflict === null) return;
    const mine = rebase(flatten(base.values), flatten(conflict.current.values), flatten(form.getValues()));
    setBase(conflict.current);
    form.setValues(unflatten(mine) as V);
    setConflict(null);
  };

  const discard = () => {
    if (conflict === null) return;
    setBase(conflict.current);
    form.setValues(conflict.current.values);
    form.resetDirty(conflict.current.values);
    form.clearErrors();
    setConflict(null);
  };

  return {
    /** The version the next save applies to. */
    version: base.version,
    /** The fields the user changed, dotted. */
    changed: () => changes(base.values, form.getValues()),
    conflicted,
    conflictProps: { opened: conflict !== null, rows: conflict?.rows ?? [], onReload: reload, onDiscard: discard },
  };
}
