import { describe, expect, it } from 'vitest';
import { derive } from '../../src/domain/derive.js';
import type { CalendarEvent, CheckIn, RoomResponse, ShowAs } from '../../src/domain/event.js';
import { ledsFor, type LedPattern } from '../../src/domain/leds.js';
import { DEFAULT_POLICY, type RoomPolicy } from '../../src/domain/policy.js';
import { MAX_SUBJECT_CHARS, PRIVATE_SUBJECT, UNTITLED_SUBJECT } from '../../src/domain/privacy.js';
import type { RoomState, RoomStatus } from '../../src/domain/room-state.js';
import { zoneMidnight } from '../../src/domain/time.js';
import { HOUR, MINUTE, event, policy } from './builders.js';

/** 2026-06-15 (a Monday, no DST change anywhere near) at hh:mm UTC. */
function at(h: number, m = 0): number {
  return Date.UTC(2026, 5, 15, h, m);
}

const MIDNIGHT_AFTER = Date.UTC(2026, 5, 16);
const REQUIRED: RoomPolicy = policy({ checkIn: { required: true } });

function ids(state: RoomState): string[] {
  return state.agenda.map((m) => m.id);
}

describe('derive: status', () => {
  const meeting = event({ id: 'm', start: at(10), end: at(11) });

  it.each<[string, number, RoomStatus, number | null, number | null]>([
    ['long before the meeting', at(9), 'free', at(10), null],
    ['one ms before the soon window', at(9, 50) - 1, 'free', at(10), null],
    ['exactly soonMinutes before the start', at(9, 50), 'soon', at(10), null],
    ['inside the soon window', at(9, 55), 'soon', at(10), null],
    ['one ms before the start', at(10) - 1, 'soon', at(10), null],
    ['at the start', at(10), 'busy', null, at(11)],
    ['during', at(10, 30), 'busy', null, at(11)],
    ['one ms before the end', at(11) - 1, 'busy', null, at(11)],
    ['at the end (exclusive)', at(11), 'free', null, null],
  ])('%s', (_label, now, status, freeUntil, busyUntil) => {
    const state = derive(now, [meeting], [], DEFAULT_POLICY);
    expect(state.now).toBe(now);
    expect(state.status).toBe(status);
    expect(state.freeUntil).toBe(freeUntil);
    expect(state.busyUntil).toBe(busyUntil);
    expect(state.checkIn).toBeNull();
  });

  it('is free with nothing booked at all', () => {
    const state = derive(at(12), [], [], DEFAULT_POLICY);
    expect(state).toEqual({
      now: at(12),
      status: 'free',
      current: null,
      next: null,
      freeUntil: null,
      busyUntil: null,
      agenda: [],
      checkIn: null,
      nextChangeAt: MIDNIGHT_AFTER,
    });
  });

  it('honours a custom soonMinutes, boundary included', () => {
    const p = policy({ soonMinutes: 15 });
    expect(derive(at(9, 45) - 1, [meeting], [], p).status).toBe('free');
    expect(derive(at(9, 45), [meeting], [], p).status).toBe('soon');
  });

  it('with soonMinutes 0 goes straight from free to busy', () => {
    const p = policy({ soonMinutes: 0 });
    expect(derive(at(10) - 1, [meeting], [], p).status).toBe('free');
    expect(derive(at(10), [meeting], [], p).status).toBe('busy');
  });

  it('sets current while in progress and next before it starts', () => {
    const before = derive(at(9), [meeting], [], DEFAULT_POLICY);
    expect(before.current).toBeNull();
    expect(before.next?.id).toBe('m');
    const during = derive(at(10, 30), [meeting], [], DEFAULT_POLICY);
    expect(during.current?.id).toBe('m');
    expect(during.next).toBeNull();
    const after = derive(at(11), [meeting], [], DEFAULT_POLICY);
    expect(after.current).toBeNull();
    expect(after.next).toBeNull();
  });

  it('maps the event onto the shown meeting', () => {
    const state = derive(at(10, 30), [meeting], [], DEFAULT_POLICY);
    expect(state.current).toEqual({
      id: 'm',
      subject: 'Meeting m',
      organizer: 'Organizer of m',
      start: at(10),
      end: at(11),
      isPrivate: false,
      isAllDay: false,
      isTentative: false,
      isCancelled: false,
      blocksRoom: true,
      showAs: 'busy',
    });
  });

  it('does not depend on the order events are given in', () => {
    const events = [
      event({ id: 'c', start: at(13), end: at(14) }),
      event({ id: 'a', start: at(9), end: at(10) }),
      event({ id: 'b', start: at(10), end: at(11) }),
      event({ id: 'd', start: at(0), end: MIDNIGHT_AFTER, isAllDay: true }),
    ];
    const forward = derive(at(9, 30), events, [], DEFAULT_POLICY);
    const backward = derive(at(9, 30), [...events].reverse(), [], DEFAULT_POLICY);
    expect(backward).toEqual(forward);
  });
});

