import { Alert, Anchor, Button, Group, List, Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';

import type { Schemas } from '../../api/client';
import { ApiError, ifMatch, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { LoadingRows, QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { useCountries, useFocusAreas, useReferenceOptions, useRegions, useText } from '../../lib/reference';
import { useCursorList } from '../../lib/useCursorList';
import { usePageTitle } from '../../lib/usePageTitle';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ExternalIdList } from '../../components/ExternalIds';
import { FailureNotice } from '../../components/FailureNotice';
import { OrganisationOpportunities, SuggestedPartners } from '../partnering/OrganisationPartnering';
import { Details } from './Details';
import type { Organisation } from './organisationValues';
import { PageHeader } from './PageHeader';
import { RelatedList } from './RelatedList';
import { organisationKey, useOrganisation } from './useOrganisation';
import { Badge } from '../../components/Badge';
import { DeleteButton } from '../../components/Actions';

const sectionSize = 10;

export function OrganisationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const organisation = useOrganisation(id);
  usePageTitle(organisation.data?.name ?? t('organisations.title'));
  return (
    <Stack gap="md" py="xl">
      <QueryState query={organisation} skeleton={<LoadingRows rows={8} height={32} />}>
        {organisation.data && <OrganisationView organisation={organisation.data} />}
      </QueryState>
    </Stack>
  );
}

function OrganisationView({ organisation: o }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const text = useText();
  const countries = useCountries();
  const regions = useReferenceOptions(useRegions().data);
  const focusAreas = useReferenceOptions(useFocusAreas().data);
  const format = useFormat();
  const editable = can.editOrganisation(o.id);

  return (
    <>
      <PageHeader
        title={o.name}
        subtitle={o.name_local ? <span lang="ja">{o.name_local}</span> : undefined}
        back={{ to: '/organisations', label: t('organisations.title') }}
        actions={
          <>
            {editable && (
              <Button component={Link} to={`/organisations/${o.id}/edit`}>
                {t('common.edit')}
              </Button>
            )}
            {editable && <ArchiveButton organisation={o} />}
            {can.coordinate && <DeleteOrganisation organisation={o} />}
          </>
        }
      />
      <Group gap="xs">
        <Badge variant="light">{t(`organisations.kinds.${o.kind}`)}</Badge>
        {o.sme && <Badge variant="light">{t('organisations.sme')}</Badge>}
        {o.archived && (
          <Badge color="gray" variant="outline">
            {t('organisations.archivedBadge')}
          </Badge>
        )}
      </Group>
      {o.archived && <Alert color="gray">{t('organisations.archivedNotice')}</Alert>}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md" component="section" aria-label={t('organisations.sections.profile')}>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('organisations.sections.profile')}
            </Title>
            <Details
              items={[
                { label: t('organisations.fields.name_kana'), value: o.name_kana, lang: 'ja' },
                { label: t('organisations.fields.short_name'), value: o.short_name },
                { label: t('organisations.fields.country'), value: countries.name(o.country) },
                { label: t('organisations.fields.region'), value: o.region ? regions.label(o.region) : '' },
                { label: t('organisations.fields.city'), value: o.city },
                {
                  label: t('organisations.fields.employees'),
                  value: o.employees === null ? '' : format.number(o.employees),
                },
                {
                  label: t('organisations.fields.focus_areas'),
                  value: o.focus_areas.map((code) => focusAreas.label(code)).join(', '),
                },
              ]}
            />
            {text(o.description) && (
              <Details wide items={[{ label: t('organisations.fields.description'), value: text(o.description) }]} />
            )}
          </Stack>
        </Paper>
        <Paper withBorder p="md" component="section" aria-label={t('organisations.sections.contact')}>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('organisations.sections.contact')}
            </Title>
            <Details
              items={[
                {
                  label: t('organisations.fields.website'),
                  value: o.website && (
                    <Anchor href={o.website} target="_blank" rel="noopener noreferrer">
                      {o.website}
                    </Anchor>
                  ),
                },
                {
                  label: t('organisations.fields.email'),
                  value: o.email && <Anchor href={`mailto:${o.email}`}>{o.email}</Anchor>,
                },
                {
                  label: t('organisations.fields.phone'),
                  value: o.phone && <Anchor href={`tel:${o.phone.replace(/\s/g, '')}`}>{o.phone}</Anchor>,
                },
              ]}
            />
          </Stack>
        </Paper>
      </SimpleGrid>
      <IdentifiersSection organisation={o} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <PeopleSection organisation={o} editable={editable} />
        <AgreementsSection id={o.id} />
        <ProjectsSection id={o.id} />
        <TripsSection id={o.id} by="organiser" />
        <TripsSection id={o.id} by="participant_organisation" />
        <OrganisationOpportunities organisationId={o.id} />
        <SuggestedPartners organisationId={o.id} />
      </SimpleGrid>
    </>
  );
}

