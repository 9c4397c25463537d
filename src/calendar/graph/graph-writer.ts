import type { GraphHttp } from './graph-http.js';
import { GraphFailure } from './graph-failure.js';
import type { CalendarEvent } from '../../domain/event.js';
import type { CalendarPort, NewBooking } from '../calendar-port.js';
import type { GraphEvent } from './graph-event.js';
import { graphDateTime, windowQuery } from './graph-time.js';
import { mapGraphEvent } from './map-event.js';

/**
 * Named single-value extended property that mirrors a door check-in on the event (delta sync
 * cannot $expand it, so SQLite stays the source of truth; this is for other systems to read).
 */
export const CHECK_IN_PROPERTY = 'String {6a9c1e4b-7d2f-4f3a-9b8e-2c5d0e7f1a36} Name LintelCheckedInAt';

function idOf(body: unknown): string {
  const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
  if (typeof id !== 'string' || id === '') {
    throw new GraphFailure({ kind: 'bad-request', code: 'NO_EVENT_ID', retryAfterMs: null, advice: 'Graph created the event but returned no id.' });
  }
  return id;
}

export type RoomAnswer = 'accepted' | 'declined' | 'pending';

/** The room's calendar changes the door makes. Every call throws GraphFailure, classified. */
export class GraphWriter implements CalendarPort {
  constructor(
    private readonly http: GraphHttp,
    private readonly roomEmail: string,
    /** The room's display name (on invitations) and zone (all-day events), which may change while running. */
    private readonly roomNow: () => { readonly name: string; readonly timeZone: string },
  ) {}

  private get room(): string {
    return `/users/${encodeURIComponent(this.roomEmail)}`;
  }

  /** Mode (a): the room organises its own booking; it is on the calendar at once. */
  async createAsRoom(b: NewBooking): Promise<string> {
    const body = await this.http.send('POST', `${this.room}/events`, {
      subject: b.subject,
      start: graphDateTime(b.start),
      end: graphDateTime(b.end),
      showAs: 'busy',
      transactionId: b.transactionId,
      singleValueExtendedProperties: [{ id: CHECK_IN_PROPERTY, value: new Date(b.start).toISOString() }],
    });
    return idOf(body);
  }

  /** Mode (b): the signed-in booking account invites the room; the room's booking assistant answers later. */
  async inviteRoom(b: NewBooking): Promise<string> {
    const roomName = this.roomNow().name;
    const body = await this.http.send('POST', '/me/events', {
      subject: b.subject,
      start: graphDateTime(b.start),
      end: graphDateTime(b.end),
      showAs: 'busy',
      transactionId: b.transactionId,
      location: { displayName: roomName, locationEmailAddress: this.roomEmail },
      attendees: [{ emailAddress: { address: this.roomEmail, name: roomName }, type: 'resource' }],
    });
    return idOf(body);
  }

  /**
   * The room's calendar for one slot, read fresh (not from the cache): the check right before and
   * after a booking that nobody else took the slot meanwhile. Also gives each event's iCalUId.
   */
  async slot(start: number, end: number): Promise<{ event: CalendarEvent; iCalUId: string }[]> {
    const roomZone = this.roomNow().timeZone;
    const body = (await this.http.getJson(`${this.room}/calendarView?${windowQuery(start, end)}&$top=50`)) as { value?: unknown } | null;
    const items = Array.isArray(body?.value) ? (body.value as GraphEvent[]) : [];
    const out: { event: CalendarEvent; iCalUId: string }[] = [];
    for (const raw of items) {
      const mapped = mapGraphEvent(raw, { roomEmail: this.roomEmail, roomZone });
      if (mapped.kind === 'event') out.push({ event: mapped.event, iCalUId: typeof raw.iCalUId === 'string' ? raw.iCalUId : '' });
    }
    return out;
  }

  /** The iCalUId of the booking account's event: it links the room's copy to it. */
  async myICalUId(organizerEventId: string): Promise<string> {
    const body = (await this.http.getJson(`/me/events/${encodeURIComponent(organizerEventId)}?$select=iCalUId`)) as { iCalUId?: unknown } | null;
    return typeof body?.iCalUId === 'string' ? body.iCalUId : '';
  }

  /** Cancels a meeting the booking account organised (undo, or a declined invitation cleaned up). */
  async cancelMine(organizerEventId: string, comment: string): Promise<void> {
    await this.http.send('POST', `/me/events/${encodeURIComponent(organizerEventId)}/cancel`, { comment });
  }

  /** The room's answer to an invitation made by `inviteRoom`, read from the organizer's copy. */
  async roomAnswer(organizerEventId: string): Promise<RoomAnswer> {
    const body = (await this.http.getJson(`/me/events/${encodeURIComponent(organizerEventId)}?$select=attendees`)) as { attendees?: unknown } | null;
    const attendees = Array.isArray(body?.attendees) ? (body.attendees as { emailAddress?: { address?: unknown }; status?: { response?: unknown } }[]) : [];
    const room = attendees.find((a) => typeof a.emailAddress?.address === 'string' && a.emailAddress.address.toLowerCase() === this.roomEmail.toLowerCase());
    const response = room?.status?.response;
    return response === 'accepted' ? 'accepted' : response === 'declined' ? 'declined' : 'pending';
  }

  /** End early or extend: a new end on an event the door may change (mailbox: the organizer's). */
  async setEnd(eventId: string, end: number, owner: 'room' | 'me'): Promise<void> {
    await this.http.send('PATCH', `${owner === 'room' ? this.room : '/me'}/events/${encodeURIComponent(eventId)}`, { end: graphDateTime(end) });
  }

  /** Mirrors a check-in on the room's copy of the event. */
  async markCheckedIn(eventId: string, at: number): Promise<void> {
    await this.http.send('PATCH', `${this.room}/events/${encodeURIComponent(eventId)}`, {
      singleValueExtendedProperties: [{ id: CHECK_IN_PROPERTY, value: new Date(at).toISOString() }],
    });
  }

  /** Releases a no-show: the room declines, so the organizer hears why and the slot is free. */
  async decline(eventId: string, comment: string): Promise<void> {
    await this.http.send('POST', `${this.room}/events/${encodeURIComponent(eventId)}/decline`, { comment, sendResponse: true });
  }

  /** Cancels a booking the room organised itself (declining your own meeting is not possible). */
  async cancelOwn(eventId: string, comment: string): Promise<void> {
    await this.http.send('POST', `${this.room}/events/${encodeURIComponent(eventId)}/cancel`, { comment });
  }
}