describe('derive: check-in', () => {
  const meeting = event({ id: 'm', start: at(10), end: at(11) });
  const window = { eventId: 'm', opensAt: at(9, 55), closesAt: at(10, 10) };

  it.each<[string, number, RoomStatus, boolean]>([
    ['before the window opens', at(9, 54), 'soon', false],
    ['window open, meeting not started yet', at(9, 55), 'soon', true],
    ['at the start', at(10), 'awaiting-checkin', true],
    ['one ms before the window closes', at(10, 10) - 1, 'awaiting-checkin', true],
    ['when the window closes', at(10, 10), 'busy', false],
    ['later in the meeting', at(10, 30), 'busy', false],
  ])('required, not checked in: %s', (_label, now, status, windowOpen) => {
    const state = derive(now, [meeting], [], REQUIRED);
    expect(state.status).toBe(status);
    expect(state.checkIn).toEqual(windowOpen ? window : null);
  });

  it('is busy, with no window, once checked in', () => {
    const checkIns: CheckIn[] = [{ eventId: 'm', at: at(9, 58) }];
    for (const now of [at(9, 56), at(10), at(10, 5)]) {
      const state = derive(now, [meeting], checkIns, REQUIRED);
      expect(state.checkIn).toBeNull();
      expect(state.status).toBe(now >= at(10) ? 'busy' : 'soon');
    }
  });

  it('ignores check-ins for other meetings', () => {
    const state = derive(at(10), [meeting], [{ eventId: 'other', at: at(9) }], REQUIRED);
    expect(state.status).toBe('awaiting-checkin');
  });

  it('never waits when check-in is not required', () => {
    expect(derive(at(10), [meeting], [], DEFAULT_POLICY).status).toBe('busy');
  });

  it('never waits on a meeting of 8 hours or more', () => {
    const long = event({ id: 'long', start: at(9), end: at(17) });
    const state = derive(at(9), [long], [], REQUIRED);
    expect(state.status).toBe('busy');
    expect(state.checkIn).toBeNull();
    const almost = event({ id: 'almost', start: at(9), end: at(17) - 1 });
    expect(derive(at(9), [almost], [], REQUIRED).status).toBe('awaiting-checkin');
  });

  it('never waits on an all-day event', () => {
    // A short "all-day" event (e.g. malformed data) is still exempt because of the flag.
    const allDay = event({ id: 'ad', start: at(0), end: MIDNIGHT_AFTER, isAllDay: true });
    const state = derive(at(0), [allDay], [], REQUIRED);
    expect(state.status).toBe('busy');
    expect(state.checkIn).toBeNull();
  });

  it('closes the window at the meeting end when the meeting is shorter than closesMinutesAfter', () => {
    const short = event({ id: 's', start: at(10), end: at(10, 5) });
    const state = derive(at(10), [short], [], REQUIRED);
    expect(state.status).toBe('awaiting-checkin');
    expect(state.checkIn).toEqual({ eventId: 's', opensAt: at(9, 55), closesAt: at(10, 5) });
    expect(state.nextChangeAt).toBe(at(10, 5));
  });

  it('honours custom window sizes', () => {
    const p = policy({ checkIn: { required: true, opensMinutesBefore: 15, closesMinutesAfter: 3 } });
    expect(derive(at(9, 45), [meeting], [], p).checkIn).toEqual({ eventId: 'm', opensAt: at(9, 45), closesAt: at(10, 3) });
    expect(derive(at(10, 2), [meeting], [], p).status).toBe('awaiting-checkin');
    expect(derive(at(10, 3), [meeting], [], p).status).toBe('busy');
  });

  it('waits on the second of two back-to-back meetings too', () => {
    const second = event({ id: 'n', start: at(11), end: at(12) });
    const checkIns: CheckIn[] = [{ eventId: 'm', at: at(10) }];
    const during = derive(at(10, 57), [meeting, second], checkIns, REQUIRED);
    expect(during.status).toBe('busy');
    expect(during.checkIn).toEqual({ eventId: 'n', opensAt: at(10, 55), closesAt: at(11, 10) });
    const state = derive(at(11), [meeting, second], checkIns, REQUIRED);
    expect(state.status).toBe('awaiting-checkin');
    expect(state.current?.id).toBe('n');
    expect(state.busyUntil).toBe(at(12));
  });
});

