import type { CalendarEvent } from './event.js';

export const PRIVATE_SUBJECT = 'Private meeting';
export const UNTITLED_SUBJECT = 'Untitled meeting';
/** Longer subjects are cut here so one hostile event cannot bloat every state update. */
export const MAX_SUBJECT_CHARS = 400;
const MAX_NAME_CHARS = 120;

// Control characters (C0, DEL, C1) and line/paragraph separators: calendar text is shown on one line.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
// Bidi embeddings, overrides and isolates: a subject could reverse the text drawn after it.
// Plain right-to-left text needs none of them (the door isolates each string itself).
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/g;

/** Calendar strings are hostile input: flatten whitespace, drop controls, cap the length. */
export function cleanText(raw: unknown, maxChars: number): string {
  if (typeof raw !== 'string') return '';
  const flat = raw.replace(BIDI_CONTROL, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join('')}…` : flat;
}

export function isPrivate(event: Pick<CalendarEvent, 'sensitivity'>): boolean {
  return event.sensitivity === 'private' || event.sensitivity === 'confidential';
}

export interface PublicText {
  readonly subject: string;
  readonly organizer: string | null;
  readonly isPrivate: boolean;
}

/** What may be shown on a door about an event. Private and confidential events never show subject or organizer. */
export function publicText(event: CalendarEvent): PublicText {
  if (isPrivate(event)) return { subject: PRIVATE_SUBJECT, organizer: null, isPrivate: true };
  const subject = cleanText(event.subject, MAX_SUBJECT_CHARS) || UNTITLED_SUBJECT;
  const organizer = event.organizer ? cleanText(event.organizer.name, MAX_NAME_CHARS) || null : null;
  return { subject, organizer, isPrivate: false };
}
