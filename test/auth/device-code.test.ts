import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../scripts/graph-simulator/index.js';
import { TOKEN_CACHE_FILE } from '../../src/auth/msal-setup.js';
import { basicScenario, eventually, graphConfigFile, PUBLIC_CLIENT, simulatorStart, startGraphCore, type GraphTestCore } from '../helpers/graph-core.js';
import { ManualClock } from '../helpers/manual-clock.js';

const NOW = Date.parse('2026-11-23T09:00:00Z');
const DELEGATED = { auth: 'delegated' as const, clientId: PUBLIC_CLIENT, clientSecret: undefined, account: 'booking@contoso.com' };

let sim: RunningSimulator | null = null;
const cores: GraphTestCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  await sim?.close();
  sim = null;
});

async function start(clock: ManualClock, dataDir?: string): Promise<GraphTestCore> {
  if (!sim) throw new Error('simulator first');
  const t = await startGraphCore({ file: graphConfigFile(sim, DELEGATED), clock, ...(dataDir ? { dataDir } : {}) });
  cores.push(t);
  return t;
}

describe('delegated sign-in by device code (real MSAL PublicClientApplication)', () => {
  it('shows the code, URL and expiry on the door, syncs once signed in, and survives a restart without a new sign-in', async () => {
    const clock = new ManualClock(NOW);
    sim = await simulatorStart(await basicScenario(), clock);
    const first = await start(clock);
    const prompt = await eventually(() => first.state().signIn, 'a device code on the door');
    expect(prompt.userCode).toMatch(/^[A-Z0-9-]{6,}$/);
    expect(prompt.verificationUri).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/devicelogin$/);
    expect(prompt.account).toBe('booking@contoso.com');
    expect(Date.parse(prompt.expiresAt)).toBeGreaterThan(NOW);
    expect(first.state().sync.online).toBe(false);
    // Waiting for a sign-in is not a fault to report.
    expect(first.state().notices).toEqual([]);

    sim.state.approveDeviceCode(prompt.userCode, { username: 'booking@contoso.com' });
    await eventually(() => first.state().signIn === null && first.state().sync.online, 'signed in and synced', 15_000);
    expect(first.state().agenda.map((m) => m.subject)).toContain('Quarterly planning');
    expect(statSync(join(first.dataDir, TOKEN_CACHE_FILE)).mode & 0o777).toBe(0o600);

    // A reboot: the same data dir, a fresh process state.
    await first.close({ keepData: true });
    cores.splice(cores.indexOf(first), 1);
    const deviceCodesBefore = sim.state.stats.requestsTo('/devicecode');
    const second = await start(clock, first.dataDir);
    await eventually(() => second.state().sync.online, 'online again from the cached sign-in');
    expect(second.state().signIn).toBeNull();
    expect(sim.state.stats.requestsTo('/devicecode')).toBe(deviceCodesBefore);
  });

  it('an expired code is replaced by a new one', async () => {
    const clock = new ManualClock(NOW);
    sim = await simulatorStart(await basicScenario(), clock);
    const t = await start(clock);
    const firstCode = (await eventually(() => t.state().signIn, 'a first code')).userCode;
    clock.advanceBy(20 * 60_000);
    const next = await eventually(() => {
      const p = t.state().signIn;
      return p && p.userCode !== firstCode ? p : null;
    }, 'a second code', 15_000);
    expect(Date.parse(next.expiresAt)).toBeGreaterThan(clock.now());
  });

  it('a revoked sign-in brings the code back and tells the admin', async () => {
    const clock = new ManualClock(NOW);
    sim = await simulatorStart(await basicScenario(), clock);
    const t = await start(clock);
    const prompt = await eventually(() => t.state().signIn, 'a device code');
    sim.state.approveDeviceCode(prompt.userCode, { username: 'booking@contoso.com' });
    await eventually(() => t.state().sync.online, 'signed in');
    sim.state.revokeRefreshTokens();
    sim.state.expireAccessTokens();
    await t.poll();
    const again = await eventually(() => t.state().signIn, 'a new device code after the revocation', 15_000);
    expect(again.userCode).not.toBe(prompt.userCode);
    expect(t.state().notices.map((n) => n.message).join(' ')).toMatch(/no longer valid.*sign in again on the door/);
    expect(t.state().agenda.length).toBeGreaterThan(0);
  });
});
