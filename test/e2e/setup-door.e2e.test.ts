import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RoomStateJson, SetupPromptJson } from '../../src/api/contract.js';
import { screenshot } from '../helpers/browser.js';
import { useFakeDoor } from '../helpers/fake-door.js';
import { decodeQrInPng } from '../helpers/qr.js';
import { berlin, roomStateJson, STATE_NOW } from '../helpers/room-state-json.js';
import { type Box, box, inside, overlap } from '../helpers/boxes.js';

const ADDRESS = 'http://192.168.1.40:8421/setup';
const URL_WITH_TOKEN = `${ADDRESS}#t=q2Xc9VwLr4mT8bN1pZk7sHd3fGy6jUe0aOiR5vBnMcE`;

function setupPrompt(partial: Partial<SetupPromptJson> = {}): SetupPromptJson {
  return {
    url: URL_WITH_TOKEN,
    code: 'K7QM-2XHD',
    deviceName: 'lintel-aurora-01',
    address: ADDRESS,
    expiresAt: berlin('10:17'),
    lockedUntil: null,
    reopened: false,
    ...partial,
  };
}

const DE = { locale: 'de-DE', hourCycle: 'h23', devOverlay: false } as const;

const door = useFakeDoor({ ready: 'setup-prompt' });
const { feed } = door;

/** Opens the door on `state`, with the page's clock fixed at the moment the state describes. */
const open = (state: RoomStateJson, width: number, height: number, ready = 'setup-prompt'): Promise<Page> => door.open(state, { width, height, ready });

/** Every element on screen, none on top of another, nothing scrolled out of the fixed screen. */
async function expectLaidOut(page: Page, ids: readonly string[], width: number, height: number): Promise<void> {
  const boxes = await Promise.all(ids.map((id) => box(page, id)));
  for (const [i, b] of boxes.entries()) expect(inside(b, width, height), `${ids[i]} on screen`).toBe(true);
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i] as Box, boxes[j] as Box), `${ids[i]} vs ${ids[j]}`).toBe(false);
  const overflow = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]);
  expect(overflow).toEqual([width, height]);
  // Text cut off inside its own box would not show as an overlap: check nothing overflows either.
  // (Across only: a glyph's ascent may poke a pixel above a tight line box without hiding anything.)
  for (const id of ids) {
    const cut = await page.getByTestId(id).evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    expect(cut, `${id} not cut`).toBe(false);
  }
}