describe('derive: busy stretches', () => {
  it.each<[string, CalendarEvent[], number, number]>([
    [
      'back-to-back meetings merge',
      [event({ id: 'a', start: at(10), end: at(11) }), event({ id: 'b', start: at(11), end: at(12) })],
      at(10, 30),
      at(12),
    ],
    [
      'overlapping meetings merge',
      [event({ id: 'a', start: at(10), end: at(11, 30) }), event({ id: 'b', start: at(11), end: at(12) })],
      at(10, 30),
      at(12),
    ],
    [
      'a meeting inside another ends with the outer one',
      [event({ id: 'a', start: at(10), end: at(13) }), event({ id: 'b', start: at(11), end: at(12) })],
      at(11, 30),
      at(13),
    ],
    [
      'a chain of three, out of order',
      [
        event({ id: 'c', start: at(12), end: at(12, 30) }),
        event({ id: 'a', start: at(10), end: at(11) }),
        event({ id: 'b', start: at(10, 45), end: at(12) }),
      ],
      at(10),
      at(12, 30),
    ],
    [
      'a one-minute gap does not merge',
      [event({ id: 'a', start: at(10), end: at(11) }), event({ id: 'b', start: at(11, 1), end: at(12) })],
      at(10, 30),
      at(11),
    ],
    [
      'a cancelled meeting does not bridge a gap',
      [
        event({ id: 'a', start: at(10), end: at(11) }),
        event({ id: 'x', start: at(11), end: at(12), isCancelled: true }),
        event({ id: 'b', start: at(12), end: at(13) }),
      ],
      at(10, 30),
      at(11),
    ],
    [
      'a showAs-free meeting does not bridge a gap',
      [
        event({ id: 'a', start: at(10), end: at(11) }),
        event({ id: 'x', start: at(10, 30), end: at(12), showAs: 'free' }),
        event({ id: 'b', start: at(12), end: at(13) }),
      ],
      at(10, 30),
      at(11),
    ],
    [
      'a busy stretch reaching past midnight ends where it ends',
      [event({ id: 'a', start: at(22), end: at(23) }), event({ id: 'b', start: at(23), end: MIDNIGHT_AFTER + 2 * HOUR })],
      at(22),
      MIDNIGHT_AFTER + 2 * HOUR,
    ],
  ])('%s', (_label, events, now, busyUntil) => {
    const state = derive(now, events, [], DEFAULT_POLICY);
    expect(state.status).toBe('busy');
    expect(state.busyUntil).toBe(busyUntil);
    expect(state.freeUntil).toBeNull();
  });

  it('shows the meeting in progress as current and the next one as next inside a merged stretch', () => {
    const events = [event({ id: 'a', start: at(10), end: at(11) }), event({ id: 'b', start: at(11), end: at(12) })];
    const first = derive(at(10, 30), events, [], DEFAULT_POLICY);
    expect(first.current?.id).toBe('a');
    expect(first.next?.id).toBe('b');
    // By 11:00 at the latest (current and next change there); an earlier, harmless wake-up is allowed.
    expect(first.nextChangeAt).toBeGreaterThan(at(10, 30));
    expect(first.nextChangeAt).toBeLessThanOrEqual(at(11));
    const second = derive(at(11), events, [], DEFAULT_POLICY);
    expect(second.current?.id).toBe('b');
    expect(second.next).toBeNull();
    expect(second.busyUntil).toBe(at(12));
  });

  it('of overlapping timed meetings shows the earliest-started as current', () => {
    const events = [event({ id: 'late', start: at(11), end: at(12) }), event({ id: 'early', start: at(10), end: at(13) })];
    expect(derive(at(11, 30), events, [], DEFAULT_POLICY).current?.id).toBe('early');
  });

  it('freeUntil is the start of the next busy stretch, even when it is a merged one', () => {
    const events = [event({ id: 'a', start: at(10), end: at(11) }), event({ id: 'b', start: at(11), end: at(12) })];
    const state = derive(at(8), events, [], DEFAULT_POLICY);
    expect(state.status).toBe('free');
    expect(state.freeUntil).toBe(at(10));
    expect(state.busyUntil).toBeNull();
    expect(state.next?.id).toBe('a');
  });

  it('freeUntil and next skip a cancelled meeting ahead', () => {
    const events = [
      event({ id: 'x', start: at(10), end: at(11), isCancelled: true }),
      event({ id: 'b', start: at(11), end: at(12) }),
    ];
    const state = derive(at(9, 55), events, [], DEFAULT_POLICY);
    expect(state.status).toBe('free');
    expect(state.freeUntil).toBe(at(11));
    expect(state.next?.id).toBe('b');
  });
});

