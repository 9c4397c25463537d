import type { ActivityPhase, RoomStatus } from '../api/contract.js';

/**
 * The words of the e-paper door, in the display's language. The LCD's renderer has its own,
 * fuller table (it may import nothing from the core); these are the few an e-paper panel shows.
 */
export interface PanelWords {
  readonly status: Record<RoomStatus, string>;
  until(time: string): string;
  readonly restOfDay: string;
  startsAt(time: string): string;
  checkInBy(time: string): string;
  readonly next: string;
  readonly noMoreToday: string;
  readonly privateMeeting: string;
  offline(time: string): string;
  readonly offlineNever: string;
  readonly phase: Partial<Record<ActivityPhase, string>>;
  readonly signInTitle: string;
  readonly setupTitle: string;
  setupDevice(name: string): string;
  setupLocked(time: string): string;
  readonly setupReopened: string;
  code(code: string): string;
  signInAs(account: string): string;
  expiresAt(time: string): string;
}

const en: PanelWords = {
  status: { free: 'Free', soon: 'Starting soon', busy: 'Busy', 'awaiting-checkin': 'Check in' },
  until: (t) => `until ${t}`,
  restOfDay: 'for the rest of the day',
  startsAt: (t) => `Meeting at ${t}`,
  checkInBy: (t) => `Check in by ${t} or the room is released`,
  next: 'Next',
  noMoreToday: 'No more meetings today',
  privateMeeting: 'Private meeting',
  offline: (t) => `Offline · updated ${t}`,
  offlineNever: 'Offline · not yet synced',
  phase: { queued: 'Saved — will be sent when online', sending: 'Booking…', 'waiting-for-room': 'Waiting for the room to accept…' },
  signInTitle: 'Sign in to connect this room',
  setupTitle: 'Set up this display',
  setupDevice: (n) => `Display: ${n}`,
  setupLocked: (t) => `Setup locked after wrong codes until ${t}`,
  setupReopened: 'Setup re-opened by an admin',
  code: (c) => `Code: ${c}`,
  signInAs: (a) => `Sign in as ${a}`,
  expiresAt: (t) => `Code valid until ${t}`,
};

const de: PanelWords = {
  status: { free: 'Frei', soon: 'Gleich belegt', busy: 'Belegt', 'awaiting-checkin': 'Einchecken' },
  until: (t) => `bis ${t}`,
  restOfDay: 'für den Rest des Tages',
  startsAt: (t) => `Termin um ${t}`,
  checkInBy: (t) => `Bis ${t} einchecken, sonst wird der Raum freigegeben`,
  next: 'Danach',
  noMoreToday: 'Heute keine Termine mehr',
  privateMeeting: 'Privater Termin',
  offline: (t) => `Offline · Stand ${t}`,
  offlineNever: 'Offline · noch nicht synchronisiert',
  phase: { queued: 'Gespeichert — wird gesendet, sobald online', sending: 'Wird gebucht…', 'waiting-for-room': 'Warte auf Zusage des Raums…' },
  signInTitle: 'Anmelden, um diesen Raum zu verbinden',
  setupTitle: 'Dieses Display einrichten',
  setupDevice: (n) => `Display: ${n}`,
  setupLocked: (t) => `Einrichtung nach falschen Codes gesperrt bis ${t}`,
  setupReopened: 'Einrichtung vom Admin wieder geöffnet',
  code: (c) => `Code: ${c}`,
  signInAs: (a) => `Anmelden als ${a}`,
  expiresAt: (t) => `Code gültig bis ${t}`,
};

export function panelWords(locale: string): PanelWords {
  return locale.toLowerCase().startsWith('de') ? de : en;
}
