import { afterEach, describe, expect, it } from 'vitest';
import { startGraphSimulator, type RunningSimulator } from '../../../scripts/graph-simulator/index.js';
import { GraphFailure } from '../../../src/calendar/graph/graph-failure.js';
import { GraphHttp } from '../../../src/calendar/graph/graph-http.js';
import { CHECK_IN_PROPERTY, GraphWriter } from '../../../src/calendar/graph/graph-writer.js';
import { APP_CLIENT, APP_SECRET, basicScenario, PUBLIC_CLIENT, ROOM_EMAIL } from '../../helpers/graph-core.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { appToken, delegatedToken } from '../../helpers/simulator-token.js';

// 16:32 in Berlin: the basic scenario's room is free (its 16:00 meeting is cancelled).
const NOW = Date.parse('2026-11-23T15:32:00Z');
let sim: RunningSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function writer(mode: 'app' | 'delegated', scenario?: Awaited<ReturnType<typeof basicScenario>>): Promise<{ s: RunningSimulator; w: GraphWriter; clock: ManualClock }> {
  const clock = new ManualClock(NOW);
  const s = await startGraphSimulator({ port: 0, scenario: scenario ?? (await basicScenario()), clock: () => clock.now() });
  sim = s;
  const token = mode === 'app' ? await appToken(s, APP_CLIENT, APP_SECRET) : await delegatedToken(s, PUBLIC_CLIENT, 'booking@contoso.com');
  const http = new GraphHttp({ baseUrl: `${s.url}/v1.0`, room: ROOM_EMAIL, accessToken: () => Promise.resolve(token), now: () => clock.now() });
  return { s, w: new GraphWriter(http, ROOM_EMAIL, () => ({ name: 'Aurora', timeZone: 'Europe/Berlin' })), clock };
}

const booking = { transactionId: '3f1c2b9e-0d4a-4c8e-9b7a-5e6f7a8b9c0d', subject: 'Walk-up booking', start: NOW, end: NOW + 18 * 60_000 };

describe('GraphWriter against the Graph simulator', () => {
  it('as the room: the booking is on the room calendar at once, and a resent POST makes no second event', async () => {
    const { s, w } = await writer('app');
    const id = await w.createAsRoom(booking);
    expect(await w.createAsRoom(booking)).toBe(id);
    const mine = s.state.eventsOf(ROOM_EMAIL).filter((e) => e.subject === 'Walk-up booking');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ startMs: NOW, endMs: NOW + 18 * 60_000, transactionId: booking.transactionId });
    expect(mine[0]?.extendedProperties?.[CHECK_IN_PROPERTY]).toBe(new Date(NOW).toISOString());
  });

  it('ends early, extends, and cancels its own booking', async () => {
    const { s, w } = await writer('app');
    const id = await w.createAsRoom(booking);
    await w.setEnd(id, NOW + 5 * 60_000, 'room');
    expect(s.state.eventsOf(ROOM_EMAIL).find((e) => e.id === id)?.endMs).toBe(NOW + 5 * 60_000);
    await w.setEnd(id, NOW + 45 * 60_000, 'room');
    expect(s.state.eventsOf(ROOM_EMAIL).find((e) => e.id === id)?.endMs).toBe(NOW + 45 * 60_000);
    await w.cancelOwn(id, 'Ended at the door');
    const after = s.state.eventsOf(ROOM_EMAIL).find((e) => e.id === id);
    expect(after === undefined || after.isCancelled).toBe(true);
  });

  it('releases a no-show: the room declines with a comment', async () => {
    const { s, w } = await writer('app');
    const meeting = s.state.addEvent({ mailbox: ROOM_EMAIL, subject: 'Ghost meeting', organizer: 'anna.schmidt@contoso.com', start: NOW - 12 * 60_000, end: NOW + 48 * 60_000 });
    const roomCopy = s.state.eventsOf(ROOM_EMAIL).find((e) => e.iCalUId === meeting.iCalUId) ?? meeting;
    const comment = 'Released by the room display: nobody checked in within 10 minutes.';
    await w.decline(roomCopy.id, comment);
    // A declined meeting leaves the room's calendar; the organizer is told why.
    expect(s.state.eventsOf(ROOM_EMAIL).some((e) => e.id === roomCopy.id)).toBe(false);
    expect(s.state.notifications.at(-1)).toMatchObject({ kind: 'declined', from: ROOM_EMAIL, comment });
  });

  it('as the booking account: the room is invited and its booking assistant answers after a delay', async () => {
    const { s, w } = await writer('delegated');
    const id = await w.inviteRoom(booking);
    expect(await w.roomAnswer(id)).toBe('pending');
    s.state.bookings.processPending();
    expect(await w.roomAnswer(id)).toBe('accepted');
    expect(s.state.eventsOf(ROOM_EMAIL).find((e) => e.subject === 'Walk-up booking')?.response).toBe('accepted');
  });

  it('as the booking account: a conflicting invitation is declined by the room', async () => {
    const { s, w } = await writer('delegated');
    s.state.addEvent({ mailbox: ROOM_EMAIL, subject: 'Booked in Outlook', organizer: 'anna.schmidt@contoso.com', start: NOW + 5 * 60_000, end: NOW + 30 * 60_000 });
    const id = await w.inviteRoom(booking);
    s.state.bookings.processPending();
    expect(await w.roomAnswer(id)).toBe('declined');
  });

  it('a scoped-out room refuses writes with the admin-facing reason', async () => {
    const { s, w } = await writer('app');
    s.state.faults.scopedOutMailboxes = [ROOM_EMAIL];
    const err = await w.createAsRoom(booking).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphFailure);
    expect((err as GraphFailure).failure.kind).toBe('scoped-out');
  });
});
