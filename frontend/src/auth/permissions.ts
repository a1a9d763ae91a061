import type { Schemas } from '../api/client';
import { useMe } from './useMe';

type Me = Schemas['Me'];

// What the signed-in caller may do, as the API decides it; the web app
// uses it only to offer the actions that would succeed. The API stays the
// authority and answers 403 to anything else.
export interface Permissions {
  /** Coordinators and admins keep the directory, agreements, trips and projects. */
  coordinate: boolean;
  /** Users, API keys and reference data. */
  administer: boolean;
  /** The audit log: admins, coordinators and viewers. */
  readAudit: boolean;
  /** The reports: admins, coordinators and viewers. */
  readReports: boolean;
  /** Freeze a report: admins and coordinators. */
  freezeReports: boolean;
  /** Register people for trips (members: their own people only). */
  register: boolean;
  /** Change this organisation's profile and its people. */
  editOrganisation(organisationId: string): boolean;
  /** Change a project, given the id of its coordinating organisation. */
  editProject(coordinatorId: string | null | undefined): boolean;
  /** Register this organisation's people for trips. */
  registerFor(organisationId: string): boolean;
}

function scoped(me: Me, scope: string): boolean {
  return me.kind === 'user' || me.scopes.includes(scope);
}

export function permissionsOf(me: Me | undefined): Permissions {
  const role = me?.role;
  const coordinate = role === 'admin' || role === 'coordinator';
  const own = (organisationId: string | null | undefined) =>
    me !== undefined && role === 'member' && organisationId != null && me.organisation_id === organisationId;
  return {
    coordinate,
    administer: role === 'admin' && me?.kind === 'user',
    readAudit: coordinate || role === 'viewer',
    readReports: coordinate || role === 'viewer',
    freezeReports: coordinate,
    register: coordinate || role === 'member',
    editOrganisation: (id) => (me !== undefined && scoped(me, 'write:organisations') && coordinate) || own(id),
    editProject: (coordinatorId) => (me !== undefined && scoped(me, 'write:projects') && coordinate) || own(coordinatorId),
    registerFor: (id) => coordinate || own(id),
  };
}

// usePermissions answers for the signed-in caller; nothing is allowed
// while /me is loading.
export function usePermissions(): Permissions {
  return permissionsOf(useMe().data);
}
