import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../scripts/graph-simulator/index.js';
import { TOKEN_CACHE_FILE } from '../../src/auth/msal-setup.js';
import { basicScenario, eventually, graphConfigFile, ROOM_EMAIL, simulatorStart, startGraphCore, type GraphTestCore } from '../helpers/graph-core.js';
import { ManualClock } from '../helpers/manual-clock.js';

// 10:00 in Berlin on a weekday: "Quarterly planning" (09:00-10:30) is on.
const NOW = Date.parse('2026-11-23T09:00:00Z');

let sim: RunningSimulator | null = null;
let t: GraphTestCore | null = null;
afterEach(async () => {
  await t?.close();
  await sim?.close();
  t = null;
  sim = null;
});

async function appCore(calendar = {}): Promise<{ sim: RunningSimulator; t: GraphTestCore; clock: ManualClock }> {
  const clock = new ManualClock(NOW);
  sim = await simulatorStart(await basicScenario(), clock);
  t = await startGraphCore({ file: graphConfigFile(sim, calendar), clock });
  await eventually(() => t?.state().sync.online, 'the first sync');
  return { sim, t, clock };
}

describe('core on Microsoft Graph with app credentials (client secret, real MSAL)', () => {
  it('mirrors the room calendar, reads the room details and keeps the token cache private', async () => {
    const { t } = await appCore();
    await t.core.sync.idle();
    await eventually(() => t.state().room.capacity === 8, 'room details from places');
    const state = t.state();
    expect(state.sync.source).toBe('graph');
    expect(state.room).toEqual({ name: 'Aurora', email: ROOM_EMAIL, timeZone: 'Europe/Berlin', capacity: 8 });
    expect(state.status).toBe('busy');
    expect(state.current?.subject).toBe('Quarterly planning');
    expect(state.current?.organizer).toBe('Anna Schmidt');
    expect(state.agenda.find((m) => m.subject === 'Private meeting')?.isPrivate).toBe(true);
    expect(JSON.stringify(state)).not.toContain('1:1 Anna / Ben');
    expect(state.notices).toEqual([]);
    expect(statSync(join(t.dataDir, TOKEN_CACHE_FILE)).mode & 0o777).toBe(0o600);
  });

  it('shows an event added, moved and deleted in Microsoft 365 after one poll', async () => {
    const { sim, t } = await appCore();
    const added = sim.state.addEvent({ mailbox: ROOM_EMAIL, subject: 'Walk-in review', organizer: 'ben.okafor@contoso.com', start: NOW + 4 * 3600_000, end: NOW + 5 * 3600_000 });
    let state = await t.poll();
    expect(state.agenda.map((m) => m.subject)).toContain('Walk-in review');

    sim.state.moveEvent(added.id, NOW + 6 * 3600_000, NOW + 7 * 3600_000);
    state = await t.poll();
    const moved = state.agenda.find((m) => m.subject === 'Walk-in review');
    expect(moved?.start).toBe('2026-11-23T16:00:00+01:00');

    sim.state.deleteEvent(added.id);
    state = await t.poll();
    expect(state.agenda.map((m) => m.subject)).not.toContain('Walk-in review');
  });
});
