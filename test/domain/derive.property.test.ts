import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derive } from '../../src/domain/derive.js';
import {
  blocksRoom,
  type CalendarEvent,
  type CheckIn,
  type RoomResponse,
  type Sensitivity,
  type ShowAs,
} from '../../src/domain/event.js';
import { LONG_MEETING_MS, type RoomPolicy } from '../../src/domain/policy.js';
import { isPrivate, PRIVATE_SUBJECT } from '../../src/domain/privacy.js';
import type { RoomState } from '../../src/domain/room-state.js';
import { minutes, toIsoInZone, zoneMidnight } from '../../src/domain/time.js';
import { DAY, HOUR, MINUTE } from './builders.js';

/**
 * Fixed instants the generated worlds are built around: an ordinary day, both Berlin DST changes
 * (at 01:00 UTC), and the Santiago spring-forward that skips local midnight.
 */
const BASES = [
  Date.UTC(2026, 5, 15, 12),
  Date.UTC(2026, 2, 29, 1),
  Date.UTC(2026, 9, 25, 1),
  Date.UTC(2026, 8, 6, 4),
] as const;
const ZONES = ['UTC', 'Europe/Berlin', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kolkata'] as const;
/** Events and `now` fall within ±36 h of the base: a 3-day range. */
const SPAN = 36 * HOUR;
const SLOT = 15 * MINUTE;
const NUM_RUNS = 400;

interface World {
  readonly policy: RoomPolicy;
  readonly events: readonly CalendarEvent[];
  readonly checkIns: readonly CheckIn[];
  readonly now: number;
}

const policyArb: fc.Arbitrary<RoomPolicy> = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  soonMinutes: fc.integer({ min: 0, max: 30 }),
  checkIn: fc.record({
    required: fc.boolean(),
    opensMinutesBefore: fc.integer({ min: 0, max: 15 }),
    closesMinutesAfter: fc.integer({ min: 0, max: 30 }),
  }),
  privacy: fc.constantFrom('subject' as const, 'organizer' as const, 'reserved' as const),
});

/** Mostly on a 15-minute grid (so meetings touch and share boundaries), sometimes any millisecond. */
function instantArb(base: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: -SPAN / SLOT, max: SPAN / SLOT }).map((s) => base + s * SLOT) },
    { weight: 1, arbitrary: fc.integer({ min: base - SPAN, max: base + SPAN }) },
  );
}

const durationArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 16 }).map((n) => n * SLOT) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 * DAY }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -SLOT, -1, LONG_MEETING_MS, LONG_MEETING_MS - 1) },
);

const SHOW_AS: readonly ShowAs[] = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'];
const RESPONSES: readonly RoomResponse[] = [
  'none',
  'organizer',
  'tentativelyAccepted',
  'accepted',
  'declined',
  'notResponded',
];
const SENSITIVITIES: readonly Sensitivity[] = ['normal', 'personal', 'private', 'confidential'];

/** YYYY-MM-DD `days` after `date` (calendar arithmetic, zone-free). */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

function localDate(at: number, zone: string): string {
  return toIsoInZone(at, zone).slice(0, 10);
}

function eventArb(base: number, zone: string): fc.Arbitrary<Omit<CalendarEvent, 'id'>> {
  return fc
    .record({
      start: instantArb(base),
      duration: durationArb,
      allDayDays: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
      showAs: fc.oneof({ weight: 3, arbitrary: fc.constant<ShowAs>('busy') }, { weight: 2, arbitrary: fc.constantFrom(...SHOW_AS) }),
      isCancelled: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      roomResponse: fc.oneof(
        { weight: 3, arbitrary: fc.constant<RoomResponse>('accepted') },
        { weight: 2, arbitrary: fc.constantFrom(...RESPONSES) },
      ),
      sensitivity: fc.constantFrom(...SENSITIVITIES),
      subject: fc.string({ unit: 'binary', maxLength: 30 }),
      organizer: fc.option(fc.record({ name: fc.string({ maxLength: 20 }), email: fc.constant('o@example.com') })),
    })
    .map(({ start, duration, allDayDays, ...rest }) => {
      if (allDayDays === 0) return { ...rest, start, end: start + duration, isAllDay: false };
      const date = localDate(start, zone);
      return {
        ...rest,
        start: zoneMidnight(date, zone),
        end: zoneMidnight(addDays(date, allDayDays), zone),
        isAllDay: true,
      };
    });
}