describe('derive: events that do not take the room', () => {
  const base = { start: at(10), end: at(11) };

  it.each<[string, Partial<CalendarEvent>]>([
    ['cancelled', { isCancelled: true }],
    ['declined by the room', { roomResponse: 'declined' }],
    ['shown as free', { showAs: 'free' }],
    ['cancelled and declined', { isCancelled: true, roomResponse: 'declined' }],
  ])('%s: free, no current, no next, no freeUntil', (_label, fields) => {
    const e = event({ id: 'x', ...base, ...fields });
    for (const now of [at(9, 55), at(10), at(10, 30)]) {
      const state = derive(now, [e], [], REQUIRED);
      expect(state.status).toBe('free');
      expect(state.current).toBeNull();
      expect(state.next).toBeNull();
      expect(state.freeUntil).toBeNull();
      expect(state.busyUntil).toBeNull();
      expect(state.checkIn).toBeNull();
    }
  });

  it.each<ShowAs>(['busy', 'tentative', 'oof', 'workingElsewhere', 'unknown'])('showAs %s takes the room', (showAs) => {
    const state = derive(at(10, 30), [event({ id: 'x', ...base, showAs })], [], DEFAULT_POLICY);
    expect(state.status).toBe('busy');
    expect(state.current?.showAs).toBe(showAs);
    expect(state.current?.isTentative).toBe(showAs === 'tentative');
    expect(state.current?.blocksRoom).toBe(true);
  });

  it.each<RoomResponse>(['none', 'organizer', 'tentativelyAccepted', 'accepted', 'notResponded'])(
    'roomResponse %s takes the room',
    (roomResponse) => {
      const state = derive(at(10, 30), [event({ id: 'x', ...base, roomResponse })], [], DEFAULT_POLICY);
      expect(state.status).toBe('busy');
    },
  );

  it('a tentative meeting is current, marked tentative, and can await check-in', () => {
    const e = event({ id: 't', ...base, showAs: 'tentative' });
    const state = derive(at(10), [e], [], REQUIRED);
    expect(state.status).toBe('awaiting-checkin');
    expect(state.current?.id).toBe('t');
    expect(state.current?.isTentative).toBe(true);
  });

  it('a cancelled meeting does not hide a real one at the same time', () => {
    const events = [event({ id: 'x', ...base, isCancelled: true }), event({ id: 'y', ...base })];
    const state = derive(at(10, 30), events, [], DEFAULT_POLICY);
    expect(state.status).toBe('busy');
    expect(state.current?.id).toBe('y');
  });
});

describe('derive: zero- and negative-length events', () => {
  it.each<[string, CalendarEvent]>([
    ['zero-length at now', event({ id: 'z', start: at(10), end: at(10) })],
    ['negative-length around now', event({ id: 'n', start: at(11), end: at(9) })],
    ['zero-length ahead', event({ id: 'z', start: at(10, 5), end: at(10, 5) })],
    ['negative-length ahead', event({ id: 'n', start: at(10, 5), end: at(10, 1) })],
  ])('%s: room stays free, nothing throws', (_label, e) => {
    const state = derive(at(10), [e], [], REQUIRED);
    expect(state.status).toBe('free');
    expect(state.current).toBeNull();
    expect(state.next).toBeNull();
    expect(state.freeUntil).toBeNull();
    expect(state.busyUntil).toBeNull();
    expect(state.checkIn).toBeNull();
    expect(state.nextChangeAt).toBeGreaterThan(at(10));
  });

  it('a zero-length event does not stretch a busy stretch', () => {
    const events = [event({ id: 'a', start: at(10), end: at(11) }), event({ id: 'z', start: at(11), end: at(11) })];
    expect(derive(at(10, 30), events, [], DEFAULT_POLICY).busyUntil).toBe(at(11));
  });

  it('a negative-length event does not bridge two meetings', () => {
    const events = [
      event({ id: 'a', start: at(10), end: at(11) }),
      event({ id: 'n', start: at(11), end: at(10, 30) }),
      event({ id: 'b', start: at(11, 30), end: at(12) }),
    ];
    const state = derive(at(10, 30), events, [], DEFAULT_POLICY);
    expect(state.busyUntil).toBe(at(11));
    expect(state.next?.id).toBe('b');
  });
});

