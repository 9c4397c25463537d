import { blocksRoom, type CalendarEvent, type CheckIn } from './event.js';
import { LONG_MEETING_MS } from './policy.js';
import { minutes } from './time.js';

/** How walk-up bookings are offered at the door. */
export interface WalkUpPolicy {
  /** No booking is offered unless the room is free for at least this long from now. */
  readonly minFreeMinutes: number;
  /** Fixed lengths offered, e.g. 15 / 30 / 60. */
  readonly durationsMinutes: readonly number[];
  /** Ends are rounded up to this grid, so a booking made at 10:02 for 15 min ends at 10:20. */
  readonly roundToMinutes: number;
}

export const DEFAULT_WALK_UP: WalkUpPolicy = { minFreeMinutes: 10, durationsMinutes: [15, 30, 60], roundToMinutes: 5 };

export type BookingOption =
  | { readonly kind: 'duration'; readonly minutes: number; readonly start: number; readonly end: number }
  /** Until the next meeting takes the room. */
  | { readonly kind: 'until-next'; readonly start: number; readonly end: number };

function roundUp(t: number, step: number): number {
  return step > 0 ? Math.ceil(t / step) * step : t;
}

/** When the room is next taken after `now`, or null if nothing is booked ahead; `now` itself when taken now. */
function freeUntil(now: number, events: readonly CalendarEvent[]): number | null {
  const blocking = events.filter(blocksRoom);
  if (blocking.some((e) => e.start <= now && now < e.end)) return now;
  const starts = blocking.filter((e) => e.start > now).map((e) => e.start);
  return starts.length > 0 ? Math.min(...starts) : null;
}

/**
 * What the door may offer a passer-by now: each fixed length whose rounded end still fits
 * before the next meeting, and "until the next meeting" when that is a different end. Nothing
 * when the room is taken or free for less than the minimum.
 */
export function bookingOptions(now: number, events: readonly CalendarEvent[], policy: WalkUpPolicy): BookingOption[] {
  const until = freeUntil(now, events);
  if (until !== null && until - now < minutes(policy.minFreeMinutes)) return [];
  const options: BookingOption[] = [];
  for (const length of [...policy.durationsMinutes].sort((a, b) => a - b)) {
    const end = roundUp(now + minutes(length), minutes(policy.roundToMinutes));
    if (until === null || end <= until) options.push({ kind: 'duration', minutes: length, start: now, end });
  }
  if (until !== null && !options.some((o) => o.end === until)) options.push({ kind: 'until-next', start: now, end: until });
  return options;
}

/** When a no-show meeting is released. */
export interface ReleasePolicy {
  /** Off by default: releasing someone's meeting is a choice the facilities team makes. */
  readonly enabled: boolean;
  readonly afterMinutes: number;
}

export const DEFAULT_RELEASE: ReleasePolicy = { enabled: false, afterMinutes: 10 };

/** Never released: all-day events and meetings of 8 h or more (workshops, room blocks). */
export function mayBeReleased(event: CalendarEvent): boolean {
  return blocksRoom(event) && !event.isAllDay && event.end - event.start < LONG_MEETING_MS;
}

/**
 * Meetings to release now: started at least `afterMinutes` ago, still running, nobody checked in
 * (an occupancy signal counts as a check-in; the caller records it as one).
 */
export function dueReleases(now: number, events: readonly CalendarEvent[], checkIns: readonly CheckIn[], policy: ReleasePolicy): CalendarEvent[] {
  if (!policy.enabled) return [];
  const checkedIn = new Set(checkIns.map((c) => c.eventId));
  return events.filter((e) => mayBeReleased(e) && !checkedIn.has(e.id) && now >= e.start + minutes(policy.afterMinutes) && now < e.end);
}
