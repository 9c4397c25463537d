import { describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../scripts/graph-simulator/index.js';
import { eventually, PUBLIC_CLIENT, ROOM_EMAIL, useGraphCore, type GraphRun } from '../helpers/graph-core.js';
import { act, activityOf, ok, settle } from '../helpers/door.js';
import type { BookingOptionJson } from '../../src/api/contract.js';
import type { ConfigFile } from '../../src/config/schema.js';
import { CHECK_IN_PROPERTY } from '../../src/calendar/graph/graph-writer.js';

// 16:32 in Berlin: the basic scenario's room is free (its 16:00 meeting is cancelled) until midnight.
const NOW = Date.parse('2026-11-23T15:32:00Z');
const graph = useGraphCore(NOW);

type Mode = 'app' | 'delegated';

async function start(mode: Mode, extra: ConfigFile = {}): Promise<GraphRun> {
  if (mode === 'app') return graph.start({ extra });
  const run = await graph.start({ calendar: { auth: 'delegated', clientId: PUBLIC_CLIENT, account: 'booking@contoso.com' }, extra, until: 'started' });
  const prompt = await eventually(() => run.t.state().signIn, 'a device code');
  run.sim.state.approveDeviceCode(prompt.userCode, { username: 'booking@contoso.com' });
  await eventually(() => run.t.state().signIn === null && run.t.state().sync.online, 'signed in and synced', 15_000);
  await run.t.core.sync.idle();
  return run;
}

const walkUps = (sim: RunningSimulator): ReturnType<RunningSimulator['state']['eventsOf']> =>
  sim.state.eventsOf(ROOM_EMAIL).filter((e) => e.subject.startsWith('Walk-up booking') && !e.isCancelled);

/** Lets the worker's timers (backoff, asking the room again) run, as often as needed. */
async function runOutbox(run: GraphRun, steps = 10, stepMs = 5_000): Promise<void> {
  for (let i = 0; i < steps; i += 1) {
    await settle(run.t.core);
    if (run.t.core.store.outbox.pending().length === 0) return;
    run.clock.advanceBy(stepMs);
  }
  await settle(run.t.core);
}

/** The booking assistant answers after a real delay; this makes it answer now. */
async function roomAnswers(run: GraphRun): Promise<void> {
  await settle(run.t.core);
  run.sim.state.bookings.processPending();
}

/** Books the first offered option `pick` accepts, lets the room answer, and returns it with the booking's id. */
async function bookAndConfirm(run: GraphRun, mode: Mode, pick: (b: BookingOptionJson) => boolean): Promise<{ option: BookingOptionJson | undefined; id: string }> {
  const { core } = run.t;
  const option = core.hub.current().actions.book.find(pick);
  ok((await act(core, { kind: 'book', end: option?.end ?? '' })).body);
  if (mode === 'delegated') await roomAnswers(run);
  await runOutbox(run);
  return { option, id: core.hub.current().current?.id ?? '' };
}

describe.each<Mode>(['app', 'delegated'])('walk-up booking against the Graph simulator (%s sign-in)', (mode) => {
  it('books with two taps: exactly one event in Outlook, the door shows it, and undo takes it back', async () => {
    const run = await start(mode);
    const { core } = run.t;
    const option = core.hub.current().actions.book.find((b) => b.minutes >= 30);
    expect(option).toBeDefined();
    const activity = ok((await act(core, { kind: 'book', end: option?.end ?? '' })).body);
    if (mode === 'delegated') {
      await settle(core);
      expect(activityOf(core.hub.current(), activity.transactionId)).toMatchObject({ phase: 'waiting-for-room', code: 'waiting-for-room' });
      // Held for the person at the door while the room decides.
      expect(core.hub.current().status).toBe('busy');
      await roomAnswers(run);
    }
    await runOutbox(run);
    const state = core.hub.current();
    expect(activityOf(state, activity.transactionId)).toMatchObject({ phase: 'done', code: 'booked' });
    expect(state).toMatchObject({ status: 'busy', current: { subject: 'Walk-up booking' } });
    expect(walkUps(run.sim)).toHaveLength(1);
    expect(walkUps(run.sim)[0]?.response).toBe(mode === 'app' ? 'organizer' : 'accepted');
    expect(state.actions.endEarly).not.toBeNull();

    const undo = ok((await act(core, { kind: 'undo', target: activity.transactionId })).body);
    await runOutbox(run);
    expect(activityOf(core.hub.current(), undo.transactionId)).toMatchObject({ phase: 'done', code: 'undone' });
    // The room's booking assistant removes its copy when the invitation is cancelled.
    if (mode === 'delegated') run.sim.state.bookings.processPending();
    expect(walkUps(run.sim)).toHaveLength(0);
    expect(core.hub.current().status).toBe('free');
  });

  it('ends early and extends the booking in Outlook', async () => {
    const run = await start(mode);
    const { core } = run.t;
    const { option, id } = await bookAndConfirm(run, mode, (b) => b.minutes >= 30 && b.minutes < 40);
    ok((await act(core, { kind: 'extend', eventId: id, minutes: 15 })).body);
    await runOutbox(run);
    const extendedEnd = Date.parse(option?.end ?? '') + 15 * 60_000;
    expect(walkUps(run.sim)[0]?.endMs).toBe(extendedEnd);
    expect(Date.parse(core.hub.current().current?.end ?? '')).toBe(extendedEnd);

    run.clock.advanceBy(10 * 60_000);
    await run.t.poll(0);
    ok((await act(core, { kind: 'end-early', eventId: id })).body);
    await runOutbox(run);
    expect(walkUps(run.sim)[0]?.endMs).toBe(run.clock.now());
    expect(core.hub.current().status).toBe('free');
  });

  it('checks in during the window: stored on the device and mirrored on the event as an extended property', async () => {
    const run = await start(mode, { policy: { checkIn: { required: true } } });
    const { core } = run.t;
    const meeting = run.sim.state.addEvent({ mailbox: ROOM_EMAIL, subject: 'Team sync', organizer: 'anna.schmidt@contoso.com', start: NOW + 3 * 60_000, end: NOW + 33 * 60_000 });
    const roomCopy = () => run.sim.state.eventsOf(ROOM_EMAIL).find((e) => e.iCalUId === meeting.iCalUId);
    await run.t.poll();
    const window = core.hub.current().actions.checkIn;
    expect(window?.eventId).toBe(roomCopy()?.id);
    const checkedInAt = run.clock.now();
    ok((await act(core, { kind: 'check-in', eventId: window?.eventId ?? '' })).body);
    await runOutbox(run);
    expect(core.hub.current().actions.checkIn).toBeNull();
    expect(core.store.checkIns().map((c) => c.eventId)).toContain(window?.eventId);
    const done = core.store.auditLog().find((a) => a.action === 'check-in.done');
    if (mode === 'app') {
      expect(roomCopy()?.extendedProperties?.[CHECK_IN_PROPERTY]).toBe(new Date(checkedInAt).toISOString());
      expect(done?.detail.mirrored).toBeUndefined();
    } else {
      // This booking account may not write to the room's mailbox: the check-in stands on the device alone.
      expect(roomCopy()?.extendedProperties?.[CHECK_IN_PROPERTY]).toBeUndefined();
      expect(done?.detail).toMatchObject({ code: 'checked-in', mirrored: false });
    }
  });

  it('an action that fails for good is shown on the door and written to the audit log, never dropped', async () => {
    const run = await start(mode);
    const { core } = run.t;
    const { id } = await bookAndConfirm(run, mode, (b) => b.minutes >= 30);
    // Someone deletes the booking in Outlook before the door hears of it.
    const owner = run.sim.state.eventsOf(mode === 'app' ? ROOM_EMAIL : 'booking@contoso.com').find((e) => e.subject === 'Walk-up booking');
    run.sim.state.deleteEvent(owner?.id ?? '');
    const ended = ok((await act(core, { kind: 'end-early', eventId: id })).body);
    await runOutbox(run);
    expect(activityOf(core.hub.current(), ended.transactionId)).toMatchObject({ phase: 'failed', code: 'gone', message: 'The meeting is no longer in the calendar.' });
    expect(core.store.auditLog().find((a) => a.action === 'end-early.failed')?.detail).toMatchObject({ transactionId: ended.transactionId, code: 'gone' });
    // Dismissed by a tap, it leaves the door; the audit keeps it.
    ok((await act(core, { kind: 'dismiss', target: ended.transactionId })).body);
    expect(activityOf(core.hub.current(), ended.transactionId)).toBeUndefined();
  });

  it('a race: the slot was taken in Outlook after the door last synced — no double booking, the door says so', async () => {
    const run = await start(mode);
    const { core } = run.t;
    const option = core.hub.current().actions.book.find((b) => b.minutes >= 30);
    run.sim.state.addEvent({ mailbox: ROOM_EMAIL, subject: 'Booked in Outlook', organizer: 'anna.schmidt@contoso.com', start: NOW + 10 * 60_000, end: NOW + 40 * 60_000 });
    const activity = ok((await act(core, { kind: 'book', end: option?.end ?? '' })).body);
    await runOutbox(run);
    expect(activityOf(core.hub.current(), activity.transactionId)).toMatchObject({ phase: 'failed', code: 'taken' });
    expect(walkUps(run.sim)).toHaveLength(0);
    await run.t.poll();
    expect(core.hub.current().agenda.map((m) => m.subject)).toContain('Booked in Outlook');
  });

  it('the network drops mid-booking: retried with the same transactionId, one booking', async () => {
    const run = await start(mode);
    const { core } = run.t;
    const option = core.hub.current().actions.book[0];
    // The POST reaches Graph and the event is made, but the answer never comes back.
    run.sim.state.faults.dropConnection = { path: mode === 'app' ? '/events' : '/me/events', count: 1, afterHandling: true };
    const activity = ok((await act(core, { kind: 'book', end: option?.end ?? '' })).body);
    await settle(core);
    expect(activityOf(core.hub.current(), activity.transactionId)).toMatchObject({ phase: 'queued', code: 'retrying' });
    expect(core.hub.current().status).toBe('busy');
    if (mode === 'delegated') {
      run.clock.advanceBy(5_000);
      await roomAnswers(run);
    }
    await runOutbox(run);
    expect(activityOf(core.hub.current(), activity.transactionId)).toMatchObject({ phase: 'done', code: 'booked' });
    expect(walkUps(run.sim)).toHaveLength(1);
    expect(core.store.auditLog().find((a) => a.action === 'book.done')?.detail).toMatchObject({ transactionId: activity.transactionId });
  });

  it('offline: booking is refused in plain words, check-in and end early queue and are sent when Microsoft 365 is back', async () => {
    const run = await start(mode);
    const { core } = run.t;
    const { option, id } = await bookAndConfirm(run, mode, (b) => b.minutes >= 30);

    run.sim.state.faults.dropConnection = {};
    await run.t.poll();
    expect(core.hub.current().sync.online).toBe(false);
    ok((await act(core, { kind: 'end-early', eventId: id })).body);
    await settle(core);
    const state = core.hub.current();
    // The person leaving sees the room free; the door says it is not in Outlook yet.
    expect(state.status).toBe('free');
    expect(state.activity[0]).toMatchObject({ kind: 'end-early', phase: 'queued', code: 'queued-offline' });
    expect(state.actions.book).toEqual([]);
    expect(state.actions.bookUnavailable).toBe('offline');
    const refused = await act(core, { kind: 'book', end: option?.end ?? '' });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'OFFLINE', message: expect.stringContaining('Book in Outlook') } });

    delete run.sim.state.faults.dropConnection;
    await run.t.poll(60_000);
    await runOutbox(run);
    expect(core.hub.current().activity[0]).toMatchObject({ kind: 'end-early', phase: 'done', code: 'ended' });
    expect(walkUps(run.sim)[0]?.endMs).toBeLessThanOrEqual(run.clock.now());
  });
});

