import { Button, createPolymorphicComponent, type ButtonProps } from '@mantine/core';
import { forwardRef } from 'react';

// One look for each kind of action, on every page: the action a page is
// for (create, save, edit) is a plain Mantine Button, filled in the primary
// colour by default; the others are variant="default"; an action that
// deletes, removes, revokes or cancels something is a DeleteButton, red
// and light, never filled (the red, filled button is the confirmation in
// ConfirmDialog). The way back to a list is a BackLink (BackLink.tsx).

export const DeleteButton = createPolymorphicComponent<'button', ButtonProps>(
  forwardRef<HTMLButtonElement, ButtonProps>(function DeleteButton(props, ref) {
    return <Button ref={ref} variant="light" color="red" {...props} />;
  }),
);
