import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile, startGraphSimulator, type RunningSimulator } from '../../scripts/graph-simulator/index.js';
import type { ResolvedScenario, Scenario } from '../../scripts/graph-simulator/scenario.js';
import { startCore, type RunningCore } from '../../src/app/start-core.js';
import type { RoomStateJson } from '../../src/api/contract.js';
import { parseConfig, resolveConfig, type LintelConfig } from '../../src/config/load-config.js';
import type { ConfigFile } from '../../src/config/schema.js';
import type { Logger } from '../../src/util/logger.js';
import { afterEach } from 'vitest';
import { ROOT } from './cli.js';
import { ManualClock } from './manual-clock.js';
import { memoryLogger } from './memory-logger.js';

export const TENANT = '8b7e9f1c-2d4a-4c6e-9a1b-3f5d7c9e0a21';
export const APP_CLIENT = '11111111-2222-4333-8444-555555555555';
export const APP_SECRET = 'lintel-simulator-secret~not-a-real-one';
export const PUBLIC_CLIENT = '66666666-7777-4888-9999-000000000000';
export const ROOM_EMAIL = 'aurora@contoso.com';

export async function basicScenario(): Promise<Scenario> {
  return (await loadScenarioFile(join(ROOT, 'scripts/graph-simulator/scenarios/basic.json'))) as Scenario;
}

/**
 * The simulator advertises https://127.0.0.1:PORT (as MSAL wants) while serving plain http;
 * the config names it as http, the one case where Lintel accepts http.
 */
export function simulatorStart(scenario: Scenario | ResolvedScenario, clock: ManualClock): Promise<RunningSimulator> {
  return startGraphSimulator({ port: 0, scenario, clock: () => clock.now(), publicUrl: 'https://127.0.0.1:{port}' });
}

export function graphConfigFile(sim: RunningSimulator, calendar: Partial<NonNullable<ConfigFile['calendar']>>, extra: ConfigFile = {}): ConfigFile {
  return {
    ...extra,
    room: { email: ROOM_EMAIL, ...extra.room },
    calendar: {
      source: 'graph',
      tenant: TENANT,
      clientId: APP_CLIENT,
      auth: 'app-secret',
      clientSecret: APP_SECRET,
      endpoints: { authority: sim.url, graph: sim.url },
      ...calendar,
    },
  };
}

export interface GraphTestCore {
  core: RunningCore;
  config: LintelConfig;
  dataDir: string;
  /** JSON log lines written so far. */
  logLines: () => Record<string, unknown>[];
  state(): RoomStateJson;
  /** Lets the sync engine's timers fire up to `ms` ahead and waits for the sync they started. */
  poll(ms?: number): Promise<RoomStateJson>;
  close(options?: { keepData?: boolean }): Promise<void>;
}

/** A real core (real MSAL, real HTTP to the simulator, SQLite on disk) on the simulator's manual clock. */
export async function startGraphCore(o: { file: ConfigFile; clock: ManualClock; dataDir?: string; logger?: Logger; env?: NodeJS.ProcessEnv; staticDir?: string | null }): Promise<GraphTestCore> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'lintel-graph-'));
  const memory = memoryLogger();
  const config = resolveConfig(parseConfig(o.file, 'test-config.json'), null);
  const intervalMs = config.sync.intervalMs;
  const core = await startCore({ config, dataDir, clock: o.clock, logger: o.logger ?? memory.logger, staticDir: o.staticDir ?? null, port: 0, graphHooks: { env: o.env ?? {} } });
  const t: GraphTestCore = {
    core,
    config,
    dataDir,
    logLines: memory.lines,
    state: () => core.hub.current(),
    async poll(ms = intervalMs) {
      await core.sync.idle();
      o.clock.advanceBy(ms);
      await core.sync.idle();
      return core.hub.current();
    },
    async close(options) {
      await core.close();
      if (!options?.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

/** Waits (real time) until `check` holds; the sync and MSAL work on real sockets and timers. */
export async function eventually<T>(check: () => T | null | undefined | false | Promise<T | null | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface GraphRun {
  sim: RunningSimulator;
  t: GraphTestCore;
  clock: ManualClock;
}

export interface GraphFixture {
  /** Simulator + core on one manual clock at `now`; closed after each test. */
  start(o?: {
    calendar?: Partial<NonNullable<ConfigFile['calendar']>>;
    extra?: ConfigFile;
    scenario?: Scenario;
    /** Before start: events to put in the simulator. */
    prepare?: (sim: RunningSimulator) => void;
    /** What to wait for: nothing, the first sync, or the first sync and the room's details. */
    until?: 'started' | 'online' | 'details';
    /** Serve the built renderer too (end-to-end tests). */
    staticDir?: string;
  }): Promise<GraphRun>;
  /** Stops the simulator now (the network goes away); the core is still closed after the test. */
  killSimulator(): Promise<void>;
}

/** Registers afterEach cleanup; one simulator and one core per test. */
export function useGraphCore(now: number): GraphFixture {
  let sim: RunningSimulator | null = null;
  let core: GraphTestCore | null = null;
  afterEach(async () => {
    await core?.close();
    await sim?.close();
    core = null;
    sim = null;
  });
  return {
    async start(o = {}) {
      const clock = new ManualClock(now);
      const s = await simulatorStart(o.scenario ?? (await basicScenario()), clock);
      sim = s;
      o.prepare?.(s);
      const t = await startGraphCore({ file: graphConfigFile(s, o.calendar ?? {}, o.extra ?? {}), clock, ...(o.staticDir ? { staticDir: o.staticDir } : {}) });
      core = t;
      const until = o.until ?? 'online';
      if (until !== 'started') {
        await eventually(() => t.state().sync.online && (until === 'online' || t.state().room.capacity !== null), `the first sync${until === 'details' ? ' and the room details' : ''}`);
        await t.core.sync.idle();
      }
      return { sim: s, t, clock };
    },
    async killSimulator() {
      await sim?.close();
      sim = null;
    },
  };
}
