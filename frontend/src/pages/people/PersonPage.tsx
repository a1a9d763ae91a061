import { Anchor, Button, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';

import { ApiError, ifMatch, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { LoadingRows, QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FailureNotice } from '../../components/FailureNotice';
import { ExternalIdList } from '../../components/ExternalIds';
import { Details } from '../organisations/Details';
import { PageHeader } from '../organisations/PageHeader';
import { useLanguageNames, type Person } from './personValues';
import { personKey, usePerson } from './usePerson';
import { DeleteButton } from '../../components/Actions';

export function PersonPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const person = usePerson(id);
  usePageTitle(person.data?.display_name ?? t('people.title'));
  return (
    <Stack gap="md" py="xl">
      <QueryState query={person} skeleton={<LoadingRows rows={6} height={32} />}>
        {person.data && <PersonView person={person.data} />}
      </QueryState>
    </Stack>
  );
}

function PersonView({ person: p }: { person: Person }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const format = useFormat();
  const languages = useLanguageNames();
  const editable = can.editOrganisation(p.organisation_id);
  const contactHidden = p.email === null && p.phone === null;
  return (
    <>
      <PageHeader
        title={p.display_name}
        subtitle={
          <Anchor component={Link} to={`/organisations/${p.organisation_id}`}>
            {p.organisation.name}
          </Anchor>
        }
        back={{ to: '/people', label: t('people.title') }}
        actions={
          editable && (
            <>
              <Button component={Link} to={`/people/${p.id}/edit`}>
                {t('common.edit')}
              </Button>
              <DeletePerson person={p} />
            </>
          )
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md" component="section" aria-label={t('people.sections.names')}>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('people.sections.names')}
            </Title>
            <Details
              items={[
                { label: t('people.fields.family_name'), value: p.family_name },
                { label: t('people.fields.given_name'), value: p.given_name },
                { label: t('people.fields.family_name_local'), value: p.family_name_local, lang: 'ja' },
                { label: t('people.fields.given_name_local'), value: p.given_name_local, lang: 'ja' },
                { label: t('people.fields.family_name_kana'), value: p.family_name_kana, lang: 'ja' },
                { label: t('people.fields.given_name_kana'), value: p.given_name_kana, lang: 'ja' },
              ]}
            />
          </Stack>
        </Paper>
        <Paper withBorder p="md" component="section" aria-label={t('people.sections.work')}>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('people.sections.work')}
            </Title>
            <Details
              items={[
                { label: t('people.fields.position'), value: p.position },
                { label: t('people.fields.languages'), value: p.languages.map(languages.name).join(', ') },
                {
                  label: t('people.fields.consent_at'),
                  value: p.consent_at
                    ? t('people.consentGiven', { date: format.dateTime(p.consent_at) })
                    : t('people.consentMissing'),
                },
              ]}
            />
          </Stack>
        </Paper>
        <Paper withBorder p="md" component="section" aria-label={t('people.sections.contact')}>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('people.sections.contact')}
            </Title>
            {contactHidden ? (
              <Text c="dimmed" size="sm">
                {t('people.contactHidden')}
              </Text>
            ) : (
              <Details
                items={[
                  {
                    label: t('people.fields.email'),
                    value: p.email && <Anchor href={`mailto:${p.email}`}>{p.email}</Anchor>,
                  },
                  {
                    label: t('people.fields.phone'),
                    value: p.phone && <Anchor href={`tel:${p.phone.replace(/\s/g, '')}`}>{p.phone}</Anchor>,
                  },
                ]}
              />
            )}
          </Stack>
        </Paper>
        {Object.keys(p.external_ids).length > 0 && (
          <Paper withBorder p="md" component="section" aria-label={t('externalIds.title')}>
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('externalIds.title')}
              </Title>
              <ExternalIdList ids={p.external_ids} />
            </Stack>
          </Paper>
        )}
      </SimpleGrid>
    </>
  );
}

// DeletePerson erases a person after saying what that means.
function DeletePerson({ person: p }: { person: Person }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opened, dialog] = useDisclosure(false);
  const remove = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/v1/people/{id}', { params: { path: { id: p.id }, header: ifMatch(p.version) } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: personKey(p.id) });
      void queryClient.invalidateQueries({ queryKey: ['people'] });
      void navigate('/people');
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) {
        void queryClient.invalidateQueries({ queryKey: personKey(p.id) });
      }
    },
  });
  return (
    <>
      <DeleteButton onClick={dialog.open}>
        {t('common.delete')}
      </DeleteButton>
      <ConfirmDialog
        opened={opened}
        title={t('people.delete.title')}
        message={t('people.delete.confirm', { name: p.display_name })}
        confirmLabel={t('people.delete.action')}
        busy={remove.isPending}
        onConfirm={() => {
          remove.mutate();
        }}
        onClose={() => {
          remove.reset();
          dialog.close();
        }}
      >
        {remove.isError && <FailureNotice error={remove.error} staleMessage={t('people.staleAction')} />}
      </ConfirmDialog>
    </>
  );
}
