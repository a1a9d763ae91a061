import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

// BackLink is the one way back from a detail or form page to its list (or
// from a form to its record): a small link with an arrow before its label;
// the arrow is decoration, the label alone names the link.
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Anchor component={Link} to={to} size="sm" data-back-link="">
      <span aria-hidden="true">← </span>
      {children}
    </Anchor>
  );
}
