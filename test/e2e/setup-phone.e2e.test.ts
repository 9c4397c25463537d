import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../scripts/graph-simulator/index.js';
import { rendererDir } from '../../src/app/paths.js';
import { readPairing } from '../../src/setup/pairing-record.js';
import { screenshot, useBrowser } from '../helpers/browser.js';
import { APP_CLIENT, APP_SECRET, basicScenario, eventually, PUBLIC_CLIENT, ROOM_EMAIL, simulatorStart } from '../helpers/graph-core.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { decodeQrInPng } from '../helpers/qr.js';
import { startUnpairedDisplay, type UnpairedDisplay } from '../helpers/setup-display.js';

const NOW = Date.parse('2026-11-23T09:00:00Z');
const PHONE = { width: 390, height: 844 };
const DOOR = { width: 800, height: 480 };
// A name that resolves to this machine but is not one of the display's own: DNS rebinding.
const REBIND_HOST = 'rebind.lintel.test';
const browser = useBrowser([`--host-resolver-rules=MAP ${REBIND_HOST} 127.0.0.1`]);

let sim: RunningSimulator | null = null;
const displays: UnpairedDisplay[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const d of displays.splice(0)) await d.close();
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  await sim?.close();
  sim = null;
});

async function unpaired(): Promise<{ d: UnpairedDisplay; clock: ManualClock; door: Page }> {
  const clock = new ManualClock(NOW);
  sim = await simulatorStart(await basicScenario(), clock);
  const d = await startUnpairedDisplay({ sim, clock, staticDir: rendererDir() });
  displays.push(d);
  const door = await browser.newPage(DOOR);
  // The door's countdown reads the page's clock; the display runs on the test's.
  await door.clock.install({ time: NOW });
  await door.goto(d.supervisor.current().http.url);
  await door.getByTestId('setup-prompt').waitFor();
  return { d, clock, door };
}

/** The phone opens the URL in the QR code the door shows (read from the door's pixels). */
async function scanDoor(door: Page, name: string): Promise<string> {
  await door.evaluate(() => document.fonts.ready);
  const url = decodeQrInPng(await screenshot(door, name));
  if (!url) throw new Error('the QR code on the door could not be read');
  return url;
}

async function runChecksAndConfirm(phone: Page, shot: string): Promise<void> {
  await expect.poll(() => phone.getByTestId('checks-step').getAttribute('data-verdict'), { timeout: 20_000 }).toBe('passed');
  await phone.getByTestId('pin').fill('482913');
  await phone.getByTestId('pin-again').fill('482913');
  await screenshot(phone, `${shot}-4-checks`);
  await phone.getByTestId('confirm').click();
  await phone.getByTestId('done').waitFor();
  await screenshot(phone, `${shot}-5-done`);
}