describe('derive: all-day and multi-day events', () => {
  it('an all-day event makes the room busy until the zone midnight after it', () => {
    const allDay = event({
      id: 'ad',
      start: zoneMidnight('2026-06-15', 'UTC'),
      end: zoneMidnight('2026-06-16', 'UTC'),
      isAllDay: true,
    });
    const state = derive(at(9), [allDay], [], DEFAULT_POLICY);
    expect(state.status).toBe('busy');
    expect(state.busyUntil).toBe(MIDNIGHT_AFTER);
    expect(state.current?.id).toBe('ad');
    expect(state.current?.isAllDay).toBe(true);
    expect(derive(MIDNIGHT_AFTER, [allDay], [], DEFAULT_POLICY).status).toBe('free');
  });

  it('places all-day events at the room zone midnights', () => {
    const zone = 'Europe/Berlin';
    const allDay = event({
      id: 'ad',
      start: zoneMidnight('2026-06-15', zone),
      end: zoneMidnight('2026-06-16', zone),
      isAllDay: true,
    });
    expect(allDay.start).toBe(Date.UTC(2026, 5, 14, 22));
    const p = policy({ timeZone: zone });
    // 23:30 UTC on the 14th is already the 15th in Berlin.
    expect(derive(Date.UTC(2026, 5, 14, 22), [allDay], [], p).status).toBe('busy');
    expect(derive(Date.UTC(2026, 5, 14, 22) - 1, [allDay], [], p).status).toBe('soon');
    expect(derive(Date.UTC(2026, 5, 15, 21, 59), [allDay], [], p).busyUntil).toBe(Date.UTC(2026, 5, 15, 22));
  });

  it('a timed meeting beats an all-day one as current, busyUntil is the end of the all-day one', () => {
    const events = [
      event({ id: 'ad', start: at(0), end: MIDNIGHT_AFTER, isAllDay: true }),
      event({ id: 'm', start: at(10), end: at(11) }),
    ];
    const during = derive(at(10, 30), events, [], DEFAULT_POLICY);
    expect(during.current?.id).toBe('m');
    expect(during.busyUntil).toBe(MIDNIGHT_AFTER);
    const outside = derive(at(12), events, [], DEFAULT_POLICY);
    expect(outside.current?.id).toBe('ad');
  });

  it('an all-day event does not block a timed meeting inside it from awaiting check-in', () => {
    const events = [
      event({ id: 'ad', start: at(0), end: MIDNIGHT_AFTER, isAllDay: true }),
      event({ id: 'm', start: at(10), end: at(11) }),
    ];
    const state = derive(at(10), events, [], REQUIRED);
    expect(state.status).toBe('awaiting-checkin');
    expect(state.current?.id).toBe('m');
  });

  it('a multi-day all-day event covers every day it spans, and is in each day agenda', () => {
    const multi = event({
      id: 'md',
      start: zoneMidnight('2026-06-14', 'UTC'),
      end: zoneMidnight('2026-06-17', 'UTC'),
      isAllDay: true,
    });
    for (const now of [Date.UTC(2026, 5, 14, 0), at(12), Date.UTC(2026, 5, 16, 23, 59)]) {
      const state = derive(now, [multi], [], REQUIRED);
      expect(state.status).toBe('busy');
      expect(state.busyUntil).toBe(Date.UTC(2026, 5, 17));
      expect(ids(state)).toEqual(['md']);
    }
    expect(derive(Date.UTC(2026, 5, 17), [multi], [], DEFAULT_POLICY).agenda).toEqual([]);
    expect(derive(Date.UTC(2026, 5, 13, 23, 59), [multi], [], DEFAULT_POLICY).agenda).toEqual([]);
  });

  it('a timed meeting across midnight is busy on both days and never awaits check-in when long', () => {
    const overnight = event({ id: 'o', start: Date.UTC(2026, 5, 14, 20), end: Date.UTC(2026, 5, 16, 8) });
    const state = derive(at(12), [overnight], [], REQUIRED);
    expect(state.status).toBe('busy');
    expect(state.busyUntil).toBe(Date.UTC(2026, 5, 16, 8));
    expect(ids(state)).toEqual(['o']);
  });
});

describe('derive: the agenda', () => {
  const events = [
    event({ id: 'yesterday', start: Date.UTC(2026, 5, 14, 9), end: Date.UTC(2026, 5, 14, 10) }),
    event({ id: 'ends-at-midnight', start: Date.UTC(2026, 5, 14, 23), end: at(0) }),
    event({ id: 'across-midnight', start: Date.UTC(2026, 5, 14, 23), end: at(0, 30) }),
    event({ id: 'late', start: at(14), end: at(15) }),
    event({ id: 'early', start: at(9), end: at(10) }),
    event({ id: 'cancelled', start: at(11), end: at(12), isCancelled: true }),
    event({ id: 'declined', start: at(12), end: at(13), roomResponse: 'declined' }),
    event({ id: 'free', start: at(13), end: at(13, 30), showAs: 'free' }),
    event({ id: 'all-day-2', start: at(0), end: Date.UTC(2026, 5, 17), isAllDay: true }),
    event({ id: 'all-day-1', start: Date.UTC(2026, 5, 14), end: MIDNIGHT_AFTER, isAllDay: true }),
    event({ id: 'starts-at-midnight', start: MIDNIGHT_AFTER, end: MIDNIGHT_AFTER + HOUR }),
    event({ id: 'tomorrow', start: MIDNIGHT_AFTER + 9 * HOUR, end: MIDNIGHT_AFTER + 10 * HOUR }),
  ];

  it("lists today's events, all-day first, then by start; past ones of today included", () => {
    const state = derive(at(12, 30), events, [], DEFAULT_POLICY);
    expect(ids(state)).toEqual(['all-day-1', 'all-day-2', 'across-midnight', 'early', 'cancelled', 'free', 'late']);
  });

  it('is the same list all day long', () => {
    const first = ids(derive(at(0), events, [], DEFAULT_POLICY));
    const last = ids(derive(MIDNIGHT_AFTER - 1, events, [], DEFAULT_POLICY));
    expect(last).toEqual(first);
    expect(ids(derive(MIDNIGHT_AFTER, events, [], DEFAULT_POLICY))).toEqual(['all-day-2', 'starts-at-midnight', 'tomorrow']);
  });

  it('marks cancelled and free events as not blocking the room', () => {
    const state = derive(at(12, 30), events, [], DEFAULT_POLICY);
    const byId = new Map(state.agenda.map((m) => [m.id, m]));
    expect(byId.get('cancelled')).toMatchObject({ isCancelled: true, blocksRoom: false });
    expect(byId.get('free')).toMatchObject({ isCancelled: false, blocksRoom: false, showAs: 'free' });
    expect(byId.get('early')).toMatchObject({ isCancelled: false, blocksRoom: true });
    expect(byId.has('declined')).toBe(false);
  });

  it('uses the room zone to decide what today is', () => {
    // 23:30 UTC on the 15th is 08:30 on the 16th in Tokyo.
    const p = policy({ timeZone: 'Asia/Tokyo' });
    const state = derive(at(23, 30), events, [], p);
    // Tokyo's 16th is 2026-06-15T15:00Z .. 2026-06-16T15:00Z.
    // all-day-1 (UTC midnights) still reaches 09:00 on Tokyo's 16th; 'late' ends exactly at its start.
    expect(ids(state)).toEqual(['all-day-1', 'all-day-2', 'starts-at-midnight', 'tomorrow']);
    expect(derive(at(23, 30), [], [], p).nextChangeAt).toBe(Date.UTC(2026, 5, 16, 15));
  });
});

