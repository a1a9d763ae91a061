import { dayIn, viewerTimeZone } from './format';

// Calendar days are strings "YYYY-MM-DD"; these helpers count and move
// them without a time of day getting in the way.

// today is the viewer's calendar day.
export function today(): string {
  return dayIn(new Date().toISOString(), viewerTimeZone());
}

// addDays moves a calendar day by n days.
export function addDays(day: string, n: number): string {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

// daysBetween counts calendar days from one day to another.
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

// startOfDay is the instant a calendar day begins in the viewer's zone.
export function startOfDay(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}