/** Instants where the state is most likely to flip, and their neighbours. */
function boundaries(events: readonly CalendarEvent[], policy: RoomPolicy): number[] {
  const out: number[] = [];
  for (const e of events) {
    for (const t of [
      e.start,
      e.end,
      e.start - minutes(policy.soonMinutes),
      e.start - minutes(policy.checkIn.opensMinutesBefore),
      e.start + minutes(policy.checkIn.closesMinutesAfter),
      e.start + Math.floor(minutes(policy.checkIn.closesMinutesAfter) / 2),
    ]) {
      out.push(t - 1, t, t + 1);
    }
    const date = localDate(e.start, policy.timeZone);
    out.push(zoneMidnight(addDays(date, 1), policy.timeZone) - 1, zoneMidnight(addDays(date, 1), policy.timeZone));
  }
  return out;
}

const worldArb: fc.Arbitrary<World> = fc
  .record({ base: fc.constantFrom(...BASES), policy: policyArb })
  .chain(({ base, policy }) =>
    fc.array(eventArb(base, policy.timeZone), { maxLength: 12 }).chain((raw) => {
      const events: CalendarEvent[] = raw.map((e, i) => ({ ...e, id: `e${i}` }));
      const edges = boundaries(events, policy);
      const nowArb =
        edges.length === 0
          ? instantArb(base)
          : fc.oneof(instantArb(base), fc.constantFrom(...edges));
      return fc.record({
        // Often none at all, so that meetings awaiting a check-in are common enough.
        checkIns: fc
          .oneof(fc.constant([]), fc.subarray(events.map((e) => e.id)))
          .map((ids) => ids.map((eventId) => ({ eventId, at: base }))),
        now: nowArb,
      }).map(({ checkIns, now }) => ({ policy, events, checkIns, now }));
    }),
  );

function run(w: World, now = w.now): RoomState {
  return derive(now, w.events, w.checkIns, w.policy);
}

function covers(e: CalendarEvent, t: number): boolean {
  return blocksRoom(e) && e.start <= t && t < e.end;
}

/** A few instants in [from, to): both ends, the middle, and some spread in between. */
function sample(from: number, to: number, extra: readonly number[] = []): number[] {
  const span = to - from;
  const points = [from, to - 1, from + Math.floor(span / 2)];
  for (const f of [0.1, 0.37, 0.61, 0.9]) points.push(from + Math.floor(span * f));
  for (const t of extra) if (t >= from && t < to) points.push(t);
  return points.filter((t) => t >= from && t < to);
}

/** The observable answer, minus `now` and nextChangeAt. */
function observable(s: RoomState): unknown {
  return {
    status: s.status,
    current: s.current?.id ?? null,
    next: s.next?.id ?? null,
    freeUntil: s.freeUntil,
    busyUntil: s.busyUntil,
    checkIn: s.checkIn,
    agenda: s.agenda.map((m) => m.id),
  };
}

function check(predicate: (w: World) => void): void {
  fc.assert(fc.property(worldArb, predicate), { numRuns: NUM_RUNS });
}

