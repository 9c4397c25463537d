import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../scripts/graph-simulator/index.js';
import { ADMIN_SESSION_HEADER, HTTP_ROUTES, SETUP_ROUTES, type AdminSessionJson, type ApiResult, type DiagnosticsJson } from '../../src/api/contract.js';
import { TOKEN_CACHE_FILE } from '../../src/auth/msal-setup.js';
import { readPairing } from '../../src/setup/pairing-record.js';
import { APP_CLIENT, APP_SECRET, basicScenario, eventually, ROOM_EMAIL, simulatorStart, TENANT } from '../helpers/graph-core.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { setupRequest, startUnpairedDisplay, type UnpairedDisplay } from '../helpers/setup-display.js';

const NOW = Date.parse('2026-11-23T09:00:00Z');
const PIN = '482913';
let sim: RunningSimulator | null = null;
const displays: UnpairedDisplay[] = [];

afterEach(async () => {
  for (const d of displays.splice(0)) await d.close();
  await sim?.close();
  sim = null;
});

/** A display paired through its setup page with app credentials. */
async function paired(): Promise<{ d: UnpairedDisplay; clock: ManualClock; usedToken: string }> {
  const clock = new ManualClock(NOW);
  sim = await simulatorStart(await basicScenario(), clock);
  const d = await startUnpairedDisplay({ sim, clock });
  displays.push(d);
  const port = d.setupPort();
  const token = d.token();
  await setupRequest(port, SETUP_ROUTES.signIn, { token, body: { mode: 'app-secret', tenant: TENANT, clientId: APP_CLIENT, secret: APP_SECRET } });
  await setupRequest(port, SETUP_ROUTES.check, { token, body: { roomEmail: ROOM_EMAIL } });
  await eventually(async () => {
    const r = await setupRequest<{ checks: { running: boolean } | null }>(port, SETUP_ROUTES.status, { token });
    return r.body.ok && r.body.value.checks && !r.body.value.checks.running;
  }, 'checks', 20_000);
  const done = await setupRequest(port, SETUP_ROUTES.confirm, { token, body: { roomEmail: ROOM_EMAIL, roomName: 'Aurora', pin: PIN } });
  if (!done.body.ok) throw new Error(done.body.error.message);
  await eventually(() => d.supervisor.setupSession() === null && d.supervisor.current().hub.current().sync.source === 'graph', 'paired');
  return { d, clock, usedToken: token };
}

async function api<T>(d: UnpairedDisplay, route: string, o: { body?: unknown; session?: string } = {}): Promise<{ status: number; body: ApiResult<T> }> {
  const port = d.supervisor.current().http.port;
  const headers: Record<string, string> = { 'content-type': 'application/json', host: `127.0.0.1:${port}` };
  if (o.session) headers[ADMIN_SESSION_HEADER] = o.session;
  // A fresh connection each time: a restart closes the server's sockets, idle ones too.
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: route, method: o.body === undefined ? 'GET' : 'POST', headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as ApiResult<T> }));
    });
    req.on('error', reject);
    if (o.body !== undefined) req.write(JSON.stringify(o.body));
    req.end();
  });
}

