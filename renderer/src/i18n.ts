import type { AdminNoticeSeverity, RoomStatus } from '../../src/api/contract.js';

export interface Strings {
  status: Record<RoomStatus, string>;
  until: (time: string) => string;
  untilTomorrow: (time: string) => string;
  restOfDay: string;
  startsAt: (time: string) => string;
  checkInBy: (time: string) => string;
  now: string;
  next: string;
  today: string;
  nothingToday: string;
  noMoreToday: string;
  allDay: string;
  tentative: string;
  cancelled: string;
  privateMeeting: string;
  offline: (time: string) => string;
  offlineNever: string;
  connectionLost: string;
  earlier: (n: number) => string;
  starting: string;
  inMinutes: (n: number) => string;
  signIn: {
    title: string;
    /** Step 1, followed by the URL. */
    open: string;
    scan: string;
    /** Step 2, followed by the code. */
    enterCode: string;
    /** Followed by the account, kept apart so a right-to-left address cannot reorder the sentence. */
    signInAs: string;
    expiresIn: (countdown: string) => string;
    expired: string;
  };
  notices: {
    severity: Record<AdminNoticeSeverity, string>;
    more: (n: number) => string;
  };
}

const en: Strings = {
  status: { free: 'Free', soon: 'Starting soon', busy: 'Busy', 'awaiting-checkin': 'Check in' },
  until: (t) => `until ${t}`,
  untilTomorrow: (t) => `until tomorrow ${t}`,
  restOfDay: 'for the rest of the day',
  startsAt: (t) => `Meeting at ${t}`,
  checkInBy: (t) => `Check in by ${t} or the room is released`,
  now: 'Now',
  next: 'Next',
  today: 'Today',
  nothingToday: 'No meetings today',
  noMoreToday: 'No more meetings today',
  allDay: 'All day',
  tentative: 'Tentative',
  cancelled: 'Cancelled',
  privateMeeting: 'Private meeting',
  offline: (t) => `Offline · updated ${t}`,
  offlineNever: 'Offline · not yet synced',
  connectionLost: 'Reconnecting…',
  earlier: (n) => `${n} earlier`,
  starting: 'Starting…',
  inMinutes: (n) => (n <= 1 ? 'in 1 min' : `in ${n} min`),
  signIn: {
    title: 'Sign in to connect this room',
    open: 'On your phone or computer, open',
    scan: 'Or scan with your phone',
    enterCode: 'Enter this code',
    signInAs: 'Sign in as',
    expiresIn: (c) => `Code expires in ${c}`,
    expired: 'This code has expired. A new one is on its way…',
  },
  notices: {
    severity: { warning: 'Warning for the administrator', error: 'Error for the administrator' },
    more: (n) => `+${n} more`,
  },
};

const de: Strings = {
  status: { free: 'Frei', soon: 'Gleich belegt', busy: 'Belegt', 'awaiting-checkin': 'Einchecken' },
  until: (t) => `bis ${t}`,
  untilTomorrow: (t) => `bis morgen ${t}`,
  restOfDay: 'für den Rest des Tages',
  startsAt: (t) => `Besprechung um ${t}`,
  checkInBy: (t) => `Bis ${t} einchecken, sonst wird der Raum freigegeben`,
  now: 'Jetzt',
  next: 'Danach',
  today: 'Heute',
  nothingToday: 'Heute keine Besprechungen',
  noMoreToday: 'Heute keine weiteren Besprechungen',
  allDay: 'Ganztägig',
  tentative: 'Vorläufig',
  cancelled: 'Abgesagt',
  privateMeeting: 'Private Besprechung',
  offline: (t) => `Offline · Stand ${t}`,
  offlineNever: 'Offline · noch nicht synchronisiert',
  connectionLost: 'Verbindung wird wiederhergestellt…',
  earlier: (n) => `${n} früher`,
  starting: 'Wird gestartet…',
  inMinutes: (n) => (n <= 1 ? 'in 1 Min.' : `in ${n} Min.`),
  signIn: {
    title: 'Anmelden, um diesen Raum zu verbinden',
    open: 'Auf dem Handy oder Computer öffnen',
    scan: 'Oder mit dem Handy scannen',
    enterCode: 'Diesen Code eingeben',
    signInAs: 'Anmelden als',
    expiresIn: (c) => `Code gültig noch ${c}`,
    expired: 'Dieser Code ist abgelaufen. Ein neuer kommt gleich…',
  },
  notices: {
    severity: { warning: 'Warnung für die Administration', error: 'Fehler für die Administration' },
    more: (n) => `+${n} weitere`,
  },
};

export function stringsFor(locale: string): Strings {
  return locale.toLowerCase().startsWith('de') ? de : en;
}
