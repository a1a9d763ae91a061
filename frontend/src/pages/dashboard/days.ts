import { dayIn, viewerTimeZone } from '../../lib/format';

// today is the viewer's calendar day, "YYYY-MM-DD".
export function today(): string {
  return dayIn(new Date().toISOString(), viewerTimeZone());
}

// daysBetween counts calendar days from one "YYYY-MM-DD" to another.
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
