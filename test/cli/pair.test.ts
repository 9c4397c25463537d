import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile, startGraphSimulator, type RunningSimulator } from '../../scripts/graph-simulator/index.js';
import type { Scenario } from '../../scripts/graph-simulator/scenario.js';
import { openDatabase } from '../../src/store/open-database.js';
import { Store } from '../../src/store/store.js';
import { silentLogger } from '../../src/util/logger.js';
import { assertBuilt, ROOT, runLintel } from '../helpers/cli.js';
import { APP_CLIENT, APP_SECRET, ROOM_EMAIL, TENANT } from '../helpers/graph-core.js';

let sim: RunningSimulator;
beforeAll(async () => {
  assertBuilt();
  const scenario = (await loadScenarioFile(join(ROOT, 'scripts/graph-simulator/scenarios/basic.json'))) as Scenario;
  sim = await startGraphSimulator({ port: 0, scenario, publicUrl: 'https://127.0.0.1:{port}' });
});
afterAll(async () => {
  await sim?.close();
});

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'lintel-pair-'));
}

describe('lintel pair', () => {
  it('pairs this device from a fleet provisioning file by its hostname, then doctor passes', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secret'), APP_SECRET, { mode: 0o600 });
    const fleet = {
      defaults: { tenant: TENANT, clientId: APP_CLIENT, auth: 'app-secret', clientSecretFile: 'secret', adminPin: '482913', endpoints: { authority: sim.url, graph: sim.url } },
      devices: [
        { mac: 'dc:a6:32:00:00:01', room: 'borealis@contoso.com' },
        { hostname: hostname(), room: ROOM_EMAIL, name: 'Aurora' },
      ],
    };
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify(fleet));
    const dataDir = join(dir, 'data');
    const r = await runLintel(['pair', '--file', join(dir, 'fleet.json'), '--data-dir', dataDir]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`to Aurora (${ROOM_EMAIL})`);
    expect(r.stdout).toMatch(/\d+ checks passed, \d+ warnings?, 0 failed/);
    expect(r.code).toBe(0);
    const config = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as { room: { email: string; name: string }; calendar: { clientSecretFile: string } };
    expect(config.room).toEqual({ email: ROOM_EMAIL, name: 'Aurora' });
    // The path in the file is relative to the file, not to wherever pair ran.
    expect(config.calendar.clientSecretFile).toBe(join(dir, 'secret'));
    expect(statSync(join(dataDir, 'pairing.json')).mode & 0o777).toBe(0o600);
    const store = new Store(openDatabase(join(dataDir, 'lintel.db'), silentLogger(), () => Date.now()));
    expect(store.auditLog()[0]).toMatchObject({ action: 'paired', actor: 'lintel pair (app credentials)', detail: { room: ROOM_EMAIL } });
    store.close();
  });

  it('says which hostname and MACs it looked for when the file has no entry for this device', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify({ defaults: { tenant: TENANT, clientId: APP_CLIENT, auth: 'delegated', adminPin: '482913' }, devices: [{ hostname: 'some-other-door', room: ROOM_EMAIL }] }));
    const r = await runLintel(['pair', '--file', join(dir, 'fleet.json'), '--data-dir', join(dir, 'data')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(hostname().split('.')[0] ?? hostname());
  });

  it('pairs from single-device flags, resolving the secret file from where it ran', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secret'), APP_SECRET, { mode: 0o600 });
    const dataDir = join(dir, 'data');
    const r = await runLintel(['pair', '--data-dir', dataDir, '--tenant', TENANT, '--client-id', APP_CLIENT, '--auth', 'app-secret', '--secret-file', join(dir, 'secret'), '--room', ROOM_EMAIL, '--pin', '482913']);
    expect(r.stdout).toContain(`to ${ROOM_EMAIL} (${ROOM_EMAIL}), signing in with app-secret`);
    const config = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as { room: { email: string }; calendar: { auth: string; clientSecretFile: string } };
    expect(config.room.email).toBe(ROOM_EMAIL);
    expect(config.calendar).toMatchObject({ auth: 'app-secret', clientSecretFile: join(dir, 'secret') });
    expect(statSync(join(dataDir, 'pairing.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses bad flags with the flag to fix, and writes nothing', async () => {
    const dir = tempDir();
    const r = await runLintel(['pair', '--data-dir', dir, '--tenant', TENANT, '--client-id', 'lintel-app', '--auth', 'delegated', '--room', ROOM_EMAIL, '--pin', '482913']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--client-id');
    const both = await runLintel(['pair', '--file', 'x.json', '--room', ROOM_EMAIL]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('not both');
  });
});