describe('the setup prompt on the door', () => {
  for (const [width, height] of [
    [800, 480],
    [1280, 800],
    [480, 800],
  ] as const) {
    it(`shows a scannable QR code, the code and the address at ${width}x${height}`, async () => {
      const page = await open(roomStateJson({ setup: setupPrompt() }), width, height);
      expect(await page.getByTestId('setup-title').textContent()).toBe('Set up this display');
      expect(await page.getByTestId('setup-device').textContent()).toBe('This display: lintel-aurora-01');
      expect(await page.getByTestId('setup-code').textContent()).toBe('K7QM-2XHD');
      expect(await page.getByTestId('setup-scan').textContent()).toBe('Scan the QR code with your phone,');
      expect(await page.getByTestId('setup-address').textContent()).toBe(`or open ${ADDRESS} and type the code`);
      expect(await page.getByTestId('setup-countdown').textContent()).toBe('Code expires in 15:00');
      expect(await page.getByTestId('setup-locked').count()).toBe(0);
      expect(await page.getByTestId('setup-reopened').count()).toBe(0);
      // Neither the room nor the sign-in: the display has no room yet.
      expect(await page.getByTestId('status-panel').count()).toBe(0);
      expect(await page.getByTestId('sign-in').count()).toBe(0);
      // A kiosk has no back button: the address is text, never a link.
      expect(await page.locator('a').count()).toBe(0);

      await expectLaidOut(page, ['setup-device', 'setup-title', 'setup-scan', 'setup-address', 'setup-code', 'setup-qr', 'setup-countdown'], width, height);

      // Typed off the door from a metre away: big, and monospace so every character has its own cell.
      const code = await page.getByTestId('setup-code').evaluate((el) => ({ px: parseFloat(getComputedStyle(el).fontSize), family: getComputedStyle(el).fontFamily }));
      expect(code.px).toBeGreaterThanOrEqual(0.1 * Math.min(width, height));
      expect(code.family).toMatch(/mono/i);

      // Scannable from half a metre: at least 5 cm on a 7" 800x480 panel (~5.2 px/mm).
      const qr = await box(page, 'setup-qr');
      expect(Math.round(qr.width)).toBe(Math.round(qr.height));
      expect(qr.width).toBeGreaterThanOrEqual(0.54 * Math.min(width, height));

      const path = await screenshot(page, `setup-${width}x${height}`);
      expect(decodeQrInPng(path)).toBe(URL_WITH_TOKEN);
    });
  }

  for (const [width, height] of [
    [800, 480],
    [1280, 800],
  ] as const) {
    it(`says an admin re-opened setup and the room stays paired, at ${width}x${height}`, async () => {
      const page = await open(roomStateJson({ setup: setupPrompt({ reopened: true }) }), width, height);
      expect(await page.getByTestId('setup-reopened').textContent()).toBe(
        'An admin re-opened setup. This display stays paired to Aurora until a new setup is confirmed.',
      );
      await expectLaidOut(page, ['setup-device', 'setup-title', 'setup-scan', 'setup-address', 'setup-code', 'setup-qr', 'setup-countdown', 'setup-reopened'], width, height);
      const path = await screenshot(page, `setup-reopened-${width}x${height}`);
      expect(decodeQrInPng(path)).toBe(URL_WITH_TOKEN);
    });
  }

  it('fits the longer German words with the re-opened line at 800x480', async () => {
    const page = await open(roomStateJson({ display: DE, setup: setupPrompt({ reopened: true }) }), 800, 480);
    expect(await page.getByTestId('setup-title').textContent()).toBe('Dieses Display einrichten');
    expect(await page.getByTestId('setup-scan').textContent()).toBe('Den QR-Code mit dem Handy scannen');
    expect(await page.getByTestId('setup-address').textContent()).toBe(`oder ${ADDRESS} öffnen und den Code eingeben`);
    expect(await page.getByTestId('setup-countdown').textContent()).toBe('Code gültig noch 15:00');
    expect(await page.getByTestId('setup-reopened').textContent()).toContain('Das Display bleibt mit Aurora verbunden');
    await expectLaidOut(page, ['setup-device', 'setup-title', 'setup-scan', 'setup-address', 'setup-code', 'setup-qr', 'setup-countdown', 'setup-reopened'], 800, 480);
    const path = await screenshot(page, 'setup-reopened-de-800x480');
    expect(decodeQrInPng(path)).toBe(URL_WITH_TOKEN);
  });

  for (const [width, height] of [
    [800, 480],
    [1280, 800],
  ] as const) {
    it(`says setup is locked, and offers no QR code, at ${width}x${height}`, async () => {
      const page = await open(roomStateJson({ setup: setupPrompt({ lockedUntil: berlin('10:17') }) }), width, height);
      expect(await page.getByTestId('setup-locked').textContent()).toBe('Setup is locked after too many wrong codes — try again at 10:17');
      expect(await page.getByTestId('setup-prompt').getAttribute('data-locked')).toBe('true');
      expect(await page.getByTestId('setup-qr').count()).toBe(0);
      expect(await page.getByTestId('setup-scan').count()).toBe(0);
      // The code keeps its place but loses its ink: nobody should type a code that is refused.
      const opacity = await page.getByTestId('setup-code').evaluate((el) => {
        let o = 1;
        for (let e: Element | null = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
        return o;
      });
      expect(opacity).toBeLessThan(0.5);
      await expectLaidOut(page, ['setup-device', 'setup-title', 'setup-address', 'setup-code', 'setup-locked'], width, height);
      // The lock is the biggest sentence on screen after the title and the code.
      const lockPx = await page.getByTestId('setup-locked').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      const addressPx = await page.getByTestId('setup-address').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(lockPx).toBeGreaterThan(addressPx);
      const path = await screenshot(page, `setup-locked-${width}x${height}`);
      expect(decodeQrInPng(path)).toBeNull();
    });
  }

  it('counts the code down, then says a new one is coming and takes it without a reload', async () => {
    const page = await open(roomStateJson({ setup: setupPrompt({ expiresAt: '2026-11-23T10:02:02+01:00' }) }), 800, 480);
    const countdown = page.getByTestId('setup-countdown');
    expect(await countdown.textContent()).toBe('Code expires in 0:02');
    await page.clock.setFixedTime(STATE_NOW + 2_000);
    await expect.poll(() => countdown.textContent()).toBe('This code has expired. A new one is on its way…');
    expect(await page.getByTestId('setup-prompt').getAttribute('data-expired')).toBe('true');

    feed.set(roomStateJson({ setup: setupPrompt({ code: 'P3WN-8RTA', expiresAt: '2026-11-23T10:17:02+01:00' }) }));
    await expect.poll(() => page.getByTestId('setup-code').textContent()).toBe('P3WN-8RTA');
    expect(await countdown.textContent()).toBe('Code expires in 15:00');
    expect(await page.getByTestId('setup-prompt').getAttribute('data-expired')).toBe('false');
  });

  it('renders what it is given as text, and offers no QR code for a URL that is not a web page', async () => {
    const hostile = '<img src=x onerror="document.title=\'pwned\'">';
    const page = await open(
      roomStateJson({ setup: setupPrompt({ code: hostile, deviceName: '<b>x</b>', url: 'javascript:document.title="pwned"', address: '<i>addr</i>' }) }),
      800,
      480,
    );
    expect(await page.getByTestId('setup-code').textContent()).toBe(hostile);
    expect(await page.getByTestId('setup-device').textContent()).toBe('This display: <b>x</b>');
    expect(await page.getByTestId('setup-address').textContent()).toBe('or open <i>addr</i> and type the code');
    expect(await page.locator('img, b, i, a, script:not([src])').count()).toBe(0);
    expect(await page.getByTestId('setup-qr').count()).toBe(0);
    expect(await page.title()).toBe('Lintel');
  });

  it('gives way to the room once setup is confirmed, and comes back when it is re-opened', async () => {
    const page = await open(roomStateJson({ setup: setupPrompt() }), 800, 480);
    feed.set(roomStateJson());
    await expect.poll(() => page.getByTestId('status-word').textContent()).toBe('Busy');
    expect(await page.getByTestId('setup-prompt').count()).toBe(0);
    feed.set(roomStateJson({ setup: setupPrompt({ reopened: true }) }));
    await expect.poll(() => page.getByTestId('setup-prompt').count()).toBe(1);
    expect(await page.getByTestId('status-panel').count()).toBe(0);
  });
});
