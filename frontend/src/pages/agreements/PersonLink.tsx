import { Anchor, Skeleton } from '@mantine/core';
import { Link } from 'react-router';

import { usePerson } from './usePerson';

// PersonLink names a person (display_name follows the reader's language:
// family name first in Japanese) and links to their page.
export function PersonLink({ id }: { id: string }) {
  const person = usePerson(id);
  if (person.isPending) return <Skeleton height={16} width={120} />;
  if (person.isError) return null;
  return (
    <Anchor component={Link} to={`/people/${id}`}>
      {person.data.display_name}
    </Anchor>
  );
}
