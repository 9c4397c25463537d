// Graph rows of `npm run bench`: a real core (MSAL, SQLite, sync engine) against the Graph simulator.
// The poll schedule runs on a manual clock so an hour of polling takes seconds; every request,
// byte and sync is real. Latency = time from a change to the poll that fetches it (scheduled, on
// the manual clock) + the measured wall time from that poll to the new state being published.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { startCore } from '../src/app/start-core.js';
import { createLogger } from '../src/util/logger.js';
import { ManualClock } from '../src/util/manual-clock.js';
import { startGraphSimulator } from './graph-simulator/index.js';
import { basicScenario, simulatorRoomConfig } from './bench-simulator.js';

const POLL_MS = 15_000;
const LATENCY_SAMPLES = 200;

export interface GraphBench {
  requestsPerIdleHour: number;
  tokenRequestsPerIdleHour: number;
  bytesPerIdlePoll: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Deterministic [0, 1) so two bench runs replay the same change times. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/**
 * A daytime start in the room's zone: the replay runs an hour and then adds meetings a minute
 * ahead, which past midnight land on tomorrow and never show in today's agenda. Late in the
 * day the replay starts at 08:00 tomorrow (a future clock; tokens then simply live longer).
 */
function daytimeStart(now: number, zone: string): number {
  const local = DateTime.fromMillis(now, { zone });
  if (local.hour >= 6 && local.hour < 18) return now;
  const day = local.hour < 6 ? local : local.plus({ days: 1 });
  return day.set({ hour: 8, minute: 0, second: 0, millisecond: 0 }).toMillis();
}

export async function benchGraph(progress: (s: string) => void): Promise<GraphBench> {
  const clock = new ManualClock(daytimeStart(Date.now(), 'Europe/Berlin'));
  // Tokens outlive the replayed hour: MSAL renews them by the wall clock, which stands still here,
  // so a token expiring on the manual clock would add a 401 and a retry no real device makes.
  const scenario = { ...(await basicScenario()), accessTokenLifetimeSeconds: 86_400 };
  const sim = await startGraphSimulator({ port: 0, scenario, clock: () => clock.now(), publicUrl: 'https://127.0.0.1:{port}' });
  const dataDir = mkdtempSync(join(tmpdir(), 'lintel-bench-graph-'));
  const config = simulatorRoomConfig(sim, { sync: { intervalSeconds: POLL_MS / 1000 } });
  const core = await startCore({ config, dataDir, clock, logger: createLogger('error'), staticDir: null, port: 0 });
  try {
    // Start-up (first sync, room details, the re-sync when the mailbox's zone arrives) is not idle.
    const settled = (): boolean => core.hub.current().sync.online && core.hub.current().room.capacity !== null;
    for (let i = 0; i < 400 && !settled(); i++) await new Promise((r) => setTimeout(r, 25));
    await core.sync.idle();
    if (!settled()) throw new Error('bench: the core did not come online against the simulator');

    progress('  graph: an idle hour of polling');
    sim.state.stats.reset();
    const hourEnd = clock.now() + 3_600_000;
    while (clock.now() < hourEnd) {
      clock.advanceTo(Math.min(hourEnd, core.sync.status().nextAttemptAt ?? hourEnd));
      await core.sync.idle();
    }
    const log = sim.state.stats.log;
    const graphRequests = log.filter((e) => e.path.includes('/v1.0/'));
    const polls = graphRequests.filter((e) => e.path.endsWith('/calendarView/delta'));
    const tokenRequests = log.filter((e) => e.path.endsWith('/oauth2/v2.0/token')).length;

    progress(`  graph: ${LATENCY_SAMPLES} changes at random moments`);
    const random = seeded(42);
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const lastPoll = clock.now();
      clock.advanceTo(lastPoll + Math.floor(random() * POLL_MS));
      const changedAt = clock.now();
      const added = sim.state.addEvent({ mailbox: 'aurora@contoso.com', subject: `Bench ${i}`, organizer: 'ben.okafor@contoso.com', start: changedAt + 60_000, end: changedAt + 660_000 });
      const seen = new Promise<number>((resolve, reject) => {
        const timeout = setTimeout(() => reject(new Error('bench: a change never reached the state')), 10_000);
        const stop = core.hub.subscribe((state) => {
          if (state.agenda.some((m) => m.id === added.id) || state.next?.id === added.id) {
            stop();
            clearTimeout(timeout);
            resolve(performance.now());
          }
        });
      });
      const pollAt = core.sync.status().nextAttemptAt ?? clock.now();
      const wallStart = performance.now();
      clock.advanceTo(pollAt);
      const wallSeen = await seen;
      latencies.push(pollAt - changedAt + (wallSeen - wallStart));
      sim.state.deleteEvent(added.id);
      clock.advanceTo(core.sync.status().nextAttemptAt ?? clock.now());
      await core.sync.idle();
    }
    return {
      requestsPerIdleHour: graphRequests.length,
      tokenRequestsPerIdleHour: tokenRequests,
      bytesPerIdlePoll: polls.reduce((sum, e) => sum + e.bytesSent, 0) / Math.max(1, polls.length),
      latencyP50Ms: percentile(latencies, 50),
      latencyP95Ms: percentile(latencies, 95),
    };
  } finally {
    await core.close();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
