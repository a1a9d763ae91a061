import { useForm } from '@mantine/form';
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { ApiError } from '../api/problem';
import { changedFields, changes, flatten, rebase, unflatten, useVersionedEdit, type Versioned } from './useVersionedEdit';

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

describe('flatten', () => {
  it('makes each language of a text a field of its own, and unflatten reverses it', () => {
    const values = { name: 'Alpha', tags: ['a'], description: { de: 'x', ja: 'y' } };
    expect(flatten(values)).toEqual({ name: 'Alpha', tags: ['a'], 'description.de': 'x', 'description.ja': 'y' });
    expect(unflatten(flatten(values))).toEqual(values);
  });

  it('lets changes name the languages changed', () => {
    expect(changes({ name: 'A', d: { de: 'x', ja: 'y' } }, { name: 'A', d: { de: 'x', ja: 'z' } })).toEqual(['d.ja']);
  });
});

interface Org {
  name: string;
  city: string;
  description: { de: string; en: string; ja: string };
}

const stored: Versioned<Org> = { version: 1, values: { name: 'Alpha', city: 'Munich', description: { de: 'alt', en: 'old', ja: '' } } };

// edit renders the hook on a real form, with a store that someone else
// changed meanwhile (version 2).
function edit(theirs: Partial<Org>, options: { fields?: readonly string[]; fail?: Error } = {}) {
  const now: Versioned<Org> = { version: 2, values: { ...stored.values, ...theirs } };
  return renderHook(() => {
    const form = useForm<Org>({ initialValues: stored.values });
    const versioned = useVersionedEdit({
      form,
      initial: stored,
      loadCurrent: () => (options.fail === undefined ? Promise.resolve(now) : Promise.reject(options.fail)),
      label: (field) => `label of ${field}`,
      show: (_field, value) => (typeof value === 'string' ? value : JSON.stringify(value)),
      fields: options.fields,
    });
    return { form, edit: versioned };
  });
}

const lostRace = new ApiError(412, null);

describe('useVersionedEdit', () => {
  it('on 412 shows what someone else changed, per language, and keeps exactly my changes', async () => {
    const { result } = edit({ name: 'Alpha AG', description: { de: 'neu', en: 'old', ja: '' } });
    act(() => {
      result.current.form.setFieldValue('city', 'Osaka');
      result.current.form.setFieldValue('description.en', 'new');
    });
    expect(result.current.edit.changed()).toEqual(['city', 'description.en']);

    let whole: unknown = 'unset';
    await act(async () => {
      whole = await result.current.edit.handleError(lostRace);
    });
    expect(whole).toBeNull();
    const { conflict } = result.current.edit;
    expect(conflict.opened).toBe(true);
    expect(conflict.rows).toEqual([
      { field: 'name', label: 'label of name', before: 'Alpha', theirs: 'Alpha AG', yours: 'Alpha' },
      { field: 'description.de', label: 'label of description.de', before: 'alt', theirs: 'neu', yours: 'alt' },
    ]);

    act(() => {
      result.current.edit.conflict.onReload();
    });
    expect(result.current.edit.conflict.opened).toBe(false);
    expect(result.current.edit.base.version).toBe(2);
    // My city and English text stay; their name and German text come in.
    expect(result.current.form.getValues()).toEqual({
      name: 'Alpha AG',
      city: 'Osaka',
      description: { de: 'neu', en: 'new', ja: '' },
    });
    expect(result.current.edit.changed()).toEqual(['city', 'description.en']);
  });

  it('compares whole values where the caller names the fields', async () => {
    const { result } = edit({ description: { de: 'neu', en: 'old', ja: '' } }, { fields: ['name', 'description'] });
    await act(async () => {
      await result.current.edit.handleError(lostRace);
    });
    expect(result.current.edit.conflict.rows.map((row) => [row.field, row.theirs])).toEqual([
      ['description', JSON.stringify({ de: 'neu', en: 'old', ja: '' })],
    ]);
  });

  it('discards my input for the current version', async () => {
    const { result } = edit({ name: 'Alpha AG' });
    act(() => {
      result.current.form.setFieldValue('city', 'Osaka');
    });
    await act(async () => {
      await result.current.edit.handleError(lostRace);
    });
    act(() => {
      result.current.edit.conflict.onDiscard();
    });
    expect(result.current.form.getValues()).toEqual({ ...stored.values, name: 'Alpha AG' });
    expect(result.current.edit.base.version).toBe(2);
    expect(result.current.edit.changed()).toEqual([]);
  });

  it('answers the failure to load the current version, to show as a whole', async () => {
    const offline = new ApiError(0, null);
    const { result } = edit({}, { fail: offline });
    let whole: unknown;
    await act(async () => {
      whole = await result.current.edit.handleError(lostRace);
    });
    expect(whole).toBe(offline);
    expect(result.current.edit.conflict.opened).toBe(false);
  });

  it('puts 422 field errors next to the fields and answers other errors', async () => {
    const { result } = edit({});
    const invalid = new ApiError(422, {
      type: 'about:blank',
      title: 'Invalid',
      status: 422,
      errors: [{ field: 'description.ja', message: 'too long' }],
    });
    let whole: unknown = 'unset';
    await act(async () => {
      whole = await result.current.edit.handleError(invalid);
    });
    expect(whole).toBeNull();
    expect(result.current.form.errors).toEqual({ 'description.ja': 'too long' });

    const gone = new ApiError(404, null);
    await act(async () => {
      whole = await result.current.edit.handleError(gone);
    });
    expect(whole).toBe(gone);
  });
});
