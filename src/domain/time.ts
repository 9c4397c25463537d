import { DateTime } from 'luxon';

const MINUTE_MS = 60_000;

export function minutes(n: number): number {
  return n * MINUTE_MS;
}

/** True when the zone is one the runtime's Intl data knows. */
export function isValidTimeZone(zone: string): boolean {
  return DateTime.fromMillis(0, { zone }).isValid;
}

/** Start of the calendar day containing `at`, in `zone` (23 or 25 h days on DST changes). */
export function startOfDay(at: number, zone: string): number {
  return DateTime.fromMillis(at, { zone }).startOf('day').toMillis();
}

/** The next zone midnight strictly after `at`. */
export function nextMidnight(at: number, zone: string): number {
  // Start of the next day, not start-of-today plus a day: where a DST change skips midnight
  // (America/Santiago, Asia/Beirut) today may begin at 01:00, and 01:00 tomorrow is an hour late.
  return DateTime.fromMillis(at, { zone }).startOf('day').plus({ days: 1 }).startOf('day').toMillis();
}

/** Midnight at the start of a calendar date (YYYY-MM-DD) in `zone`: how all-day events are placed. */
export function zoneMidnight(date: string, zone: string): number {
  const dt = DateTime.fromISO(date, { zone });
  if (!dt.isValid) throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
  return dt.startOf('day').toMillis();
}

/** ISO 8601 with the zone's offset, second precision: what the API publishes. */
export function toIsoInZone(at: number, zone: string): string {
  const iso = DateTime.fromMillis(at, { zone }).toISO({ suppressMilliseconds: true });
  if (iso === null) throw new RangeError(`cannot format instant ${at} in zone ${zone}`);
  return iso;
}
