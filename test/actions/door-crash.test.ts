import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGraphSimulator, type RunningSimulator } from '../../scripts/graph-simulator/index.js';
import type { ActivityJson, ApiResult, RoomStateJson } from '../../src/api/contract.js';
import { assertBuilt, startLintel } from '../helpers/cli.js';
import { basicScenario, eventually, graphConfigFile, PUBLIC_CLIENT, ROOM_EMAIL } from '../helpers/graph-core.js';

// Real processes on the real clock: the app is killed with SIGKILL mid-action and started again.
let sim: RunningSimulator | null = null;
const children: ChildProcess[] = [];
const dirs: string[] = [];

beforeAll(() => assertBuilt());
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  await sim?.close();
  sim = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

type Mode = 'app' | 'delegated';

async function emptyRoomSimulator(): Promise<RunningSimulator> {
  // No meetings at all: the room is free whatever the time of day this runs.
  const scenario = { ...(await basicScenario()), events: [] };
  sim = await startGraphSimulator({ port: 0, scenario, publicUrl: 'https://127.0.0.1:{port}' });
  return sim;
}

function configFor(s: RunningSimulator, mode: Mode, dir: string): string {
  const calendar = mode === 'app' ? {} : { auth: 'delegated' as const, clientId: PUBLIC_CLIENT, account: 'booking@contoso.com' };
  // One sync at start, then none for an hour: the only Graph traffic is the action under test.
  const file = graphConfigFile(s, calendar, { sync: { intervalSeconds: 3600 } });
  const path = join(dir, 'lintel.json');
  writeFileSync(path, JSON.stringify(file));
  return path;
}

async function launch(config: string, dataDir: string): Promise<string> {
  const { child, url } = await startLintel(['--config', config, '--data-dir', dataDir, '--port', '0']);
  children.push(child);
  return url;
}

async function state(url: string): Promise<RoomStateJson> {
  const body = (await (await fetch(`${url}api/v1/state`)).json()) as ApiResult<RoomStateJson>;
  if (!body.ok) throw new Error(body.error.message);
  return body.value;
}

async function waitForState(url: string, check: (s: RoomStateJson) => boolean, what: string): Promise<RoomStateJson> {
  const until = Date.now() + 20_000;
  for (;;) {
    const last = await state(url);
    if (check(last)) return last;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last activity: ${JSON.stringify(last.activity)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function readyDoor(s: RunningSimulator, mode: Mode, url: string): Promise<RoomStateJson> {
  if (mode === 'delegated') {
    const prompt = await waitForState(url, (st) => st.signIn !== null, 'a device code');
    s.state.approveDeviceCode(prompt.signIn?.userCode ?? '', { username: 'booking@contoso.com' });
  }
  return waitForState(url, (st) => st.signIn === null && st.sync.online && st.actions.book.length > 0, 'the first sync');
}

/** An empty room's simulator and a running, signed-in app on its own data folder; `restart` starts it again on the same folder. */
async function signedInDoor(mode: Mode): Promise<{ s: RunningSimulator; url: string; ready: RoomStateJson; restart: () => Promise<string> }> {
  const s = await emptyRoomSimulator();
  const dir = mkdtempSync(join(tmpdir(), 'lintel-crash-'));
  dirs.push(dir);
  const config = configFor(s, mode, dir);
  const dataDir = join(dir, 'data');
  const url = await launch(config, dataDir);
  const ready = await readyDoor(s, mode, url);
  return { s, url, ready, restart: () => launch(config, dataDir) };
}

async function book(url: string, end: string): Promise<ActivityJson> {
  const res = await fetch(`${url}api/v1/actions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'book', transactionId: randomUUID(), end }) });
  const body = (await res.json()) as ApiResult<ActivityJson>;
  if (!body.ok) throw new Error(body.error.message);
  return body.value;
}

const walkUps = (s: RunningSimulator): number => s.state.eventsOf(ROOM_EMAIL).filter((e) => e.subject === 'Walk-up booking' && !e.isCancelled).length;

function kill9(): void {
  const child = children.pop();
  child?.kill('SIGKILL');
}

describe.each<Mode>(['app', 'delegated'])('kill -9 in the middle of a booking (%s sign-in)', (mode) => {
  it('between the outbox write and the send: after a restart the booking is made, once', async () => {
    const { s, url, ready, restart } = await signedInDoor(mode);
    // The slot check before the POST hangs: the action is written down, the booking not sent.
    // Anchored at the end: a sync's /calendarView/delta poll must not use up the one slow answer.
    s.state.faults.latency = { ms: 60_000, path: '/calendarView$', count: 1 };
    const activity = await book(url, ready.actions.book[0]?.end ?? '');
    await waitForState(url, (st) => st.activity.some((a) => a.transactionId === activity.transactionId && a.phase === 'sending'), 'the action on its way');
    await new Promise((r) => setTimeout(r, 300));
    kill9();
    expect(walkUps(s)).toBe(0);
    delete s.state.faults.latency;

    const again = await restart();
    if (mode === 'delegated') setTimeout(() => s.state.bookings.processPending(), 500);
    const after = await waitForState(again, (st) => st.activity.some((a) => a.transactionId === activity.transactionId && a.phase === 'done'), 'the booking confirmed after the restart');
    expect(after.status).toBe('busy');
    expect(walkUps(s)).toBe(1);
  });

  it('between the send and the answer: the resend with the same transactionId makes no second event', async () => {
    const { s, url, ready, restart } = await signedInDoor(mode);
    // The POST reaches Graph and is carried out 1.5 s later; by then the app is dead.
    s.state.faults.latency = { ms: 1_500, path: mode === 'app' ? '/events' : '/me/events', count: 1 };
    const activity = await book(url, ready.actions.book[0]?.end ?? '');
    await new Promise((r) => setTimeout(r, 500));
    kill9();
    if (mode === 'delegated') setTimeout(() => s.state.bookings.processPending(), 2_000);
    await eventually(() => walkUps(s) === 1 || (mode === 'delegated' && s.state.eventsOf('booking@contoso.com').some((e) => e.subject === 'Walk-up booking')), 'Graph carrying out the orphaned POST', 10_000);

    const again = await restart();
    const after = await waitForState(again, (st) => st.activity.some((a) => a.transactionId === activity.transactionId && a.phase === 'done'), 'the booking confirmed after the restart');
    expect(after.status).toBe('busy');
    expect(walkUps(s)).toBe(1);
    expect(s.state.eventsOf(mode === 'app' ? ROOM_EMAIL : 'booking@contoso.com').filter((e) => e.subject === 'Walk-up booking')).toHaveLength(1);
  });
});
