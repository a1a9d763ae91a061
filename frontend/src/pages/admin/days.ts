import { dayIn, viewerTimeZone } from '../../lib/format';

// today is the viewer's calendar day, "YYYY-MM-DD".
export function today(): string {
  return dayIn(new Date().toISOString(), viewerTimeZone());
}

// addDays moves a calendar day ("YYYY-MM-DD") by n days.
export function addDays(day: string, n: number): string {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

// startOfDay is the instant a calendar day begins in the viewer's zone.
export function startOfDay(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}
