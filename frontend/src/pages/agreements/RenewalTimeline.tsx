import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { useFormat } from '../../lib/format';
import type { Agreement } from './agreement';

interface Step {
  key: string;
  title: string;
  date: string;
  lines: string[];
}

// RenewalTimeline tells an agreement's life: signed, each renewal with
// its new end and note, and where it stands now (current end, open-ended
// or terminated). Steps up to the last renewal are done.
export function RenewalTimeline({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const until = (date: string | null | undefined) =>
    date ? t('agreements.timeline.until', { date: fmt.date(date) }) : t('agreements.timeline.openEnded');
  const renewals = [...a.renewals].sort((x, y) => x.renewed_on.localeCompare(y.renewed_on));
  const steps: Step[] = [];

  if (a.signed_on === '') {
    steps.push({ key: 'draft', title: t('agreements.timeline.draft'), date: '', lines: [] });
  } else {
    const firstEnd = renewals.length > 0 ? renewals[0]?.previous_valid_until : a.valid_until;
    steps.push({
      key: 'signed',
      title: t('agreements.timeline.signed'),
      date: fmt.date(a.signed_on),
      lines: [
        ...(a.valid_from ? [t('agreements.timeline.from', { date: fmt.date(a.valid_from) })] : []),
        until(firstEnd),
      ],
    });
  }
  renewals.forEach((r, i) => {
    steps.push({
      key: `renewal-${String(i)}`,
      title: t('agreements.timeline.renewed'),
      date: fmt.date(r.renewed_on),
      lines: [
        r.valid_until ? t('agreements.timeline.extendedTo', { date: fmt.date(r.valid_until) }) : t('agreements.timeline.openEnded'),
        ...(r.note ? [r.note] : []),
      ],
    });
  });
  const done = steps.length - 1;
  if (a.terminated_on) {
    steps.push({ key: 'end', title: t('agreements.timeline.terminated'), date: fmt.date(a.terminated_on), lines: [] });
  } else if (a.signed_on !== '') {
    steps.push({
      key: 'end',
      title: a.valid_until === null ? t('agreements.timeline.noEnd') : a.status === 'expired' ? t('agreements.timeline.ended') : t('agreements.timeline.ends'),
      date: a.valid_until === null ? '' : fmt.date(a.valid_until),
      lines: [],
    });
  }
  const ended = a.status === 'expired' || a.status === 'terminated';

  return (
    <Timeline active={ended ? steps.length - 1 : done} bulletSize={16} lineWidth={2} data-testid="renewal-timeline">
      {steps.map((step) => (
        <Timeline.Item key={step.key} title={step.title} data-step={step.key}>
          {step.date !== '' && (
            <Text size="sm" fw={500}>
              {step.date}
            </Text>
          )}
          {step.lines.map((line) => (
            <Text key={line} size="sm" c="dimmed">
              {line}
            </Text>
          ))}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
