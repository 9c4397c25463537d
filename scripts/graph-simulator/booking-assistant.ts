// The room mailbox's Resource Booking Attendant: a meeting request lands on the room's calendar as
// tentative, and after a delay the room accepts or declines it (conflict, working hours, booking window,
// duration). The product has to wait for that answer, so the delay is real.
import type { Attendee, CalendarStore, NewEvent, StoredEvent } from './calendar-store.js';
import { overlaps } from './calendar-store.js';
import type { Directory, Mailbox } from './directory.js';
import { localClock, parseTimeOfDay } from './graph-time.js';
import type { BookingAssistantSettings } from './scenario.js';
import { ianaZoneFor } from './windows-time-zones.js';

export type DeclineReason = 'conflict' | 'outsideWorkingHours' | 'beyondBookingWindow' | 'tooLong';
export type BookingDecision = { accept: true } | { accept: false; reason: DeclineReason };

/** A message Exchange would have mailed: booking answers, declines with comments, cancellations. */
export interface Notification {
  at: number;
  kind: 'accepted' | 'declined' | 'tentativelyAccepted' | 'cancelled';
  /** Who answered or cancelled. */
  from: string;
  /** Whom it tells (the organizer, or the attendees for a cancellation). */
  to: string[];
  subject: string;
  iCalUId: string;
  reason?: DeclineReason;
  comment?: string;
}

const DAY_MS = 86_400_000;

function withinWorkingHours(room: Mailbox, startMs: number, endMs: number): boolean {
  const wh = room.workingHours;
  const zone = ianaZoneFor(wh.timeZone ?? room.timeZone) ?? 'UTC';
  const start = localClock(startMs, zone);
  const end = localClock(endMs, zone);
  const open = parseTimeOfDay(wh.startTime) ?? 0;
  const close = parseTimeOfDay(wh.endTime) ?? 24 * 60;
  return (
    start.date === end.date &&
    wh.daysOfWeek.includes(start.weekday as (typeof wh.daysOfWeek)[number]) &&
    start.minutes >= open &&
    end.minutes <= close
  );
}

/** The room's answer to a request for [startMs, endMs), given what is already on its calendar. */
export function decideBooking(
  room: Mailbox,
  settings: BookingAssistantSettings,
  request: { startMs: number; endMs: number; iCalUId: string },
  roomCalendar: readonly StoredEvent[],
  nowMs: number,
): BookingDecision {
  if (request.endMs > nowMs + settings.bookingWindowDays * DAY_MS) return { accept: false, reason: 'beyondBookingWindow' };
  if ((request.endMs - request.startMs) / 60_000 > settings.maximumDurationMinutes) return { accept: false, reason: 'tooLong' };
  if (settings.scheduleOnlyDuringWorkHours && !withinWorkingHours(room, request.startMs, request.endMs)) {
    return { accept: false, reason: 'outsideWorkingHours' };
  }
  if (!settings.allowConflicts) {
    const conflict = roomCalendar.some(
      (e) =>
        e.iCalUId !== request.iCalUId &&
        e.type !== 'seriesMaster' &&
        !e.isCancelled &&
        !e.awaitingBookingAssistant &&
        e.showAs !== 'free' &&
        overlaps(e, request.startMs, request.endMs),
    );
    if (conflict) return { accept: false, reason: 'conflict' };
  }
  return { accept: true };
}

/** AddOrganizerToSubject / DeleteSubject: what the room's copy is called. */
export function roomCopySubject(settings: BookingAssistantSettings, organizerName: string, subject: string): string {
  const parts: string[] = [];
  if (settings.addOrganizerToSubject) parts.push(organizerName);
  if (!settings.deleteSubject) parts.push(subject);
  return parts.filter((p) => p !== '').join(' ');
}

interface Deps {
  store: CalendarStore;
  directory: Directory;
  now: () => number;
  notify: (n: Notification) => void;
}

