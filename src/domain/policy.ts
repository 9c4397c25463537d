import type { PrivacyMode } from './privacy.js';

/** The rules a room is derived by. Defaults are what most room displays ship with. */
export interface CheckInPolicy {
  /** When false, meetings never wait for a check-in. */
  readonly required: boolean;
  readonly opensMinutesBefore: number;
  readonly closesMinutesAfter: number;
}

export interface RoomPolicy {
  /** IANA zone of the room; decides "today" and midnight. */
  readonly timeZone: string;
  /** A meeting starting within this many minutes makes a free room "soon". */
  readonly soonMinutes: number;
  readonly checkIn: CheckInPolicy;
  /** What the corridor may read about a meeting; private events are always redacted. */
  readonly privacy: PrivacyMode;
}

export const DEFAULT_POLICY: RoomPolicy = {
  timeZone: 'UTC',
  soonMinutes: 10,
  checkIn: { required: false, opensMinutesBefore: 5, closesMinutesAfter: 10 },
  privacy: 'subject',
};

/** Meetings this long are never waited on for a check-in (nor released, later). */
export const LONG_MEETING_MS = 8 * 60 * 60 * 1000;
