import { describe, expect, it } from 'vitest';

import { organisation } from './fixtures';
import { createBody, emptyOrganisation, organisationValues, patchBody, type Organisation } from './organisationValues';

describe('organisation values', () => {
  it('patches external ids against the base: a removed system is null, a changed or new one its id', () => {
    const o = organisation('o1', {
      external_ids: { 'osaka-bhq': 'OB-1', 'kawasaki-crm': 'K-1' },
    }) as unknown as Organisation;
    const base = organisationValues(o);
    const values = {
      ...base,
      external_ids: [
        { system: 'osaka-bhq', id: 'OB-2' },
        { system: 'munich-erp', id: 'M-1' },
      ],
    };
    expect(patchBody(values, ['external_ids'], base)).toEqual({
      external_ids: { 'kawasaki-crm': null, 'osaka-bhq': 'OB-2', 'munich-erp': 'M-1' },
    });
  });

  it('sends the register entry whole, and clears identifiers with null', () => {
    const o = organisation('o1', {
      identifiers: { corporate_number: '', commercial_register: null, vat_id: '', lei: '529900W18LQJJN6SJ336', ror_id: '' },
    }) as unknown as Organisation;
    const base = organisationValues(o);
    const values = {
      ...base,
      identifiers: { ...base.identifiers, lei: '', register_court: 'München', register_type: 'HRB', register_number: '6684' },
    };
    expect(
      patchBody(values, ['identifiers.lei', 'identifiers.register_court', 'identifiers.register_number'], base),
    ).toEqual({
      identifiers: { lei: null, commercial_register: { court: 'München', type: 'HRB', number: '6684' } },
    });
  });

  it('creates with the identifiers and external ids given', () => {
    const body = createBody({
      ...emptyOrganisation,
      name: 'X',
      kind: 'biotech',
      country: 'JP',
      identifiers: { ...emptyOrganisation.identifiers, corporate_number: ' 7000012050002 ' },
      external_ids: [{ system: 'osaka-bhq', id: 'OB-1' }],
    });
    expect(body.identifiers?.corporate_number).toBe('7000012050002');
    expect(body.identifiers?.commercial_register).toBeUndefined();
    expect(body.external_ids).toEqual({ 'osaka-bhq': 'OB-1' });
  });
});