describe('derive: privacy and hostile text', () => {
  it.each<['private' | 'confidential']>([['private'], ['confidential']])(
    '%s events never show subject or organizer',
    (sensitivity) => {
      const secret = event({
        id: 's',
        start: at(10),
        end: at(11),
        sensitivity,
        subject: 'Layoffs round 3',
        organizer: { name: 'Chief Executive', email: 'ceo@example.com' },
      });
      const later = event({ ...secret, id: 's2', start: at(12), end: at(13) });
      const state = derive(at(10, 30), [secret, later], [], DEFAULT_POLICY);
      for (const m of [state.current, state.next, ...state.agenda]) {
        expect(m).toMatchObject({ subject: PRIVATE_SUBJECT, organizer: null, isPrivate: true });
      }
      const json = JSON.stringify(state);
      expect(json).not.toContain('Layoffs');
      expect(json).not.toContain('Chief Executive');
      expect(json).not.toContain('ceo@example.com');
    },
  );

  it.each<['normal' | 'personal']>([['normal'], ['personal']])('%s events show subject and organizer', (sensitivity) => {
    const e = event({ id: 'p', start: at(10), end: at(11), sensitivity, subject: 'Standup' });
    const state = derive(at(10, 30), [e], [], DEFAULT_POLICY);
    expect(state.current).toMatchObject({ subject: 'Standup', organizer: 'Organizer of p', isPrivate: false });
  });

  it('flattens control characters and line breaks to single spaces', () => {
    const e = event({
      id: 'h',
      start: at(10),
      end: at(11),
      subject: '  Line1\nLine2\r\n\tTab\u0000\u001b[31mRed\u007f\u0085\u2028x\u2029  ',
      organizer: { name: '\u0007Eve\nMallory\u009b', email: 'eve@example.com' },
    });
    const state = derive(at(10), [e], [], DEFAULT_POLICY);
    expect(state.current?.subject).toBe('Line1 Line2 Tab [31mRed x');
    expect(state.current?.organizer).toBe('Eve Mallory');
    expect(state.agenda[0]?.subject).toBe('Line1 Line2 Tab [31mRed x');
  });

  it('caps a 10,000-character subject', () => {
    const e = event({ id: 'h', start: at(10), end: at(11), subject: 'A'.repeat(10_000) });
    const subject = derive(at(10), [e], [], DEFAULT_POLICY).current?.subject ?? '';
    expect(subject).toHaveLength(MAX_SUBJECT_CHARS);
    expect(subject).toBe(`${'A'.repeat(MAX_SUBJECT_CHARS - 1)}…`);
  });

  it('caps by characters without splitting a surrogate pair', () => {
    const e = event({ id: 'h', start: at(10), end: at(11), subject: '😀'.repeat(10_000) });
    const subject = derive(at(10), [e], [], DEFAULT_POLICY).current?.subject ?? '';
    const chars = Array.from(subject);
    expect(chars).toHaveLength(MAX_SUBJECT_CHARS);
    expect(chars.slice(0, -1).every((c) => c === '😀')).toBe(true);
    expect(chars.at(-1)).toBe('…');
    // No lone surrogate: encodeURIComponent throws on one.
    expect(() => encodeURIComponent(subject)).not.toThrow();
  });

  it('caps a hostile organizer name', () => {
    const e = event({
      id: 'h',
      start: at(10),
      end: at(11),
      organizer: { name: 'B'.repeat(10_000), email: 'b@example.com' },
    });
    const organizer = derive(at(10), [e], [], DEFAULT_POLICY).current?.organizer ?? '';
    expect(organizer.length).toBeLessThan(200);
    expect(organizer.endsWith('…')).toBe(true);
  });

  it.each<[string, string]>([
    ['empty', ''],
    ['whitespace only', ' \t \n '],
    ['control characters only', '\u0000\u0001\u001f\u007f'],
  ])('an %s subject becomes the untitled placeholder', (_label, subject) => {
    const e = event({ id: 'h', start: at(10), end: at(11), subject });
    expect(derive(at(10), [e], [], DEFAULT_POLICY).current?.subject).toBe(UNTITLED_SUBJECT);
  });

  it('an organizer whose name cleans to nothing is shown as none', () => {
    const e = event({ id: 'h', start: at(10), end: at(11), organizer: { name: '\n\n', email: 'x@example.com' } });
    expect(derive(at(10), [e], [], DEFAULT_POLICY).current?.organizer).toBeNull();
    const noOrganizer = event({ id: 'h', start: at(10), end: at(11), organizer: null });
    expect(derive(at(10), [noOrganizer], [], DEFAULT_POLICY).current?.organizer).toBeNull();
  });
});

