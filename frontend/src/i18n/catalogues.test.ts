import { describe, expect, it } from 'vitest';

import { languages, resources } from './index';

// leaves flattens a catalogue into [dotted key, value] pairs.
function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null) {
    return [[prefix, value]];
  }
  return Object.entries(value).flatMap(([key, child]) =>
    leaves(child, prefix ? `${prefix}.${key}` : key),
  );
}

const keys = (catalogue: unknown) => leaves(catalogue).map(([key]) => key).sort();

describe('catalogues', () => {
  it.each(languages)('%s has exactly the keys of en', (lng) => {
    expect(keys(resources[lng].translation)).toEqual(keys(resources.en.translation));
  });

  it.each(languages)('%s has a non-empty string for every key', (lng) => {
    const bad = leaves(resources[lng].translation).filter(
      ([, value]) => typeof value !== 'string' || value.trim() === '',
    );
    expect(bad).toEqual([]);
  });
});
