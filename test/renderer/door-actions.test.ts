import { describe, expect, it } from 'vitest';
import type { ActivityJson, BookingOptionJson, RoomStateJson } from '../../src/api/contract.js';
import {
  ACTIVITY_SHOWN,
  REFUSAL_SHOWN_MS,
  answered,
  bookRequest,
  cleanName,
  inFlight,
  mayDismiss,
  settle,
  settleHidden,
  shownActivity,
  touched,
  undoSecondsLeft,
  type LocalAction,
} from '../../renderer/src/door-actions.js';

const berlin = (hhmm: string, ss = '00'): string => `2026-11-23T${hhmm}:${ss}+01:00`;
const NOW = Date.parse(berlin('12:02'));

function activity(partial: Partial<ActivityJson> & Pick<ActivityJson, 'transactionId'>): ActivityJson {
  return {
    kind: 'book',
    phase: 'done',
    code: 'booked',
    message: 'Booked until 12:20.',
    start: berlin('12:02'),
    end: berlin('12:20'),
    undoUntil: null,
    createdAt: berlin('12:02'),
    ...partial,
  };
}

/** Only the fields the settling rules read. */
function stateWith(activityList: ActivityJson[], generatedAt = berlin('12:02')): RoomStateJson {
  return { activity: activityList, generatedAt } as RoomStateJson;
}

const option: BookingOptionJson = { kind: 'duration', minutes: 15, start: berlin('12:02'), end: berlin('12:20') };

function booking(id: string): LocalAction {
  const entry = touched(bookRequest(option, '', id), NOW);
  if (!entry) throw new Error('a booking is an action');
  return entry;
}

describe('the name typed at the door', () => {
  it('is trimmed, collapsed and capped at 40 characters', () => {
    expect(cleanName('  Ana   Ruiz ')).toBe('Ana Ruiz');
    expect(cleanName('x'.repeat(60))).toHaveLength(40);
    expect(cleanName('   ')).toBe('');
  });

  it('loses control and bidi-override characters, which could reorder what other screens show', () => {
    expect(cleanName('Ana\u202Ezuir\u202C\n\tRuiz\u0000')).toBe('Ana zuir Ruiz');
    expect(cleanName('\u2066evil\u2069')).toBe('evil');
  });

  it('counts characters, not UTF-16 units, so an emoji is never cut in half', () => {
    const name = `${'a'.repeat(39)}😀😀`;
    expect(Array.from(cleanName(name))).toHaveLength(40);
    expect(cleanName(name).endsWith('😀')).toBe(true);
  });

  it('is left out of the request when empty', () => {
    expect(bookRequest(option, ' ', 't1')).toEqual({ kind: 'book', transactionId: 't1', end: berlin('12:20') });
    expect(bookRequest(option, 'Ana', 't1')).toEqual({ kind: 'book', transactionId: 't1', end: berlin('12:20'), name: 'Ana' });
  });
});

