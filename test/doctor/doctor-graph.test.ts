import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGraphSimulator, type RunningSimulator, type Scenario } from '../../scripts/graph-simulator/index.js';
import { DeviceCodeProvider } from '../../src/auth/device-code-provider.js';
import { TOKEN_CACHE_FILE } from '../../src/auth/msal-setup.js';
import { parseConfig, resolveConfig, type GraphConnection } from '../../src/config/load-config.js';
import type { ConfigFile } from '../../src/config/schema.js';
import { silentLogger } from '../../src/util/logger.js';
import { APP_SECRET, basicScenario, eventually, graphConfigFile, PUBLIC_CLIENT, ROOM_EMAIL, simulatorStart } from '../helpers/graph-core.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { cleanUp, runOn, tempDir } from './helpers.js';

// 10:00 in Berlin on a Monday: the basic scenario's room has meetings all day.
const NOW = Date.parse('2026-11-23T09:00:00Z');
const FAR_EXPIRY = '2027-06-30';

let sim: RunningSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
  cleanUp();
});

async function simulator(scenario?: Scenario, clock = new ManualClock(NOW)): Promise<{ sim: RunningSimulator; clock: ManualClock }> {
  sim = await simulatorStart(scenario ?? (await basicScenario()), clock);
  return { sim, clock };
}

function delegatedFile(s: RunningSimulator): ConfigFile {
  return graphConfigFile(s, { auth: 'delegated', clientId: PUBLIC_CLIENT, clientSecret: undefined, account: 'booking@contoso.com' });
}

