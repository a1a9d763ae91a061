import { Anchor, Group } from '@mantine/core';
import { Link } from 'react-router';

import type { Schemas } from '../../api/client';
import { OrgName } from '../../components/Names';

// OrganisationLinks names organisations, each a link to its page.
export function OrganisationLinks({ organisations }: { organisations: Schemas['OrganisationRef'][] }) {
  return (
    <Group gap={4} component="span" wrap="wrap">
      {organisations.map((o, i) => (
        <span key={o.id}>
          <Anchor component={Link} to={`/organisations/${o.id}`}>
            <OrgName org={o} />
          </Anchor>
          {i < organisations.length - 1 && ','}
        </span>
      ))}
    </Group>
  );
}
