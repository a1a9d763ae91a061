import type { Schemas } from '../../api/client';
import { usePermissions } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';

type Interest = Schemas['Interest'];

// useInterestRoles says what the caller is to an interest: the side that
// owns the opportunity (answers and moves it), the interested side
// (withdraws it), both for coordinators and admins.
export function useInterestRoles(i: Interest) {
  const me = useMe().data;
  const can = usePermissions();
  const member = me?.role === 'member' ? me.organisation_id : null;
  return {
    owner: can.coordinate || (member !== null && member === i.opportunity.organisation.id),
    interested: can.coordinate || (member !== null && member === i.organisation_id),
  };
}