describe('derive: nextChangeAt', () => {
  const m = event({ id: 'm', start: at(10), end: at(11) });

  it.each<[string, number, CalendarEvent[], RoomPolicy, number]>([
    ['nothing booked: next midnight', at(9), [], DEFAULT_POLICY, MIDNIGHT_AFTER],
    ['nothing booked, at midnight: the following one', at(0), [], DEFAULT_POLICY, MIDNIGHT_AFTER],
    ['meeting ahead: when it becomes soon', at(9), [m], DEFAULT_POLICY, at(9, 50)],
    ['soon: the start', at(9, 50), [m], DEFAULT_POLICY, at(10)],
    ['busy: the end', at(10), [m], DEFAULT_POLICY, at(11)],
    ['after the last meeting: next midnight', at(11), [m], DEFAULT_POLICY, MIDNIGHT_AFTER],
    ['check-in: window opening before soon', at(9), [m], policy({ soonMinutes: 2, checkIn: { required: true } }), at(9, 55)],
    ['check-in: soon before the window opens', at(9), [m], REQUIRED, at(9, 50)],
    ['check-in: window opens', at(9, 50), [m], REQUIRED, at(9, 55)],
    ['check-in: start', at(9, 55), [m], REQUIRED, at(10)],
    ['check-in: window close', at(10), [m], REQUIRED, at(10, 10)],
    ['check-in: after the window, the end', at(10, 10), [m], REQUIRED, at(11)],
    [
      'a meeting tomorrow morning: midnight comes first',
      at(20),
      [event({ id: 't', start: MIDNIGHT_AFTER + 8 * HOUR, end: MIDNIGHT_AFTER + 9 * HOUR })],
      DEFAULT_POLICY,
      MIDNIGHT_AFTER,
    ],
    [
      'a meeting just after midnight: still midnight (the agenda changes)',
      at(23, 55),
      [event({ id: 't', start: MIDNIGHT_AFTER + 5 * MINUTE, end: MIDNIGHT_AFTER + HOUR })],
      DEFAULT_POLICY,
      MIDNIGHT_AFTER,
    ],
  ])('%s', (_label, now, events, p, expected) => {
    const state = derive(now, events, [], p);
    expect(state.nextChangeAt).toBe(expected);
    expect(state.nextChangeAt).toBeGreaterThan(now);
  });
});

describe('derive: daylight-saving days (Europe/Berlin)', () => {
  const zone = 'Europe/Berlin';
  const berlin = policy({ timeZone: zone });

  describe.each<[string, string, string, number, number, number]>([
    // label, local date, next local date, day start (UTC ms), day end (UTC ms), hours in the day
    ['spring forward', '2026-03-29', '2026-03-30', Date.UTC(2026, 2, 28, 23), Date.UTC(2026, 2, 29, 22), 23],
    ['fall back', '2026-10-25', '2026-10-26', Date.UTC(2026, 9, 24, 22), Date.UTC(2026, 9, 25, 23), 25],
  ])('%s', (_label, date, nextDate, dayStart, dayEnd, hours) => {
    it('zoneMidnight agrees with the known offsets', () => {
      expect(zoneMidnight(date, zone)).toBe(dayStart);
      expect(zoneMidnight(nextDate, zone)).toBe(dayEnd);
      expect(dayEnd - dayStart).toBe(hours * HOUR);
    });

    // 23:30 local on the day is 30 minutes before the local midnight, whatever the offset.
    const lastHalfHour = event({ id: 'late', start: dayEnd - 30 * MINUTE, end: dayEnd });
    // 00:30 local on the next day.
    const nextDay = event({ id: 'next-day', start: dayEnd + 30 * MINUTE, end: dayEnd + HOUR });
    // 23:30 local on the day before.
    const dayBefore = event({ id: 'day-before', start: dayStart - 30 * MINUTE, end: dayStart });
    // 00:30 local on the day.
    const firstHalfHour = event({ id: 'early', start: dayStart + 30 * MINUTE, end: dayStart + HOUR });
    const events = [lastHalfHour, nextDay, dayBefore, firstHalfHour];

    it.each<[string, number]>([
      ['just after midnight', dayStart],
      ['at noon UTC', dayStart + 12 * HOUR],
      ['in the last minute', dayEnd - 1],
    ])('agenda covers exactly the local day, %s', (_when, now) => {
      const state = derive(now, events, [], berlin);
      expect(ids(state)).toEqual(['early', 'late']);
    });

    it('agenda during the hour the clocks change', () => {
      // 01:00 UTC is the moment of the change on both days.
      const changeUtc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), 1);
      for (const now of [changeUtc - 30 * MINUTE, changeUtc, changeUtc + 30 * MINUTE]) {
        expect(ids(derive(now, events, [], berlin))).toEqual(['early', 'late']);
        expect(derive(now, [], [], berlin).nextChangeAt).toBe(dayEnd);
      }
    });

    it('nextChangeAt falls back to the next local midnight', () => {
      const state = derive(dayStart + 13 * HOUR, [dayBefore, nextDay], [], berlin);
      expect(state.nextChangeAt).toBe(dayEnd);
      expect(derive(dayEnd - 1, [], [], berlin).nextChangeAt).toBe(dayEnd);
      expect(derive(dayEnd, [], [], berlin).nextChangeAt).toBe(zoneMidnight(nextDate, zone) + 24 * HOUR);
    });

    it(`an all-day event on the day spans ${hours} hours`, () => {
      const allDay = event({
        id: 'ad',
        start: zoneMidnight(date, zone),
        end: zoneMidnight(nextDate, zone),
        isAllDay: true,
      });
      expect(allDay.end - allDay.start).toBe(hours * HOUR);
      const state = derive(dayStart + 12 * HOUR, [allDay, nextDay], [], berlin);
      expect(state.status).toBe('busy');
      expect(state.busyUntil).toBe(dayEnd);
      expect(ids(state)).toEqual(['ad']);
      expect(derive(dayEnd, [allDay], [], berlin).status).toBe('free');
      expect(derive(dayEnd - 1, [allDay], [], berlin).status).toBe('busy');
      expect(derive(dayStart - 1, [allDay], [], berlin).agenda).toEqual([]);
    });
  });
});

