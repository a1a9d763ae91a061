import { Badge as MantineBadge, createPolymorphicComponent, type BadgeProps } from '@mantine/core';
import { forwardRef } from 'react';

// A badge never cuts its label to an ellipsis ("ABGES…", "受…"): the label
// keeps its whole width, so a table column or a row grows to fit it, and
// wraps only where the badge could not fit its container otherwise.
const whole = {
  root: { height: 'auto', minHeight: 'var(--badge-height)', maxWidth: '100%', flexShrink: 0, overflow: 'visible' },
  label: { overflow: 'visible', textOverflow: 'clip', whiteSpace: 'normal', overflowWrap: 'normal', lineHeight: 1.3 },
} as const;

// Badge is the one badge of the app (statuses, phases, roles, counts),
// polymorphic like Mantine's (component={Link} makes it a link).
export const Badge = createPolymorphicComponent<'div', BadgeProps>(
  forwardRef<HTMLDivElement, BadgeProps>(function Badge(props, ref) {
    return <MantineBadge ref={ref} miw="max-content" styles={whole} data-badge="" {...props} />;
  }),
);
