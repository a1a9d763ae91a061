import { Alert, Button, Checkbox, Group, Modal, Rating, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import {
  nextSteps,
  useMeetingActions,
  useMeetingOutcomes,
  type Meeting,
  type MeetingOutcome,
  type NextStep,
  type Side,
} from '../../../api/resources/meetings';
import { usePermissions } from '../../../auth/permissions';
import { useMe } from '../../../auth/useMe';
import { ErrorNotice, LoadingRows, QueryState } from '../../../components/QueryState';
import type { Trip } from '../model';
import { sideName, sideOf } from './helpers';

// OutcomeModal records what one side of a meeting made of it: whether it
// was held, a rating, whether to follow up and how, and a note only the
// side's own organisation reads. A coordinator records for either side.
export function OutcomeModal({ trip, meeting, onClose }: { trip: Trip; meeting: Meeting | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={meeting !== null} onClose={onClose} title={t('meetings.outcome.title')} size="lg">
      {meeting !== null && <OutcomeLoader trip={trip} meeting={meeting} onClose={onClose} />}
    </Modal>
  );
}

function OutcomeLoader({ trip, meeting, onClose }: { trip: Trip; meeting: Meeting; onClose: () => void }) {
  const can = usePermissions();
  const me = useMe();
  const outcomes = useMeetingOutcomes(trip.id, meeting.id);
  const own = sideOf(meeting, me.data?.organisation_id);
  const [side, setSide] = useState<Side>(own ?? 'requester');
  const sides: Side[] = can.coordinate ? ['requester', 'receiver'] : own === null ? [] : [own];
  const current = outcomes.data?.items.find((o) => o.side === side) ?? null;
  return (
    <QueryState query={outcomes} skeleton={<LoadingRows rows={4} />}>
      <OutcomeForm
        // Keyed by side only: saving refreshes the outcomes, and the form
        // must stay to say it was saved.
        key={side}
        trip={trip}
        meeting={meeting}
        side={side}
        sides={sides}
        onSide={setSide}
        current={current}
        onClose={onClose}
      />
    </QueryState>
  );
}

function OutcomeForm({
  trip,
  meeting,
  side,
  sides,
  onSide,
  current,
  onClose,
}: {
  trip: Trip;
  meeting: Meeting;
  side: Side;
  sides: Side[];
  onSide: (side: Side) => void;
  current: MeetingOutcome | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const actions = useMeetingActions(trip.id);
  const [attendance, setAttendance] = useState<MeetingOutcome['attendance']>(current?.attendance ?? 'held');
  const [rating, setRating] = useState(current?.rating ?? 0);
  const [followUp, setFollowUp] = useState(current?.follow_up ?? false);
  const [nextStep, setNextStep] = useState<NextStep>(current?.next_step ?? 'none');
  const [note, setNote] = useState(current?.note ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const attendanceId = useId();

  const save = async () => {
    setBusy(true);
    setError(null);
    const body = {
      attendance,
      rating: attendance === 'held' && rating > 0 ? rating : undefined,
      follow_up: followUp,
      next_step: nextStep,
      note: note.trim(),
    };
    try {
      if (current === null) await actions.recordOutcome(meeting, { side, ...body });
      else await actions.updateOutcome(meeting, current, { ...body, rating: body.rating ?? null });
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (saved) {
    return (
      <Stack>
        <Alert color="green" role="status">
          {t('meetings.outcome.saved')}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('common.close')}</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack>
        <Text size="sm">{t('meetings.schedule.pair', { a: sideName(meeting.requester), b: sideName(meeting.receiver) })}</Text>
        {sides.length > 1 && (
          <Select
            label={t('meetings.outcome.side')}
            data={sides.map((s) => ({ value: s, label: `${t(`meetings.sides.${s}`)} · ${meeting[s].organisation.name}` }))}
            value={side}
            allowDeselect={false}
            onChange={(v) => {
              if (v === 'requester' || v === 'receiver') onSide(v);
            }}
          />
        )}
        <Stack gap={4}>
          <Text size="sm" fw={500} id={attendanceId}>
            {t('meetings.outcome.attendance')}
          </Text>
          <SegmentedControl
            aria-labelledby={attendanceId}
            value={attendance}
            onChange={(v) => {
              setAttendance(v === 'no_show' ? 'no_show' : 'held');
            }}
            data={[
              { value: 'held', label: t('meetings.attendance.held') },
              { value: 'no_show', label: t('meetings.attendance.no_show') },
            ]}
            style={{ alignSelf: 'flex-start' }}
          />
        </Stack>
        {attendance === 'held' && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('meetings.outcome.rating')}
            </Text>
            <Rating value={rating} onChange={setRating} aria-label={t('meetings.outcome.rating')} />
            <Text size="xs" c="dimmed">
              {t('meetings.outcome.ratingHint')}
            </Text>
          </Stack>
        )}
        <Checkbox
          label={t('meetings.outcome.followUp')}
          checked={followUp}
          onChange={(e) => {
            setFollowUp(e.currentTarget.checked);
          }}
        />
        <Select
          label={t('meetings.outcome.nextStep')}
          data={nextSteps.map((s) => ({ value: s, label: t(`meetings.nextSteps.${s}`) }))}
          value={nextStep}
          allowDeselect={false}
          onChange={(v) => {
            const step = nextSteps.find((s) => s === v);
            if (step !== undefined) setNextStep(step);
          }}
        />
        <Textarea
          label={t('meetings.outcome.note')}
          description={t('meetings.outcome.noteHint')}
          autosize
          minRows={2}
          maxLength={5000}
          value={note}
          onChange={(e) => {
            setNote(e.currentTarget.value);
          }}
        />
        {error !== null && <ErrorNotice error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('meetings.outcome.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
