// Wall-clock times in a named time zone. A trip's programme is planned in
// the trip's zone ("09:00 in Osaka"), while the API stores instants: these
// helpers convert between what a datetime-local input holds
// ("2026-04-14T09:00") and an instant, whatever zone the browser runs in.

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormats.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(timeZone, f);
  }
  return f;
}

function wallClock(epochMs: number, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return out;
}

// offsetMs is how far the zone's wall clock is ahead of UTC at an instant.
function offsetMs(epochMs: number, timeZone: string): number {
  const w = wallClock(epochMs, timeZone);
  const asUtc = Date.UTC(w.year ?? 1970, (w.month ?? 1) - 1, w.day ?? 1, w.hour ?? 0, w.minute ?? 0, w.second ?? 0);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

// instantFromLocal turns "2026-04-14T09:00" in a zone into an RFC 3339
// instant in UTC, or null when the text is no date-time. A wall-clock time
// skipped by a daylight-saving change lands on the later offset's side.
export function instantFromLocal(local: string, timeZone: string): string | null {
  const m = localPattern.exec(local);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  const first = guess - offsetMs(guess, timeZone);
  const second = guess - offsetMs(first, timeZone);
  return new Date(second).toISOString().replace('.000Z', 'Z');
}

const pad = (n: number | undefined) => String(n ?? 0).padStart(2, '0');

// localFromInstant is the wall-clock time of an instant in a zone, as a
// datetime-local input holds it ("2026-04-14T09:00").
export function localFromInstant(instant: string, timeZone: string): string {
  const w = wallClock(Date.parse(instant), timeZone);
  return `${String(w.year)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

// timeZones lists the IANA zones the browser knows, with the given ones
// (such as a trip's stored zone) added when the browser lacks them.
export function timeZones(...extra: string[]): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = new Set([...known, 'UTC', ...extra.filter((zone) => zone !== '')]);
  return [...all].sort();
}
