import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigFile } from '../../src/config/schema.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { act, activityOf, ok, settle } from '../helpers/door.js';

// The demo day is anchored at 10:00 Berlin. At 12:01 the room is free until the 15:00 interview.
const ANCHOR = Date.parse('2026-11-23T09:00:00Z');
const at = (hhmm: string): number => Date.parse(`2026-11-23T${hhmm}:00+01:00`);

let t: TestCore | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function demo(now: number, config: ConfigFile = {}): Promise<TestCore> {
  // Anchor the demo day first, then move to the moment under test.
  t = await startTestCore({ now: ANCHOR, config });
  t.clock.advanceTo(now);
  t.core.hub.refresh();
  return t;
}

describe('walk-up booking in the demo room', () => {
  it('offers 15/30/60 min and "until" the next meeting, ends rounded to 5 min, and books with two taps', async () => {
    const { core } = await demo(at('12:01'));
    const before = core.hub.current();
    expect(before.status).toBe('free');
    expect(before.actions.book.map((b) => [b.kind, b.minutes, b.end.slice(11, 16)])).toEqual([
      ['duration', 19, '12:20'],
      ['duration', 34, '12:35'],
      ['duration', 64, '13:05'],
      ['until-next', 179, '15:00'],
    ]);
    const option = before.actions.book[1];
    const res = await act(core, { kind: 'book', end: option?.end ?? '' });
    expect(res.status).toBe(200);
    const activity = ok(res.body);
    expect(activity).toMatchObject({ kind: 'book', phase: 'sending' });
    // The door shows the booking at once, before anything is confirmed.
    expect(core.hub.current()).toMatchObject({ status: 'busy', current: { subject: 'Walk-up booking' } });

    const after = await settle(core);
    expect(after.status).toBe('busy');
    expect(after.current).toMatchObject({ subject: 'Walk-up booking', end: '2026-11-23T12:35:00+01:00' });
    expect(activityOf(after, activity.transactionId)).toMatchObject({ phase: 'done', code: 'booked', undoUntil: '2026-11-23T12:01:10+01:00' });
    // Its own booking: the door offers to end it early or extend it, and never asks for a check-in.
    expect(after.actions.endEarly?.eventId).toBe(after.current?.id);
    expect(after.actions.extend?.minutes).toEqual([15, 30]);
    expect(after.checkIn).toBeNull();
    expect(core.store.auditLog().map((a) => a.action).slice(0, 2)).toEqual(['book.done', 'book.queued']);
  });

  it('after the core closed, a late sync or outbox callback touches nothing (the database is closed)', async () => {
    const { core, clock } = await demo(at('12:01'), { policy: { release: { enabled: true } } });
    await t?.close();
    t = null;
    // What a sync or an outbox step finishing during close() calls:
    expect(() => core.hub.refresh()).not.toThrow();
    expect(() => core.door.checkReleases()).not.toThrow();
    expect(() => clock.advanceBy(24 * 60 * 60_000)).not.toThrow();
  });

  it('a resent request (double tap, retried POST) is one booking', async () => {
    const { core } = await demo(at('12:01'));
    const end = core.hub.current().actions.book[0]?.end ?? '';
    const transactionId = '6d1f7a52-3c1e-4b8a-9d0e-2f4b6c8a0e13';
    const [a, b] = await Promise.all([act(core, { kind: 'book', end, transactionId }), act(core, { kind: 'book', end, transactionId })]);
    expect(ok(a.body).transactionId).toBe(transactionId);
    expect(ok(b.body).transactionId).toBe(transactionId);
    await settle(core);
    expect(core.store.events(at('12:00'), at('13:00')).filter((e) => e.subject === 'Walk-up booking')).toHaveLength(1);
  });

  it('undo within 10 s takes the booking back; after that it is too late', async () => {
    const { core, clock } = await demo(at('12:01'));
    const options = core.hub.current().actions.book;
    const first = ok((await act(core, { kind: 'book', end: options[0]?.end ?? '' })).body);
    await settle(core);
    clock.advanceBy(5_000);
    const undo = await act(core, { kind: 'undo', target: first.transactionId });
    expect(ok(undo.body)).toMatchObject({ kind: 'undo' });
    const state = await settle(core);
    expect(state.status).toBe('free');
    expect(core.store.events(at('12:00'), at('13:00')).some((e) => e.subject === 'Walk-up booking')).toBe(false);

    const second = ok((await act(core, { kind: 'book', end: options[0]?.end ?? '' })).body);
    await settle(core);
    clock.advanceBy(13_000);
    const late = await act(core, { kind: 'undo', target: second.transactionId });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ ok: false, error: { code: 'TOO_LATE' } });
    expect(core.hub.current().status).toBe('busy');
  });

  it('ends its own booking early and extends it only into free time', async () => {
    const { core, clock } = await demo(at('14:01'));
    const until = core.hub.current().actions.book.find((b) => b.kind === 'duration' && b.minutes === 34);
    ok((await act(core, { kind: 'book', end: until?.end ?? '' })).body);
    let state = await settle(core);
    const id = state.current?.id ?? '';
    // 14:35 + 30 would run into the 15:00 interview: only +15 fits.
    expect(state.actions.extend).toEqual({ eventId: id, minutes: [15] });
    const refused = await act(core, { kind: 'extend', eventId: id, minutes: 30 });
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'NOT_OFFERED' } });
    ok((await act(core, { kind: 'extend', eventId: id, minutes: 15 })).body);
    state = await settle(core);
    expect(state.current?.end).toBe('2026-11-23T14:50:00+01:00');
    expect(state.actions.extend).toBeNull();

    clock.advanceBy(20 * 60_000);
    core.hub.refresh();
    ok((await act(core, { kind: 'end-early', eventId: id })).body);
    state = await settle(core);
    expect(state).toMatchObject({ status: 'free', freeUntil: '2026-11-23T15:00:00+01:00', current: null });
    expect(core.store.event(id)?.end).toBe(at('14:21'));
  });

  it('does not offer a booking when the room is free for less than 10 minutes, and says why', async () => {
    // 10:07: the 10:15 call is 8 minutes away.
    const { core } = await demo(at('10:07'));
    const state = core.hub.current();
    expect(state.status).toBe('soon');
    expect(state.actions.book).toEqual([]);
    expect(state.actions.bookUnavailable).toBe('too-short');
    const refused = await act(core, { kind: 'book', end: '2026-11-23T10:15:00+01:00' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'NOT_OFFERED' } });
  });

  it('check-in opens 5 min before the start, and a checked-in meeting is not released', async () => {
    const { core, clock } = await demo(at('10:09'), { policy: { release: { enabled: true } } });
    expect(core.hub.current().actions.checkIn).toBeNull();
    clock.advanceTo(at('10:11'));
    core.hub.refresh();
    const window = core.hub.current().actions.checkIn;
    expect(window).not.toBeNull();
    ok((await act(core, { kind: 'check-in', eventId: window?.eventId ?? '' })).body);
    await settle(core);
    expect(core.store.checkIns().map((c) => c.eventId)).toContain(window?.eventId);
    clock.advanceTo(at('10:30'));
    await settle(core);
    expect(core.hub.current()).toMatchObject({ status: 'busy', current: { id: window?.eventId } });
    expect(core.store.auditLog().some((a) => a.action.startsWith('release.'))).toBe(false);
  });

  it('never releases a meeting whose check-in opened while the display was off', async () => {
    // 10:00: the 9:35 meeting started 25 minutes ago, before this door was on.
    const { core } = await demo(at('10:00'), { policy: { release: { enabled: true } } });
    const state = await settle(core);
    expect(state).toMatchObject({ status: 'busy', current: { subject: 'Product sync' } });
    expect(core.store.auditLog().some((a) => a.action.startsWith('release.'))).toBe(false);
  });

  it('releases a no-show 10 min after its start, and never an occupied room', async () => {
    const { core, clock } = await demo(at('10:14'), { policy: { release: { enabled: true } } });
    const meeting = core.hub.current().next;
    expect(meeting?.subject).toBe('Customer call — Contoso');
    clock.advanceTo(at('10:25'));
    const state = await settle(core);
    expect(state).toMatchObject({ status: 'free', freeUntil: '2026-11-23T11:00:00+01:00' });
    expect(core.store.event(meeting?.id ?? '')).toBeNull();
    expect(core.store.auditLog().map((a) => a.action)).toContain('release.done');
    expect(activityOf(state, state.activity[0]?.transactionId ?? '')).toMatchObject({ kind: 'release', phase: 'done', code: 'released' });
  });

  it('an occupancy signal counts as a check-in: the meeting is not released', async () => {
    const { core, clock } = await demo(at('10:14'), { policy: { release: { enabled: true } } });
    clock.advanceTo(at('10:17'));
    core.door.occupied(clock.now());
    clock.advanceTo(at('10:40'));
    const state = await settle(core);
    expect(state).toMatchObject({ status: 'busy', current: { subject: 'Customer call — Contoso' } });
    expect(core.store.auditLog().some((a) => a.action.startsWith('release.'))).toBe(false);
  });
});
