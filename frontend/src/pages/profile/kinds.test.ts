import { describe, expect, it } from 'vitest';

import type { NotificationKind } from '../../api/resources/notifications';
import { en } from '../../locales';
import { kindInToken } from './kinds';

// Every kind the API can list (the enum in schema.d.ts) has a name and a
// description in the catalogues: adding a kind to the API without them
// fails the typecheck here ("Property '<kind>' is missing"); that every
// language has them, catalogues.test.ts checks.
const everyKindNamed: Record<NotificationKind, { name: string; description: string }> = en.profile.kinds;

describe('kinds of notification', () => {
  it('have a name and a one-line description each', () => {
    for (const { name, description } of Object.values(everyKindNamed)) {
      expect(name).not.toBe('');
      expect(description).not.toMatch(/\n/);
    }
  });

  it('are read from an unsubscribe token, and nothing from one that is not such a token', () => {
    const payload = btoa('email:anna@biom.example\nmilestone_due').replaceAll('=', '');
    expect(kindInToken(`${payload}.0123`)).toBe('milestone_due');
    expect(kindInToken('')).toBeNull();
    expect(kindInToken('not base64!.00')).toBeNull();
    expect(kindInToken(`${btoa('no newline')}.00`)).toBeNull();
  });
});
