import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../scripts/graph-simulator/index.js';
import { SETUP_ROUTES, type RoomListJson, type SetupDoneJson, type SetupStatusJson, type SetupTokenJson } from '../../src/api/contract.js';
import { readPairing } from '../../src/setup/pairing-record.js';
import { APP_CLIENT, APP_SECRET, basicScenario, eventually, PUBLIC_CLIENT, ROOM_EMAIL, simulatorStart, TENANT } from '../helpers/graph-core.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { setupRequest, startUnpairedDisplay, type UnpairedDisplay } from '../helpers/setup-display.js';

const NOW = Date.parse('2026-11-23T09:00:00Z');
let sim: RunningSimulator | null = null;
const displays: UnpairedDisplay[] = [];

afterEach(async () => {
  for (const d of displays.splice(0)) await d.close();
  await sim?.close();
  sim = null;
});

async function unpaired(): Promise<{ d: UnpairedDisplay; clock: ManualClock; port: number }> {
  const clock = new ManualClock(NOW);
  sim = await simulatorStart(await basicScenario(), clock);
  const d = await startUnpairedDisplay({ sim, clock });
  displays.push(d);
  return { d, clock, port: d.setupPort() };
}

async function waitForChecks(port: number, token: string): Promise<NonNullable<SetupStatusJson['checks']>> {
  return eventually(async () => {
    const r = await setupRequest<SetupStatusJson>(port, SETUP_ROUTES.status, { token });
    return r.body.ok && r.body.value.checks && !r.body.value.checks.running ? r.body.value.checks : null;
  }, 'the doctor checks to finish', 20_000);
}

