import { describe, expect, it } from 'vitest';
import { mapGraphEvent, graphInstant } from '../../../src/calendar/graph/map-event.js';
import { toIanaZone } from '../../../src/calendar/graph/time-zones.js';
import { calendarProcessingFix, detectSubjectRewrite, mailboxRewritesSubjects } from '../../../src/domain/subject-rewrite.js';
import type { GraphEvent } from '../../../src/calendar/graph/graph-event.js';

const ctx = { roomEmail: 'Aurora@contoso.com', roomZone: 'Europe/Berlin' };

function graphEvent(partial: GraphEvent = {}): GraphEvent {
  return {
    id: 'AAMk1',
    subject: 'Budget review',
    start: { dateTime: '2026-11-23T09:00:00.0000000', timeZone: 'UTC' },
    end: { dateTime: '2026-11-23T10:00:00.0000000', timeZone: 'UTC' },
    isAllDay: false,
    isCancelled: false,
    showAs: 'busy',
    sensitivity: 'normal',
    organizer: { emailAddress: { name: 'Ana Ruiz', address: 'ana@contoso.com' } },
    responseStatus: { response: 'accepted' },
    ...partial,
  };
}

describe('time zones from Graph', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['W. Europe Standard Time', 'Europe/Berlin'],
    ['Pacific Standard Time', 'America/Los_Angeles'],
    ['UTC', 'UTC'],
    ['tzone://Microsoft/Utc', 'UTC'],
    ['Not A Zone', null],
    ['', null],
  ])('%s → %s', (name, iana) => {
    expect(toIanaZone(name)).toBe(iana);
  });

  it('reads Graph date-times in Windows-named zones, across DST', () => {
    expect(graphInstant({ dateTime: '2026-07-01T09:00:00.0000000', timeZone: 'W. Europe Standard Time' })).toBe(Date.parse('2026-07-01T07:00:00Z'));
    expect(graphInstant({ dateTime: '2026-11-23T09:00:00.0000000', timeZone: 'W. Europe Standard Time' })).toBe(Date.parse('2026-11-23T08:00:00Z'));
    expect(graphInstant({ dateTime: 'yesterday-ish', timeZone: 'UTC' })).toBeNull();
  });
});

describe('mapGraphEvent', () => {
  it('maps an ordinary meeting', () => {
    expect(mapGraphEvent(graphEvent(), ctx)).toEqual({
      kind: 'event',
      event: {
        id: 'AAMk1',
        subject: 'Budget review',
        organizer: { name: 'Ana Ruiz', email: 'ana@contoso.com' },
        start: Date.parse('2026-11-23T09:00:00Z'),
        end: Date.parse('2026-11-23T10:00:00Z'),
        isAllDay: false,
        showAs: 'busy',
        isCancelled: false,
        roomResponse: 'accepted',
        sensitivity: 'normal',
      },
    });
  });

  it('places all-day events at the room zone midnights, whatever zone Graph reported', () => {
    const mapped = mapGraphEvent(
      graphEvent({ isAllDay: true, start: { dateTime: '2026-10-25T00:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2026-10-26T00:00:00.0000000', timeZone: 'UTC' } }),
      ctx,
    );
    if (mapped.kind !== 'event') throw new Error(mapped.kind);
    expect(mapped.event.start).toBe(Date.parse('2026-10-25T00:00:00+02:00'));
    expect(mapped.event.end).toBe(Date.parse('2026-10-26T00:00:00+01:00'));
    expect(mapped.event.end - mapped.event.start).toBe(25 * 3600_000);
  });

  it('marks the room’s own bookings as organized by the room', () => {
    const mapped = mapGraphEvent(graphEvent({ organizer: { emailAddress: { name: 'Aurora', address: 'aurora@contoso.com' } }, responseStatus: { response: 'none' } }), ctx);
    expect(mapped.kind === 'event' && mapped.event.roomResponse).toBe('organizer');
  });

  it('turns @removed into a removal, for deletions and for events moved out of the window', () => {
    expect(mapGraphEvent({ id: 'AAMk2', '@removed': { reason: 'deleted' } }, ctx)).toEqual({ kind: 'removed', id: 'AAMk2' });
    expect(mapGraphEvent({ id: 'AAMk3', '@removed': { reason: 'changed' } }, ctx)).toEqual({ kind: 'removed', id: 'AAMk3' });
  });

  it('survives hostile or broken fields without throwing', () => {
    const weird = mapGraphEvent(
      graphEvent({ subject: 42, showAs: 'mostly', sensitivity: { x: 1 }, isCancelled: 'yes', organizer: { emailAddress: { name: null, address: ['x'] } }, responseStatus: { response: 'maybe' } }),
      ctx,
    );
    expect(weird).toMatchObject({ kind: 'event', event: { subject: '', showAs: 'busy', sensitivity: 'normal', isCancelled: false, organizer: null, roomResponse: 'none' } });
    expect(mapGraphEvent({ subject: 'no id' }, ctx)).toEqual({ kind: 'skipped', reason: 'event without an id' });
    expect(mapGraphEvent(graphEvent({ start: { dateTime: 'soon', timeZone: 'UTC' } }), ctx)).toMatchObject({ kind: 'skipped' });
    expect(mapGraphEvent(graphEvent({ start: { dateTime: '2026-11-23T09:00:00', timeZone: 'Atlantis Standard Time' } }), ctx)).toMatchObject({ kind: 'skipped' });
  });
});

describe('organizer in the subject (AddOrganizerToSubject / DeleteSubject)', () => {
  it('detects a subject replaced by, or prefixed with, the organizer name', () => {
    expect(detectSubjectRewrite('Ana Ruiz', 'Ana Ruiz')).toBe('replaced-by-organizer');
    expect(detectSubjectRewrite('Ana Ruiz Budget review', 'Ana Ruiz')).toBe('prefixed-with-organizer');
    expect(detectSubjectRewrite('Budget review', 'Ana Ruiz')).toBe('none');
    expect(detectSubjectRewrite('Anastasia', 'Ana')).toBe('none');
  });

  it('judges a mailbox by most of its events, not one', () => {
    const rewritten = [
      { subject: 'Ana Ruiz', organizerName: 'Ana Ruiz' },
      { subject: 'Tom Becker', organizerName: 'Tom Becker' },
      { subject: 'Quarterly review', organizerName: 'Mei Chen' },
    ];
    expect(mailboxRewritesSubjects(rewritten)).toBe(true);
    expect(mailboxRewritesSubjects([{ subject: 'Ana Ruiz', organizerName: 'Ana Ruiz' }, { subject: 'Budget', organizerName: 'Tom' }, { subject: 'Retro', organizerName: 'Mei' }])).toBe(false);
  });

  it('gives the exact Set-CalendarProcessing fix', () => {
    expect(calendarProcessingFix('aurora@contoso.com')).toBe(
      'Set-CalendarProcessing -Identity "aurora@contoso.com" -AddOrganizerToSubject $false -DeleteSubject $false -DeleteComments $false -RemovePrivateProperty $false',
    );
  });
});