describe('the on-device admin screen', () => {
  it('an unpaired display has no PIN yet and says so', async () => {
    const clock = new ManualClock(NOW);
    sim = await simulatorStart(await basicScenario(), clock);
    const d = await startUnpairedDisplay({ sim, clock });
    displays.push(d);
    const r = await api(d, HTTP_ROUTES.adminUnlock, { body: { pin: PIN } });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'NO_PIN' } });
  });

  it('the PIN set at pairing opens diagnostics; wrong PINs lock with growing delays', async () => {
    const { d, clock } = await paired();
    expect((await api(d, HTTP_ROUTES.adminDiagnostics)).status).toBe(401);
    for (let i = 0; i < 4; i++) expect((await api(d, HTTP_ROUTES.adminUnlock, { body: { pin: '000111' } })).body).toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });
    expect((await api(d, HTTP_ROUTES.adminUnlock, { body: { pin: '000111' } })).status).toBe(429);
    expect((await api(d, HTTP_ROUTES.adminUnlock, { body: { pin: PIN } })).status).toBe(429);
    clock.advanceBy(30_000);
    const unlocked = await api<AdminSessionJson>(d, HTTP_ROUTES.adminUnlock, { body: { pin: PIN } });
    if (!unlocked.body.ok) throw new Error(unlocked.body.error.message);
    const diagnostics = await api<DiagnosticsJson>(d, HTTP_ROUTES.adminDiagnostics, { session: unlocked.body.value.session });
    if (!diagnostics.body.ok) throw new Error(diagnostics.body.error.message);
    const v = diagnostics.body.value;
    expect(v.room).toEqual({ name: 'Aurora', email: ROOM_EMAIL });
    expect(v.signedInAs).toBe('app credentials');
    expect(v.pairedAt).not.toBeNull();
    expect(v.deviceName).toBe('lintel-test-door');
    expect(v.versions.node).toBe(process.versions.node);
    expect(v.checks.find((c) => c.id === 'mailbox')?.status).toBe('PASS');
    expect(JSON.stringify(v)).not.toContain(APP_SECRET);
    const audit = d.supervisor.current().store.auditLog().map((a) => a.action);
    expect(audit).toContain('admin-pin-wrong');
    expect(audit).toContain('admin-unlocked');
  });

  it('re-open setup shows a fresh QR code while the room keeps showing; factory reset wipes credentials and cache', async () => {
    const { d, usedToken } = await paired();
    const session = async (): Promise<string> => {
      const r = await api<AdminSessionJson>(d, HTTP_ROUTES.adminUnlock, { body: { pin: PIN } });
      if (!r.body.ok) throw new Error(r.body.error.message);
      return r.body.value.session;
    };
    const reopen = await api(d, HTTP_ROUTES.adminCommand, { session: await session(), body: { command: 'reopen-setup' } });
    expect(reopen.body.ok).toBe(true);
    const reopened = await eventually(() => d.supervisor.setupSession() && d.supervisor.current().hub.current().setup, 'setup re-opened');
    expect(reopened.reopened).toBe(true);
    expect(d.supervisor.current().hub.current().room.email).toBe(ROOM_EMAIL);
    // The QR code that paired the display stays dead in every later setup.
    const old = await setupRequest(d.setupPort(), SETUP_ROUTES.status, { token: usedToken });
    expect(old.body).toMatchObject({ ok: false, error: { code: 'TOKEN_USED' } });

    const secretFile = (JSON.parse(readFileSync(d.configPath, 'utf8')) as { calendar: { clientSecretFile: string } }).calendar.clientSecretFile;
    expect(existsSync(secretFile)).toBe(true);
    const reset = await api(d, HTTP_ROUTES.adminCommand, { session: await session(), body: { command: 'factory-reset' } });
    expect(reset.body.ok).toBe(true);
    const unpairedAgain = await eventually(() => {
      const s = d.supervisor.setupSession() ? d.supervisor.current().hub.current() : null;
      return s?.setup && !s.setup.reopened ? s : null;
    }, 'the setup QR code of an unpaired display');
    expect(unpairedAgain.agenda).toEqual([]);
    expect(readPairing(d.dataDir)).toBeNull();
    expect(existsSync(secretFile)).toBe(false);
    expect(existsSync(join(d.dataDir, TOKEN_CACHE_FILE))).toBe(false);
    const config = JSON.parse(readFileSync(d.configPath, 'utf8')) as Record<string, unknown>;
    expect(config.calendar).toBeUndefined();
    expect(config.setup).toBeDefined();
    const store = d.supervisor.current().store;
    expect(store.events(0, Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(store.auditLog().map((a) => a.action)).toEqual(expect.arrayContaining(['paired', 'admin-factory-reset']));
  });

  it('restart brings the display back on the same room and port', async () => {
    const { d } = await paired();
    const before = d.supervisor.current();
    const unlocked = await api<AdminSessionJson>(d, HTTP_ROUTES.adminUnlock, { body: { pin: PIN } });
    if (!unlocked.body.ok) throw new Error(unlocked.body.error.message);
    const restart = await api(d, HTTP_ROUTES.adminCommand, { session: unlocked.body.value.session, body: { command: 'restart' } });
    expect(restart.body.ok).toBe(true);
    const after = await eventually(() => {
      const core = d.supervisor.current();
      return core !== before && core.hub.current().sync.online ? core : null;
    }, 'the restarted display online');
    expect(after.http.port).toBe(before.http.port);
    expect(after.hub.current().room.email).toBe(ROOM_EMAIL);
    expect(after.hub.current().setup).toBeNull();
  });

  it('a hardware long press asks the door for the PIN pad', async () => {
    const { d } = await paired();
    expect(d.supervisor.current().hub.current().adminRequestedAt).toBeNull();
    d.supervisor.current().requestAdmin();
    expect(d.supervisor.current().hub.current().adminRequestedAt).not.toBeNull();
  });
});
