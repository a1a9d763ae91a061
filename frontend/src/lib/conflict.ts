// Three-way handling of an edit that lost a race (412): `base` is the
// record as the user started editing it, `current` the record now stored,
// `mine` the form's values. Values are compared as JSON, so arrays and
// multilingual objects compare by content.

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// changedFields lists the fields someone else changed since base.
export function changedFields<K extends string>(
  base: Partial<Record<K, unknown>>,
  current: Partial<Record<K, unknown>>,
  fields: readonly K[],
): K[] {
  return fields.filter((field) => !same(base[field], current[field]));
}

// rebase carries the user's input over to the current record: a field the
// user changed keeps the user's value, every other field takes the
// current one. Saving the result again with the current version applies
// exactly the user's changes on top of the other person's.
export function rebase<V extends Record<string, unknown>>(base: Partial<V>, current: Partial<V>, mine: V): V {
  const out = { ...mine };
  for (const field of Object.keys(mine) as (keyof V)[]) {
    if (same(mine[field], base[field]) && field in current) out[field] = current[field] as V[keyof V];
  }
  return out;
}