describe('lintel doctor on Microsoft 365 (Graph simulator, real MSAL)', () => {
  it('passes every check for a healthy app-secret setup and exits 0', async () => {
    const { sim, clock } = await simulator();
    const d = await runOn(graphConfigFile(sim, { clientSecretExpires: FAR_EXPIRY }), clock);
    expect(d.report.lines.map((l) => [l.id, l.status])).toEqual([
      ['config', 'PASS'],
      ['data-dir', 'PASS'],
      ['calendar', 'PASS'],
      ['credential', 'PASS'],
      ['clock', 'PASS'],
      ['sign-in', 'PASS'],
      ['mailbox', 'PASS'],
      ['write', 'PASS'],
      ['subjects', 'PASS'],
      ['time-zone', 'PASS'],
      ['expiry', 'PASS'],
    ]);
    expect(d.exitCode).toBe(0);
    expect(d.line('time-zone').title).toContain('Europe/Berlin');
    expect(d.line('write').title).toContain('Calendars.ReadWrite');
    // Subjects are read to judge the mailbox setting, never shown.
    expect(d.text).not.toContain('Quarterly planning');
    expect(d.text).not.toContain(APP_SECRET);
    expect(d.text).not.toMatch(/eyJ[\w-]+\./);
  });

  it('fails sign-in with the secret message for a wrong client secret, and never prints it', async () => {
    const { sim, clock } = await simulator();
    const d = await runOn(graphConfigFile(sim, { clientSecret: 'a-wrong-secret~value-123' }), clock);
    expect(d.line('sign-in')).toMatchObject({ status: 'FAIL', fix: expect.stringContaining('The client secret is wrong') });
    expect(d.exitCode).toBe(1);
    expect(d.text).not.toContain('a-wrong-secret');
    expect(d.text).toContain('Not checked, because they need a token: reading the room mailbox, permission to book');
  });

  it('fails sign-in naming calendar.tenant for a tenant Microsoft 365 does not know', async () => {
    const { sim, clock } = await simulator();
    const d = await runOn(graphConfigFile(sim, { tenant: '00000000-0000-4000-8000-000000000000' }), clock);
    expect(d.line('sign-in')).toMatchObject({ status: 'FAIL', fix: expect.stringContaining('set calendar.tenant') });
  });

  it('fails the mailbox read naming the application access policy for a scoped-out room', async () => {
    const { sim, clock } = await simulator();
    sim.state.faults.scopedOutMailboxes = [ROOM_EMAIL];
    const d = await runOn(graphConfigFile(sim, {}), clock);
    expect(d.line('mailbox')).toMatchObject({ status: 'FAIL', fix: expect.stringContaining('application access policy') });
    expect(d.line('mailbox').fix).toContain(`Test-ApplicationAccessPolicy -Identity ${ROOM_EMAIL}`);
    expect(d.line('write').status).toBe('PASS');
    expect(d.report.skipped.map((s) => s.id)).toEqual(['subjects', 'time-zone']);
  });

  it('fails the mailbox read for a room address with no mailbox', async () => {
    const { sim, clock } = await simulator();
    const d = await runOn(graphConfigFile(sim, {}, { room: { email: 'nosuch@contoso.com' } }), clock);
    expect(d.line('mailbox')).toMatchObject({ status: 'FAIL', fix: expect.stringContaining('No mailbox answers at nosuch@contoso.com') });
  });

  it('fails sign-in with the consent advice when admin consent is missing', async () => {
    const { sim, clock } = await simulator();
    sim.state.faults.consentMissing = 'token';
    const d = await runOn(graphConfigFile(sim, {}), clock);
    expect(d.line('sign-in')).toMatchObject({ status: 'FAIL', fix: expect.stringContaining('Grant admin consent') });
  });

  it('warns with the exact Set-CalendarProcessing command when the room rewrites subjects', async () => {
    const scenario = structuredClone(await basicScenario());
    for (const room of scenario.rooms ?? []) room.bookingAssistant = { ...room.bookingAssistant, addOrganizerToSubject: true, deleteSubject: true };
    const { sim, clock } = await simulator(scenario);
    const d = await runOn(graphConfigFile(sim, { clientSecretExpires: FAR_EXPIRY }), clock);
    const subjects = d.line('subjects');
    expect(subjects.status).toBe('WARN');
    expect(subjects.fix).toContain('Set-CalendarProcessing -Identity "aurora@contoso.com" -AddOrganizerToSubject $false -DeleteSubject $false');
    expect(subjects.title).toMatch(/\(\d+ of \d+ meetings\)/);
    expect(d.text).not.toContain('Anna Schmidt');
    expect(d.exitCode).toBe(0);
  });

  it('fails the clock check when this device is 10 minutes behind Microsoft 365', async () => {
    const clock = new ManualClock(NOW);
    const scenario = await basicScenario();
    sim = await startGraphSimulator({ port: 0, scenario, clock: () => clock.now() + 10 * 60_000, publicUrl: 'https://127.0.0.1:{port}' });
    const d = await runOn(graphConfigFile(sim, {}), clock);
    expect(d.line('clock')).toMatchObject({ status: 'FAIL', title: expect.stringContaining('10 min 0 s behind'), fix: expect.stringContaining('timedatectl set-ntp true') });
    expect(d.exitCode).toBe(1);
  });

  it('warns 10 days before the client secret expires, and when nobody wrote its expiry down', async () => {
    const { sim, clock } = await simulator();
    const soon = await runOn(graphConfigFile(sim, { clientSecretExpires: '2026-12-03' }), clock);
    expect(soon.line('expiry')).toMatchObject({ status: 'WARN', title: expect.stringContaining('expires in 10 days'), fix: expect.stringContaining('calendar.clientSecretExpires') });
    const unknown = await runOn(graphConfigFile(sim, {}), clock);
    expect(unknown.line('expiry')).toMatchObject({ status: 'WARN', fix: expect.stringContaining('Set calendar.clientSecretExpires') });
    const expired = await runOn(graphConfigFile(sim, { clientSecretExpires: '2026-11-01' }), clock);
    expect(expired.line('expiry').status).toBe('FAIL');
  });

  it('fails the credential when the secret file is missing, without trying to sign in', async () => {
    const { sim, clock } = await simulator();
    const d = await runOn(graphConfigFile(sim, { clientSecret: undefined, clientSecretFile: '/nonexistent/lintel-secret' }), clock);
    expect(d.line('credential')).toMatchObject({ status: 'FAIL', fix: expect.stringContaining('calendar.clientSecretFile /nonexistent/lintel-secret does not exist') });
    expect(sim.state.stats.requestsTo('/oauth2/v2.0/token')).toBe(0);
    // The clock is still measured: the sign-in service answers without credentials.
    expect(d.line('clock').status).toBe('PASS');
  });

  it('warns when room.timeZone differs from the mailbox zone, naming both', async () => {
    const { sim, clock } = await simulator();
    const d = await runOn(graphConfigFile(sim, {}, { room: { timeZone: 'America/New_York' } }), clock);
    expect(d.line('time-zone')).toMatchObject({ status: 'WARN', title: expect.stringMatching(/"America\/New_York".*"Europe\/Berlin"/) });
  });

  it('fails "not signed in" in delegated mode without starting a device-code sign-in', async () => {
    const { sim, clock } = await simulator();
    const d = await runOn(delegatedFile(sim), clock);
    expect(d.line('sign-in')).toMatchObject({ status: 'FAIL', title: 'not signed in', fix: expect.stringContaining('Start lintel and sign in with the code on the door') });
    expect(d.line('expiry').status).toBe('PASS');
    expect(d.exitCode).toBe(1);
    const identityCalls = (): number => sim.state.stats.requestsTo('/oauth2/');
    expect(identityCalls()).toBe(0);
    // MSAL polls every `interval` (1 s here): a round left running would show up within this wait.
    const before = sim.state.stats.requests;
    await new Promise((r) => setTimeout(r, 1_200));
    expect(identityCalls()).toBe(0);
    expect(sim.state.stats.requests).toBe(before);
  });

  it('checks a signed-in booking account (delegated) and leaves its saved sign-in untouched', async () => {
    const { sim, clock } = await simulator();
    const file = delegatedFile(sim);
    const dataDir = tempDir();
    const config = resolveConfig(parseConfig(file, 'test'), null);
    const provider = new DeviceCodeProvider({ connection: config.calendar as GraphConnection, dataDir, logger: silentLogger(), now: () => clock.now() }, clock);
    await expect(provider.token()).rejects.toThrow(/SIGN_IN_NEEDED/);
    const prompt = await eventually(() => provider.status().signIn, 'the device code');
    sim.state.approveDeviceCode(prompt.userCode, { username: 'booking@contoso.com' });
    // MSAL polls once a second (the simulator's interval) until it sees the approval.
    for (let i = 0; i < 200 && !(await provider.account()); i++) await new Promise((r) => setTimeout(r, 25));
    provider.close();
    const cacheBefore = readFileSync(join(dataDir, TOKEN_CACHE_FILE), 'utf8');

    const d = await runOn(file, clock, { dataDir });
    expect(d.line('sign-in')).toMatchObject({ status: 'PASS', title: 'signed in as booking@contoso.com' });
    expect(d.line('mailbox').status).toBe('PASS');
    expect(d.line('write')).toMatchObject({ status: 'PASS', title: expect.stringContaining('Calendars.ReadWrite.Shared') });
    expect(readFileSync(join(dataDir, TOKEN_CACHE_FILE), 'utf8')).toBe(cacheBefore);
  });
});

