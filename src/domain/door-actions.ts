import { blocksRoom, type CalendarEvent, type CheckIn } from './event.js';
import type { RoomState } from './room-state.js';
import { bookingOptions, type BookingOption, type WalkUpPolicy } from './walk-up.js';
import { minutes } from './time.js';

/**
 * A door action not yet confirmed by the calendar, as the door must already show it: the person
 * who just booked sees the room as theirs, the one who ended early sees it free.
 */
export type PendingChange =
  /** A walk-up booking on its way; `tentative` while the room's booking assistant has not answered. */
  | { readonly kind: 'book'; readonly id: string; readonly subject: string; readonly start: number; readonly end: number; readonly tentative: boolean }
  | { readonly kind: 'set-end'; readonly eventId: string; readonly end: number }
  | { readonly kind: 'drop'; readonly eventId: string };

/** The calendar as it will be once the pending changes land. Walk-up bookings count as checked in. */
export function withPending(
  events: readonly CalendarEvent[],
  checkIns: readonly CheckIn[],
  changes: readonly PendingChange[],
): { events: CalendarEvent[]; checkIns: CheckIn[] } {
  let out = [...events];
  const ins = [...checkIns];
  for (const c of changes) {
    if (c.kind === 'book') {
      out.push({
        id: c.id,
        subject: c.subject,
        organizer: null,
        start: c.start,
        end: c.end,
        isAllDay: false,
        showAs: c.tentative ? 'tentative' : 'busy',
        isCancelled: false,
        roomResponse: 'organizer',
        sensitivity: 'normal',
      });
      ins.push({ eventId: c.id, at: c.start });
    } else if (c.kind === 'set-end') {
      out = out.map((e) => (e.id === c.eventId ? { ...e, end: Math.max(e.start, c.end) } : e));
    } else {
      out = out.filter((e) => e.id !== c.eventId);
    }
  }
  return { events: out, checkIns: ins };
}

export interface DoorPolicy {
  readonly walkUp: WalkUpPolicy;
  /** Extensions offered for a meeting in progress, each only if the room is free that long after it. */
  readonly extendMinutes: readonly number[];
}

export const DEFAULT_EXTEND_MINUTES: readonly number[] = [15, 30];

export interface DoorOffers {
  readonly book: BookingOption[];
  /** Free (or soon) but too briefly for the shortest booking. */
  readonly tooShort: boolean;
  readonly checkIn: string | null;
  readonly endEarly: string | null;
  readonly extend: { readonly eventId: string; readonly minutes: number[] } | null;
}

/** Nothing left worth ending early: the meeting ends within a minute anyway. */
const END_EARLY_MARGIN_MS = minutes(1);

/**
 * What a passer-by may do now. End early and extend only for a meeting in progress that this
 * device may change (`mayChange`: its own bookings); extend only into free time.
 */
export function doorOffers(
  now: number,
  state: RoomState,
  events: readonly CalendarEvent[],
  mayChange: (eventId: string) => boolean,
  policy: DoorPolicy,
): DoorOffers {
  const book = state.current ? [] : bookingOptions(now, events, policy.walkUp);
  const current = state.current && !state.current.isAllDay && mayChange(state.current.id) ? state.current : null;
  let extend: DoorOffers['extend'] = null;
  if (current) {
    const others = events.filter((e) => blocksRoom(e) && e.id !== current.id);
    const fits = (m: number): boolean => !others.some((e) => e.start < current.end + minutes(m) && e.end > current.end);
    const lengths = policy.extendMinutes.filter(fits);
    if (lengths.length > 0) extend = { eventId: current.id, minutes: lengths };
  }
  return {
    book,
    tooShort: !state.current && book.length === 0,
    checkIn: state.checkIn?.eventId ?? null,
    endEarly: current && current.end - now > END_EARLY_MARGIN_MS ? current.id : null,
    extend,
  };
}

/** A name typed at the door, made safe to put in a subject: one line, no control characters, 40 characters at most. */
export function cleanName(raw: string): string {
  // Control and bidi-override characters could break the subject line or reorder it in Outlook.
  return [...raw.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim()].slice(0, 40).join('');
}

/** "Walk-up booking" or "Walk-up booking: Anna". */
export function walkUpSubject(subject: string, name: string): string {
  const clean = cleanName(name);
  return clean === '' ? subject : `${subject}: ${clean}`;
}
