/**
 * The one API contract between the Lintel core and anything that shows or reads its state:
 * the renderer (over Electron IPC or HTTP+SSE) and building-management systems (HTTP).
 * Pure declarations: the renderer imports this file and nothing else from the core.
 */

export const API_VERSION = 1;

export const HTTP_ROUTES = {
  health: '/healthz',
  state: '/api/v1/state',
  stream: '/api/v1/stream',
  /** POST an ActionRequest; answers ApiResult<ActivityJson>. */
  act: '/api/v1/actions',
  /** POST a SimulateRequest: virtual buttons and motion sensor, only while GPIO is simulated. */
  simulate: '/api/v1/simulate',
} as const;

/** Server-sent event name carrying a RoomStateJson. */
export const SSE_STATE_EVENT = 'state';

export const IPC_CHANNELS = {
  getState: 'lintel:v1:get-state',
  state: 'lintel:v1:state',
  act: 'lintel:v1:act',
} as const;

/** Name of the bridge object the Electron preload exposes on `window`. */
export const BRIDGE_GLOBAL = 'lintel';

export type RoomStatus = 'free' | 'soon' | 'busy' | 'awaiting-checkin';
export type LedMode = 'off' | 'on' | 'blink-slow' | 'blink-fast';
export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';

/** Times are ISO 8601 with the room zone's offset, e.g. 2026-11-21T14:30:00+01:00. */
export type IsoDateTime = string;

export interface MeetingJson {
  id: string;
  /** Plain text; "Private meeting" for private and confidential events. Never HTML. */
  subject: string;
  organizer: string | null;
  start: IsoDateTime;
  end: IsoDateTime;
  isPrivate: boolean;
  isAllDay: boolean;
  isTentative: boolean;
  isCancelled: boolean;
  /** False for cancelled and "show as free" events: listed, but the room stays free. */
  blocksRoom: boolean;
  showAs: ShowAs;
}

export interface RoomStateJson {
  apiVersion: typeof API_VERSION;
  generatedAt: IsoDateTime;
  room: { name: string; email: string; timeZone: string; capacity: number | null };
  status: RoomStatus;
  /** English word for the status; screens localise from `status`. */
  statusLabel: string;
  current: MeetingJson | null;
  next: MeetingJson | null;
  /** When not busy: when the room is next taken; null when nothing is booked ahead. */
  freeUntil: IsoDateTime | null;
  /** When busy: when the room is free again (back-to-back meetings merged). */
  busyUntil: IsoDateTime | null;
  /** Today in the room's zone: all-day events first, then by start. */
  agenda: MeetingJson[];
  checkIn: { eventId: string; opensAt: IsoDateTime; closesAt: IsoDateTime } | null;
  nextChangeAt: IsoDateTime;
  sync: { source: 'demo' | 'graph'; online: boolean; lastSuccessAt: IsoDateTime | null };
  /** What the status LEDs show right now. */
  leds: { red: LedMode; green: LedMode; amber: LedMode };
  /**
   * The motion sensor's view of the room: true when someone moved in it recently, false when
   * vacant, null without a sensor or while it warms up. Motion counts as a check-in.
   */
  occupied: boolean | null;
  display: { locale: string; hourCycle: 'h12' | 'h23'; devOverlay: boolean };
  /**
   * A delegated sign-in waiting for someone to enter the code on another device. While set, the
   * door shows the code, the URL, a QR code of the URL and a countdown to `expiresAt`.
   */
  signIn: SignInPromptJson | null;
  /** Things the facilities admin must fix; passers-by can ignore them. Empty when all is well. */
  notices: AdminNoticeJson[];
  /** What a passer-by may do at the door right now. */
  actions: DoorActionsJson;
  /**
   * Door actions still on their way to Microsoft 365, and recently finished ones nobody has
   * dismissed yet (a decline or a failure stays until dismissed or for 10 minutes). Newest first.
   */
  activity: ActivityJson[];
}

export interface BookingOptionJson {
  /** `duration`: a fixed length (15/30/60 min); `until-next`: until the next meeting takes the room. */
  kind: 'duration' | 'until-next';
  /** Whole minutes from start to end. */
  minutes: number;
  start: IsoDateTime;
  end: IsoDateTime;
}

