import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { en } from '../../locales';

// Values the API sends as open strings (the audit log's entity types and
// actions) are labelled when the catalogue knows them and shown as they
// are otherwise, so a new kind of record never breaks the page.
const known = <T extends object>(labels: T, value: string): value is Extract<keyof T, string> =>
  Object.hasOwn(labels, value);

export const roles = ['admin', 'coordinator', 'member', 'viewer'] as const;
export type Role = (typeof roles)[number];

// The scopes an API key can hold (pkg/auth: auth.Scopes).
export const scopes = [
  'read',
  'write:organisations',
  'write:people',
  'write:agreements',
  'write:trips',
  'write:projects',
  'webhooks:manage',
] as const;
export type Scope = (typeof scopes)[number];

// Catalogue keys cannot hold ":" (i18next's namespace separator).
const scopeKey: Record<Scope, keyof typeof en.admin.apiKeys.scopeHelp> = {
  read: 'read',
  'write:organisations': 'write_organisations',
  'write:people': 'write_people',
  'write:agreements': 'write_agreements',
  'write:trips': 'write_trips',
  'write:projects': 'write_projects',
  'webhooks:manage': 'webhooks_manage',
};

export const locales = ['de', 'en', 'ja'] as const;

// useAdminLabels names roles, record types, actions and languages in the
// reader's language.
export function useAdminLabels() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const languageNames = useMemo(() => new Intl.DisplayNames([language], { type: 'language' }), [language]);
  const entityType = useCallback(
    (value: string) => (known(en.admin.entityTypes, value) ? t(`admin.entityTypes.${value}`) : value),
    [t],
  );
  const action = useCallback(
    (value: string) => (known(en.admin.actions, value) ? t(`admin.actions.${value}`) : value),
    [t],
  );
  const actorType = useCallback(
    (value: string) => (known(en.admin.actorTypes, value) ? t(`admin.actorTypes.${value}`) : value),
    [t],
  );
  return {
    /** Who acted: the name, or the kind for the system itself, which has none. */
    actor: (actor: { type: string; name: string }) =>
      actor.type === 'system' && known(en.admin.systemActors, actor.name)
        ? t(`admin.systemActors.${actor.name}`)
        : actor.name || actorType(actor.type),
    role: (value: Role) => t(`admin.roles.${value}`),
    entityType,
    action,
    actorType,
    scopeHelp: (scope: Scope) => t(`admin.apiKeys.scopeHelp.${scopeKey[scope]}`),
    language: (code: string) => languageNames.of(code) ?? code,
  };
}

// roleColor tells roles apart at a glance.
export const roleColor: Record<Role, string> = {
  admin: 'red',
  coordinator: 'blue',
  member: 'teal',
  viewer: 'gray',
};
