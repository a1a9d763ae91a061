import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

import { en } from '../../locales';

type KnownKind = keyof typeof en.profile.kinds;

// The API lists kinds of notification as they are added on the server; a
// kind the catalogues do not know yet (kinds.test.ts fails then) is shown
// by its code, readable, without a description, so the switch still works.
const known = (kind: string): kind is KnownKind => Object.hasOwn(en.profile.kinds, kind);

// useKindLabels names a kind of notification and says in one line what it
// sends, in the reader's language.
export function useKindLabels() {
  const { t } = useTranslation();
  const name = useCallback(
    (kind: string) => (known(kind) ? t(`profile.kinds.${kind}.name`) : kind.replaceAll('_', ' ')),
    [t],
  );
  const description = useCallback(
    (kind: string) => (known(kind) ? t(`profile.kinds.${kind}.description`) : null),
    [t],
  );
  return { name, description };
}

// kindInToken reads which kind an unsubscribe link is for, to say so
// before anything is switched off. The token is the server's
// base64url(subject "\n" kind) "." signature (pkg/notify); it is only
// read here, never trusted: the server checks the signature when the link
// is used and answers the kind it switched off. null when it cannot be read.
export function kindInToken(token: string): string | null {
  const payload = token.split('.')[0] ?? '';
  try {
    const text = atob(payload.replaceAll('-', '+').replaceAll('_', '/'));
    const kind = text.slice(text.indexOf('\n') + 1);
    return text.includes('\n') && /^[a-z][a-z0-9_]*$/.test(kind) ? kind : null;
  } catch {
    return null;
  }
}
