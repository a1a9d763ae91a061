import { Text } from '@mantine/core';

import { useFormat, type NamedOrganisation, type NamedPerson, type Names } from '../lib/format';

// NameParts writes the name a reader reads first and, smaller and dimmed,
// the other form: "大阪バイオ・ヘッドクォーター Osaka BioHeadquarters".
// stacked puts the other form on a line of its own (tables, cards).
function NameParts({ names, stacked = false }: { names: Names; stacked?: boolean }) {
  return (
    <>
      <span lang={names.primaryLang} className="name-primary">
        {names.primary}
      </span>
      {names.secondary !== null && (
        <Text
          span
          size="xs"
          c="dimmed"
          className="name-secondary"
          lang={names.primaryLang === 'ja' ? undefined : 'ja'}
          display={stacked ? 'block' : undefined}
          ml={stacked ? undefined : 6}
        >
          {names.secondary}
        </Text>
      )}
    </>
  );
}

/** An organisation by its names, in the order of the UI's language. */
export function OrgName({ org, stacked }: { org: NamedOrganisation; stacked?: boolean }) {
  const format = useFormat();
  return <NameParts names={format.organisation(org)} stacked={stacked} />;
}

/** A person by their names, in the order of the UI's language. */
export function PersonName({ person, stacked }: { person: NamedPerson; stacked?: boolean }) {
  const format = useFormat();
  return <NameParts names={format.person(person)} stacked={stacked} />;
}