/** Why the room is free but cannot be booked from the door right now. */
export type BookUnavailableReason = 'offline' | 'too-short' | 'signed-out';

export interface DoorActionsJson {
  /** Book-now choices; empty when booking is not offered. */
  book: BookingOptionJson[];
  /** Set when the room is free (or soon) yet `book` is empty, to say why. */
  bookUnavailable: BookUnavailableReason | null;
  /** Show the optional "your name" field on the booking sheet. */
  askName: boolean;
  /** The meeting whose check-in window is open now. */
  checkIn: { eventId: string } | null;
  /** The meeting in progress that this door may shorten to now. */
  endEarly: { eventId: string } | null;
  /** The meeting in progress that this door may lengthen, and by how many minutes (only while free after it). */
  extend: { eventId: string; minutes: number[] } | null;
}

export type ActionKind = 'book' | 'check-in' | 'end-early' | 'extend' | 'release' | 'undo';

/**
 * queued: written down on this device, not sent yet (offline, or waiting to retry);
 * sending: on its way to Microsoft 365; waiting-for-room: sent, the room's booking assistant has
 * not answered yet; done: Microsoft 365 has it; failed: it did not happen (see `code`);
 * undone: taken back with Undo.
 */
export type ActivityPhase = 'queued' | 'sending' | 'waiting-for-room' | 'done' | 'failed' | 'undone';

export interface ActivityJson {
  /** Names the action in undo/dismiss requests; also the Graph transactionId of a booking. */
  transactionId: string;
  kind: ActionKind;
  phase: ActivityPhase;
  /**
   * What happened, for the screen to word: e.g. "booked", "queued-offline", "retrying",
   * "declined-conflict", "declined-hours", "declined-window", "declined-length", "declined",
   * "taken", "not-allowed", "failed", "undone", "checked-in", "ended", "extended", "released".
   */
  code: string;
  /** One plain English sentence saying the same; screens in other languages word `code` themselves. */
  message: string;
  /** The slot a booking or an extension is about. */
  start: IsoDateTime | null;
  end: IsoDateTime | null;
  /** Undo is offered until then; null when it cannot be undone. */
  undoUntil: IsoDateTime | null;
  createdAt: IsoDateTime;
}

/** What a touch at the door asks for. `transactionId` is made by the caller (a UUID) so a resent request is one action. */
export type ActionRequest =
  | { kind: 'book'; transactionId: string; end: IsoDateTime; name?: string }
  | { kind: 'check-in'; transactionId: string; eventId: string }
  | { kind: 'end-early'; transactionId: string; eventId: string }
  | { kind: 'extend'; transactionId: string; eventId: string; minutes: number }
  /** Takes back the action named by `target` (within its undo time). */
  | { kind: 'undo'; transactionId: string; target: string }
  /** Hides a finished or failed activity from the door. */
  | { kind: 'dismiss'; transactionId: string; target: string };

/** Virtual hardware of a display whose GPIO is simulated (development, demos, tests). */
export type SimulateRequest =
  | { kind: 'button'; action: 'book-15' | 'book-30' | 'check-in' | 'end'; long?: boolean }
  /** Someone walks past the motion sensor. */
  | { kind: 'motion' };

export interface SignInPromptJson {
  /** The code to type at the verification URL, e.g. "HDGF-8K2P". */
  userCode: string;
  /** https URL (from the identity provider; the door renders it as text and QR only). */
  verificationUri: string;
  expiresAt: IsoDateTime;
  /** The account that should sign in, when known (e.g. booking@contoso.com). */
  account: string | null;
}

export type AdminNoticeSeverity = 'warning' | 'error';

export interface AdminNoticeJson {
  /** Stable id, e.g. "secret-expiring", "scoped-out", "subject-rewritten". */
  code: string;
  severity: AdminNoticeSeverity;
  /** One plain-English sentence for the admin, with the fix. */
  message: string;
}

export interface ApiError {
  code: string;
  message: string;
}

/** Every handler answers this way, on every transport. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What the Electron preload puts on `window.lintel`. */
export interface LintelBridge {
  getState(): Promise<ApiResult<RoomStateJson>>;
  /** Returns a function that stops the subscription. */
  onState(listener: (state: RoomStateJson) => void): () => void;
  act(request: ActionRequest): Promise<ApiResult<ActivityJson>>;
}
