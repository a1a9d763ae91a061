import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';

import { ApiError } from '../api/problem';
import type { ConflictRow } from '../components/ConflictModal';
import { showFieldErrors } from './forms';

// Editing a record with optimistic concurrency: a form starts from one
// version of the record (base), saves against it (If-Match), and a save
// that lost a race (412) opens the ConflictModal with what someone else
// changed. "Load the new version, keep my input" keeps exactly the fields
// the user changed; multilingual texts count per language, so two people
// editing different languages of one text do not collide.

export type Values = Record<string, unknown>;

// Values are compared as JSON, so arrays and objects compare by content.
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// changedFields lists the fields whose values differ between base and
// current.
export function changedFields(base: Values, current: Values, fields: readonly string[]): string[] {
  return fields.filter((field) => !same(base[field], current[field]));
}

// rebase carries the user's input over to the current record (a 412's
// three-way merge): a field the user changed since base keeps the user's
// value, every other field takes the current one. Saving the result again
// with the current version applies exactly the user's changes on top of
// the other person's.
export function rebase(base: Values, current: Values, mine: Values): Values {
  const out = { ...mine };
  for (const field of Object.keys(mine)) {
    if (same(mine[field], base[field]) && field in current) out[field] = current[field];
  }
  return out;
}

const isObject = (value: unknown): value is Values =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// flatten turns nested objects (multilingual texts) into dotted fields, so
// that a change to the Japanese description is one field and a change to
// the German one by someone else is another.
export function flatten(values: object): Values {
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
export function changes(base: object, values: object): string[] {
  const after = flatten(values);
  return changedFields(flatten(base), after, Object.keys(after));
}

// A record as a form sees it: its version (the ETag sent as If-Match) and
// its fields as form values.
export interface Versioned<V> {
  version: number;
  values: V;
}

// useVersionedEdit is the edit side of optimistic concurrency for one form.
// loadCurrent fetches the record as stored now; label and show name a field
// and render one of its values for the conflict dialog. fields lists the
// rows that dialog may show, whole values each; without it, every field
// may, with multilingual texts per language (dotted: "description.ja").
export function useVersionedEdit<V extends object>({
  form,
  initial,
  loadCurrent,
  label,
  show,
  fields,
}: {
  form: UseFormReturnType<V>;
  initial: Versioned<V>;
  loadCurrent: () => Promise<Versioned<V>>;
  label: (field: string) => string;
  show: (field: string, value: unknown) => string;
  fields?: readonly string[];
}) {
  const [base, setBase] = useState(initial);
  const [current, setCurrent] = useState<Versioned<V> | null>(null);

  const view = (values: V): Values => (fields === undefined ? flatten(values) : (values as Values));
  const rows = (): ConflictRow[] => {
    if (current === null) return [];
    const before = view(base.values);
    const theirs = view(current.values);
    const yours = view(form.getValues());
    return changedFields(before, theirs, fields ?? Object.keys(theirs)).map((field) => ({
      field,
      label: label(field),
      before: show(field, before[field]),
      theirs: show(field, theirs[field]),
      yours: show(field, yours[field]),
    }));
  };

  const take = (next: Versioned<V>, values: V) => {
    setBase(next);
    setCurrent(null);
    form.setValues(values);
  };

  return {
    /** The version the form started from: the next save applies to it. */
    base,
    /** The fields the user changed, dotted. */
    changed: () => changes(base.values, form.getValues()),
    /**
     * handleError routes a failed save: 412 opens the conflict dialog, 422
     * puts the API's field errors next to the fields. It answers what is
     * left to show as a whole: null when the dialog or the fields show it,
     * the error of loading the current version when that failed, else the
     * error itself.
     */
    async handleError(error: unknown): Promise<unknown> {
      if (error instanceof ApiError && error.status === 412) {
        try {
          setCurrent(await loadCurrent());
          return null;
        } catch (reloadError) {
          return reloadError;
        }
      }
      return showFieldErrors(form, error) ? null : error;
    },
    /** The ConflictModal's props. */
    conflict: {
      opened: current !== null,
      rows: rows(),
      onReload: () => {
        if (current === null) return;
        const mine = rebase(flatten(base.values), flatten(current.values), flatten(form.getValues()));
        take(current, unflatten(mine) as V);
      },
      onDiscard: () => {
        if (current === null) return;
        take(current, current.values);
        form.resetDirty(current.values);
        form.clearErrors();
      },
    },
  };
}
