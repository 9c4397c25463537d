import {
  API_VERSION,
  type ActivityJson,
  type AdminNoticeJson,
  type MeetingJson,
  type RoomStateJson,
  type SignInPromptJson,
} from '../../src/api/contract.js';
import type { StateFeed } from '../../src/api/http-server.js';

/** Monday 23 November 2026, 10:02 in Berlin: the moment every hand-built state below describes. */
export const STATE_NOW = Date.parse('2026-11-23T10:02:00+01:00');

/** An ISO time on that Monday in Berlin, with its offset, as the core writes them. */
export const berlin = (hhmm: string): string => `2026-11-23T${hhmm}:00+01:00`;

export function meetingJson(partial: Partial<MeetingJson> & Pick<MeetingJson, 'id' | 'start' | 'end'>): MeetingJson {
  return {
    subject: 'Meeting',
    organizer: 'Ana Ruiz',
    isPrivate: false,
    isAllDay: false,
    isTentative: false,
    isCancelled: false,
    blocksRoom: true,
    showAs: 'busy',
    ...partial,
  };
}

export function signInPrompt(partial: Partial<SignInPromptJson> = {}): SignInPromptJson {
  return {
    userCode: 'HDGF-8K2P',
    verificationUri: 'https://microsoft.com/devicelogin',
    expiresAt: berlin('10:17'),
    account: 'booking@contoso.com',
    ...partial,
  };
}

export function notice(partial: Partial<AdminNoticeJson> = {}): AdminNoticeJson {
  return {
    code: 'secret-expiring',
    severity: 'warning',
    message: 'The client secret expires in 12 days: create a new one in Entra ID (App registrations › Lintel › Certificates & secrets) and enter it with lintel setup.',
    ...partial,
  };
}

/** A booking on its way, as the core lists it in `activity`. */
export function activityJson(partial: Partial<ActivityJson> = {}): ActivityJson {
  return {
    transactionId: '0b9f6f1e-4a51-4d7e-9d1c-2f0f7c1f5a10',
    kind: 'book',
    phase: 'sending',
    code: 'sending',
    message: 'Booking.',
    start: '2026-11-23T12:02:00+01:00',
    end: '2026-11-23T12:20:00+01:00',
    undoUntil: null,
    createdAt: '2026-11-23T12:02:00+01:00',
    ...partial,
  };
}

/** A busy room at 10:02 (Product sync until 10:05, a call at 10:15), in English, with nothing for the admin. */
export function roomStateJson(partial: Partial<RoomStateJson> = {}): RoomStateJson {
  const current = meetingJson({ id: 'm2', subject: 'Product sync', start: berlin('09:30'), end: berlin('10:05') });
  const next = meetingJson({ id: 'm3', subject: 'Customer call — Contoso', organizer: 'Jonas Weber', start: berlin('10:15'), end: berlin('12:00') });
  return {
    apiVersion: API_VERSION,
    generatedAt: berlin('10:02'),
    room: { name: 'Aurora', email: 'aurora@contoso.com', timeZone: 'Europe/Berlin', capacity: 8 },
    status: 'busy',
    statusLabel: 'Busy',
    current,
    next,
    freeUntil: null,
    busyUntil: berlin('10:05'),
    agenda: [
      meetingJson({ id: 'm1', subject: 'Stand-up', start: berlin('09:00'), end: berlin('09:15') }),
      current,
      next,
      meetingJson({ id: 'm4', subject: 'Lunch & learn', start: berlin('12:30'), end: berlin('13:30') }),
      meetingJson({ id: 'm5', subject: 'Hiring panel', isPrivate: true, start: berlin('14:00'), end: berlin('15:00') }),
    ],
    checkIn: null,
    nextChangeAt: berlin('10:05'),
    sync: { source: 'graph', online: true, lastSuccessAt: berlin('10:02') },
    leds: { red: 'on', green: 'off', amber: 'off' },
    occupied: null,
    display: { locale: 'en-GB', hourCycle: 'h23', devOverlay: false },
    signIn: null,
    notices: [],
    setup: null,
    adminRequestedAt: null,
    actions: { book: [], bookUnavailable: null, askName: false, checkIn: null, endEarly: null, extend: null },
    activity: [],
    ...partial,
  };
}

/** A StateFeed that says whatever the test last gave it: the HTTP server without a core behind it. */
export class FakeStateFeed implements StateFeed {
  private readonly listeners = new Set<(state: RoomStateJson) => void>();

  constructor(private state: RoomStateJson) {}

  current(): RoomStateJson {
    return this.state;
  }

  subscribe(listener: (state: RoomStateJson) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(state: RoomStateJson): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }
}
