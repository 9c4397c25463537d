import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGraphSimulator, type RunningSimulator } from '../../scripts/graph-simulator/index.js';
import { GraphHttp } from '../../src/calendar/graph/graph-http.js';
import { GraphCalendarSource } from '../../src/calendar/graph/graph-source.js';
import { MAX_SUBJECT_CHARS } from '../../src/domain/privacy.js';
import { openDatabase } from '../../src/store/open-database.js';
import { Store } from '../../src/store/store.js';
import { SyncEngine } from '../../src/sync/sync-engine.js';
import { silentLogger } from '../../src/util/logger.js';
import { APP_CLIENT, APP_SECRET, basicScenario, eventually, graphConfigFile, ROOM_EMAIL, simulatorStart, startGraphCore, type GraphTestCore } from '../helpers/graph-core.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { appToken } from '../helpers/simulator-token.js';

const NOW = Date.parse('2026-11-23T09:00:00Z');
const HOSTILE = `<script>alert(1)</script>\u0000\u0007\u202Eevil\u202C<b onmouseover=x>${'A'.repeat(10_000)}`;

let sim: RunningSimulator | null = null;
let t: GraphTestCore | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await t?.close();
  await sim?.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  t = null;
  sim = null;
});

describe('hostile and oversized calendars from Graph', () => {
  it('5,000 events in the window and a 10,000-character script subject: stored, served as inert text, nothing crashes', async () => {
    const clock = new ManualClock(NOW);
    sim = await simulatorStart(await basicScenario(), clock);
    for (let i = 0; i < 5_000; i++) {
      const start = NOW + 3600_000 + (i % 500) * 60_000 + Math.floor(i / 500) * 86_400_000 * 0.5;
      sim.state.addEvent({ mailbox: ROOM_EMAIL, subject: i === 0 ? HOSTILE : `Load ${i}`, organizer: 'ben.okafor@contoso.com', start, end: start + 30 * 60_000 });
    }
    t = await startGraphCore({ file: graphConfigFile(sim, {}), clock });
    await eventually(() => t?.state().sync.online, 'the first sync of 5,000 events', 60_000);
    expect(t.core.store.events(NOW - 86_400_000, NOW + 9 * 86_400_000).length).toBeGreaterThanOrEqual(5_000);
    const body = (await (await fetch(`http://127.0.0.1:${t.core.http.port}/api/v1/state`)).json()) as { value: { agenda: { subject: string }[] } };
    const hostile = body.value.agenda.find((m) => m.subject.startsWith('<script>'));
    expect(hostile).toBeDefined();
    const chars = Array.from(hostile?.subject ?? '');
    expect(chars.length).toBe(MAX_SUBJECT_CHARS);
    expect(hostile?.subject).not.toMatch(/[\u0000-\u001f\u202a-\u202e]/);
  }, 90_000);
});

describe('a sync that fails half way', () => {
  it('leaves the cache exactly as it was (malformed JSON on the second page)', async () => {
    const clock = new ManualClock(NOW);
    sim = await startSim(clock);
    const dir = mkdtempSync(join(tmpdir(), 'lintel-half-'));
    dirs.push(dir);
    const store = new Store(openDatabase(join(dir, 'lintel.db'), silentLogger(), () => clock.now()));
    const token = await appToken(sim, APP_CLIENT, APP_SECRET);
    let corrupt = false;
    let pages = 0;
    const fetchOnce: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      pages += 1;
      if (!corrupt || pages < 2) return res;
      return new Response('{"value": [{"id": "AAMk', { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const room = { name: 'Aurora', email: ROOM_EMAIL, timeZone: 'Europe/Berlin', capacity: null };
    const http = new GraphHttp({ baseUrl: `${sim.url}/v1.0`, room: ROOM_EMAIL, accessToken: () => Promise.resolve(token), now: () => clock.now(), fetch: fetchOnce });
    const engine = new SyncEngine({
      source: new GraphCalendarSource({ http, room: () => room, logger: silentLogger() }),
      store,
      clock,
      logger: silentLogger(),
      timeZone: () => room.timeZone,
      intervalMs: 15_000,
      onSynced: () => undefined,
    });
    await engine.syncNow();
    const before = store.events(NOW - 86_400_000, NOW + 9 * 86_400_000);
    for (let i = 0; i < 120; i++) sim.state.addEvent({ mailbox: ROOM_EMAIL, subject: `Added ${i}`, organizer: 'ben.okafor@contoso.com', start: NOW + i * 600_000, end: NOW + i * 600_000 + 300_000 });
    corrupt = true;
    pages = 0;
    await engine.syncNow();
    expect(engine.status().online).toBe(false);
    expect(engine.status().failure?.kind).toBe('bad-request');
    expect(store.events(NOW - 86_400_000, NOW + 9 * 86_400_000)).toEqual(before);
    engine.stop();
    store.close();
  });
});

/** Plain http links: this test drives GraphHttp directly, without the core's loopback transport. */
async function startSim(clock: ManualClock): Promise<RunningSimulator> {
  return startGraphSimulator({ port: 0, scenario: await basicScenario(), clock: () => clock.now() });
}
