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
  /** POST AdminUnlockRequest (the PIN set at pairing); answers ApiResult<AdminSessionJson>. */
  adminUnlock: '/api/v1/admin/unlock',
  /** GET with the session in ADMIN_SESSION_HEADER; answers ApiResult<DiagnosticsJson>. */
  adminDiagnostics: '/api/v1/admin/diagnostics',
  /** POST AdminCommandRequest with the session in ADMIN_SESSION_HEADER; answers ApiResult<AdminCommandResultJson>. */
  adminCommand: '/api/v1/admin/command',
} as const;

/** Header carrying the session an admin PIN opened. */
export const ADMIN_SESSION_HEADER = 'x-lintel-admin';

/**
 * The setup server on the LAN (only while unpaired, or re-opened from the admin screen).
 * Every API route needs `Authorization: Bearer <setup token>`; POSTs need JSON from the page's own origin.
 */
export const SETUP_ROUTES = {
  /** The phone page; the token travels in the URL fragment (#t=...), never to the server in the URL. */
  page: '/setup',
  /** POST SetupCodeRequest: the short code typed instead of scanning; answers ApiResult<SetupTokenJson>. Needs no token. */
  code: '/setup/api/code',
  /** GET: answers ApiResult<SetupStatusJson>. */
  status: '/setup/api/status',
  /** POST SetupSignInRequest; answers ApiResult<SetupStatusJson>. */
  signIn: '/setup/api/sign-in',
  /** GET ?q=text: answers ApiResult<RoomListJson>. */
  rooms: '/setup/api/rooms',
  /** POST SetupCheckRequest: starts the doctor checks for that room; answers ApiResult<SetupStatusJson> with them running; poll `status`. */
  check: '/setup/api/check',
  /** POST SetupConfirmRequest; answers ApiResult<SetupDoneJson>. The server closes right after. */
  confirm: '/setup/api/confirm',
} as const;

/** The URL fragment key holding the setup token: /setup#t=<token>. */
export const SETUP_TOKEN_FRAGMENT = 't';

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
  /**
   * Set while the display is not paired to a room (or setup was re-opened from the admin screen):
   * the door shows "Set up this display" with this QR code instead of a room.
   */
  setup: SetupPromptJson | null;
  /**
   * A long press of a hardware button asked for the admin screen at this time: the door opens the
   * PIN pad (once per value). Null when nobody asked.
   */
  adminRequestedAt: IsoDateTime | null;
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

export interface SetupPromptJson {
  /** What the QR code holds: http://<LAN address>:<port>/setup#t=<one-time token>. */
  url: string;
  /** Short code to type on the setup page instead of scanning, e.g. "K7QM-2XHD". */
  code: string;
  /** This device's name (its hostname unless the config names it). */
  deviceName: string;
  /** Where a phone reaches the setup page without the QR code, e.g. http://192.168.1.40:8421/setup. */
  address: string;
  /** The code and token stop working then; the door shows fresh ones. */
  expiresAt: IsoDateTime;
  /** Too many wrong codes: setup refuses everything until then. */
  lockedUntil: IsoDateTime | null;
  /** True when an admin re-opened setup on a paired display (the room keeps showing until confirm). */
  reopened: boolean;
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

export interface AdminUnlockRequest {
  pin: string;
}

export interface AdminSessionJson {
  /** Send in ADMIN_SESSION_HEADER; valid until `expiresAt` (a few minutes). */
  session: string;
  expiresAt: IsoDateTime;
}

export type AdminCommand = 'reopen-setup' | 'change-room' | 'restart' | 'factory-reset';

export interface AdminCommandRequest {
  command: AdminCommand;
}

export interface AdminCommandResultJson {
  /** One plain sentence saying what happens now. */
  message: string;
}

export type CheckStatusJson = 'PASS' | 'WARN' | 'FAIL' | 'SKIP' | 'RUNNING';

/** One doctor check, as the setup page and the admin screen show it. */
export interface CheckLineJson {
  id: string;
  /** What was checked, e.g. "Sign-in to Microsoft 365". */
  name: string;
  status: CheckStatusJson;
  /** What was found. */
  title: string;
  /** What to do, for WARN and FAIL. */
  fix: string | null;
}

export interface DiagnosticsJson {
  deviceName: string;
  version: string;
  /** LAN addresses of this device (IPv4 first). */
  addresses: string[];
  room: { name: string; email: string } | null;
  /** "app credentials", the signed-in account, or "demo". */
  signedInAs: string;
  pairedAt: IsoDateTime | null;
  lastSyncAt: IsoDateTime | null;
  online: boolean;
  /** Recent errors, newest first: the admin-facing sentence only, never tokens or meeting data. */
  errors: { at: IsoDateTime; message: string }[];
  checks: CheckLineJson[];
  versions: { lintel: string; node: string; electron: string | null };
}

export interface SetupCodeRequest {
  code: string;
}

export interface SetupTokenJson {
  token: string;
}

export type SetupSignInRequest =
  | { mode: 'delegated'; tenant: string; clientId: string }
  | { mode: 'app-secret'; tenant: string; clientId: string; secret: string; secretExpires?: string }
  /** PEM text holding the certificate and its unencrypted private key. */
  | { mode: 'app-certificate'; tenant: string; clientId: string; certificatePem: string };

export interface SetupSignInJson {
  mode: 'delegated' | 'app-secret' | 'app-certificate' | null;
  /** none: not started; waiting: the device code is out; signed-in: tokens work; failed: see `error`. */
  state: 'none' | 'waiting' | 'signed-in' | 'failed';
  /** Delegated, while waiting: the code to type at `verificationUri`. */
  userCode: string | null;
  verificationUri: string | null;
  codeExpiresAt: IsoDateTime | null;
  /** The signed-in account, or "app credentials". */
  account: string | null;
  error: string | null;
}

export interface SetupStatusJson {
  deviceName: string;
  address: string;
  /** The short code the display shows: the page says it, so the admin sees which display this is. */
  code: string;
  expiresAt: IsoDateTime;
  reopened: boolean;
  /** Prefilled from the device's config (fleet images ship them), else null. */
  defaults: { tenant: string | null; clientId: string | null };
  signIn: SetupSignInJson;
  /** Doctor checks for the chosen room: null before they ran; lines turn from RUNNING to a result. */
  checks: { roomEmail: string; running: boolean; lines: CheckLineJson[] } | null;
}

export interface RoomChoiceJson {
  email: string;
  name: string;
  building: string | null;
  floor: string | null;
  capacity: number | null;
}

export interface RoomListJson {
  rooms: RoomChoiceJson[];
  /** False when Places cannot be read (Place.Read.All not granted): the page asks for the address. */
  placesAvailable: boolean;
  /** Why not, in one sentence, when placesAvailable is false. */
  reason: string | null;
}

export interface SetupCheckRequest {
  roomEmail: string;
}

export interface SetupConfirmRequest {
  roomEmail: string;
  /** The name Places gave, shown on the door; null uses the mailbox's own name. */
  roomName: string | null;
  /** 4 to 8 digits: opens the admin screen on the display. */
  pin: string;
}

export interface SetupDoneJson {
  room: { name: string; email: string };
  /** One plain sentence: what the display does now. */
  message: string;
}

/** What the Electron preload puts on `window.lintel`. */
export interface LintelBridge {
  getState(): Promise<ApiResult<RoomStateJson>>;
  /** Returns a function that stops the subscription. */
  onState(listener: (state: RoomStateJson) => void): () => void;
  act(request: ActionRequest): Promise<ApiResult<ActivityJson>>;
}
