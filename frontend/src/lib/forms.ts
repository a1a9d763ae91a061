import type { TFunction } from 'i18next';

import { ApiError } from '../api/problem';

interface FormWithErrors {
  setErrors: (errors: Record<string, string>) => void;
}

// The reasons the API names by a stable code on a field error; the web app
// shows its own translation of them (the API's messages are English).
const fieldErrorCodes = [
  'password_length',
  'password_personal',
  'password_common',
  'password_repeat',
  'password_sequence',
  'password_keyboard',
  'password_date',
  'password_weak',
] as const;
type FieldErrorCode = (typeof fieldErrorCodes)[number];

function isFieldErrorCode(code: string | undefined): code is FieldErrorCode {
  return (fieldErrorCodes as readonly (string | undefined)[]).includes(code);
}

// fieldMessages maps each invalid field to its message, in the reader's
// language where the API names the reason by a code the catalogues know.
export function fieldMessages(error: ApiError, t?: TFunction): Record<string, string> {
  const out = error.fieldErrors;
  if (t === undefined) return out;
  for (const { field, code } of [...(error.problem?.errors ?? [])].reverse()) {
    if (isFieldErrorCode(code)) out[field] = t(`fieldErrors.${code}`);
  }
  return out;
}

// showFieldErrors puts the API's 422 field errors next to the form's
// fields; it answers false when the error is not about fields, so the
// caller shows it as a whole. Form field names are the API's JSON names
// ("description.ja" for a nested field). With t, coded reasons are shown
// translated.
export function showFieldErrors(form: FormWithErrors, error: unknown, t?: TFunction): boolean {
  if (!(error instanceof ApiError)) return false;
  const fields = fieldMessages(error, t);
  if (Object.keys(fields).length === 0) return false;
  form.setErrors(fields);
  return true;
}