describe('derive: a zone whose DST change skips midnight (America/Santiago)', () => {
  // On 2026-09-06 Chile's clocks jump from 00:00 to 01:00: that day starts at 01:00 local (04:00 UTC)
  // and the next one at 00:00 local on the 7th (03:00 UTC): a 23-hour day.
  const zone = 'America/Santiago';
  const santiago = policy({ timeZone: zone });
  const dayStart = Date.UTC(2026, 8, 6, 4);
  const dayEnd = Date.UTC(2026, 8, 7, 3);

  it('zoneMidnight gives the first instant of each day', () => {
    expect(zoneMidnight('2026-09-06', zone)).toBe(dayStart);
    expect(zoneMidnight('2026-09-07', zone)).toBe(dayEnd);
  });

  it('nextChangeAt is the real next midnight, not an hour after it', () => {
    expect(derive(dayStart + 12 * HOUR, [], [], santiago).nextChangeAt).toBe(dayEnd);
    // The day before ends at the skipped midnight, i.e. at 01:00 local on the 6th.
    expect(derive(dayStart - 12 * HOUR, [], [], santiago).nextChangeAt).toBe(dayStart);
  });

  it('the agenda is exactly that local day', () => {
    const events = [
      event({ id: 'late', start: dayEnd - 30 * MINUTE, end: dayEnd }),
      event({ id: 'next-day', start: dayEnd + 30 * MINUTE, end: dayEnd + HOUR }),
    ];
    expect(ids(derive(dayStart + 12 * HOUR, events, [], santiago))).toEqual(['late']);
    expect(ids(derive(dayEnd + 45 * MINUTE, events, [], santiago))).toEqual(['next-day']);
  });
});

describe('ledsFor', () => {
  it.each<[RoomStatus, LedPattern, LedPattern]>([
    ['free', { red: 'off', green: 'on', amber: 'off' }, { red: 'off', green: 'blink-fast', amber: 'off' }],
    ['busy', { red: 'on', green: 'off', amber: 'off' }, { red: 'blink-fast', green: 'off', amber: 'off' }],
    ['soon', { red: 'off', green: 'off', amber: 'on' }, { red: 'off', green: 'off', amber: 'blink-fast' }],
    [
      'awaiting-checkin',
      { red: 'off', green: 'off', amber: 'blink-slow' },
      { red: 'off', green: 'off', amber: 'blink-fast' },
    ],
  ])('%s', (status, fresh, stale) => {
    expect(ledsFor(status, false)).toEqual(fresh);
    expect(ledsFor(status, true)).toEqual(stale);
  });

  it('lights exactly one LED for every status, fresh or stale', () => {
    for (const status of ['free', 'soon', 'busy', 'awaiting-checkin'] as const) {
      for (const stale of [false, true]) {
        const lit = Object.values(ledsFor(status, stale)).filter((m) => m !== 'off');
        expect(lit).toHaveLength(1);
      }
    }
  });

  it('matches what derive says over a day', () => {
    const m = event({ id: 'm', start: at(10), end: at(11) });
    expect(ledsFor(derive(at(9), [m], [], REQUIRED).status, false).green).toBe('on');
    expect(ledsFor(derive(at(9, 55), [m], [], REQUIRED).status, false).amber).toBe('on');
    expect(ledsFor(derive(at(10), [m], [], REQUIRED).status, false).amber).toBe('blink-slow');
    expect(ledsFor(derive(at(10, 30), [m], [], REQUIRED).status, false).red).toBe('on');
  });
});