describe('walk-up booking, one mode only', () => {
  it('delegated: a decline by the room is shown in plain words and the room stays free', async () => {
    const run = await start('delegated');
    const { core } = run.t;
    const option = core.hub.current().actions.book.find((b) => b.minutes >= 30);
    const activity = ok((await act(core, { kind: 'book', end: option?.end ?? '' })).body);
    await settle(core);
    // Booked in Outlook while the room was deciding: the assistant declines the door's invitation.
    run.sim.state.addEvent({ mailbox: ROOM_EMAIL, subject: 'Booked in Outlook', organizer: 'anna.schmidt@contoso.com', start: NOW + 5 * 60_000, end: NOW + 25 * 60_000 });
    await roomAnswers(run);
    await runOutbox(run);
    const state = core.hub.current();
    expect(activityOf(state, activity.transactionId)).toMatchObject({ phase: 'failed', code: 'declined-conflict', message: expect.stringContaining('already booked') });
    expect(walkUps(run.sim)).toHaveLength(0);
    expect(state.current?.subject).not.toBe('Walk-up booking');
  });

  it('offlineBooking "provisional": a booking made offline is queued, shown as such, and made once when back', async () => {
    const run = await start('app', { booking: { offlineBooking: 'provisional' } });
    const { core } = run.t;
    run.sim.state.faults.dropConnection = {};
    await run.t.poll();
    const option = core.hub.current().actions.book[0];
    expect(option).toBeDefined();
    const activity = ok((await act(core, { kind: 'book', end: option?.end ?? '' })).body);
    expect(activity).toMatchObject({ phase: 'queued', code: 'queued-offline' });
    await settle(core);
    delete run.sim.state.faults.dropConnection;
    await run.t.poll(60_000);
    await runOutbox(run);
    expect(activityOf(core.hub.current(), activity.transactionId)).toMatchObject({ phase: 'done' });
    expect(walkUps(run.sim)).toHaveLength(1);
  });

  it('delegated: a booking account without rights on the room mailbox cannot release; the door says so and keeps the meeting', async () => {
    const run = await start('delegated', { policy: { release: { enabled: true } } });
    const { core } = run.t;
    const ghost = run.sim.state.addEvent({ mailbox: ROOM_EMAIL, subject: 'Ghost meeting', organizer: 'anna.schmidt@contoso.com', start: NOW + 10 * 60_000, end: NOW + 40 * 60_000 });
    await run.t.poll();
    run.clock.advanceTo(NOW + 21 * 60_000);
    await run.t.poll(0);
    await runOutbox(run);
    const release = core.hub.current().activity.find((a) => a.kind === 'release');
    expect(release).toMatchObject({ phase: 'failed', message: expect.stringContaining('not allowed') });
    expect(run.sim.state.eventsOf(ROOM_EMAIL).some((e) => e.iCalUId === ghost.iCalUId)).toBe(true);
    expect(core.store.auditLog().map((a) => a.action)).toContain('release.failed');
  });

  it('releases a no-show as the room with a comment, and keeps a meeting the sensor saw people in', async () => {
    const run = await start('app', { policy: { release: { enabled: true } } });
    const { core } = run.t;
    const ghost = run.sim.state.addEvent({ mailbox: ROOM_EMAIL, subject: 'Ghost meeting', organizer: 'anna.schmidt@contoso.com', start: NOW + 10 * 60_000, end: NOW + 40 * 60_000 });
    const real = run.sim.state.addEvent({ mailbox: ROOM_EMAIL, subject: 'Real meeting', organizer: 'ben.okafor@contoso.com', start: NOW + 60 * 60_000, end: NOW + 90 * 60_000 });
    await run.t.poll();
    run.clock.advanceTo(NOW + 21 * 60_000);
    await run.t.poll(0);
    await runOutbox(run);
    expect(run.sim.state.notifications.find((n) => n.kind === 'declined' && n.iCalUId === ghost.iCalUId)?.comment).toMatch(/nobody checked in within 10 minutes/);
    expect(core.hub.current().agenda.map((m) => m.subject)).not.toContain('Ghost meeting');
    // A no-show the room organised itself (say, booked at another display) is shortened, not declined.
    const ownGhost = run.sim.state.addEvent({ mailbox: ROOM_EMAIL, subject: 'Walk-up booking', organizer: ROOM_EMAIL, start: NOW + 24 * 60_000, end: NOW + 54 * 60_000 });
    await run.t.poll(0);
    run.clock.advanceTo(NOW + 35 * 60_000);
    await run.t.poll(0);
    await runOutbox(run);
    expect(run.sim.state.eventsOf(ROOM_EMAIL).find((e) => e.id === ownGhost.id)?.endMs).toBe(NOW + 34 * 60_000);

    run.clock.advanceTo(NOW + 62 * 60_000);
    core.door.occupied(run.clock.now());
    run.clock.advanceTo(NOW + 75 * 60_000);
    await run.t.poll(0);
    await runOutbox(run);
    expect(run.sim.state.notifications.some((n) => n.kind === 'declined' && n.iCalUId === real.iCalUId)).toBe(false);
    expect(core.hub.current().current?.subject).toBe('Real meeting');
  });
});