// IdentifiersSection shows the registry numbers and the ids partner
// systems know the organisation by; nothing when it has none.
function IdentifiersSection({ organisation: o }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const i = o.identifiers;
  const register = i.commercial_register;
  const hasExternal = Object.keys(o.external_ids).length > 0;
  if (!i.corporate_number && !register && !i.vat_id && !i.lei && !i.ror_id && !hasExternal) return null;
  return (
    <Paper withBorder p="md" component="section" aria-label={t('organisations.sections.identifiers')}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('organisations.sections.identifiers')}
        </Title>
        <Details
          items={[
            { label: t('organisations.fields.identifiers_corporate_number'), value: i.corporate_number },
            {
              label: t('organisations.register'),
              value: register ? `Amtsgericht ${register.court} ${register.type} ${register.number}` : '',
              lang: 'de',
            },
            { label: t('organisations.fields.identifiers_vat_id'), value: i.vat_id },
            {
              label: t('organisations.fields.identifiers_lei'),
              value: i.lei && (
                <Anchor href={`https://search.gleif.org/#/record/${i.lei}`} target="_blank" rel="noopener noreferrer">
                  {i.lei}
                </Anchor>
              ),
            },
            {
              label: t('organisations.fields.identifiers_ror_id'),
              value: i.ror_id && (
                <Anchor href={`https://ror.org/${i.ror_id}`} target="_blank" rel="noopener noreferrer">
                  {i.ror_id}
                </Anchor>
              ),
            },
            { label: t('organisations.fields.external_ids'), value: hasExternal && <ExternalIdList ids={o.external_ids} /> },
          ]}
        />
      </Stack>
    </Paper>
  );
}

function PeopleSection({ organisation, editable }: { organisation: Organisation; editable: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const list = useCursorList(['people', 'of', organisation.id], (cursor, signal) =>
    api.GET('/api/v1/organisations/{id}/people', {
      params: { path: { id: organisation.id }, query: { cursor, limit: sectionSize } },
      signal,
    }),
  );
  return (
    <RelatedList
      title={t('organisations.sections.people')}
      list={list}
      empty={t('organisations.emptySection.people')}
      items={list.rows.map((p) => ({ id: p.id, to: `/people/${p.id}`, title: p.display_name, meta: p.position }))}
      action={
        editable && (
          <Button size="xs" variant="light" component={Link} to={`/people/new?organisation=${organisation.id}`}>
            {t('organisations.addPerson')}
          </Button>
        )
      }
    />
  );
}

function AgreementsSection({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const list = useCursorList(['agreements', 'of', id], (cursor, signal) =>
    api.GET('/api/v1/organisations/{id}/agreements', {
      params: { path: { id }, query: { cursor, limit: sectionSize } },
      signal,
    }),
  );
  return (
    <RelatedList
      title={t('organisations.sections.agreements')}
      list={list}
      empty={t('organisations.emptySection.agreements')}
      items={list.rows.map((a) => ({
        id: a.id,
        to: `/agreements/${a.id}`,
        title: a.title,
        meta: [
          t(`organisations.agreementStatus.${a.status}`),
          a.valid_until ? t('organisations.validUntil', { date: format.date(a.valid_until) }) : '',
        ]
          .filter(Boolean)
          .join(' · '),
      }))}
    />
  );
}

function ProjectsSection({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const list = useCursorList(['projects', 'of', id], (_cursor, signal) =>
    api.GET('/api/v1/organisations/{id}/projects', { params: { path: { id } }, signal }),
  );
  return (
    <RelatedList
      title={t('organisations.sections.projects')}
      list={list}
      empty={t('organisations.emptySection.projects')}
      items={list.rows.map((p) => ({
        id: p.id,
        to: `/projects/${p.id}`,
        title: p.acronym ? `${p.acronym} – ${p.title}` : p.title,
        meta: t(`organisations.projectPhase.${p.phase}`),
      }))}
    />
  );
}

function TripsSection({ id, by }: { id: string; by: 'organiser' | 'participant_organisation' }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const section = by === 'organiser' ? 'tripsOrganised' : 'tripsAttended';
  const list = useCursorList(['trips', by, id], (cursor, signal) =>
    api.GET('/api/v1/trips', { params: { query: { [by]: id, cursor, limit: sectionSize, sort: '-start_date' } }, signal }),
  );
  return (
    <RelatedList
      title={t(`organisations.sections.${section}`)}
      list={list}
      empty={t(`organisations.emptySection.${section}`)}
      items={list.rows.map((trip: Schemas['Trip']) => ({
        id: trip.id,
        to: `/trips/${trip.id}`,
        title: trip.title,
        meta: t('organisations.dateRange', { from: format.date(trip.start_date), until: format.date(trip.end_date) }),
      }))}
    />
  );
}

// ArchiveButton archives an organisation or restores it (PATCH archived).
function ArchiveButton({ organisation: o }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const archive = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/organisations/{id}', {
          params: { path: { id: o.id }, header: ifMatch(o.version) },
          body: { archived: !o.archived },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(organisationKey(o.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['organisations', 'list'] });
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: organisationKey(o.id) }),
  });
  return (
    <>
      <Button variant="default" loading={archive.isPending} onClick={() => { archive.mutate(); }}>
        {o.archived ? t('organisations.unarchive') : t('organisations.archive')}
      </Button>
      {archive.isError && <FailureNotice error={archive.error} staleMessage={t('organisations.staleAction')} />}
    </>
  );
}

