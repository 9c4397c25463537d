// Graph's date-time wire formats: local times with seven fractional digits and a separate zone name,
// and ISO instants in query strings.
import { DateTime } from 'luxon';
import { ianaZoneFor } from './windows-time-zones.js';

/** "2026-11-23T09:00:00.0000000": the local wall time in `ianaZone`, as in dateTimeTimeZone.dateTime. */
export function formatLocalDateTime(ms: number, ianaZone: string): string {
  return DateTime.fromMillis(ms, { zone: ianaZone }).toFormat("yyyy-LL-dd'T'HH:mm:ss.SSS'0000'");
}

/** "2026-11-23T09:00:00.1230000Z", as in createdDateTime / lastModifiedDateTime. */
export function formatUtcTimestamp(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat("yyyy-LL-dd'T'HH:mm:ss.SSS'0000Z'");
}

/** The wall-clock date ("2026-11-23") of an instant in a zone. */
export function localDate(ms: number, ianaZone: string): string {
  return DateTime.fromMillis(ms, { zone: ianaZone }).toISODate() ?? '';
}

/**
 * A dateTimeTimeZone body value ({dateTime, timeZone}) as an instant. An explicit offset in dateTime wins,
 * as it does in Graph. Undefined when either part is unusable.
 */
export function parseDateTimeTimeZone(value: unknown): { ms: number; timeZone: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { dateTime, timeZone } = value as { dateTime?: unknown; timeZone?: unknown };
  if (typeof dateTime !== 'string') return undefined;
  const zoneName = typeof timeZone === 'string' && timeZone.trim() !== '' ? timeZone : 'UTC';
  const iana = ianaZoneFor(zoneName);
  if (!iana) return undefined;
  const parsed = DateTime.fromISO(dateTime, { zone: iana });
  return parsed.isValid ? { ms: parsed.toMillis(), timeZone: zoneName } : undefined;
}

/**
 * A startDateTime/endDateTime query value. Without an offset Graph reads it as UTC. A space where the
 * offset's "+" should be is read as "+": clients that forget to percent-encode "+" get the benefit of the
 * doubt here (real Graph's handling of that mistake is not documented).
 */
export function parseQueryInstant(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const repaired = value.replace(/ (\d{2}:?\d{2})$/, '+$1');
  const parsed = DateTime.fromISO(repaired, { zone: 'UTC', setZone: true });
  return parsed.isValid ? parsed.toMillis() : undefined;
}

/** An ISO instant with an explicit offset or Z (scenario files must say which zone they mean). */
export function parseIsoWithOffset(value: string): number | undefined {
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(value)) return undefined;
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : undefined;
}

const RELATIVE_TIME = /^(today|tomorrow|yesterday)([+-]\d{1,3})? ([01]\d|2[0-3]):([0-5]\d)$/;

export function isRelativeTime(value: string): boolean {
  return RELATIVE_TIME.test(value);
}

/**
 * "today 09:00", "today+2 14:30", "tomorrow 08:15": a wall time relative to the simulator's day in
 * `ianaZone`, so a scenario file stays a realistic day whenever it is run.
 */
export function resolveRelativeTime(value: string, nowMs: number, ianaZone: string): number | undefined {
  const m = RELATIVE_TIME.exec(value);
  if (!m) return undefined;
  const base = m[1] === 'tomorrow' ? 1 : m[1] === 'yesterday' ? -1 : 0;
  const days = base + (m[2] ? Number(m[2]) : 0);
  return DateTime.fromMillis(nowMs, { zone: ianaZone })
    .startOf('day')
    .plus({ days })
    .set({ hour: Number(m[3]), minute: Number(m[4]) })
    .toMillis();
}

/** Minutes since local midnight of an instant in a zone, and the lower-case weekday name. */
export function localClock(ms: number, ianaZone: string): { minutes: number; weekday: string; date: string } {
  const dt = DateTime.fromMillis(ms, { zone: ianaZone });
  return {
    minutes: dt.hour * 60 + dt.minute + dt.second / 60,
    weekday: dt.setLocale('en-US').toFormat('cccc').toLowerCase(),
    date: dt.toISODate() ?? '',
  };
}

/** "08:00", "08:00:00" or "08:00:00.0000000" → minutes since midnight. */
export function parseTimeOfDay(value: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,7})?)?$/.exec(value);
  if (!m) return undefined;
  return Number(m[1]) * 60 + Number(m[2]) + Number(m[3] ?? 0) / 60;
}

/** "08:00" → "08:00:00.0000000", the form Graph uses in workingHours. */
export function formatTimeOfDay(value: string): string {
  const minutes = parseTimeOfDay(value) ?? 0;
  const h = Math.floor(minutes / 60);
  const m = Math.floor(minutes % 60);
  const s = Math.round((minutes * 60) % 60);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(h)}:${two(m)}:${two(s)}.0000000`;
}

export function addDays(ms: number, days: number, ianaZone: string): number {
  return DateTime.fromMillis(ms, { zone: ianaZone }).plus({ days }).toMillis();
}

export function addWeeks(ms: number, weeks: number, ianaZone: string): number {
  return DateTime.fromMillis(ms, { zone: ianaZone }).plus({ weeks }).toMillis();
}
