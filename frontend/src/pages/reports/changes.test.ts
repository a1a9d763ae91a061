import { describe, expect, it } from 'vitest';

import { changeValue, entryColumn, parsePath } from './changes';

describe('changes of a frozen report', () => {
  it('splits a path into fields and list entries', () => {
    expect(parsePath('agreements.signed')).toEqual([{ field: 'agreements' }, { field: 'signed' }]);
    expect(parsePath('directory.organisations.by_country[JP].total')).toEqual([
      { field: 'directory' },
      { field: 'organisations' },
      { field: 'by_country', entry: 'JP' },
      { field: 'total' },
    ]);
    expect(parsePath('funding.per_year[2025/bmbf/EUR].amount')).toEqual([
      { field: 'funding' },
      { field: 'per_year', entry: '2025/bmbf/EUR' },
      { field: 'amount' },
    ]);
  });

  it('reads figures, amounts and missing values', () => {
    expect(changeValue(3)).toEqual({ kind: 'number', value: 3 });
    expect(changeValue('150000 EUR')).toEqual({ kind: 'money', amount: 150000, currency: 'EUR' });
    expect(changeValue('9000000 JPY')).toEqual({ kind: 'money', amount: 9000000, currency: 'JPY' });
    expect(changeValue(null)).toEqual({ kind: 'none' });
    expect(changeValue('Organoid screening')).toEqual({ kind: 'text', value: 'Organoid screening' });
  });

  it('knows what names the entries of a list', () => {
    expect(entryColumn('directory', 'by_country')).toBe('country');
    expect(entryColumn('trips', 'organisations_by_country')).toBe('country');
    expect(entryColumn('trips', 'by_kind')).toBe('trip_kind');
    expect(entryColumn('agreements', 'by_kind')).toBe('agreement_kind');
    expect(entryColumn('directory', 'by_kind')).toBe('organisation_kind');
    expect(entryColumn('funnel', 'steps')).toBe('step');
    expect(entryColumn('funding', 'per_year')).toBeUndefined();
  });
});
