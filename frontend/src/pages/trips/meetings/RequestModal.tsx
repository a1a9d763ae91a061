import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useMeetingActions, useOpportunitiesOf, type MeetingParticipant } from '../../../api/resources/meetings';
import { usePermissions } from '../../../auth/permissions';
import { useMe } from '../../../auth/useMe';
import { ErrorNotice } from '../../../components/QueryState';
import { useText } from '../../../lib/reference';
import type { Trip } from '../model';
import { useParticipantMap } from './helpers';

// RequestModal asks another participant for a meeting: on behalf of one
// of the caller's own people (a coordinator: of anyone), with a message.
// A coordinator may create the meeting directly instead.
export function RequestModal({ trip, target, onClose }: { trip: Trip; target: MeetingParticipant | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={target !== null} onClose={onClose} title={t('meetings.request.title')} size="lg">
      {target !== null && <RequestForm key={target.person_id} trip={trip} target={target} onClose={onClose} />}
    </Modal>
  );
}

function RequestForm({ trip, target, onClose }: { trip: Trip; target: MeetingParticipant; onClose: () => void }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const me = useMe();
  const actions = useMeetingActions(trip.id);
  const { participants } = useParticipantMap(trip.id);
  const own = (participants.data?.items ?? []).filter(
    (p) => p.organisation_id !== target.organisation_id && (can.coordinate || p.organisation_id === me.data?.organisation_id),
  );
  const [from, setFrom] = useState<string | null>(own.length === 1 ? (own[0]?.person_id ?? null) : null);
  const [message, setMessage] = useState('');
  const [direct, setDirect] = useState(false);
  // Asking the organisation lets it name who attends.
  const [toOrganisation, setToOrganisation] = useState(false);
  const [opportunity, setOpportunity] = useState<string | null>(null);
  const opportunities = useOpportunitiesOf(target.organisation_id);
  const text = useText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  if (done !== null) {
    return (
      <Stack>
        <Alert color="green" role="status">
          {done}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('common.close')}</Button>
        </Group>
      </Stack>
    );
  }
  if (own.length === 0) {
    return <Text c="dimmed">{t('meetings.request.noneOwn')}</Text>;
  }

  const send = async () => {
    if (from === null) return;
    setBusy(true);
    setError(null);
    try {
      await actions.request({
        requester_person_id: from,
        ...(toOrganisation ? { receiver_organisation_id: target.organisation_id } : { receiver_person_id: target.person_id }),
        message: message.trim(),
        opportunity_id: opportunity ?? undefined,
        direct: (direct && !toOrganisation) || undefined,
      });
      const name = toOrganisation ? target.organisation.name : target.person.display_name;
      setDone(t(direct && !toOrganisation ? 'meetings.request.created' : 'meetings.request.sent', { name }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <Stack>
        <Text>
          {t('meetings.request.to')}: <strong>{target.person.display_name}</strong> · {target.organisation.name}
        </Text>
        <Select
          label={t('meetings.request.from')}
          placeholder={t('meetings.request.fromPlaceholder')}
          required
          searchable
          data={own.map((p) => ({ value: p.person_id, label: `${p.person.display_name} · ${p.organisation.name}` }))}
          value={from}
          onChange={setFrom}
        />
        <Textarea
          label={t('meetings.request.message')}
          placeholder={t('meetings.request.messagePlaceholder')}
          autosize
          minRows={3}
          maxLength={2000}
          value={message}
          onChange={(e) => {
            setMessage(e.currentTarget.value);
          }}
        />
        {(opportunities.data?.items.length ?? 0) > 0 && (
          <Select
            label={t('meetings.request.opportunity')}
            placeholder={t('meetings.request.opportunityNone')}
            clearable
            data={(opportunities.data?.items ?? []).map((o) => ({ value: o.id, label: text(o.title) }))}
            value={opportunity}
            onChange={setOpportunity}
          />
        )}
        <Checkbox
          label={t('meetings.request.toOrganisation', { organisation: target.organisation.name })}
          checked={toOrganisation}
          onChange={(e) => {
            setToOrganisation(e.currentTarget.checked);
          }}
        />
        {can.coordinate && !toOrganisation && (
          <Checkbox
            label={t('meetings.request.direct')}
            checked={direct}
            onChange={(e) => {
              setDirect(e.currentTarget.checked);
            }}
          />
        )}
        {error !== null && <ErrorNotice error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} disabled={from === null}>
            {t('meetings.request.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
