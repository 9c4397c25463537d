import type { CalendarEvent, RoomResponse, Sensitivity, ShowAs } from '../domain/event.js';
import { minutes, startOfDay, nextMidnight } from '../domain/time.js';
import type { CalendarSource, RoomInfo, SyncRequest, SyncResult } from './source.js';

interface DemoMeeting {
  readonly offsetMin: number;
  readonly durationMin: number;
  readonly subject: string;
  readonly organizer: string;
  readonly showAs?: ShowAs;
  readonly sensitivity?: Sensitivity;
  readonly isCancelled?: boolean;
  readonly roomResponse?: RoomResponse;
}

/**
 * A believable day around the moment the demo starts: a meeting under way that ends in a few
 * minutes, the next one soon after, back-to-back meetings, a long gap, a private, a tentative
 * and a cancelled meeting. Offsets are minutes from the anchor (now, floored to 5 min).
 */
const DAY: readonly DemoMeeting[] = [
  { offsetMin: -240, durationMin: 45, subject: 'Morning stand-up: Facilities', organizer: 'Priya Natarajan' },
  { offsetMin: -180, durationMin: 60, subject: 'Weekly planning', organizer: 'Ana Ruiz' },
  { offsetMin: -120, durationMin: 30, subject: 'Design review: lobby signage', organizer: 'Tom Becker' },
  { offsetMin: -75, durationMin: 30, subject: 'Salary talk', organizer: 'Jordan Lee', sensitivity: 'private' },
  { offsetMin: -25, durationMin: 30, subject: 'Product sync', organizer: 'Mei Chen' },
  { offsetMin: 15, durationMin: 45, subject: 'Customer call — Contoso', organizer: 'Lars Eriksson' },
  { offsetMin: 60, durationMin: 30, subject: 'Sprint retrospective', organizer: 'Mei Chen' },
  { offsetMin: 90, durationMin: 30, subject: 'Hiring sync (to be confirmed)', organizer: 'Ana Ruiz', showAs: 'tentative' },
  { offsetMin: 150, durationMin: 60, subject: 'Vendor demo: new projectors', organizer: 'Tom Becker', isCancelled: true },
  { offsetMin: 300, durationMin: 60, subject: 'Interview panel', organizer: 'Jordan Lee' },
];

/** The demo day lasts this long after its anchor; then a fresh day is anchored at "now". */
const DAY_SPAN_MIN = 6 * 60;

export const DEMO_ROOM: Omit<RoomInfo, 'timeZone'> = {
  name: 'Aurora',
  email: 'aurora.demo@lintel.invalid',
  capacity: 8,
};

export function demoEvents(anchor: number, timeZone: string): CalendarEvent[] {
  const timed = DAY.map((m, i): CalendarEvent => ({
    id: `demo-${anchor}-${i}`,
    subject: m.subject,
    organizer: { name: m.organizer, email: `${m.organizer.toLowerCase().replace(/[^a-z]+/g, '.')}@lintel.invalid` },
    start: anchor + minutes(m.offsetMin),
    end: anchor + minutes(m.offsetMin + m.durationMin),
    isAllDay: false,
    showAs: m.showAs ?? 'busy',
    isCancelled: m.isCancelled ?? false,
    roomResponse: m.roomResponse ?? 'accepted',
    sensitivity: m.sensitivity ?? 'normal',
  }));
  const dayStart = startOfDay(anchor, timeZone);
  const allDay: CalendarEvent = {
    id: `demo-${anchor}-all-day`,
    subject: 'Facilities: window cleaning on this floor',
    organizer: { name: 'Facilities Desk', email: 'facilities@lintel.invalid' },
    start: dayStart,
    end: nextMidnight(dayStart, timeZone),
    isAllDay: true,
    showAs: 'free',
    isCancelled: false,
    roomResponse: 'accepted',
    sensitivity: 'normal',
  };
  return [allDay, ...timed];
}

function anchorFor(now: number): number {
  return Math.floor(now / minutes(5)) * minutes(5);
}

/** The embedded demo room. It moves on by itself: when its day is over it books a new one. */
export class DemoCalendarSource implements CalendarSource {
  readonly kind = 'demo';

  constructor(private readonly timeZone: string) {}

  room(): Promise<RoomInfo> {
    return Promise.resolve({ ...DEMO_ROOM, timeZone: this.timeZone });
  }

  sync(request: SyncRequest): Promise<SyncResult> {
    const anchor = request.cursor?.startsWith('demo:') ? Number(request.cursor.slice(5)) : NaN;
    if (Number.isFinite(anchor) && request.now < anchor + minutes(DAY_SPAN_MIN)) {
      return Promise.resolve({ batch: { kind: 'delta', upserts: [], removedIds: [] }, cursor: request.cursor, window: request.window });
    }
    const fresh = anchorFor(request.now);
    return Promise.resolve({
      batch: { kind: 'full', events: demoEvents(fresh, this.timeZone) },
      cursor: `demo:${fresh}`,
      window: request.window,
    });
  }
}