const referenceKeys: Record<string, string> = {
  people: 'people',
  users: 'users',
  'API keys': 'apiKeys',
  agreements: 'agreements',
  'trips organised': 'tripsOrganised',
  'agenda items': 'agendaItems',
  'trip registrations': 'tripRegistrations',
  projects: 'projects',
  'fundings received': 'fundingsReceived',
  'fundings executed': 'fundingsExecuted',
};

type ReferenceKey = 'people' | 'users' | 'apiKeys' | 'agreements' | 'tripsOrganised' | 'agendaItems' | 'tripRegistrations' | 'projects' | 'fundingsReceived' | 'fundingsExecuted';

// DeleteOrganisation deletes an organisation nothing refers to; otherwise the
// API's 409 names what still does, and the dialog says so.
function DeleteOrganisation({ organisation: o }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opened, dialog] = useDisclosure(false);
  const [failure, setFailure] = useState<unknown>(null);
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE('/api/v1/organisations/{id}', { params: { path: { id: o.id }, header: ifMatch(o.version) } }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['organisations'] });
      void navigate('/organisations');
    },
    onError: (error) => {
      setFailure(error);
      if (error instanceof ApiError && error.status === 412) {
        void queryClient.invalidateQueries({ queryKey: organisationKey(o.id) });
      }
    },
  });
  const references =
    failure instanceof ApiError && failure.status === 409
      ? Object.entries((failure.extra('references') ?? {}) as Record<string, number>)
      : null;
  return (
    <>
      <DeleteButton onClick={dialog.open}>
        {t('common.delete')}
      </DeleteButton>
      <ConfirmDialog
        opened={opened}
        title={t('organisations.delete.title')}
        message={t('organisations.delete.confirm', { name: o.name })}
        confirmLabel={t('common.delete')}
        busy={remove.isPending}
        onConfirm={() => {
          setFailure(null);
          remove.mutate();
        }}
        onClose={() => {
          setFailure(null);
          dialog.close();
        }}
      >
        {references !== null ? (
          <Alert color="orange" role="alert" title={t('organisations.delete.referenced')}>
            <List size="sm">
              {references.map(([noun, count]) => {
                const key = referenceKeys[noun] as ReferenceKey | undefined;
                return (
                  <List.Item key={noun}>
                    {key
                      ? t(`organisations.delete.references.${key}`, { count })
                      : t('organisations.delete.references.other', { name: noun, count })}
                  </List.Item>
                );
              })}
            </List>
          </Alert>
        ) : (
          failure !== null && <FailureNotice error={failure} staleMessage={t('organisations.staleAction')} />
        )}
      </ConfirmDialog>
    </>
  );
}
