import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';

import { ifMatch, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { LoadingRows, QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { useFocusAreas, useReferenceOptions, useText } from '../../lib/reference';
import { usePageTitle } from '../../lib/usePageTitle';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { staleAware } from '../agreements/staleAware';
import { Facts } from '../agreements/Facts';
import { Section } from '../agreements/Section';
import { useAgreement } from '../agreements/useAgreement';
import { OriginChain } from '../partnering/Origin';
import { FundingSection } from './FundingSection';
import { MeetingOrigin } from './MeetingOrigin';
import { MilestonesSection } from './MilestonesSection';
import { PartnersSection } from './PartnersSection';
import { PhaseBadge } from './PhaseBadge';
import { PhaseSection } from './PhaseSection';
import { coordinatorOf, type Project } from './project';
import { projectKey, useProject, useRefreshProject, useTrip } from './useProject';
import { DeleteButton } from '../../components/Actions';
import { BackLink } from '../../components/BackLink';

export function ProjectPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const project = useProject(id);
  const p = project.data;
  usePageTitle(p ? p.acronym || p.title : t('projects.detailTitle'));
  return (
    <Stack gap="md" py="xl">
      <BackLink to="/projects">{t('projects.backToList')}</BackLink>
      <QueryState query={project} skeleton={<LoadingRows rows={10} height={32} />}>
        {p && <ProjectDetail project={p} />}
      </QueryState>
    </Stack>
  );
}

function ProjectDetail({ project: p }: { project: Project }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useText();
  const can = usePermissions();
  const focusAreas = useReferenceOptions(useFocusAreas().data);
  const canEdit = can.editProject(coordinatorOf(p)?.organisation_id);
  const summary = text(p.summary);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={1}>{p.acronym ? `${p.acronym} – ${p.title}` : p.title}</Title>
          <Group gap="xs">
            <PhaseBadge phase={p.phase} />
          </Group>
        </Stack>
        {canEdit && <ProjectActions project={p} />}
      </Group>
      <Facts
        items={[
          { label: t('projects.fields.startDate'), value: fmt.date(p.start_date) },
          { label: t('projects.fields.endDate'), value: fmt.date(p.end_date) },
          { label: t('projects.fields.focusAreas'), value: p.focus_areas.map(focusAreas.label).join(', ') },
          ...(p.origin_trip_id || p.origin_agreement_id
            ? [{ label: t('projects.fields.origin'), value: <Origin project={p} /> }]
            : []),
          ...(p.origin_meeting_id
            ? [{ label: t('meetings.cameFrom.label'), value: <MeetingOrigin tripId={p.origin_trip_id} /> }]
            : []),
        ]}
      />
      {p.origin_interest && <OriginChain origin={p.origin_interest} here={p.acronym || p.title} />}
      {summary !== '' && (
        <Section title={t('projects.fields.summary')}>
          <Text style={{ whiteSpace: 'pre-line' }}>{summary}</Text>
        </Section>
      )}
      <PartnersSection project={p} canEdit={canEdit} />
      <FundingSection project={p} canEdit={canEdit} />
      <MilestonesSection project={p} canEdit={canEdit} />
      <PhaseSection project={p} canEdit={canEdit} />
    </Stack>
  );
}

// Origin links the trip or agreement the project grew from.
function Origin({ project: p }: { project: Project }) {
  const { t } = useTranslation();
  const trip = useTrip(p.origin_trip_id);
  if (p.origin_trip_id) {
    return (
      <Anchor component={Link} to={`/trips/${p.origin_trip_id}`}>
        {trip.data?.title ?? t('projects.originTrip')}
      </Anchor>
    );
  }
  if (p.origin_agreement_id) return <OriginAgreement id={p.origin_agreement_id} />;
  return null;
}

function OriginAgreement({ id }: { id: string }) {
  const { t } = useTranslation();
  const agreement = useAgreement(id);
  return (
    <Anchor component={Link} to={`/agreements/${id}`}>
      {agreement.data?.title ?? t('projects.originAgreement')}
    </Anchor>
  );
}

function ProjectActions({ project: p }: { project: Project }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [deleting, remove] = useDisclosure(false);
  const refresh = useRefreshProject(p.id);
  return (
    <Group gap="xs">
      <Button component={Link} to={`/projects/${p.id}/edit`} variant="default">
        {t('common.edit')}
      </Button>
      <DeleteButton onClick={remove.open}>
        {t('common.delete')}
      </DeleteButton>
      <ConfirmDialog
        opened={deleting}
        onClose={remove.close}
        title={t('projects.delete.title')}
        message={t('projects.delete.message', { title: p.acronym || p.title })}
        confirmLabel={t('common.delete')}
        {...staleAware(refresh)}
        onConfirm={() =>
          unwrap(api.DELETE('/api/v1/projects/{id}', { params: { path: { id: p.id }, header: ifMatch(p.version) } }))
        }
        onDone={() => {
          queryClient.removeQueries({ queryKey: projectKey(p.id) });
          void queryClient.invalidateQueries({ queryKey: ['projects'] });
          void navigate('/projects');
        }}
      />
    </Group>
  );
}
