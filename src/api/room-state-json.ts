import type { LedPattern } from '../domain/leds.js';
import type { Meeting, RoomState, RoomStatus } from '../domain/room-state.js';
import { toIsoInZone } from '../domain/time.js';
import type { RoomInfo } from '../calendar/source.js';
import type { SyncStatus } from '../sync/sync-engine.js';
import { API_VERSION, type ActivityJson, type AdminNoticeJson, type DoorActionsJson, type MeetingJson, type RoomStateJson, type SetupPromptJson, type SignInPromptJson } from './contract.js';

export const STATUS_LABELS: Record<RoomStatus, string> = {
  free: 'Free',
  soon: 'Starting soon',
  busy: 'Busy',
  'awaiting-checkin': 'Check in',
};

export interface DisplaySettings {
  readonly locale: string;
  readonly hourCycle: 'h12' | 'h23';
  readonly devOverlay: boolean;
}

/** What the admin must see on the door: a pending device-code sign-in, and things to fix. */
export interface AdminView {
  readonly signIn: SignInPromptJson | null;
  readonly notices: readonly AdminNoticeJson[];
  /** The setup QR code, while unpaired or re-opened. */
  readonly setup?: SetupPromptJson | null;
  /** A hardware long press asked for the admin screen then (ISO). */
  readonly adminRequestedAt?: string | null;
}

export const NO_ADMIN_NEWS: AdminView = { signIn: null, notices: [] };

/** What a passer-by may do, and the door's own actions in flight or just finished. */
export interface DoorView {
  readonly actions: DoorActionsJson;
  readonly activity: readonly ActivityJson[];
}

export const NOTHING_TO_DO: DoorView = {
  actions: { book: [], bookUnavailable: null, askName: false, checkIn: null, endEarly: null, extend: null },
  activity: [],
};

export function toRoomStateJson(
  state: RoomState,
  room: RoomInfo,
  sync: SyncStatus,
  leds: LedPattern,
  display: DisplaySettings,
  admin: AdminView = NO_ADMIN_NEWS,
  door: DoorView = NOTHING_TO_DO,
  occupied: boolean | null = null,
): RoomStateJson {
  const iso = (t: number): string => toIsoInZone(t, room.timeZone);
  const isoOrNull = (t: number | null): string | null => (t === null ? null : iso(t));
  const meeting = (m: Meeting): MeetingJson => ({
    id: m.id,
    subject: m.subject,
    organizer: m.organizer,
    start: iso(m.start),
    end: iso(m.end),
    isPrivate: m.isPrivate,
    isAllDay: m.isAllDay,
    isTentative: m.isTentative,
    isCancelled: m.isCancelled,
    blocksRoom: m.blocksRoom,
    showAs: m.showAs,
  });
  return {
    apiVersion: API_VERSION,
    generatedAt: iso(state.now),
    room: { name: room.name, email: room.email, timeZone: room.timeZone, capacity: room.capacity },
    status: state.status,
    statusLabel: STATUS_LABELS[state.status],
    current: state.current ? meeting(state.current) : null,
    next: state.next ? meeting(state.next) : null,
    freeUntil: isoOrNull(state.freeUntil),
    busyUntil: isoOrNull(state.busyUntil),
    agenda: state.agenda.map(meeting),
    checkIn: state.checkIn
      ? { eventId: state.checkIn.eventId, opensAt: iso(state.checkIn.opensAt), closesAt: iso(state.checkIn.closesAt) }
      : null,
    nextChangeAt: iso(state.nextChangeAt),
    sync: { source: sync.source, online: sync.online, lastSuccessAt: isoOrNull(sync.lastSuccessAt) },
    leds: { red: leds.red, green: leds.green, amber: leds.amber },
    occupied,
    display: { locale: display.locale, hourCycle: display.hourCycle, devOverlay: display.devOverlay },
    signIn: admin.signIn ? { ...admin.signIn } : null,
    notices: admin.notices.map((n) => ({ ...n })),
    setup: admin.setup ? { ...admin.setup } : null,
    adminRequestedAt: admin.adminRequestedAt ?? null,
    actions: structuredClone(door.actions),
    activity: door.activity.map((a) => ({ ...a })),
  };
}

/**
 * Two states that differ only in when they were made, or in when the last (unchanged) poll
 * succeeded, are the same news: pushing every poll would wake every screen every 15 s.
 */
export function sameNews(a: RoomStateJson, b: RoomStateJson): boolean {
  const strip = (s: RoomStateJson): string => JSON.stringify({ ...s, generatedAt: '', sync: { ...s.sync, lastSuccessAt: '' } });
  return strip(a) === strip(b);
}
