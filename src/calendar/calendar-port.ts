import type { CalendarEvent } from '../domain/event.js';
import type { Store } from '../store/store.js';

export interface NewBooking {
  /** The outbox's id for this action: a resent POST with it returns the first event, never a second. */
  readonly transactionId: string;
  readonly subject: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The calendar writes door actions need. Microsoft 365 implements it through GraphWriter; the demo
 * room through the local cache. One executor holds the rules for both.
 */
export interface CalendarPort {
  /** The room's calendar for a slot, read fresh. */
  slot(start: number, end: number): Promise<{ event: CalendarEvent; iCalUId: string }[]>;
  createAsRoom(b: NewBooking): Promise<string>;
  inviteRoom(b: NewBooking): Promise<string>;
  roomAnswer(ownerEventId: string): Promise<'accepted' | 'declined' | 'pending'>;
  myICalUId(ownerEventId: string): Promise<string>;
  setEnd(eventId: string, end: number, owner: 'room' | 'me'): Promise<void>;
  markCheckedIn(eventId: string, at: number): Promise<void>;
  decline(eventId: string, comment: string): Promise<void>;
  cancelOwn(eventId: string, comment: string): Promise<void>;
  cancelMine(ownerEventId: string, comment: string): Promise<void>;
}

/**
 * The demo room: its calendar lives only in the cache, so every write is confirmed at once and
 * the executor's own cache updates are the whole effect.
 */
export function localPort(store: Store): CalendarPort {
  const nothing = (): Promise<void> => Promise.resolve();
  return {
    slot: (start, end) => Promise.resolve(store.events(start, end).map((event) => ({ event, iCalUId: event.id }))),
    createAsRoom: (b) => Promise.resolve(`walk-up-${b.transactionId}`),
    inviteRoom: (b) => Promise.resolve(`walk-up-${b.transactionId}`),
    roomAnswer: () => Promise.resolve('accepted'),
    myICalUId: (id) => Promise.resolve(id),
    setEnd: nothing,
    markCheckedIn: nothing,
    decline: nothing,
    cancelOwn: nothing,
    cancelMine: nothing,
  };
}
