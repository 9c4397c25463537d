import type { ShowAs } from './event.js';

export type RoomStatus = 'free' | 'soon' | 'busy' | 'awaiting-checkin';

/** An event as the door may show it (already redacted). */
export interface Meeting {
  readonly id: string;
  readonly subject: string;
  readonly organizer: string | null;
  readonly start: number;
  readonly end: number;
  readonly isPrivate: boolean;
  readonly isAllDay: boolean;
  readonly isTentative: boolean;
  readonly isCancelled: boolean;
  /** False for cancelled and `showAs: free` events: listed, but they leave the room free. */
  readonly blocksRoom: boolean;
  readonly showAs: ShowAs;
}

export interface CheckInWindow {
  readonly eventId: string;
  readonly opensAt: number;
  readonly closesAt: number;
}

export interface RoomState {
  readonly now: number;
  readonly status: RoomStatus;
  /** The meeting taking the room now, if any. */
  readonly current: Meeting | null;
  /** The next meeting that will take the room. */
  readonly next: Meeting | null;
  /** When free: start of the next busy stretch (null: nothing booked ahead). */
  readonly freeUntil: number | null;
  /** When busy: end of the busy stretch, back-to-back and overlapping meetings merged. */
  readonly busyUntil: number | null;
  /** Today's events in the room's zone, all-day first, then by start. */
  readonly agenda: readonly Meeting[];
  /** An open check-in window for a meeting not yet checked in. */
  readonly checkIn: CheckInWindow | null;
  /** The first instant after `now` at which derive() may answer differently. */
  readonly nextChangeAt: number;
}
