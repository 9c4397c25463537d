import { describe, expect, it } from 'vitest';
import { cleanText, PRIVATE_SUBJECT, publicText, RESERVED_SUBJECT } from '../../src/domain/privacy.js';
import { event } from './builders.js';

describe('cleanText', () => {
  it('drops bidi overrides and isolates that could reverse what the door shows, keeping real RTL text', () => {
    expect(cleanText('Budget \u202Egnitaem\u202C review', 100)).toBe('Budget gnitaem review');
    expect(cleanText('\u2067اجتماع\u2069 weekly', 100)).toBe('اجتماع weekly');
    expect(cleanText('שיחת צוות', 100)).toBe('שיחת צוות');
  });
});

describe('publicText: the room privacy setting and rewritten subjects', () => {
  const anna = { name: 'Anna Schmidt', email: 'anna@contoso.com' };
  const meeting = event({ id: 'e1', start: 0, end: 3_600_000, subject: 'Quarterly planning', organizer: anna });

  it('subject mode shows subject and organizer', () => {
    expect(publicText(meeting, 'subject')).toEqual({ subject: 'Quarterly planning', organizer: 'Anna Schmidt', isPrivate: false });
  });

  it('organizer mode shows who booked the room, never what for', () => {
    expect(publicText(meeting, 'organizer')).toEqual({ subject: 'Anna Schmidt', organizer: null, isPrivate: false });
    expect(publicText({ ...meeting, organizer: null }, 'organizer').subject).toBe(RESERVED_SUBJECT);
  });

  it('reserved mode shows neither', () => {
    expect(publicText(meeting, 'reserved')).toEqual({ subject: RESERVED_SUBJECT, organizer: null, isPrivate: false });
  });

  it('private and confidential events are redacted in every mode', () => {
    for (const mode of ['subject', 'organizer', 'reserved'] as const) {
      for (const sensitivity of ['private', 'confidential'] as const) {
        expect(publicText({ ...meeting, sensitivity }, mode)).toEqual({ subject: PRIVATE_SUBJECT, organizer: null, isPrivate: true });
      }
    }
  });

  it('a subject replaced by the organizer name (DeleteSubject) shows the name once', () => {
    expect(publicText({ ...meeting, subject: 'Anna Schmidt' })).toEqual({ subject: 'Anna Schmidt', organizer: null, isPrivate: false });
  });

  it('a subject prefixed with the organizer name (AddOrganizerToSubject) shows the name once, beside the real subject', () => {
    expect(publicText({ ...meeting, subject: 'Anna Schmidt Quarterly planning' })).toEqual({ subject: 'Quarterly planning', organizer: 'Anna Schmidt', isPrivate: false });
  });

  it('hostile organizer names are cleaned like subjects', () => {
    expect(publicText({ ...meeting, organizer: { name: '<img src=x onerror=alert(1)>\u202E', email: 'x@y' } }, 'organizer').subject).toBe('<img src=x onerror=alert(1)>');
  });
});
