import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile, startGraphSimulator, type RunningSimulator } from '../../scripts/graph-simulator/index.js';
import { parseCliArgs } from '../../src/cli/args.js';
import { assertBuilt, ROOT, runLintel } from '../helpers/cli.js';
import { APP_SECRET, graphConfigFile, PUBLIC_CLIENT } from '../helpers/graph-core.js';
import { cleanUp, tempDir, writeConfig } from '../doctor/helpers.js';

beforeAll(assertBuilt);

let sim: RunningSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
  cleanUp();
});

describe('lintel doctor (the built CLI)', () => {
  it('checks a Microsoft 365 room end to end, exits 0 and prints no secret or token', async () => {
    // The CLI runs on the real clock, so the simulator does too.
    sim = await startGraphSimulator({ port: 0, scenario: await loadScenarioFile(join(ROOT, 'scripts/graph-simulator/scenarios/basic.json')), publicUrl: 'https://127.0.0.1:{port}' });
    const dir = tempDir();
    const secretFile = join(dir, 'client-secret');
    writeFileSync(secretFile, `${APP_SECRET}\n`, { mode: 0o600 });
    const expires = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    const config = writeConfig(graphConfigFile(sim, { clientSecret: undefined, clientSecretFile: secretFile, clientSecretExpires: expires }), dir);

    const r = await runLintel(['doctor', '--config', config, '--data-dir', dir]);
    expect(r.stdout).toMatch(/^PASS {2}room mailbox {2}read \d+ meetings? of aurora@contoso\.com/m);
    expect(r.stdout).toContain('0 failed.');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\u001b[');
    for (const out of [r.stdout, r.stderr]) {
      expect(out).not.toContain(APP_SECRET);
      expect(out).not.toMatch(/eyJ[\w-]{10,}/);
    }
  });

  it('exits 1 for a delegated device nobody signed in to, without leaving a sign-in running', async () => {
    sim = await startGraphSimulator({ port: 0, publicUrl: 'https://127.0.0.1:{port}' });
    const dir = tempDir();
    const config = writeConfig(graphConfigFile(sim, { auth: 'delegated', clientId: PUBLIC_CLIENT, clientSecret: undefined }), dir);
    // runLintel resolves when the process exits: a device-code round left polling would keep it alive.
    const r = await runLintel(['doctor', '--config', config, '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {2}sign-in {6}not signed in/m);
    expect(sim.state.stats.requestsTo('/oauth2/')).toBe(0);
  });

  it('exits 1 when a check fails', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'not-a-folder'), '');
    const r = await runLintel(['doctor', '--config', writeConfig({}, dir), '--data-dir', join(dir, 'not-a-folder')]);
    expect(r.stdout).toMatch(/^FAIL {2}data folder/m);
    expect(r.code).toBe(1);
  });

  it('exits 2 on a config that is not valid, printing the error as a FAIL line', async () => {
    const dir = tempDir();
    const r = await runLintel(['doctor', '--config', writeConfig({ server: { port: 'eighty' } }, dir), '--data-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^FAIL {2}config/m);
    expect(r.stdout).toContain('key "server.port" has value "eighty"');
  });

  it('says a demo room is a demo room', async () => {
    const dir = tempDir();
    const r = await runLintel(['doctor', '--data-dir', dir]);
    expect(r.stdout).toContain('demo room, no Microsoft 365 connection');
    expect(r.code).toBe(0);
  });

  it('rejects options of start, and is in the help', async () => {
    const r = await runLintel(['doctor', '--port', '80']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port is an option of "start", not of "doctor"');
    expect((await runLintel(['help'])).stdout).toMatch(/doctor {4}Check the config/);
  });
});

describe('doctor arguments', () => {
  it('take --config and --data-dir', () => {
    expect(parseCliArgs(['doctor', '--config', '/c.json', '--data-dir', '/d'])).toEqual({ command: 'doctor', config: '/c.json', dataDir: '/d' });
    expect(parseCliArgs(['doctor'])).toEqual({ command: 'doctor', config: null, dataDir: null });
    expect(() => parseCliArgs(['doctor', '--headless'])).toThrow(/--headless is an option of "start"/);
    expect(() => parseCliArgs(['doctor', 'now'])).toThrow(/Unexpected argument "now" after "doctor"/);
  });
});