describe('an unpaired display', () => {
  it('shows the setup QR code with a 256-bit token in the URL fragment, a short code, its name and LAN address; LEDs stay dark', async () => {
    const { d } = await unpaired();
    const state = d.supervisor.current().hub.current();
    const p = d.prompt();
    const url = new URL(p.url);
    expect(url.pathname).toBe('/setup');
    expect(url.search).toBe('');
    expect(Buffer.from(d.token(), 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(d.token()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(p.deviceName).toBe('lintel-test-door');
    expect(p.address).toBe(`${url.origin}/setup`);
    expect(p.reopened).toBe(false);
    expect(state.leds).toEqual({ red: 'off', green: 'off', amber: 'off' });
    expect(state.agenda).toEqual([]);
  });
});

describe('pairing from the setup page against the Graph simulator', () => {
  it('app credentials: sign in, pick the room from Places, checks pass, confirm — the door shows the room, files are private, the audit log has it', async () => {
    const { d, port } = await unpaired();
    const token = d.token();
    const status = await setupRequest<SetupStatusJson>(port, SETUP_ROUTES.status, { token });
    expect(status.status).toBe(200);
    if (!status.body.ok) throw new Error(status.body.error.message);
    expect(status.body.value.defaults.tenant).toBe(TENANT);
    expect(status.body.value.code).toBe(d.prompt().code);

    const signIn = await setupRequest<SetupStatusJson>(port, SETUP_ROUTES.signIn, { token, body: { mode: 'app-secret', tenant: TENANT, clientId: APP_CLIENT, secret: APP_SECRET } });
    expect(signIn.body).toMatchObject({ ok: true, value: { signIn: { state: 'signed-in', account: 'app credentials' } } });
    // Secrets go in, never out.
    const after = await setupRequest<SetupStatusJson>(port, SETUP_ROUTES.status, { token });
    expect(after.text).not.toContain(APP_SECRET);

    const all = await setupRequest<RoomListJson>(port, `${SETUP_ROUTES.rooms}?q=`, { token });
    if (!all.body.ok) throw new Error(all.body.error.message);
    expect(all.body.value.placesAvailable).toBe(true);
    expect(all.body.value.rooms.map((r) => r.email)).toContain(ROOM_EMAIL);
    const search = await setupRequest<RoomListJson>(port, `${SETUP_ROUTES.rooms}?q=auro`, { token });
    if (!search.body.ok) throw new Error(search.body.error.message);
    expect(search.body.value.rooms.map((r) => r.email)).toEqual([ROOM_EMAIL]);
    const roomName = search.body.value.rooms[0]?.name ?? null;

    // Confirm before checks is refused.
    const early = await setupRequest(port, SETUP_ROUTES.confirm, { token, body: { roomEmail: ROOM_EMAIL, roomName, pin: '482913' } });
    expect(early.body).toMatchObject({ ok: false, error: { code: 'NOT_CHECKED' } });

    expect((await setupRequest(port, SETUP_ROUTES.check, { token, body: { roomEmail: ROOM_EMAIL } })).body.ok).toBe(true);
    const checks = await waitForChecks(port, token);
    expect(checks.lines.filter((l) => l.status === 'FAIL')).toEqual([]);
    expect(checks.lines.find((l) => l.id === 'mailbox')?.status).toBe('PASS');

    const weakPin = await setupRequest(port, SETUP_ROUTES.confirm, { token, body: { roomEmail: ROOM_EMAIL, roomName, pin: '1111' } });
    expect(weakPin.body).toMatchObject({ ok: false, error: { code: 'PIN_INVALID' } });

    const done = await setupRequest<SetupDoneJson>(port, SETUP_ROUTES.confirm, { token, body: { roomEmail: ROOM_EMAIL, roomName, pin: '482913' } });
    expect(done.body).toMatchObject({ ok: true, value: { room: { email: ROOM_EMAIL } } });

    const door = await eventually(() => {
      const s = d.supervisor.setupSession() === null ? d.supervisor.current().hub.current() : null;
      return s && s.setup === null && s.sync.source === 'graph' && s.sync.online ? s : null;
    }, 'the door on the paired room', 10_000);
    expect(door.room.email).toBe(ROOM_EMAIL);
    expect(door.agenda.length).toBeGreaterThan(0);

    // The setup server is gone: nothing listens on its port any more.
    await expect(setupRequest(port, SETUP_ROUTES.status, { token })).rejects.toThrow();

    const config = JSON.parse(readFileSync(d.configPath, 'utf8')) as { calendar: { clientSecretFile: string; clientSecret?: string } };
    expect(config.calendar.clientSecret).toBeUndefined();
    expect(readFileSync(config.calendar.clientSecretFile, 'utf8')).toBe(APP_SECRET);
    expect(statSync(config.calendar.clientSecretFile).mode & 0o777).toBe(0o600);
    expect(statSync(d.configPath).mode & 0o777).toBe(0o600);
    const pairing = readPairing(d.dataDir);
    expect(pairing).toMatchObject({ by: 'app credentials', room: { email: ROOM_EMAIL }, auth: 'app-secret' });
    expect(readFileSync(join(d.dataDir, 'pairing.json'), 'utf8')).not.toContain('482913');
    expect(existsSync(join(d.dataDir, 'setup-staging'))).toBe(false);
    const audit = d.supervisor.current().store.auditLog();
    expect(audit.find((a) => a.action === 'paired')).toMatchObject({ actor: 'app credentials', detail: { room: ROOM_EMAIL, auth: 'app-secret' } });
    // No secret or token in the logs.
    const logText = JSON.stringify(d.logLines());
    expect(logText).not.toContain(APP_SECRET);
    expect(logText).not.toContain(token);
  });

  it('delegated: a device code for the phone, then the room typed by address when Places is not granted', async () => {
    const { d, port } = await unpaired();
    const token = d.token();
    const answer = await setupRequest<SetupStatusJson>(port, SETUP_ROUTES.signIn, { token, body: { mode: 'delegated', tenant: TENANT, clientId: PUBLIC_CLIENT } });
    if (!answer.body.ok) throw new Error(answer.body.error.message);
    const signIn = answer.body.value.signIn;
    expect(signIn.state).toBe('waiting');
    expect(signIn.userCode).toMatch(/^[A-Z0-9-]{6,}$/);
    expect(signIn.verificationUri).toMatch(/devicelogin$/);
    sim?.state.approveDeviceCode(signIn.userCode ?? '', { username: 'booking@contoso.com' });
    await eventually(async () => {
      const r = await setupRequest<SetupStatusJson>(port, SETUP_ROUTES.status, { token });
      return r.body.ok && r.body.value.signIn.state === 'signed-in' ? r.body.value.signIn : null;
    }, 'signed in', 15_000);
    const status = await setupRequest<SetupStatusJson>(port, SETUP_ROUTES.status, { token });
    expect(status.body).toMatchObject({ ok: true, value: { signIn: { account: 'booking@contoso.com' } } });

    const rooms = await setupRequest<RoomListJson>(port, SETUP_ROUTES.rooms, { token });
    expect(rooms.body).toMatchObject({ ok: true, value: { placesAvailable: false, rooms: [] } });
    if (rooms.body.ok) expect(rooms.body.value.reason).toContain('Place.Read.All');

    await setupRequest(port, SETUP_ROUTES.check, { token, body: { roomEmail: ROOM_EMAIL } });
    const checks = await waitForChecks(port, token);
    expect(checks.lines.filter((l) => l.status === 'FAIL')).toEqual([]);
    const done = await setupRequest<SetupDoneJson>(port, SETUP_ROUTES.confirm, { token, body: { roomEmail: ROOM_EMAIL, roomName: null, pin: '482913' } });
    expect(done.body.ok).toBe(true);
    await eventually(() => {
      const s = d.supervisor.setupSession() === null ? d.supervisor.current().hub.current() : null;
      return s && s.sync.source === 'graph' && s.sync.online && s.signIn === null ? s : null;
    }, 'the paired door online with the booking account, no new sign-in', 15_000);
    expect(readPairing(d.dataDir)?.by).toBe('booking@contoso.com');
    expect(d.supervisor.current().store.auditLog().find((a) => a.action === 'paired')?.actor).toBe('booking@contoso.com');
  });

  it('a failing check blocks confirm and says what to fix', async () => {
    const { d, port } = await unpaired();
    const token = d.token();
    await setupRequest(port, SETUP_ROUTES.signIn, { token, body: { mode: 'app-secret', tenant: TENANT, clientId: APP_CLIENT, secret: APP_SECRET } });
    await setupRequest(port, SETUP_ROUTES.check, { token, body: { roomEmail: 'nobody@contoso.com' } });
    const checks = await waitForChecks(port, token);
    const failed = checks.lines.find((l) => l.status === 'FAIL');
    expect(failed?.fix).toBeTruthy();
    const confirm = await setupRequest(port, SETUP_ROUTES.confirm, { token, body: { roomEmail: 'nobody@contoso.com', roomName: null, pin: '482913' } });
    expect(confirm.body).toMatchObject({ ok: false, error: { code: 'CHECKS_FAILED' } });
    expect(readPairing(d.dataDir)).toBeNull();
  });

  it('a wrong secret is refused with the reason, and a Secret ID is recognised', async () => {
    const { d, port } = await unpaired();
    const token = d.token();
    const wrong = await setupRequest(port, SETUP_ROUTES.signIn, { token, body: { mode: 'app-secret', tenant: TENANT, clientId: APP_CLIENT, secret: 'not-the-secret' } });
    expect(wrong.body.ok).toBe(false);
    const id = await setupRequest(port, SETUP_ROUTES.signIn, { token, body: { mode: 'app-secret', tenant: TENANT, clientId: APP_CLIENT, secret: '0b9f6f1e-4a51-4d7e-9d1c-2f0f7c1f5a10' } });
    expect(id.body).toMatchObject({ ok: false, error: { code: 'CREDENTIAL_INVALID' } });
    if (!id.body.ok) expect(id.body.error.message).toContain('Secret ID');
    const badClient = await setupRequest(port, SETUP_ROUTES.signIn, { token, body: { mode: 'delegated', tenant: TENANT, clientId: 'lintel' } });
    expect(badClient.body).toMatchObject({ ok: false, error: { code: 'BAD_CLIENT_ID' } });
    expect(d.prompt().lockedUntil).toBeNull();
  });
});

describe('setup security', () => {
  it('every API request needs the token; the page itself does not', async () => {
    const { port } = await unpaired();
    expect((await setupRequest(port, SETUP_ROUTES.status)).status).toBe(401);
    expect((await setupRequest(port, SETUP_ROUTES.rooms)).status).toBe(401);
    expect((await setupRequest(port, SETUP_ROUTES.signIn, { body: { mode: 'delegated', tenant: TENANT, clientId: PUBLIC_CLIENT } })).status).toBe(401);
  });

  it('the short code typed on the page is exchanged for the token', async () => {
    const { d, port } = await unpaired();
    const typed = d.prompt().code.toLowerCase().replace('-', ' ');
    const r = await setupRequest<SetupTokenJson>(port, SETUP_ROUTES.code, { body: { code: typed } });
    expect(r.body).toEqual({ ok: true, value: { token: d.token() } });
  });

  it('five wrong tokens lock setup, the right one included, with growing delays; the door shows the lock', async () => {
    const { d, clock, port } = await unpaired();
    const right = d.token();
    for (let i = 0; i < 4; i++) expect((await setupRequest(port, SETUP_ROUTES.status, { token: `wrong-token-guess-${i}-xxxxxxxx` })).body).toMatchObject({ ok: false, error: { code: 'TOKEN_INVALID' } });
    const fifth = await setupRequest(port, SETUP_ROUTES.status, { token: 'wrong-token-guess-5-xxxxxxxx' });
    expect(fifth.status).toBe(429);
    expect((await setupRequest(port, SETUP_ROUTES.status, { token: right })).status).toBe(429);
    expect(d.prompt().lockedUntil).not.toBeNull();
    const firstLock = Date.parse(d.prompt().lockedUntil ?? '') - clock.now();
    clock.advanceBy(firstLock);
    expect((await setupRequest(port, SETUP_ROUTES.status, { token: right })).status).toBe(200);
    // The count starts again only after a right answer; a lock after that grows.
    for (let i = 0; i < 5; i++) await setupRequest(port, SETUP_ROUTES.code, { body: { code: 'AAAA-AAAA' } });
    await setupRequest(port, SETUP_ROUTES.status, { token: right });
    clock.advanceBy(firstLock);
    const sixth = await setupRequest(port, SETUP_ROUTES.code, { body: { code: 'AAAA-AAAB' } });
    expect(sixth.status).toBe(429);
    const secondLock = Date.parse(d.prompt().lockedUntil ?? '') - clock.now();
    expect(secondLock).toBeGreaterThan(firstLock);
  });

  it('a token expires after 15 minutes: the door shows a new one, the old is refused as expired', async () => {
    const { d, clock, port } = await unpaired();
    const old = d.token();
    clock.advanceBy(15 * 60_000);
    const fresh = d.token();
    expect(fresh).not.toBe(old);
    const r = await setupRequest(port, SETUP_ROUTES.status, { token: old });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'TOKEN_EXPIRED' } });
    expect((await setupRequest(port, SETUP_ROUTES.status, { token: fresh })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) and a cross-origin or non-JSON POST', async () => {
    const { d, port } = await unpaired();
    const token = d.token();
    const rebound = await setupRequest(port, SETUP_ROUTES.status, { token, host: `evil.example:${port}` });
    expect(rebound.status).toBe(421);
    const page = await setupRequest(port, SETUP_ROUTES.page, { host: `evil.example:${port}` });
    expect(page.status).toBe(421);
    const body = { mode: 'delegated', tenant: TENANT, clientId: PUBLIC_CLIENT };
    expect((await setupRequest(port, SETUP_ROUTES.signIn, { token, body, origin: 'http://evil.example' })).status).toBe(403);
    expect((await setupRequest(port, SETUP_ROUTES.signIn, { token, body, origin: null })).status).toBe(403);
    expect((await setupRequest(port, SETUP_ROUTES.signIn, { token, body: JSON.stringify(body), contentType: 'text/plain' })).status).toBe(403);
    expect(d.supervisor.current().hub.current().setup).not.toBeNull();
  });
});
