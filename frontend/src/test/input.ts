import { within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';

// What a user enters, done so that a test's cost does not grow with the
// page: jsdom and React's development build make every render and every
// query by accessible name expensive, and on a busy machine a test that
// rendered a form per keystroke or named every option of every select on
// the page ran into its time limit.

// fill replaces a field's value the way a user pasting it would: one input
// event, so the page renders once rather than once per character. Tests of
// what happens per keystroke (search as you type) use user.type.
export async function fill(user: UserEvent, field: HTMLElement, value: string) {
  await user.clear(field);
  await user.paste(value);
}

// listboxOf is the list of options a combobox controls, while it is open.
export function listboxOf(combobox: HTMLElement): HTMLElement {
  const listbox = document.getElementById(combobox.getAttribute('aria-controls') ?? '');
  if (listbox === null) throw new Error('the combobox controls no listbox: is it open?');
  return listbox;
}

// choose opens a select, optionally types into its search, and picks an
// option by name, looking only in that select's list: Mantine keeps the
// (hidden) options of every select on the page mounted, the country
// selects' 250 among them.
export async function choose(user: UserEvent, combobox: HTMLElement, option: string, search = '') {
  await user.click(combobox);
  if (search) await user.type(combobox, search);
  await user.click(await within(listboxOf(combobox)).findByRole('option', { name: option, hidden: true }));
}
