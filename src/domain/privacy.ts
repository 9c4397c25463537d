import type { CalendarEvent } from './event.js';
import { detectSubjectRewrite } from './subject-rewrite.js';

export const PRIVATE_SUBJECT = 'Private meeting';
export const UNTITLED_SUBJECT = 'Untitled meeting';
/** Shown instead of the subject when the room's privacy setting hides subjects. */
export const RESERVED_SUBJECT = 'Reserved';
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

/**
 * How much of a meeting the door shows to the corridor, set by the admin:
 * `subject` (subject and organizer), `organizer` (who booked it, never what for), `reserved` (neither).
 */
export type PrivacyMode = 'subject' | 'organizer' | 'reserved';

/**
 * What may be shown on a door about an event. Private and confidential events never show subject
 * or organizer, whatever the mode. A subject the room mailbox rewrote to the organizer's name
 * (AddOrganizerToSubject / DeleteSubject) shows the name once, not as title and again as organizer.
 */
export function publicText(event: CalendarEvent, mode: PrivacyMode = 'subject'): PublicText {
  if (isPrivate(event)) return { subject: PRIVATE_SUBJECT, organizer: null, isPrivate: true };
  const organizer = event.organizer ? cleanText(event.organizer.name, MAX_NAME_CHARS) || null : null;
  if (mode === 'reserved') return { subject: RESERVED_SUBJECT, organizer: null, isPrivate: false };
  if (mode === 'organizer') return { subject: organizer ?? RESERVED_SUBJECT, organizer: null, isPrivate: false };
  const subject = cleanText(event.subject, MAX_SUBJECT_CHARS) || UNTITLED_SUBJECT;
  if (organizer === null) return { subject, organizer, isPrivate: false };
  switch (detectSubjectRewrite(subject, organizer)) {
    case 'replaced-by-organizer':
      return { subject: organizer, organizer: null, isPrivate: false };
    case 'prefixed-with-organizer':
      return { subject: Array.from(subject).slice(Array.from(organizer).length).join('').trim(), organizer, isPrivate: false };
    case 'none':
      return { subject, organizer, isPrivate: false };
  }
}
