import { describe, expect, it } from 'vitest';

import { changedFields, rebase } from './conflict';

const base = { name: 'Alpha', city: 'Munich', focus_areas: ['immunomodulation'], description: { en: 'a' } };
const current = { name: 'Alpha AG', city: 'Munich', focus_areas: ['immunomodulation'], description: { en: 'b' } };

describe('changedFields', () => {
  it('names what the other person changed, comparing by content', () => {
    expect(changedFields(base, current, ['name', 'city', 'focus_areas', 'description'])).toEqual([
      'name',
      'description',
    ]);
  });
});

describe('rebase', () => {
  it('keeps my changes and takes theirs everywhere else', () => {
    const mine = { ...base, city: 'Osaka' };
    expect(rebase(base, current, mine)).toEqual({ ...current, city: 'Osaka' });
  });

  it('keeps my value where we both changed a field', () => {
    const mine = { ...base, name: 'Alpha GmbH' };
    expect(rebase(base, current, mine).name).toBe('Alpha GmbH');
  });
});
