import { DateTime } from 'luxon';
import type { CalendarEvent, RoomResponse, Sensitivity, ShowAs } from '../../domain/event.js';
import { zoneMidnight } from '../../domain/time.js';
import type { GraphDateTime, GraphEvent } from './graph-event.js';
import { toIanaZone } from './time-zones.js';

export type MappedEvent =
  | { readonly kind: 'event'; readonly event: CalendarEvent }
  | { readonly kind: 'removed'; readonly id: string }
  | { readonly kind: 'skipped'; readonly reason: string };

export interface MapContext {
  /** The room mailbox, lower-case: an event it organizes is its own booking. */
  readonly roomEmail: string;
  /** IANA zone of the room: all-day events are placed at its midnights. */
  readonly roomZone: string;
}

const SHOW_AS: readonly ShowAs[] = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'];
const SENSITIVITY: readonly Sensitivity[] = ['normal', 'personal', 'private', 'confidential'];
const RESPONSES: readonly RoomResponse[] = ['none', 'organizer', 'tentativelyAccepted', 'accepted', 'declined', 'notResponded'];

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Graph's "2026-11-23T09:00:00.0000000" in its stated zone, as epoch ms; null when unreadable. */
export function graphInstant(dt: GraphDateTime | undefined): number | null {
  const zone = toIanaZone(str(dt?.timeZone) || 'UTC');
  const local = str(dt?.dateTime);
  if (!zone || !local) return null;
  const parsed = DateTime.fromISO(local, { zone });
  return parsed.isValid ? parsed.toMillis() : null;
}

/** All-day events are dates, not instants: place them at the room's own midnights. */
function allDayInstant(dt: GraphDateTime | undefined, roomZone: string): number | null {
  const date = /^(\d{4}-\d\d-\d\d)/.exec(str(dt?.dateTime))?.[1];
  if (!date) return null;
  try {
    return zoneMidnight(date, roomZone);
  } catch {
    return null;
  }
}

/**
 * One Graph event (from calendarView or its delta) to Lintel's event. Hostile input is
 * expected: a field of the wrong type falls back to a safe value, an event without an id
 * or readable times is skipped (and said why), never thrown on.
 */
export function mapGraphEvent(raw: GraphEvent, ctx: MapContext): MappedEvent {
  const id = str(raw.id);
  if (!id) return { kind: 'skipped', reason: 'event without an id' };
  if (raw['@removed'] !== undefined) return { kind: 'removed', id };

  const isAllDay = raw.isAllDay === true;
  const start = isAllDay ? allDayInstant(raw.start, ctx.roomZone) : graphInstant(raw.start);
  const end = isAllDay ? allDayInstant(raw.end, ctx.roomZone) : graphInstant(raw.end);
  if (start === null || end === null) return { kind: 'skipped', reason: `event ${id} has unreadable start/end times` };

  const organizerEmail = str(raw.organizer?.emailAddress?.address);
  const organizerName = str(raw.organizer?.emailAddress?.name);
  const ownBooking = organizerEmail.toLowerCase() === ctx.roomEmail.toLowerCase();
  return {
    kind: 'event',
    event: {
      id,
      subject: str(raw.subject),
      organizer: organizerEmail || organizerName ? { name: organizerName || organizerEmail, email: organizerEmail } : null,
      start,
      end,
      isAllDay,
      showAs: oneOf(raw.showAs, SHOW_AS, 'busy'),
      isCancelled: raw.isCancelled === true,
      roomResponse: ownBooking ? 'organizer' : oneOf(raw.responseStatus?.response, RESPONSES, 'none'),
      sensitivity: oneOf(raw.sensitivity, SENSITIVITY, 'normal'),
    },
  };
}
