import { describe, expect, it } from 'vitest';

import { permissionsOf } from './permissions';

const me = (role: 'admin' | 'coordinator' | 'member' | 'viewer', organisation_id: string | null = null) => ({
  kind: 'user' as const,
  id: 'u1',
  name: 'someone',
  role,
  organisation_id,
  scopes: [],
});

describe('permissionsOf', () => {
  it('lets coordinators keep everything but not administer', () => {
    const p = permissionsOf(me('coordinator'));
    expect([p.coordinate, p.administer, p.readAudit, p.editOrganisation('o1'), p.editProject('o2')]).toEqual([
      true,
      false,
      true,
      true,
      true,
    ]);
  });

  it('lets a member change only its own organisation and the projects it coordinates', () => {
    const p = permissionsOf(me('member', 'o1'));
    expect(p.coordinate).toBe(false);
    expect(p.editOrganisation('o1')).toBe(true);
    expect(p.editOrganisation('o2')).toBe(false);
    expect(p.editProject('o1')).toBe(true);
    expect(p.editProject('o2')).toBe(false);
    expect(p.registerFor('o1')).toBe(true);
    expect(p.registerFor('o2')).toBe(false);
    expect(p.readAudit).toBe(false);
  });

  it('lets a viewer read the audit log and change nothing', () => {
    const p = permissionsOf(me('viewer'));
    expect([p.coordinate, p.register, p.editOrganisation('o1'), p.readAudit]).toEqual([false, false, false, true]);
  });

  it('allows nothing before /me has answered', () => {
    const p = permissionsOf(undefined);
    expect([p.coordinate, p.administer, p.register, p.editOrganisation('o1')]).toEqual([false, false, false, false]);
  });
});
