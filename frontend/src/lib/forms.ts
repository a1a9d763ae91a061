import { ApiError } from '../api/problem';

interface FormWithErrors {
  setErrors: (errors: Record<string, string>) => void;
}

// showFieldErrors puts the API's 422 field errors next to the form's
// fields; it answers false when the error is not about fields, so the
// caller shows it as a whole. Form field names are the API's JSON names
// ("description.ja" for a nested field).
export function showFieldErrors(form: FormWithErrors, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const fields = error.fieldErrors;
  if (Object.keys(fields).length === 0) return false;
  form.setErrors(fields);
  return true;
}
