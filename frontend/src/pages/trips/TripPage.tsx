import { Anchor, Button, Divider, Group, List, Paper, SimpleGrid, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';

import { ifMatch, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { LoadingRows, QueryState } from '../../components/QueryState';
import { useFormat, viewerTimeZone } from '../../lib/format';
import { useText } from '../../lib/reference';
import { usePageTitle } from '../../lib/usePageTitle';
import { AgendaSection } from './Agenda';
import { CalendarSection } from './Calendar';
import { tripKeys, useTrip, useTripProjects } from '../../api/resources/trips';
import type { Trip } from './model';
import { ParticipantsSection } from './Participants';
import { ConfirmButton } from '../../components/ConfirmDialog';
import { Destination, Fact, Seats, StatusBadge, TripDates } from './TripParts';
import { Badge } from '../../components/Badge';
import { BackLink } from '../../components/BackLink';
import { OrgName } from '../../components/Names';

function Facts({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const format = useFormat();
  const deadline = trip.registration_deadline;
  const viewer = viewerTimeZone();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="lg" verticalSpacing="md">
      <Fact label={t('trips.fields.kind')}>
        <Text size="sm">{t(`trips.kinds.${trip.kind}`)}</Text>
      </Fact>
      <Fact label={t('trips.fields.dates')}>
        <TripDates trip={trip} withZone={false} />
      </Fact>
      <Fact label={t('trips.fields.destination')}>
        <Destination trip={trip} />
      </Fact>
      <Fact label={t('trips.fields.time_zone')}>
        <Text size="sm">{format.timeZone(trip.time_zone)}</Text>
      </Fact>
      <Fact label={t('trips.fields.registration_deadline')}>
        {deadline === null ? (
          <Text size="sm">{t('trips.noDeadline')}</Text>
        ) : (
          <Stack gap={0}>
            <Text size="sm">{t('trips.inZone', { value: format.dateTime(deadline, trip.time_zone), zone: trip.time_zone })}</Text>
            {viewer !== trip.time_zone && (
              <Text size="xs" c="dimmed">
                {t('trips.inZone', { value: format.dateTime(deadline, viewer), zone: viewer })}
              </Text>
            )}
          </Stack>
        )}
      </Fact>
      <Fact label={t('trips.fields.seats')}>
        <Seats trip={trip} />
      </Fact>
      <Fact label={t('trips.fields.organiser_ids')}>
        <Stack gap={0}>
          {trip.organisers.map((o) => (
            <Anchor key={o.id} component={Link} to={`/organisations/${o.id}`} size="sm">
              <OrgName org={o} />
            </Anchor>
          ))}
        </Stack>
      </Fact>
    </SimpleGrid>
  );
}

function ProjectsSection({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const projects = useTripProjects(trip.id);
  const headingId = useId();
  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {t('trips.projects.title')}
      </Title>
      <QueryState query={projects} skeleton={<LoadingRows rows={2} />}>
        {projects.data?.items.length === 0 ? (
          <Text c="dimmed">{t('trips.projects.empty')}</Text>
        ) : (
          <List spacing={4}>
            {projects.data?.items.map((p) => (
              <List.Item key={p.id}>
                <Group gap="xs">
                  <Anchor component={Link} to={`/projects/${p.id}`}>
                    {p.acronym ? t('trips.projects.named', { acronym: p.acronym, title: p.title }) : p.title}
                  </Anchor>
                  <Badge size="sm" variant="light" color="gray">
                    {t(`trips.projects.phases.${p.phase}`)}
                  </Badge>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </QueryState>
    </Stack>
  );
}

function TripHeader({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <Group justify="space-between" align="flex-start">
      <Stack gap={4}>
        <BackLink to="/trips">{t('trips.backToList')}</BackLink>
        <Title order={1}>{trip.title}</Title>
        <Group gap="xs">
          <StatusBadge status={trip.status} />
          <Text size="sm" c="dimmed">
            {t(`trips.kinds.${trip.kind}`)}
          </Text>
        </Group>
      </Stack>
      {can.coordinate && (
        <Group gap="xs">
          <Button component={Link} to={`/trips/${trip.id}/edit`} variant="default">
            {t('common.edit')}
          </Button>
          <ConfirmButton
            size="sm"
            label={t('common.delete')}
            title={t('trips.delete.title')}
            message={t('trips.delete.message', { title: trip.title })}
            confirmLabel={t('common.delete')}
            onConfirm={async () => {
              await unwrap(api.DELETE('/api/v1/trips/{id}', { params: { path: { id: trip.id }, header: ifMatch(trip.version) } }));
              queryClient.removeQueries({ queryKey: tripKeys.one(trip.id) });
              await queryClient.invalidateQueries({ queryKey: tripKeys.all });
              await navigate('/trips');
            }}
          />
        </Group>
      )}
    </Group>
  );
}

// The meetings tab loads in its own chunk: most readers of a trip never open it.
const MeetingsTab = lazy(async () => ({ default: (await import('./meetings/MeetingsTab')).MeetingsTab }));

function PageSkeleton() {
  return (
    <Stack gap="md">
      <Skeleton height={16} width={120} />
      <Skeleton height={36} width="60%" />
      <LoadingRows rows={6} height={40} />
    </Stack>
  );
}

export function TripPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tab = pathname.includes('/meetings') ? 'meetings' : 'overview';
  const trip = useTrip(id);
  const text = useText();
  usePageTitle(trip.data?.title ?? t('trips.title'));
  const description = text(trip.data?.description);

  return (
    <Stack gap="lg" py="xl">
      <QueryState query={trip} skeleton={<PageSkeleton />}>
        {trip.data && (
          <>
            <TripHeader trip={trip.data} />
            <Tabs
              value={tab}
              onChange={(value) => {
                void navigate(value === 'meetings' ? `/trips/${id}/meetings` : `/trips/${id}`);
              }}
              keepMounted={false}
            >
              <Tabs.List className="no-print">
                <Tabs.Tab value="overview">{t('meetings.tabs.overview')}</Tabs.Tab>
                <Tabs.Tab value="meetings">{t('meetings.tabs.meetings')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="overview" pt="lg">
                <Stack gap="lg">
                  <Paper withBorder p="md">
                    <Facts trip={trip.data} />
                    {description !== '' && (
                      <>
                        <Divider my="md" />
                        <Text style={{ whiteSpace: 'pre-wrap' }}>{description}</Text>
                      </>
                    )}
                  </Paper>
                  <AgendaSection trip={trip.data} />
                  <ParticipantsSection trip={trip.data} />
                  <CalendarSection trip={trip.data} />
                  <ProjectsSection trip={trip.data} />
                </Stack>
              </Tabs.Panel>
              <Tabs.Panel value="meetings" pt="lg">
                <Suspense fallback={<LoadingRows rows={4} />}>
                  <MeetingsTab trip={trip.data} />
                </Suspense>
              </Tabs.Panel>
            </Tabs>
          </>
        )}
      </QueryState>
    </Stack>
  );
}
