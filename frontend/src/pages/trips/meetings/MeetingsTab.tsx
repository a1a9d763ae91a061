import { Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';

import { usePermissions } from '../../../auth/permissions';
import type { Trip } from '../model';
import { AgendaView } from './AgendaView';
import { AvailabilityView } from './AvailabilityView';
import { DirectoryView } from './DirectoryView';
import { RequestsView } from './RequestsView';
import { ScheduleView } from './ScheduleView';
import { SetupView } from './SetupView';
import { StatsView } from './StatsView';
import './print.css';

const everyone = ['directory', 'requests', 'agenda', 'availability'] as const;
const coordinators = ['setup', 'schedule', 'stats'] as const;
type View = (typeof everyone)[number] | (typeof coordinators)[number];

// MeetingsTab is a trip's B2B meetings: one view per path below
// /trips/:id/meetings, the coordinators' views only offered to them.
export function MeetingsTab({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const navigate = useNavigate();
  const { view: asked } = useParams();
  const views: readonly View[] = can.coordinate ? [...everyone, ...coordinators] : everyone;
  const view: View = views.find((v) => v === asked) ?? 'directory';

  return (
    <Tabs
      variant="pills"
      value={view}
      onChange={(value) => {
        void navigate(`/trips/${trip.id}/meetings/${value ?? 'directory'}`);
      }}
      keepMounted={false}
    >
      <Tabs.List className="no-print" aria-label={t('meetings.title')}>
        {views.map((v) => (
          <Tabs.Tab key={v} value={v}>
            {t(`meetings.views.${v}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Stack pt="md">
        <Tabs.Panel value="directory">
          <DirectoryView trip={trip} />
        </Tabs.Panel>
        <Tabs.Panel value="requests">
          <RequestsView trip={trip} />
        </Tabs.Panel>
        <Tabs.Panel value="agenda">
          <AgendaView trip={trip} />
        </Tabs.Panel>
        <Tabs.Panel value="availability">
          <AvailabilityView trip={trip} />
        </Tabs.Panel>
        {can.coordinate && (
          <>
            <Tabs.Panel value="setup">
              <SetupView trip={trip} />
            </Tabs.Panel>
            <Tabs.Panel value="schedule">
              <ScheduleView trip={trip} />
            </Tabs.Panel>
            <Tabs.Panel value="stats">
              <StatsView trip={trip} />
            </Tabs.Panel>
          </>
        )}
      </Stack>
    </Tabs>
  );
}
