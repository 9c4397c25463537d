import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioFile, startGraphSimulator, type RunningSimulator } from '../../../scripts/graph-simulator/index.js';
import { GraphFailure, GraphHttp } from '../../../src/calendar/graph/graph-http.js';
import { GraphCalendarSource } from '../../../src/calendar/graph/graph-source.js';
import { syncWindowFor } from '../../../src/sync/sync-window.js';
import { silentLogger } from '../../../src/util/logger.js';
import { ROOT } from '../../helpers/cli.js';
import { appToken } from '../../helpers/simulator-token.js';

const ROOM = { name: 'Aurora', email: 'aurora@contoso.com', timeZone: 'Europe/Berlin', capacity: 8 };
const CLIENT_ID = '11111111-2222-4333-8444-555555555555';
const SECRET = 'lintel-simulator-secret~not-a-real-one';

let sim: RunningSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function setup(): Promise<{ s: RunningSimulator; source: GraphCalendarSource; bytes: number[] }> {
  const s = await startGraphSimulator({ port: 0, scenario: await loadScenarioFile(`${ROOT}/scripts/graph-simulator/scenarios/basic.json`) });
  sim = s;
  // Straight from the token endpoint: MSAL wiring comes with the auth module.
  const token = await appToken(s, CLIENT_ID, SECRET);
  const bytes: number[] = [];
  const http = new GraphHttp({ baseUrl: `${s.url}/v1.0`, room: ROOM.email, accessToken: () => Promise.resolve(token), now: Date.now, onResponse: (r) => bytes.push(r.bytes) });
  return { s, source: new GraphCalendarSource({ http, room: () => ROOM, logger: silentLogger() }), bytes };
}

describe('GraphCalendarSource against the Graph simulator', () => {
  it('does a full delta round over pages, then reports only adds, moves and deletions', async () => {
    const { s, source } = await setup();
    const now = Date.now();
    const window = syncWindowFor(now, ROOM.timeZone);
    const first = await source.sync({ cursor: null, window, now });
    expect(first.batch.kind).toBe('full');
    if (first.batch.kind !== 'full') throw new Error('expected a full round');
    expect(first.batch.events.length).toBeGreaterThan(0);
    expect(first.cursor).toMatch(/deltatoken/i);

    const idle = await source.sync({ cursor: first.cursor, window, now });
    expect(idle.batch).toEqual({ kind: 'delta', upserts: [], removedIds: [] });

    const added = s.state.addEvent({ room: ROOM.email, subject: 'Walk-in review', start: now + 3600_000, end: now + 5400_000 });
    const victim = first.batch.events.find((e) => !e.isAllDay);
    if (!victim) throw new Error('scenario has no timed events in the room');
    s.state.deleteEvent(victim.id);
    const changes = await source.sync({ cursor: idle.cursor, window, now });
    if (changes.batch.kind !== 'delta') throw new Error('expected a delta');
    expect(changes.batch.upserts.map((e) => e.subject)).toContain('Walk-in review');
    expect(Math.abs((changes.batch.upserts.find((e) => e.id === added.id)?.start ?? 0) - (now + 3600_000))).toBeLessThan(1000);
    expect(changes.batch.removedIds).toContain(victim.id);
  });

  it('falls back to a full round when Graph has dropped the delta state (410)', async () => {
    const { s, source } = await setup();
    const now = Date.now();
    const window = syncWindowFor(now, ROOM.timeZone);
    const first = await source.sync({ cursor: null, window, now });
    s.state.invalidateDeltaTokens();
    const again = await source.sync({ cursor: first.cursor, window, now });
    expect(again.batch.kind).toBe('full');
    expect(again.cursor).not.toBe(first.cursor);
  });

  it('classifies throttling with its Retry-After, and a scoped-out mailbox with the fix', async () => {
    const { s, source } = await setup();
    const now = Date.now();
    const window = syncWindowFor(now, ROOM.timeZone);
    s.state.faults.throttle = { count: 1, retryAfterSeconds: 9 };
    const throttled = await source.sync({ cursor: null, window, now }).catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(GraphFailure);
    expect((throttled as GraphFailure).failure).toMatchObject({ kind: 'throttled', retryAfterMs: 9000 });
    s.state.faults.scopedOutMailboxes = [ROOM.email];
    const scoped = await source.sync({ cursor: null, window, now }).catch((e: unknown) => e);
    expect((scoped as GraphFailure).failure.kind).toBe('scoped-out');
    expect((scoped as GraphFailure).failure.advice).toContain(ROOM.email);
  });

  it('keeps an idle poll small', async () => {
    const { source, bytes } = await setup();
    const now = Date.now();
    const window = syncWindowFor(now, ROOM.timeZone);
    const first = await source.sync({ cursor: null, window, now });
    bytes.length = 0;
    await source.sync({ cursor: first.cursor, window, now });
    expect(bytes).toHaveLength(1);
    expect(bytes[0]).toBeLessThan(2048);
  });
});
