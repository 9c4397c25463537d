/** What the room's calendar says, normalised. Instants are epoch milliseconds (UTC). */
export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
export type Sensitivity = 'normal' | 'personal' | 'private' | 'confidential';
/** The room mailbox's own answer to the meeting. */
export type RoomResponse =
  | 'none'
  | 'organizer'
  | 'tentativelyAccepted'
  | 'accepted'
  | 'declined'
  | 'notResponded';

export interface Person {
  readonly name: string;
  readonly email: string;
}

export interface CalendarEvent {
  readonly id: string;
  readonly subject: string;
  readonly organizer: Person | null;
  readonly start: number;
  /** Exclusive. For all-day events: the zone midnight after the last day. */
  readonly end: number;
  readonly isAllDay: boolean;
  readonly showAs: ShowAs;
  readonly isCancelled: boolean;
  readonly roomResponse: RoomResponse;
  readonly sensitivity: Sensitivity;
}

export interface CheckIn {
  readonly eventId: string;
  readonly at: number;
}

/** An event that takes the room: the only kind that can make it busy. */
export function blocksRoom(event: CalendarEvent): boolean {
  return (
    !event.isCancelled &&
    event.roomResponse !== 'declined' &&
    event.showAs !== 'free' &&
    event.end > event.start
  );
}
