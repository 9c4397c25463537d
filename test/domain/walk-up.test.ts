import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blocksRoom } from '../../src/domain/event.js';
import { bookingOptions, DEFAULT_RELEASE, DEFAULT_WALK_UP, dueReleases } from '../../src/domain/walk-up.js';
import { DAY, event, HOUR, MINUTE } from './builders.js';

const T = Date.parse('2026-11-23T10:02:00Z');

describe('bookingOptions', () => {
  it('offers 15/30/60 min with ends rounded up to 5 min when nothing is booked ahead', () => {
    expect(bookingOptions(T, [], DEFAULT_WALK_UP)).toEqual([
      { kind: 'duration', minutes: 15, start: T, end: Date.parse('2026-11-23T10:20:00Z') },
      { kind: 'duration', minutes: 30, start: T, end: Date.parse('2026-11-23T10:35:00Z') },
      { kind: 'duration', minutes: 60, start: T, end: Date.parse('2026-11-23T11:05:00Z') },
    ]);
  });

  it('offers only what fits before the next meeting, plus "until" it', () => {
    const next = event({ id: 'n', start: Date.parse('2026-11-23T10:45:00Z'), end: Date.parse('2026-11-23T11:30:00Z') });
    const options = bookingOptions(T, [next], DEFAULT_WALK_UP);
    expect(options.map((o) => (o.kind === 'duration' ? o.minutes : 'until'))).toEqual([15, 30, 'until']);
    expect(options.at(-1)).toEqual({ kind: 'until-next', start: T, end: next.start });
  });

  it('does not offer "until" twice when a length already ends at the next meeting', () => {
    const next = event({ id: 'n', start: Date.parse('2026-11-23T10:35:00Z'), end: Date.parse('2026-11-23T11:00:00Z') });
    expect(bookingOptions(T, [next], DEFAULT_WALK_UP).map((o) => o.kind)).toEqual(['duration', 'duration']);
  });

  it('offers nothing when the room is taken or free for less than the minimum', () => {
    expect(bookingOptions(T, [event({ id: 'now', start: T - HOUR, end: T + HOUR })], DEFAULT_WALK_UP)).toEqual([]);
    expect(bookingOptions(T, [event({ id: 'soon', start: T + 9 * MINUTE, end: T + HOUR })], DEFAULT_WALK_UP)).toEqual([]);
    const tenFree = bookingOptions(T, [event({ id: 'soon', start: T + 10 * MINUTE, end: T + HOUR })], DEFAULT_WALK_UP);
    expect(tenFree).toEqual([{ kind: 'until-next', start: T, end: T + 10 * MINUTE }]);
  });

  it('ignores what does not take the room: cancelled, declined, show-as-free', () => {
    const events = [
      event({ id: 'c', start: T + 5 * MINUTE, end: T + HOUR, isCancelled: true }),
      event({ id: 'd', start: T + 5 * MINUTE, end: T + HOUR, roomResponse: 'declined' }),
      event({ id: 'f', start: T + 5 * MINUTE, end: T + HOUR, showAs: 'free' }),
    ];
    expect(bookingOptions(T, events, DEFAULT_WALK_UP)).toHaveLength(3);
  });

  it('never offers a booking that overlaps a meeting (property)', () => {
    const arbEvent = fc.record({ start: fc.integer({ min: -4 * 60, max: 4 * 60 }), length: fc.integer({ min: 1, max: 180 }), free: fc.boolean() });
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 6 }), fc.integer({ min: 0, max: 59 }), (raw, minute) => {
        const now = T + minute * MINUTE;
        const events = raw.map((r, i) => event({ id: `e${i}`, start: T + r.start * MINUTE, end: T + (r.start + r.length) * MINUTE, showAs: r.free ? 'free' : 'busy' }));
        for (const o of bookingOptions(now, events, DEFAULT_WALK_UP)) {
          expect(o.end - o.start).toBeGreaterThanOrEqual(10 * MINUTE);
          expect(events.filter(blocksRoom).some((e) => e.start < o.end && o.start < e.end)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('dueReleases', () => {
  const on = { ...DEFAULT_RELEASE, enabled: true };
  const meeting = event({ id: 'm', start: T, end: T + HOUR });

  it('is off by default', () => {
    expect(dueReleases(T + 30 * MINUTE, [meeting], [], DEFAULT_RELEASE)).toEqual([]);
  });

  it('releases a meeting nobody checked in to, 10 min after its start, while it runs', () => {
    expect(dueReleases(T + 9 * MINUTE, [meeting], [], on)).toEqual([]);
    expect(dueReleases(T + 10 * MINUTE, [meeting], [], on)).toEqual([meeting]);
    expect(dueReleases(T + HOUR, [meeting], [], on)).toEqual([]);
  });

  it('never releases a checked-in (or occupied) room, an all-day event or a meeting of 8 h or more', () => {
    expect(dueReleases(T + 20 * MINUTE, [meeting], [{ eventId: 'm', at: T + 2 * MINUTE }], on)).toEqual([]);
    expect(dueReleases(T + 20 * MINUTE, [event({ id: 'a', start: T, end: T + DAY, isAllDay: true })], [], on)).toEqual([]);
    expect(dueReleases(T + 20 * MINUTE, [event({ id: 'w', start: T, end: T + 8 * HOUR })], [], on)).toEqual([]);
    expect(dueReleases(T + 20 * MINUTE, [event({ id: 'w', start: T, end: T + 8 * HOUR - MINUTE })], [], on)).toHaveLength(1);
  });

  it('leaves alone what does not hold the room: cancelled or declined meetings', () => {
    expect(dueReleases(T + 20 * MINUTE, [{ ...meeting, isCancelled: true }, { ...meeting, id: 'd', roomResponse: 'declined' }], [], on)).toEqual([]);
  });
});
