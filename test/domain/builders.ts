import type { CalendarEvent } from '../../src/domain/event.js';
import { DEFAULT_POLICY, type RoomPolicy } from '../../src/domain/policy.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A calendar event with sensible defaults: a normal, accepted, busy, timed meeting. */
export function event(fields: Partial<CalendarEvent> & Pick<CalendarEvent, 'id' | 'start' | 'end'>): CalendarEvent {
  return {
    subject: `Meeting ${fields.id}`,
    organizer: { name: `Organizer of ${fields.id}`, email: `${fields.id}@example.com` },
    isAllDay: false,
    showAs: 'busy',
    isCancelled: false,
    roomResponse: 'accepted',
    sensitivity: 'normal',
    ...fields,
  };
}

/** DEFAULT_POLICY with some fields replaced (checkIn merged field by field). */
export function policy(
  fields: Partial<Omit<RoomPolicy, 'checkIn'>> & { checkIn?: Partial<RoomPolicy['checkIn']> } = {},
): RoomPolicy {
  return {
    ...DEFAULT_POLICY,
    ...fields,
    checkIn: { ...DEFAULT_POLICY.checkIn, ...fields.checkIn },
  };
}
