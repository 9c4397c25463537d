import { DateTime } from 'luxon';
import type { SyncWindow } from '../calendar/source.js';

/** [start of yesterday, start of today + 7 days) in the room's zone: yesterday for late-running meetings, a week ahead. */
export function syncWindowFor(now: number, timeZone: string): SyncWindow {
  const today = DateTime.fromMillis(now, { zone: timeZone }).startOf('day');
  return { start: today.minus({ days: 1 }).toMillis(), end: today.plus({ days: 7 }).toMillis() };
}