export class BookingAssistant {
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; run: () => void }>();

  constructor(private readonly deps: Deps) {}

  /** Rooms (with an assistant) invited to a meeting organised in another mailbox. */
  private invitedRooms(organizerCopy: StoredEvent): Mailbox[] {
    const rooms: Mailbox[] = [];
    for (const a of organizerCopy.attendees) {
      const m = this.deps.directory.find(a.emailAddress.address);
      if (m?.kind === 'room' && m.bookingAssistant && m.key !== organizerCopy.mailbox && !rooms.includes(m)) rooms.push(m);
    }
    return rooms;
  }

  private roomCopy(room: Mailbox, iCalUId: string): StoredEvent | undefined {
    return this.deps.store.copiesOf(iCalUId).find((e) => e.mailbox === room.key);
  }

  private copyFields(organizerCopy: StoredEvent, room: Mailbox, settings: BookingAssistantSettings): Omit<NewEvent, 'response' | 'showAs'> {
    return {
      mailbox: room.key,
      iCalUId: organizerCopy.iCalUId,
      subject: roomCopySubject(settings, organizerCopy.organizer.name, organizerCopy.subject),
      bodyPreview: settings.deleteComments ? '' : organizerCopy.bodyPreview,
      bodyContentType: organizerCopy.bodyContentType,
      bodyContent: settings.deleteComments ? '' : organizerCopy.bodyContent,
      startMs: organizerCopy.startMs,
      endMs: organizerCopy.endMs,
      timeZone: organizerCopy.timeZone,
      isAllDay: organizerCopy.isAllDay,
      isCancelled: false,
      sensitivity: settings.removePrivateProperty ? 'normal' : organizerCopy.sensitivity,
      type: organizerCopy.type,
      organizer: { ...organizerCopy.organizer },
      isOrganizer: false,
      attendees: organizerCopy.attendees.map((a): Attendee => ({ ...a, emailAddress: { ...a.emailAddress } })),
      location: organizerCopy.location || room.displayName,
      locationUri: room.email,
      categories: [],
      importance: organizerCopy.importance,
    };
  }

  private schedule(key: string, delayMs: number, run: () => void): void {
    const previous = this.timers.get(key);
    if (previous) clearTimeout(previous.timer);
    const wrapped = (): void => {
      this.timers.delete(key);
      run();
    };
    // Unref: a simulator a test forgot to close must not keep the process alive for a booking.
    const timer = setTimeout(wrapped, delayMs).unref();
    this.timers.set(key, { timer, run: wrapped });
  }

  /** A meeting was created or changed in its organizer's mailbox: deliver it to each invited room. */
  deliverMeeting(organizerCopy: StoredEvent, previouslyInvited: readonly string[] = []): void {
    const rooms = this.invitedRooms(organizerCopy);
    for (const room of rooms) {
      const settings = room.bookingAssistant as BookingAssistantSettings;
      const existing = this.roomCopy(room, organizerCopy.iCalUId);
      if (existing) {
        this.deps.store.update(existing.id, (e) => Object.assign(e, this.copyFields(organizerCopy, room, settings)));
      } else if (settings.addNewRequestsTentatively) {
        this.deps.store.insert({
          ...this.copyFields(organizerCopy, room, settings),
          response: 'notResponded',
          showAs: 'tentative',
          awaitingBookingAssistant: true,
        });
      }
      if (settings.autoAccept) {
        this.schedule(`${room.key}|${organizerCopy.iCalUId}`, settings.delayMs, () => this.answer(room, organizerCopy.iCalUId));
      }
    }
    const stillInvited = new Set(rooms.map((r) => r.key));
    for (const address of previouslyInvited) {
      const room = this.deps.directory.find(address);
      if (room?.kind === 'room' && room.bookingAssistant && !stillInvited.has(room.key)) this.withdraw(room, organizerCopy);
    }
  }

  /** The organizer cancelled or deleted the meeting: each room removes its copy after its delay. */
  deliverCancellation(organizerCopy: StoredEvent): void {
    for (const room of this.invitedRooms(organizerCopy)) this.withdraw(room, organizerCopy);
  }

  private withdraw(room: Mailbox, organizerCopy: StoredEvent): void {
    const settings = room.bookingAssistant as BookingAssistantSettings;
    const iCalUId = organizerCopy.iCalUId;
    this.schedule(`${room.key}|${iCalUId}`, settings.delayMs, () => {
      const copy = this.roomCopy(room, iCalUId);
      if (copy) this.deps.store.remove(copy.id);
    });
  }

  private answer(room: Mailbox, iCalUId: string): void {
    const { store, now, notify } = this.deps;
    const settings = room.bookingAssistant as BookingAssistantSettings;
    const organizerCopy = store.copiesOf(iCalUId).find((e) => e.isOrganizer);
    const existing = this.roomCopy(room, iCalUId);
    if (!organizerCopy || organizerCopy.isCancelled) {
      if (existing) store.remove(existing.id);
      return;
    }
    const at = now();
    const decision = decideBooking(room, settings, organizerCopy, store.eventsOf(room.key), at);
    const response = decision.accept ? 'accepted' : 'declined';
    if (decision.accept) {
      const fields = {
        ...this.copyFields(organizerCopy, room, settings),
        response: 'accepted' as const,
        responseTime: at,
        showAs: organizerCopy.showAs === 'free' ? ('free' as const) : ('busy' as const),
        awaitingBookingAssistant: false,
      };
      if (existing) store.update(existing.id, (e) => Object.assign(e, fields));
      else store.insert(fields);
    } else if (existing) {
      store.remove(existing.id);
    }
    store.update(organizerCopy.id, (e) => {
      for (const a of e.attendees) {
        if (a.emailAddress.address.toLowerCase() === room.key) {
          a.response = response;
          a.responseTime = at;
        }
      }
    });
    notify({
      at,
      kind: response,
      from: room.email,
      to: [organizerCopy.organizer.address],
      subject: organizerCopy.subject,
      iCalUId,
      ...(decision.accept ? {} : { reason: decision.reason }),
    });
  }

  /** Someone answered for the room by hand: its assistant must not overrule that later. */
  forget(room: Mailbox, iCalUId: string): void {
    const key = `${room.key}|${iCalUId}`;
    const waiting = this.timers.get(key);
    if (waiting) clearTimeout(waiting.timer);
    this.timers.delete(key);
  }

  /** Answers every waiting request now instead of after its delay. */
  processPending(): void {
    const waiting = [...this.timers.values()];
    for (const { timer, run } of waiting) {
      clearTimeout(timer);
      run();
    }
  }

  get pending(): number {
    return this.timers.size;
  }

  close(): void {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