describe('derive: properties', () => {
  it('is total on generated worlds', () => {
    check((w) => {
      const s = run(w);
      expect(Number.isFinite(s.nextChangeAt)).toBe(true);
    });
  });

  it('is total on wild inputs (any integers, any order, duplicate ids)', () => {
    const wild = fc.record({
      id: fc.constantFrom('a', 'b', 'c'),
      subject: fc.string({ unit: 'binary', maxLength: 50 }),
      organizer: fc.constant(null),
      start: fc.integer({ min: -1e14, max: 1e14 }),
      end: fc.integer({ min: -1e14, max: 1e14 }),
      isAllDay: fc.boolean(),
      showAs: fc.constantFrom(...SHOW_AS),
      isCancelled: fc.boolean(),
      roomResponse: fc.constantFrom(...RESPONSES),
      sensitivity: fc.constantFrom(...SENSITIVITIES),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: -1e14, max: 1e14 }),
        fc.array(wild, { maxLength: 10 }),
        policyArb,
        (now, events, policy) => {
          const s = derive(now, events, [{ eventId: 'a', at: now }], policy);
          expect(s.now).toBe(now);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is busy (or awaiting check-in) exactly when busyUntil is set, and then busyUntil > now, freeUntil null', () => {
    check((w) => {
      const s = run(w);
      const busy = s.status === 'busy' || s.status === 'awaiting-checkin';
      expect(s.busyUntil !== null).toBe(busy);
      if (s.busyUntil !== null) {
        expect(s.busyUntil).toBeGreaterThan(w.now);
        expect(s.freeUntil).toBeNull();
      }
    });
  });

  it('when free or soon: nothing blocks now, and nothing blocks [now, freeUntil), which a meeting starts', () => {
    check((w) => {
      const s = run(w);
      if (s.status !== 'free' && s.status !== 'soon') return;
      const blocking = w.events.filter(blocksRoom);
      expect(blocking.filter((e) => covers(e, w.now))).toEqual([]);
      expect(s.current).toBeNull();
      if (s.freeUntil === null) {
        expect(blocking.filter((e) => e.end > w.now)).toEqual([]);
        expect(s.status).toBe('free');
        return;
      }
      const freeUntil = s.freeUntil;
      expect(freeUntil).toBeGreaterThan(w.now);
      expect(blocking.some((e) => e.start === freeUntil)).toBe(true);
      expect(blocking.filter((e) => e.start < freeUntil && e.end > w.now)).toEqual([]);
    });
  });

  it('when busy: [now, busyUntil) is covered throughout, and busyUntil is not', () => {
    check((w) => {
      const s = run(w);
      if (s.busyUntil === null) return;
      const busyUntil = s.busyUntil;
      const blocking = w.events.filter(blocksRoom);
      const edges = blocking.flatMap((e) => [e.start - 1, e.start, e.end - 1, e.end]);
      for (const t of sample(w.now, busyUntil, edges)) {
        expect(blocking.some((e) => covers(e, t)), `uncovered at ${t}`).toBe(true);
      }
      expect(blocking.filter((e) => covers(e, busyUntil))).toEqual([]);
    });
  });

  it('current covers now, next is the earliest blocking meeting after now', () => {
    check((w) => {
      const s = run(w);
      const byId = new Map(w.events.map((e) => [e.id, e]));
      const blocking = w.events.filter(blocksRoom);
      if (s.current) {
        const e = byId.get(s.current.id);
        expect(e && covers(e, w.now)).toBe(true);
      } else {
        expect(blocking.filter((e) => covers(e, w.now))).toEqual([]);
      }
      const later = blocking.filter((e) => e.start > w.now);
      if (s.next) {
        const e = byId.get(s.next.id);
        expect(e !== undefined && blocksRoom(e)).toBe(true);
        expect(s.next.start).toBe(Math.min(...later.map((x) => x.start)));
      } else {
        expect(later).toEqual([]);
      }
    });
  });

  it('awaiting check-in only for an unchecked, short, timed current meeting inside its window', () => {
    check((w) => {
      const s = run(w);
      const checked = new Set(w.checkIns.map((c) => c.eventId));
      if (s.checkIn) {
        expect(w.policy.checkIn.required).toBe(true);
        expect(s.checkIn.opensAt).toBeLessThanOrEqual(w.now);
        expect(s.checkIn.closesAt).toBeGreaterThan(w.now);
        expect(checked.has(s.checkIn.eventId)).toBe(false);
      }
      if (s.status !== 'awaiting-checkin') return;
      expect(s.current).not.toBeNull();
      expect(s.checkIn?.eventId).toBe(s.current?.id);
      const e = w.events.find((x) => x.id === s.current?.id);
      expect(e).toBeDefined();
      if (!e) return;
      expect(e.isAllDay).toBe(false);
      expect(e.end - e.start).toBeLessThan(LONG_MEETING_MS);
      expect(w.now).toBeLessThan(e.start + minutes(w.policy.checkIn.closesMinutesAfter));
    });
  });

  it('nextChangeAt > now, and nothing observable changes before it', () => {
    check((w) => {
      const s = run(w);
      expect(s.nextChangeAt).toBeGreaterThan(w.now);
      const before = observable(s);
      const edges = boundaries(w.events, w.policy);
      for (const t of sample(w.now, s.nextChangeAt, edges)) {
        expect(observable(run(w, t)), `at ${t}`).toEqual(before);
      }
    });
  });

  it('removing events that do not take the room changes nothing about busy or free', () => {
    check((w) => {
      const s = run(w);
      const t = derive(w.now, w.events.filter(blocksRoom), w.checkIns, w.policy);
      expect(t.status).toBe(s.status);
      expect(t.busyUntil).toBe(s.busyUntil);
      expect(t.freeUntil).toBe(s.freeUntil);
      expect(t.current?.id).toBe(s.current?.id);
      expect(t.next?.id).toBe(s.next?.id);
      expect(t.checkIn).toEqual(s.checkIn);
    });
  });

  it("agenda: sorted all-day first then by start, exactly the non-declined events overlapping now's local day", () => {
    check((w) => {
      const s = run(w);
      const zone = w.policy.timeZone;
      const date = localDate(w.now, zone);
      const dayStart = zoneMidnight(date, zone);
      const dayEnd = zoneMidnight(addDays(date, 1), zone);
      expect(dayStart).toBeLessThanOrEqual(w.now);
      expect(dayEnd).toBeGreaterThan(w.now);

      for (let i = 1; i < s.agenda.length; i++) {
        const a = s.agenda[i - 1];
        const b = s.agenda[i];
        if (!a || !b) continue;
        if (a.isAllDay === b.isAllDay) expect(a.start).toBeLessThanOrEqual(b.start);
        else expect(a.isAllDay).toBe(true);
      }
      for (const m of s.agenda) {
        expect(m.start < dayEnd && m.end > dayStart, `${m.id} outside ${date}`).toBe(true);
      }
      const expected = w.events
        .filter((e) => e.roomResponse !== 'declined' && e.start < dayEnd && e.end > dayStart)
        .map((e) => e.id)
        .sort();
      expect(s.agenda.map((m) => m.id).sort()).toEqual(expected);
    });
  });

  it('agenda items carry the truth about cancellation and blocking', () => {
    check((w) => {
      const s = run(w);
      const byId = new Map(w.events.map((e) => [e.id, e]));
      for (const m of s.agenda) {
        const e = byId.get(m.id);
        expect(e).toBeDefined();
        if (!e) continue;
        expect(m.isCancelled).toBe(e.isCancelled);
        expect(m.blocksRoom).toBe(blocksRoom(e));
        expect(m.isTentative).toBe(e.showAs === 'tentative');
        if (e.isCancelled) expect(m.blocksRoom).toBe(false);
      }
    });
  });

  it('never shows the subject or organizer of a private or confidential event', () => {
    check((w) => {
      const s = run(w);
      const byId = new Map(w.events.map((e) => [e.id, e]));
      for (const m of [s.current, s.next, ...s.agenda]) {
        if (!m) continue;
        const e = byId.get(m.id);
        if (!e || !isPrivate(e)) continue;
        expect(m.subject).toBe(PRIVATE_SUBJECT);
        expect(m.organizer).toBeNull();
        expect(m.isPrivate).toBe(true);
      }
    });
  });

  it('soon means the next busy stretch starts within soonMinutes; free means it does not', () => {
    check((w) => {
      const s = run(w);
      const soon = minutes(w.policy.soonMinutes);
      if (s.status === 'soon') {
        expect(s.freeUntil).not.toBeNull();
        expect((s.freeUntil ?? Infinity) - w.now).toBeLessThanOrEqual(soon);
      }
      if (s.status === 'free' && s.freeUntil !== null) {
        expect(s.freeUntil - w.now).toBeGreaterThan(soon);
      }
    });
  });
});
