// Every mailbox's calendar items. A meeting exists once per mailbox (organizer's copy, each attendee's
// copy), linked by iCalUId, as in Exchange; the booking assistant keeps the room's copy in step.
import { randomBytes } from 'node:crypto';

export type ResponseType = 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';
export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
export type Sensitivity = 'normal' | 'personal' | 'private' | 'confidential';
export type EventType = 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';
export type AttendeeType = 'required' | 'optional' | 'resource';

export interface EmailAddress {
  name: string;
  address: string;
}

export interface Attendee {
  type: AttendeeType;
  emailAddress: EmailAddress;
  response: ResponseType;
  /** Epoch ms of the response; undefined = never answered (Graph shows 0001-01-01). */
  responseTime?: number;
}

export interface RecurrenceRule {
  type: 'daily' | 'weekly';
  interval: number;
  occurrences: number;
}

export interface StoredEvent {
  id: string;
  /** Lower-case email of the mailbox whose calendar holds this copy. */
  mailbox: string;
  iCalUId: string;
  subject: string;
  bodyPreview: string;
  bodyContentType: 'text' | 'html';
  bodyContent: string;
  startMs: number;
  endMs: number;
  /** Zone name as the creator gave it (may be a Windows name); the event's "own" zone. */
  timeZone: string;
  isAllDay: boolean;
  isCancelled: boolean;
  showAs: ShowAs;
  sensitivity: Sensitivity;
  type: EventType;
  seriesMasterId?: string;
  recurrence?: RecurrenceRule;
  organizer: EmailAddress;
  isOrganizer: boolean;
  attendees: Attendee[];
  /** This mailbox's own answer (responseStatus). */
  response: ResponseType;
  responseTime?: number;
  transactionId?: string;
  location: string;
  /** Set on a room's copy: the room's address, for locations[].locationUri. */
  locationUri?: string;
  categories: string[];
  importance: 'low' | 'normal' | 'high';
  createdMs: number;
  lastModifiedMs: number;
  changeKey: string;
  /** A room's copy that its booking assistant has not answered yet. */
  awaitingBookingAssistant?: boolean;
  /** singleValueExtendedProperties by property id (e.g. "String {guid} Name CheckedIn"). */
  extendedProperties?: Record<string, string>;
}

export type NewEvent = Omit<StoredEvent, 'id' | 'createdMs' | 'lastModifiedMs' | 'changeKey'> & { id?: string };

function base64Url(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** Shaped like an Exchange item id ("AAMkAG…AAA="), including the '=' that careless URL building breaks. */
export function newItemId(): string {
  return `AAMkAGSim${base64Url(60)}AAA=`;
}

export function newChangeKey(): string {
  return `DwAAABYAAA${randomBytes(18).toString('base64')}`;
}

export function newICalUId(): string {
  return `040000008200E00074C5B7101A82E00800000000${randomBytes(28).toString('hex').toUpperCase()}`;
}

export class CalendarStore {
  private readonly events = new Map<string, StoredEvent>();

  constructor(private readonly now: () => number) {}

  insert(fields: NewEvent): StoredEvent {
    const at = this.now();
    const event: StoredEvent = { ...fields, id: fields.id ?? newItemId(), createdMs: at, lastModifiedMs: at, changeKey: newChangeKey() };
    this.events.set(event.id, event);
    return event;
  }

  get(id: string): StoredEvent | undefined {
    return this.events.get(id);
  }

  /** Applies a change and gives the item a new changeKey, which is what delta and etags notice. */
  update(id: string, mutate: (event: StoredEvent) => void): StoredEvent | undefined {
    const event = this.events.get(id);
    if (!event) return undefined;
    mutate(event);
    event.lastModifiedMs = Math.max(this.now(), event.lastModifiedMs + 1);
    event.changeKey = newChangeKey();
    return event;
  }

  remove(id: string): StoredEvent | undefined {
    const event = this.events.get(id);
    this.events.delete(id);
    return event;
  }

  eventsOf(mailbox: string): StoredEvent[] {
    const key = mailbox.toLowerCase();
    return [...this.events.values()].filter((e) => e.mailbox === key);
  }

  /** Items overlapping [startMs, endMs), series masters excluded, ordered by start — what calendarView returns. */
  inWindow(mailbox: string, startMs: number, endMs: number): StoredEvent[] {
    return this.eventsOf(mailbox)
      .filter((e) => e.type !== 'seriesMaster' && overlaps(e, startMs, endMs))
      .sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs || a.id.localeCompare(b.id));
  }

  findByTransactionId(mailbox: string, transactionId: string): StoredEvent | undefined {
    const key = mailbox.toLowerCase();
    return [...this.events.values()].find((e) => e.mailbox === key && e.transactionId === transactionId);
  }

  copiesOf(iCalUId: string): StoredEvent[] {
    return [...this.events.values()].filter((e) => e.iCalUId === iCalUId);
  }

  occurrencesOf(seriesMasterId: string): StoredEvent[] {
    return [...this.events.values()].filter((e) => e.seriesMasterId === seriesMasterId);
  }
}

/** Zero-length items count when they start inside the window; others when they overlap it at all. */
export function overlaps(e: { startMs: number; endMs: number }, startMs: number, endMs: number): boolean {
  if (e.endMs === e.startMs) return e.startMs >= startMs && e.startMs < endMs;
  return e.startMs < endMs && e.endMs > startMs;
}