describe('the feedback of a touch', () => {
  it('shows "sending" at once, before any answer', () => {
    const shown = shownActivity([], [booking('t1')], new Set(), NOW);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ origin: 'local', activity: { transactionId: 't1', kind: 'book', phase: 'sending' } });
  });

  it('gives way to the state as soon as the state lists the same action', () => {
    const fromCore = activity({ transactionId: 't1', phase: 'waiting-for-room', code: 'waiting' });
    const shown = shownActivity([fromCore], [booking('t1')], new Set(), NOW);
    expect(shown).toEqual([{ activity: fromCore, origin: 'core' }]);
    expect(settle([booking('t1')], stateWith([fromCore]))).toEqual([]);
  });

  it('shows the answer of an accepted request until the state catches up', () => {
    const answer = activity({ transactionId: 't1', phase: 'sending', code: 'sending' });
    const local = answered([booking('t1')], 't1', { ok: true, value: answer });
    expect(shownActivity([], local, new Set(), NOW)).toEqual([{ activity: answer, origin: 'core' }]);
    // A state made before the action was recorded says nothing about it ...
    expect(settle(local, stateWith([], berlin('12:01', '59')))).toHaveLength(1);
    // ... one made after it, without it, means the core dropped it (dismissed elsewhere, expired).
    expect(settle(local, stateWith([], berlin('12:02', '01')))).toEqual([]);
  });

  it('shows a refusal as a failure the screen can word, until dismissed or after two minutes', () => {
    const local = answered([booking('t1')], 't1', { ok: false, error: { code: 'NOT_OFFERED', message: 'Booking is not offered now.' } });
    const shown = shownActivity([], local, new Set(), NOW);
    expect(shown[0]).toMatchObject({ origin: 'local', activity: { phase: 'failed', code: 'NOT_OFFERED', message: 'Booking is not offered now.' } });
    expect(mayDismiss(shown[0]!.activity)).toBe(true);
    expect(shownActivity([], local, new Set(), NOW + REFUSAL_SHOWN_MS)).toEqual([]);
    // A refusal is never settled by a state: the core never heard of it.
    expect(settle(local, stateWith([], berlin('13:00')))).toHaveLength(1);
  });

  it('puts the touches first, then the core list, and shows only the newest few', () => {
    const server = [activity({ transactionId: 's1' }), activity({ transactionId: 's2' }), activity({ transactionId: 's3' })];
    const shown = shownActivity(server, [booking('t1'), booking('t2')], new Set(), NOW);
    expect(shown.map((s) => s.activity.transactionId)).toEqual(['t2', 't1', 's1'].slice(0, ACTIVITY_SHOWN));
  });

  it('never shows an entry twice when an answer names another listed entry (undo)', () => {
    const target = activity({ transactionId: 'b1', phase: 'undone', code: 'undone' });
    const undo = touched({ kind: 'undo', transactionId: 'u1', target: 'b1' }, NOW);
    const local = answered(undo ? [undo] : [], 'u1', { ok: true, value: target });
    expect(shownActivity([target], local, new Set(), NOW).map((s) => s.activity.transactionId)).toEqual(['b1']);
  });

  it('hides a dismissed entry at once, and forgets it when the core stops listing it', () => {
    const server = [activity({ transactionId: 's1' })];
    expect(shownActivity(server, [], new Set(['s1']), NOW)).toEqual([]);
    expect([...settleHidden(new Set(['s1']), stateWith(server))]).toEqual(['s1']);
    expect([...settleHidden(new Set(['s1']), stateWith([]))]).toEqual([]);
  });

  it('makes no local entry for a dismissal', () => {
    expect(touched({ kind: 'dismiss', transactionId: 'd1', target: 's1' }, NOW)).toBeNull();
  });
});

describe('a button whose action is on its way', () => {
  it('is busy from the touch until the action has finished, so a second tap cannot book twice', () => {
    expect(inFlight('book', [], [booking('t1')])).toBe(true);
    expect(inFlight('check-in', [], [booking('t1')])).toBe(false);
    const accepted = answered([booking('t1')], 't1', { ok: true, value: activity({ transactionId: 't1', phase: 'waiting-for-room' }) });
    expect(inFlight('book', [], accepted)).toBe(true);
    const done = answered([booking('t1')], 't1', { ok: true, value: activity({ transactionId: 't1', phase: 'done' }) });
    expect(inFlight('book', [], done)).toBe(false);
    const refused = answered([booking('t1')], 't1', { ok: false, error: { code: 'OFFLINE', message: 'x' } });
    expect(inFlight('book', [], refused)).toBe(false);
  });

  it('follows the state once the core lists it', () => {
    expect(inFlight('book', [activity({ transactionId: 't1', phase: 'queued' })], [])).toBe(true);
    expect(inFlight('book', [activity({ transactionId: 't1', phase: 'done' })], [booking('t1')])).toBe(false);
  });
});

describe('undo', () => {
  it('counts whole seconds, rounded up, while the undo time lasts', () => {
    const a = activity({ transactionId: 't1', undoUntil: berlin('12:02', '10') });
    expect(undoSecondsLeft(a, NOW)).toBe(10);
    expect(undoSecondsLeft(a, NOW + 9_001)).toBe(1);
    expect(undoSecondsLeft(a, NOW + 10_000)).toBe(0);
    expect(undoSecondsLeft(a, NOW + 60_000)).toBe(0);
  });

  it('is not offered for something already undone, failed, or without an undo time', () => {
    expect(undoSecondsLeft(activity({ transactionId: 't1', undoUntil: null }), NOW)).toBe(0);
    expect(undoSecondsLeft(activity({ transactionId: 't1', phase: 'undone', undoUntil: berlin('12:03') }), NOW)).toBe(0);
    expect(undoSecondsLeft(activity({ transactionId: 't1', phase: 'failed', undoUntil: berlin('12:03') }), NOW)).toBe(0);
    expect(undoSecondsLeft(activity({ transactionId: 't1', undoUntil: 'soon' }), NOW)).toBe(0);
  });

  it('only finished entries can be dismissed; one still on its way cannot', () => {
    for (const phase of ['queued', 'sending', 'waiting-for-room'] as const) expect(mayDismiss(activity({ transactionId: 't', phase }))).toBe(false);
    for (const phase of ['done', 'failed', 'undone'] as const) expect(mayDismiss(activity({ transactionId: 't', phase }))).toBe(true);
  });
});