describe('lintel doctor without Microsoft 365', () => {
  const clock = new ManualClock(NOW);

  it('says so for the demo room and exits 0', async () => {
    const d = await runOn({ calendar: { source: 'demo' } }, clock);
    expect(d.line('calendar')).toEqual({ id: 'calendar', status: 'PASS', title: 'demo room, no Microsoft 365 connection' });
    expect(d.report.lines.map((l) => l.id)).toEqual(['config', 'data-dir', 'calendar']);
    expect(d.exitCode).toBe(0);
  });

  it('prints the config error as a FAIL line and exits 2, like lintel start', async () => {
    const d = await runOn({ display: { clock: '25h' } }, clock);
    expect(d.line('config')).toMatchObject({ status: 'FAIL', fix: expect.stringContaining('key "display.clock" has value "25h"') });
    expect(d.exitCode).toBe(2);
    expect(d.text).toContain('Not checked, because the config is not valid: the calendar connection.');
  });

  it('hides a secret quoted by a config error (a misspelt clientSecret key)', async () => {
    const secret = 'Qx8~verysecretvalue.thatis-long-enough-to-be-shortened-by-the-error-text';
    const d = await runOn({ calendar: { source: 'demo', clientSecrett: secret } }, clock);
    expect(d.line('config').fix).toContain('unknown key "calendar.clientSecrett"');
    expect(d.text).not.toContain(secret.slice(0, 12));
    // The config layer itself never quotes a value that may be a secret.
    expect(d.text).toContain('hidden: it may be a secret');
  });

  it('fails a data folder that is a file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'not-a-folder'), '');
    const d = await runOn({}, clock, { dataDir: join(dir, 'not-a-folder') });
    expect(d.line('data-dir')).toMatchObject({ status: 'FAIL', fix: expect.stringContaining('--data-dir') });
    expect(d.exitCode).toBe(1);
  });
});