describe('pairing by QR code on a phone (Chromium, 390×844) against the Graph simulator', () => {
  it('app credentials: scan, sign in, pick the room from Places, checks, confirm — the door shows the room within 5 s', { timeout: 60_000 }, async () => {
    const { d, door } = await unpaired();
    const url = await scanDoor(door, 'setup-door-unpaired');
    expect(url).toBe(d.prompt().url);

    const phone = await browser.newPage(PHONE);
    await phone.goto(url);
    await phone.getByTestId('setup-header').waitFor();
    await expect.poll(() => phone.getByTestId('setup-header').textContent()).toContain(d.prompt().code);
    // The token leaves the address bar (and the history) once read.
    expect(new URL(phone.url()).hash).toBe('');
    await screenshot(phone, 'setup-phone-app-1-start');
    await phone.getByTestId('mode-app').click();
    await phone.getByTestId('client-id').fill(APP_CLIENT);
    await phone.getByTestId('secret').fill(APP_SECRET);
    await screenshot(phone, 'setup-phone-app-2-sign-in');
    await phone.getByTestId('sign-in-submit').click();
    await phone.getByTestId('room-step').waitFor();
    await phone.getByTestId('room-search').fill('auro');
    await expect.poll(() => phone.getByTestId('room-row').count()).toBe(1);
    await screenshot(phone, 'setup-phone-app-3-rooms');
    await phone.locator(`[data-testid="room-row"][data-email="${ROOM_EMAIL}"]`).click();
    await runChecksAndConfirm(phone, 'setup-phone-app');

    // The door reconnects to the restarted core and shows the room: within 5 s of confirm.
    await expect.poll(() => door.getByTestId('room-name').textContent(), { timeout: 5_000 }).toContain('Aurora');
    await expect.poll(async () => door.getByTestId('setup-prompt').count()).toBe(0);
    await screenshot(door, 'setup-door-paired');
    expect(readPairing(d.dataDir)?.by).toBe('app credentials');

    // The same QR code again: setup is closed, the page cannot even load.
    const again = await browser.newPage(PHONE);
    const response = await again.goto(url).catch(() => null);
    expect(response).toBeNull();
  });

  it('delegated: the phone shows the device code and the sign-in link; the room is typed when Places is not granted', { timeout: 60_000 }, async () => {
    const { d, door } = await unpaired();
    const phone = await browser.newPage(PHONE);
    await phone.goto(await scanDoor(door, 'setup-door-unpaired-delegated'));
    await phone.getByTestId('mode-delegated').click();
    await phone.getByTestId('client-id').fill(PUBLIC_CLIENT);
    await phone.getByTestId('sign-in-submit').click();
    await phone.getByTestId('device-code').waitFor();
    const code = (await phone.getByTestId('device-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z0-9-]{6,}$/);
    expect(await phone.getByTestId('device-code-link').getAttribute('href')).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/devicelogin$/);
    await screenshot(phone, 'setup-phone-delegated-2-device-code');
    sim?.state.approveDeviceCode(code, { username: 'booking@contoso.com' });
    await phone.getByTestId('room-step').waitFor({ timeout: 15_000 });
    await phone.getByTestId('places-unavailable').waitFor();
    await phone.getByTestId('room-address').fill(ROOM_EMAIL);
    await screenshot(phone, 'setup-phone-delegated-3-address');
    await phone.getByTestId('room-address-submit').click();
    await runChecksAndConfirm(phone, 'setup-phone-delegated');
    await expect.poll(() => door.getByTestId('room-name').count(), { timeout: 5_000 }).toBe(1);
    await eventually(() => d.supervisor.current().hub.current().sync.online, 'the paired door online', 10_000);
    expect(readPairing(d.dataDir)?.by).toBe('booking@contoso.com');
  });

  it('an expired code sends the phone back to the display for a new one', async () => {
    const { d, clock, door } = await unpaired();
    const phone = await browser.newPage(PHONE);
    await phone.goto(await scanDoor(door, 'setup-door-before-expiry'));
    await phone.getByTestId('setup-header').waitFor();
    const old = d.prompt().url;
    clock.advanceBy(15 * 60_000);
    expect(d.prompt().url).not.toBe(old);
    await phone.getByTestId('mode-delegated').click();
    await phone.getByTestId('client-id').fill(PUBLIC_CLIENT);
    await phone.getByTestId('sign-in-submit').click();
    await expect.poll(() => phone.getByTestId('setup-blocked').getAttribute('data-code')).toBe('TOKEN_EXPIRED');
    await screenshot(phone, 'setup-phone-expired');
    // The door already shows the fresh code.
    expect(await scanDoor(door, 'setup-door-after-expiry')).toBe(d.prompt().url);
  });

  it('five wrong typed codes lock setup: the phone and the door both say so', async () => {
    const { d, door } = await unpaired();
    const phone = await browser.newPage(PHONE);
    await phone.goto(d.prompt().address);
    await phone.getByTestId('setup-code-form').waitFor();
    for (let i = 0; i < 5; i++) {
      await phone.getByTestId('setup-code-input').fill(`ZZZZ-ZZZ${i}`);
      await phone.getByTestId('setup-code-submit').click();
      if (i < 4) await expect.poll(() => phone.getByTestId('setup-error').count()).toBeGreaterThan(0);
    }
    await expect.poll(() => phone.getByTestId('setup-blocked').getAttribute('data-code')).toBe('LOCKED');
    await screenshot(phone, 'setup-phone-locked');
    await door.getByTestId('setup-locked').waitFor();
    await screenshot(door, 'setup-door-locked');
    expect(d.prompt().lockedUntil).not.toBeNull();
  });

  it('refuses a page reached under a foreign host name (DNS rebinding) and a cross-origin POST', async () => {
    const { d } = await unpaired();
    const port = d.setupPort();
    const phone = await browser.newPage(PHONE);
    const rebound = await phone.goto(`http://${REBIND_HOST}:${port}/setup`);
    expect(rebound?.status()).toBe(421);

    // Another site's page tries to pair the display with a form-style POST (no preflight).
    const evil = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        `<script>fetch('http://127.0.0.1:${port}/setup/api/confirm',{method:'POST',mode:'no-cors',headers:{'content-type':'text/plain'},` +
          `body:JSON.stringify({roomEmail:'${ROOM_EMAIL}',roomName:null,pin:'482913'})}).then(()=>document.title='sent',()=>document.title='sent')</script>`,
      );
    });
    servers.push(evil);
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    const attacker = await browser.newPage(PHONE);
    await attacker.goto(`http://localhost:${(evil.address() as AddressInfo).port}/`);
    await expect.poll(() => attacker.title()).toBe('sent');
    await expect.poll(() => d.logLines().some((l) => l.event === 'setup.refused' && l.code === 'CROSS_ORIGIN')).toBe(true);
    expect(readPairing(d.dataDir)).toBeNull();
    expect(d.supervisor.setupSession()).not.toBeNull();
  });
});
