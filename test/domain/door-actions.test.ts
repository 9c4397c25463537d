import { describe, expect, it } from 'vitest';
import { derive } from '../../src/domain/derive.js';
import { cleanName, DEFAULT_EXTEND_MINUTES, doorOffers, walkUpSubject, withPending } from '../../src/domain/door-actions.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { DEFAULT_WALK_UP } from '../../src/domain/walk-up.js';
import { event, MINUTE } from './builders.js';

const T = Date.parse('2026-11-23T10:02:00Z');
const POLICY = { ...DEFAULT_POLICY, timeZone: 'Europe/Berlin' };
const HOUR_AGO = 60 * MINUTE;
const DOOR = { walkUp: DEFAULT_WALK_UP, extendMinutes: DEFAULT_EXTEND_MINUTES };

function offersAt(now: number, events: Parameters<typeof derive>[1], mine: readonly string[] = []) {
  return doorOffers(now, derive(now, events, [], POLICY), events, (id) => mine.includes(id), DOOR);
}

describe('withPending', () => {
  it('lays a booking on its way over the cache, checked in, tentative while the room decides', () => {
    const { events, checkIns } = withPending([], [], [{ kind: 'book', id: 'pending:tx', subject: 'Walk-up booking', start: T, end: T + 30 * MINUTE, tentative: true }]);
    expect(events).toMatchObject([{ id: 'pending:tx', showAs: 'tentative', start: T, end: T + 30 * MINUTE }]);
    expect(checkIns).toEqual([{ eventId: 'pending:tx', at: T }]);
    expect(derive(T, events, checkIns, POLICY).status).toBe('busy');
  });

  it('ends early, extends and drops events by id, leaving the others alone', () => {
    const a = event({ id: 'a', start: T - 10 * MINUTE, end: T + 20 * MINUTE });
    const b = event({ id: 'b', start: T + 60 * MINUTE, end: T + 90 * MINUTE });
    const { events } = withPending([a, b], [], [
      { kind: 'set-end', eventId: 'a', end: T },
      { kind: 'drop', eventId: 'b' },
    ]);
    expect(events).toEqual([{ ...a, end: T }]);
    // An end before the start would be nonsense: it is clamped to a zero-length event.
    expect(withPending([a], [], [{ kind: 'set-end', eventId: 'a', end: T - HOUR_AGO }]).events[0]?.end).toBe(a.start);
  });
});
describe('doorOffers', () => {
  it('a free room: booking options, nothing to end or extend', () => {
    const offers = offersAt(T, []);
    expect(offers.book.map((b) => b.end - b.start)).toEqual([18 * MINUTE, 33 * MINUTE, 63 * MINUTE]);
    expect(offers).toMatchObject({ tooShort: false, checkIn: null, endEarly: null, extend: null });
  });

  it('free for less than the minimum: no options, and says it is too short', () => {
    const next = event({ id: 'n', start: T + 8 * MINUTE, end: T + 60 * MINUTE });
    expect(offersAt(T, [next])).toMatchObject({ book: [], tooShort: true });
  });

  it('end early and extend only for a meeting this door may change, and extend only into free time', () => {
    const mine = event({ id: 'mine', start: T - 5 * MINUTE, end: T + 25 * MINUTE });
    const other = event({ id: 'other', start: T + 45 * MINUTE, end: T + 90 * MINUTE });
    expect(offersAt(T, [mine, other], ['mine'])).toMatchObject({ book: [], endEarly: 'mine', extend: { eventId: 'mine', minutes: [15] } });
    expect(offersAt(T, [mine, other], [])).toMatchObject({ endEarly: null, extend: null });
    const backToBack = event({ id: 'b2b', start: mine.end, end: mine.end + 30 * MINUTE });
    expect(offersAt(T, [mine, backToBack], ['mine']).extend).toBeNull();
  });

  it('offers no end early in the last minute of a meeting, nor for an all-day event', () => {
    const mine = event({ id: 'mine', start: T - 29 * MINUTE, end: T + 30_000 });
    expect(offersAt(T, [mine], ['mine']).endEarly).toBeNull();
    const allDay = event({ id: 'day', start: T - 10 * 60 * MINUTE, end: T + 14 * 60 * MINUTE, isAllDay: true });
    expect(offersAt(T, [allDay], ['day'])).toMatchObject({ endEarly: null, extend: null });
  });
});

describe('names typed at the door', () => {
  it('are one line, without control or bidi-override characters, at most 40 characters', () => {
    expect(cleanName('  Anna\n\tSchmidt\u202e ')).toBe('Anna Schmidt');
    expect([...cleanName('x'.repeat(100))]).toHaveLength(40);
    expect(walkUpSubject('Walk-up booking', '')).toBe('Walk-up booking');
    expect(walkUpSubject('Spontanbuchung', ' Jörg ')).toBe('Spontanbuchung: Jörg');
  });
});
